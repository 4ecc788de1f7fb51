"""The ``tunesmith`` command group: thin click commands over the run, table and export modules."""

from __future__ import annotations

import contextlib
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal, TypeVar

import click
from rich.console import Console
from rich.text import Text

from tunesmith import __version__
from tunesmith.cli.config import DEFAULT_STORAGE
from tunesmith.cli.console import output_console, print_line
from tunesmith.cli.dashboard import dashboard
from tunesmith.cli.estimates import chosen_trial, trust_lines
from tunesmith.cli.export import FORMATS, export_rows, export_trial_rows
from tunesmith.cli.failed_run import same_failure_error
from tunesmith.cli.held_out import score_chosen_trial
from tunesmith.cli.model_card import fit_configured_model, hyperparameter_table, parameter_table
from tunesmith.cli.resume import Mode, open_study_for_run
from tunesmith.cli.run import (
    counted_trials,
    execute,
    is_cluster_error,
    prepare_run,
    remaining_trials,
)
from tunesmith.cli.selection import selected_trial_line
from tunesmith.cli.storage import opened_storage, shown_url
from tunesmith.cli.study_commands import copy, delete, rename
from tunesmith.cli.study_metadata import record_run_metadata
from tunesmith.cli.tables import (
    format_count,
    format_value,
    hyperparameters_table,
    hypervolume_line,
    print_run_results,
    pruning_line,
    ranked_trials,
    states_line,
    studies_table,
    trials_table,
)
from tunesmith.cli.worker import worker
from tunesmith.exceptions import InvalidArgumentError, NoCompletedTrialsError, TunesmithError
from tunesmith.execution import DaskExecutor
from tunesmith.report import report
from tunesmith.study import Study, list_studies, load_study
from tunesmith.study.selection import parse_selection_rule
from tunesmith.trial import TrialState

__all__ = ["main"]

# The exit status of a process stopped by Ctrl-C (128 + SIGINT), as shells report it.
_INTERRUPTED_STATUS = 130

_Command = TypeVar("_Command", bound=Callable[..., Any])


