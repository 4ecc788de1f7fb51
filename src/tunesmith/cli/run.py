"""``tunesmith run``: build everything a config describes, then run trials until the budget.

Preparing loads the config, imports or builds the objective, loads the data
and builds the sampler, so every config error surfaces before a storage is
touched. Executing runs trials until the study holds ``n_trials`` in total:
another run (``--resume``), or several at once, share that one budget, which
the storage hands out atomically.
"""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tunesmith.cli.config import RunConfig, load_config
from tunesmith.cli.config_errors import config_error
from tunesmith.cli.fingerprint import config_fingerprint
from tunesmith.cli.held_out import HeldOutData
from tunesmith.cli.interrupt import InterruptGuard, Interruption, interruption_of
from tunesmith.cli.objectives import build_objective
from tunesmith.cli.samplers import build_sampler
from tunesmith.exceptions import ConfigError, InvalidSpaceError
from tunesmith.execution import DaskExecutor, Executor, resolve_n_jobs, run_optimization
from tunesmith.pruners import Pruner
from tunesmith.samplers import Sampler
from tunesmith.study import Objective, Study

__all__ = ["PreparedRun", "execute", "is_cluster_error", "prepare_run", "remaining_trials"]


@dataclass(frozen=True, slots=True)
class PreparedRun:
    """Everything a run needs, built and checked from a config file.

    Attributes:
        config_path: the config file.
        config: its validated content.
        objective: what each trial calls.
        sampler: the sampler, with the config's options and seed.
        pruner: the pruner.
        n_trials: the study's total number of trials (``--n-trials`` or the
            config's, at most a grid's size), or None when only a timeout bounds it.
        fingerprint: what the study tunes, stored with it and checked on resume.
        held_out: with ``test_size``, the data held out of tuning; else None.
    """

    config_path: Path
    config: RunConfig
    objective: Objective
    sampler: Sampler
    pruner: Pruner
    n_trials: int | None
    fingerprint: dict[str, Any]
    held_out: HeldOutData | None = None

    @property
    def catch(self) -> tuple[type[Exception], ...]:
        """What fails a trial without stopping the run.

        One bad estimator configuration (a fit that raises) should not end a
        study; an error in the user's own function should, with its traceback.
        """
        return (Exception,) if self.config.estimator is not None else ()

    def study_name(self, override: str | None) -> str:
        """``--study``, else the config's ``study``, else the config file's stem."""
        return override or self.config.study or self.config_path.stem

    def sampler_description(self) -> str:
        """Which sampler runs, as the run's header shows it."""
        text = f"Sampler: {self.sampler.name}"
        if self.config.seed is not None:
            text += f", seed {self.config.seed}"
        return text


def prepare_run(
    config_path: Path,
    n_trials: int | None = None,
    *,
    n_jobs: int | None = None,
    timeout: float | None = None,
    seed: int | None = None,
    dask: bool = False,
) -> PreparedRun:
    """Load and check the config and build the objective and sampler; touch no storage.

    Args:
        config_path: the YAML file.
        n_trials: overrides the config's ``n_trials`` (the study's total).
        n_jobs, timeout, seed: override the config's, when not None (checked
            by the command line before).
        dask: the run has a Dask scheduler's address (``--dask``).

    Raises:
        ConfigError: anything wrong with the config, naming the field.
    """
    overrides = {"n_jobs": n_jobs, "timeout": timeout, "seed": seed}
    config = load_config(config_path).model_copy(
        update={name: value for name, value in overrides.items() if value is not None}
    )
    source = str(config_path)
    if config.executor == "dask" and not dask:
        # A config holds no scheduler address; without one the run could only fail later.
        raise config_error(
            source,
            "executor",
            "'dask' needs the scheduler's address: leave it out and pass --dask tcp://host:8786 "
            "to `tunesmith run`",
            config.executor,
        )
    space = config.plain_space()
    sampler = build_sampler(config.sampler.name, config.sampler.options, config.seed, space)
    for problem in sampler.problems():
        field = f"sampler.{problem.argument}"
        raise config_error(source, field, f"must be {problem.rule}", problem.value)
    try:
        # A grid is built here, so a space it cannot span fails now, not in trial 0.
        sampler_limit = sampler.max_trials()
    except InvalidSpaceError as error:
        raise config_error(source, "sampler", str(error), config.sampler.name) from None
    total = n_trials if n_trials is not None else config.n_trials
    if sampler_limit is not None:
        total = sampler_limit if total is None else min(total, sampler_limit)
    if total is None and config.timeout is None:
        raise ConfigError(
            f"{source}: give 'n_trials' (the study's total number of trials) or 'timeout' "
            "(seconds), or pass --n-trials; otherwise the run would never end."
        )
    objective, held_out = build_objective(config, config_path)
    return PreparedRun(
        config_path=config_path,
        config=config,
        objective=objective,
        sampler=sampler,
        pruner=config.build_pruner(),
        n_trials=total,
        fingerprint=config_fingerprint(config),
        held_out=held_out,
    )


