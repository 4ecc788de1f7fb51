"""``tunesmith worker``: join a study that lives in a shared storage, from any machine.

A worker is ``tunesmith run --resume`` without the results: it builds the
objective from the same config file (which is where the objective is
described; a study stores no code), loads the study, which must exist, and
runs trials until the study holds its budget. Workers on many machines share
one budget, because the storage hands out trial numbers; a worker that dies
leaves a trial the others fail (and retry) once its heartbeat stops.
"""

from __future__ import annotations

from pathlib import Path

import click

from tunesmith.cli.failed_run import same_failure_error
from tunesmith.cli.resume import open_study_for_run
from tunesmith.cli.run import execute, prepare_run
from tunesmith.cli.storage import opened_storage, shown_url
from tunesmith.exceptions import StudyNotFoundError
from tunesmith.trial import TrialState

__all__ = ["worker"]

# The exit status of a process stopped by Ctrl-C (128 + SIGINT), as shells report it.
_INTERRUPTED_STATUS = 130


@click.command()
@click.argument("config", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--storage",
    required=True,
    help="The URL of the storage the study lives in, as this machine reaches it: "
    "postgresql+psycopg://USER@HOST/DB (or sqlite:///FILE on a shared disk).",
)
@click.option(
    "--study",
    "study_name",
    help="Study name; default: the config's 'study', else the config file's name.",
)
@click.option(
    "--n-trials",
    type=click.IntRange(min=1),
    help="The study's TOTAL number of trials, as in `tunesmith run`; default: the config's.",
)
@click.option(
    "--n-jobs",
    type=click.IntRange(min=1),
    help="Trials this worker runs at once; overrides the config's n_jobs.",
)
@click.pass_context
def worker(
    ctx: click.Context,
    config: Path,
    storage: str,
    study_name: str | None,
    n_trials: int | None,
    n_jobs: int | None,
) -> None:
    """Run trials of a study that `tunesmith run CONFIG` started, from this machine.

    CONFIG is the config file the study was started with (a copy on this
    machine): it names the objective, which must be importable here too. The
    study must exist in --storage; trials run until it holds n_trials in
    total, however many workers share it. An error in the objective is
    stored as a failed trial and ends this worker with its traceback.

    \b
    tunesmith run search.yaml --storage postgresql+psycopg://tuner@db/studies
    tunesmith worker search.yaml --storage postgresql+psycopg://tuner@db/studies
    """
    prepared = prepare_run(config, n_trials, n_jobs=n_jobs)
    name = prepared.study_name(study_name)
    with opened_storage(storage) as store:
        try:
            study, status = open_study_for_run(
                store,
                shown_url(storage),
                name,
                "resume",
                directions=prepared.config.study_directions,
                sampler=prepared.sampler,
                pruner=prepared.pruner,
                fingerprint=prepared.fingerprint,
            )
        except StudyNotFoundError:
            raise StudyNotFoundError(
                f"There is no study {name!r} in {shown_url(storage)} to join; start it first "
                f"with `tunesmith run {config} --storage {shown_url(storage)}`."
            ) from None
        click.echo(status.replace("Resuming", "Joining", 1))
        first_number = len(study.trials)
        interrupted = execute(study, prepared)
        trials = study.trials
        n_complete = sum(t.state is TrialState.COMPLETE for t in trials)
        click.echo(
            f"Study {study.study_name!r} holds {len(trials)} trial(s), {n_complete} complete."
        )
        # As `tunesmith run` does: trials stored meanwhile that all failed one way end it.
        failure = same_failure_error(prepared.config, str(config), trials[first_number:])
        if failure is not None and not interrupted:
            raise failure
        if interrupted:
            click.secho(
                f"Interrupted: study {study.study_name!r} {interrupted.summary()}.",
                fg="yellow",
                err=True,
            )
            ctx.exit(_INTERRUPTED_STATUS)