class _Group(click.Group):
    """Reports tunesmith's own errors as one red line on stderr and exit status 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TunesmithError as error:
            click.secho(f"Error: {error}", fg="red", err=True)
            ctx.exit(2)


def _say(console: Console, text: str) -> None:
    _print_lines(console, [Text(text)])


def _print_lines(console: Console, lines: list[Text]) -> None:
    for line in lines:
        print_line(console, line)


def _storage_option(default: str | None) -> Callable[[_Command], _Command]:
    return click.option(
        "--storage",
        default=default,
        show_default=default is not None,
        help="Storage URL: sqlite:///FILE (relative to the current directory) or "
        "postgresql+psycopg://USER@HOST/DB.",
    )


def _check_n_jobs(n_jobs: int | None) -> int | None:
    if n_jobs is not None and n_jobs < 1 and n_jobs != -1:
        raise click.BadParameter(f"must be -1 (one per CPU core) or at least 1; got {n_jobs}.")
    return n_jobs


def _resume_command(
    config: Path, study_name: str | None, storage: str | None, url: str, dask_address: str | None
) -> str:
    """The `tunesmith run ... --resume` command that continues this run, with its options."""
    command = f"tunesmith run {config} --resume"
    command += f" --study {study_name}" if study_name else ""
    command += f" --storage {url}" if storage else ""
    command += f" --dask {dask_address}" if dask_address else ""
    return command


@contextlib.contextmanager
def _opened_study(name: str, storage: str) -> Iterator[Study]:
    with opened_storage(storage, must_exist=True) as store:
        yield load_study(name, store)


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="tunesmith")
def main() -> None:
    """Tune hyperparameters from a YAML config, and look at the studies it stores.

    \b
    tunesmith run examples/svm_breast_cancer.yaml
    tunesmith studies
    tunesmith best svm-breast-cancer
    """


main.add_command(delete)
main.add_command(copy)
main.add_command(rename)
main.add_command(worker)
main.add_command(dashboard)


@main.command()
@click.argument("config", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--n-trials",
    type=click.IntRange(min=1),
    help="The study's total number of trials; overrides the config's n_trials.",
)
@_storage_option(None)
@click.option(
    "--study",
    "study_name",
    help="Study name; default: the config's 'study', else the config file's name.",
)
@click.option(
    "--n-jobs",
    type=int,
    callback=lambda ctx, param, value: _check_n_jobs(value),
    help="Trials run at once (-1: one per CPU core); overrides the config's n_jobs.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds after which no new trial starts; overrides the config's timeout.",
)
@click.option(
    "--seed",
    type=click.IntRange(min=0),
    help="The sampler's seed; overrides the config's seed (a resumed study keeps its trials).",
)
@click.option("--resume", is_flag=True, help="Continue the stored study of this config.")
@click.option("--new", is_flag=True, help="Start a fresh study beside the stored one (NAME-2).")
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    help="Run each trial as a task on the Dask cluster whose scheduler is at ADDRESS "
    "(tcp://host:8786); n_jobs trials run at once. Needs a storage every worker reaches.",
)
@click.pass_context
def run(
    ctx: click.Context,
    config: Path,
    n_trials: int | None,
    storage: str | None,
    study_name: str | None,
    n_jobs: int | None,
    timeout: float | None,
    seed: int | None,
    resume: bool,
    new: bool,
    dask_address: str | None,
) -> None:
    """Run the trials CONFIG describes, then show the best ones.

    CONFIG is a YAML file naming what to tune (an 'objective' function or a
    scikit-learn 'estimator' with its 'dataset'), the 'space' and the budget;
    see examples/.

    n_trials (in CONFIG or --n-trials) is the study's TOTAL: a run adds trials
    until the study holds that many, so --resume after an interruption runs
    only the missing ones, and several runs of one study (--resume from other
    shells or machines sharing the storage) never run more between them.

    A study is never resumed by accident: running a config whose study exists
    is refused. --resume continues it (refused if the config now tunes another
    objective or space); --new starts a fresh study beside it.

    The storage is --storage, else the config's 'storage', else
    sqlite:///tunesmith.db. Ctrl-C stops the run: the running trial is stored
    as failed, and the exit status is 130.
    """
    if resume and new:
        raise click.UsageError("--resume and --new cannot be used together.")
    mode: Mode = "resume" if resume else "new" if new else "create"
    console = output_console()
    prepared = prepare_run(
        config, n_trials, n_jobs=n_jobs, timeout=timeout, seed=seed, dask=dask_address is not None
    )
    url = storage or prepared.config.storage or DEFAULT_STORAGE
    executor = None if dask_address is None else DaskExecutor(address=dask_address)
    # A scheduler that does not answer is reported before any study is stored.
    with executor or contextlib.nullcontext(), opened_storage(url) as store:
        study, status = open_study_for_run(
            store,
            shown_url(url),
            prepared.study_name(study_name),
            mode,
            directions=prepared.config.study_directions,
            sampler=prepared.sampler,
            pruner=prepared.pruner,
            fingerprint=prepared.fingerprint,
        )
        _say(console, f"{status} in {shown_url(url)}")
        _say(console, prepared.sampler_description())
        record_run_metadata(study, prepared.config)
        remaining = remaining_trials(study, prepared.n_trials)
        if remaining == 0:
            _say(
                console,
                f"The study holds {counted_trials(study)} trials, its whole budget (n_trials, or "
                "the grid's size): nothing to run. Pass a larger --n-trials to run more.",
            )
        first_number = len(study.trials)
        try:
            interrupted = execute(study, prepared, executor) if remaining != 0 else None
        except TunesmithError:
            raise
        except Exception as error:
            if dask_address is not None and is_cluster_error(error):
                resume_line = _resume_command(config, study_name, storage, url, dask_address)
                raise InvalidArgumentError(
                    f"The Dask cluster at {dask_address!r} stopped answering while the run "
                    f"used it ({type(error).__name__}: {error}). Finished trials are stored; "
                    f"once the cluster is back, resume with `{resume_line}`."
                ) from None
            # The user's own function failed: its traceback is what they need to fix it.
            traceback.print_exc()
            click.secho(
                f"Error: the objective raised {type(error).__name__}: {error}. That trial is "
                "stored as failed; fix the function, then run again with --resume.",
                fg="red",
                err=True,
            )
            ctx.exit(1)
        print_run_results(console, study)
        failure = same_failure_error(prepared.config, str(config), study.trials[first_number:])
        if failure is not None and not interrupted:
            raise failure
        rule = prepared.config.select
        if rule is not None and study.get_trials([TrialState.COMPLETE]):
            chosen = study.select(rule)
            _say(console, selected_trial_line(study, rule, chosen))
            console.print(hyperparameters_table(chosen))
        focus = chosen_trial(study, rule)
        if prepared.held_out is not None and focus is not None and not interrupted:
            _, warnings = score_chosen_trial(study, prepared.held_out, focus)
            for warning in warnings:
                click.secho(f"Warning from the held-out refit: {warning}", fg="yellow", err=True)
        _print_lines(console, trust_lines(study, focus))
        report_command_line = f"tunesmith report {study.study_name}"
        report_command_line += f" --storage {url}" if url != DEFAULT_STORAGE else ""
        _say(console, f"Write its HTML report with `{report_command_line} -o report.html`.")
        if interrupted:
            command = _resume_command(config, study_name, storage, url, dask_address)
            click.secho(
                f"Interrupted: study {study.study_name!r} {interrupted.summary()}. Resume with "
                f"`{command}`.",
                fg="yellow",
                err=True,
            )
            ctx.exit(_INTERRUPTED_STATUS)


@main.command()
@_storage_option(DEFAULT_STORAGE)
def studies(storage: str) -> None:
    """List the studies in a storage.

    One row per study: its directions, trials, completed trials and best value.
    """
    console = output_console()
    with opened_storage(storage, must_exist=True) as store:
        summaries = list_studies(store)
    if not summaries:
        _say(console, f"No studies in {shown_url(storage)}.")
        return
    console.print(studies_table(summaries, width=console.width))


@main.command()
@click.argument("study_name", metavar="STUDY")
@_storage_option(DEFAULT_STORAGE)
def show(study_name: str, storage: str) -> None:
    """Show every trial of STUDY.

    One row per trial: its state, value(s), train score and gap (when
    recorded), hyperparameters and duration. Then the held-out test score or
    the selection-bias corrected estimate of the best score, and which
    trials may overfit.
    """
    console = output_console()
    with _opened_study(study_name, storage) as study:
        trials = study.trials
        pruning = pruning_line(study)
        trust = trust_lines(study)
        names = study.metric_names
    title = f"Trials of {study.study_name}"
    console.print(
        trials_table(trials, study.directions, title, objective_names=names, width=console.width)
    )
    _say(console, states_line(trials))
    if pruning is not None:
        _say(console, pruning)
    _print_lines(console, trust)


@main.command()
@click.argument("study_name", metavar="STUDY")
@click.option(
    "--select",
    "rule",
    metavar="RULE",
    help="Show the trial a selection rule chooses: best, smallest_within:1se (the fewest "
    "parameters within one standard error of the best score), smallest_within:0.005 "
    "(within an absolute tolerance) or smallest_within:1% (relative).",
)
@_storage_option(DEFAULT_STORAGE)
def best(study_name: str, rule: str | None, storage: str) -> None:
    """Show the best trial of STUDY (or its Pareto front), or the one --select chooses.

    For one objective: the best trial's number, value and hyperparameters. For
    several: every trial on the Pareto front, and the front's hypervolume.
    With --select RULE, also the trial the rule chooses and its hyperparameters.
    """
    if rule is not None:
        parse_selection_rule(rule)  # a malformed rule is refused before the storage opens
    console = output_console()
    with _opened_study(study_name, storage) as study:
        ranked = ranked_trials(study)
        pruning = pruning_line(study)
        hypervolume = hypervolume_line(study)
        chosen = study.select(rule) if rule is not None and ranked else None
        selection = None if chosen is None else selected_trial_line(study, str(rule), chosen)
        trust = trust_lines(study, chosen or chosen_trial(study, None))
        names = study.metric_names
    if not ranked:
        raise NoCompletedTrialsError(f"Study {study.study_name!r} has no completed trial yet.")
    if study.is_multi_objective:
        title = f"Pareto front of {study.study_name}"
        table = trials_table(
            ranked,
            study.directions,
            title,
            show_state=False,
            objective_names=names,
            width=console.width,
        )
        console.print(table)
        if hypervolume is not None:
            _say(console, hypervolume)
    elif chosen is None:
        winner = ranked[0]
        size = winner.user_attrs.get("n_parameters")
        learned = f", {format_count(size)} parameters learned" if isinstance(size, int) else ""
        _say(console, f"Best trial {winner.number}: value {format_value(winner.value)}{learned}")
        console.print(hyperparameters_table(winner))
    if chosen is not None and selection is not None:
        _say(console, selection)
        console.print(hyperparameters_table(chosen))
    if pruning is not None:
        _say(console, pruning)
    _print_lines(console, trust)


@main.command()
@click.argument("study_name", metavar="STUDY")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="csv",
    show_default=True,
    help="CSV (one column per value, hyperparameter and attribute) or a JSON list.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="File to write; default: standard output.",
)
@_storage_option(DEFAULT_STORAGE)
def export(
    study_name: str, output_format: Literal["csv", "json"], output: Path | None, storage: str
) -> None:
    """Export every trial of STUDY as CSV or JSON.

    One row per trial: number, state, value(s), start, end, duration, then a
    params_NAME column per hyperparameter and a user_attrs_KEY column per
    recorded attribute (fold scores, mean train score, warnings), the values
    reported by step (intermediate_values) and, with the auto sampler, which
    sampler proposed the trial and why. Timestamps carry their time zone.
    """
    with _opened_study(study_name, storage) as study:
        rows = export_trial_rows(study.trials, len(study.directions))
    text = export_rows(rows, output_format)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise InvalidArgumentError(
            f"The '--output' option must name a file that can be written; got {str(output)!r} "
            f"({error.strerror}). Create its folder first, or pick another path."
        ) from None
    click.echo(f"Wrote {len(rows)} trials to {output}.", err=True)


@main.command("report")
@click.argument("study_name", metavar="STUDY")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    default=Path("report.html"),
    show_default=True,
    help="The HTML file to write.",
)
@_storage_option(DEFAULT_STORAGE)
def report_command(study_name: str, output: Path, storage: str) -> None:
    """Write one self-contained HTML report of STUDY (opens offline in any browser).

    The summary (trials by state, the best and the selected trial, the honest
    estimate of the best score, overfitting, pruning savings, the sampler auto
    chose), hyperparameter importance and every plot that applies. Needs the
    plots extra: pip install "tunesmith[plots]".
    """
    with _opened_study(study_name, storage) as study:
        written = report(study, output)
    click.echo(f"Wrote the report of {study_name!r} to {written}.", err=True)


@main.command("inspect")
@click.argument("config", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--set",
    "assignments",
    multiple=True,
    metavar="NAME=VALUE",
    help="A hyperparameter of the config's space and its value, e.g. --set svc__C=10; "
    "repeat for several. The others keep the estimator's own values.",
)
@click.pass_context
def inspect_model(ctx: click.Context, config: Path, assignments: tuple[str, ...]) -> None:
    """Fit CONFIG's estimator once on its dataset and show its model card.

    Two tables: the hyperparameters it was set to before training, and the
    parameters it learned (each array by name, shape, count and bytes), with
    their totals. A --set value must be one the config's space allows.
    """
    console = output_console()
    try:
        fitted = fit_configured_model(config, assignments)
    except TunesmithError:
        raise
    except Exception as error:
        click.secho(
            f"Error: fitting the estimator raised {type(error).__name__}: {error}",
            fg="red",
            err=True,
        )
        ctx.exit(1)
    card = fitted.card
    console.print(hyperparameter_table(card))
    console.print(parameter_table(card))
    _say(
        console,
        f"{card.model} learned {card.n_parameters:,} parameters ({card.n_bytes:,} bytes) "
        f"from {fitted.n_samples:,} samples.",
    )
    for warning in fitted.warnings:
        click.secho(f"Warning from fit: {warning}", fg="yellow", err=True)