def counted_trials(study: Study) -> int:
    """The study's trials that count towards ``n_trials``: all but those Ctrl-C stopped."""
    return sum(not t.interrupted for t in study.trials)


def remaining_trials(study: Study, n_trials: int | None) -> int | None:
    """How many trials the study lacks to hold ``n_trials``; None when unbounded."""
    return None if n_trials is None else max(0, n_trials - counted_trials(study))


def is_cluster_error(error: BaseException) -> bool:
    """Whether ``error`` came from Dask's own machinery (a scheduler gone), not from a trial.

    An objective's error reaches the run as the objective raised it; only Dask's
    client and its network layer raise errors of their own modules.
    """
    return type(error).__module__.partition(".")[0] in ("distributed", "tornado")


def _send_module_by_value(reference: str) -> None:
    """Make the objective's module travel to Dask workers with the objective itself.

    The module was imported from the config's folder, which a Dask worker's
    ``sys.path`` lacks (on another machine, the file is not even there).
    """
    import cloudpickle

    module_name = reference.partition(":")[0]
    cloudpickle.register_pickle_by_value(sys.modules[module_name])


def execute(
    study: Study, prepared: PreparedRun, executor: Executor | None = None
) -> Interruption | None:
    """Run trials until the study holds ``n_trials``, the timeout passes or a grid ends.

    ``executor`` (a Dask cluster's, from ``--dask``) overrides the config's.

    Returns:
        What Ctrl-C left, when it stopped the run; else None. A trial that
        Ctrl-C stops is stored as interrupted (FAIL, not counted towards
        ``n_trials``), so the study keeps no RUNNING trial;
        with worker processes, Ctrl-C to this process alone lets each worker
        finish its trial and start no new one.

    Raises:
        Exception: whatever the user's objective function raised (that trial
            is stored as FAIL first); estimator failures only fail their trial.
    """
    config = prepared.config
    first_number = len(study.trials)
    guard = InterruptGuard(study, main_thread_waits=resolve_n_jobs(config.n_jobs) > 1)
    # A process pool needs a picklable objective, and its workers get Ctrl-C themselves.
    chosen = executor or config.executor
    if config.objective is not None and (chosen == "dask" or isinstance(chosen, DaskExecutor)):
        _send_module_by_value(config.objective)
    threads = chosen == "thread"
    objective = guard.wrap(prepared.objective) if threads else prepared.objective
    with contextlib.ExitStack() as stack:
        if threads:
            stack.enter_context(guard)
        try:
            run_optimization(
                study,
                objective,
                max_total_trials=prepared.n_trials,
                timeout=config.timeout,
                n_jobs=config.n_jobs,
                callbacks=[],
                catch=prepared.catch,
                show_progress_bar=True,
                executor=chosen,
                progress_total=remaining_trials(study, prepared.n_trials),
                retries=config.retries,
                trial_timeout=config.trial_timeout,
                trial_memory=config.trial_memory,
            )
        except KeyboardInterrupt:
            return interruption_of(study, first_number)
    return interruption_of(study, first_number) if guard.interrupted else None
