"""tunesmith.plots: the points each figure draws are the study's trials, read back from SQLite."""

from __future__ import annotations

import doctest
import math
import subprocess
import sys

import pytest

import tunesmith
import tunesmith.plots as plots
from tunesmith.exceptions import InvalidArgumentError
from tunesmith.plots import (
    plot_contour,
    plot_empirical_distribution,
    plot_fit_over_size,
    plot_history,
    plot_importance,
    plot_intermediate_values,
    plot_overfitting,
    plot_parallel_coordinates,
    plot_pareto_front,
    plot_slice,
    plot_timeline,
)
from tunesmith.trial import TrialState


def objective(trial: tunesmith.Trial) -> float:
    """A conditional space ('svm' uses a log C, 'tree' a depth); some trials prune, some fail."""
    model = trial.suggest_categorical("model", ["svm", "tree"])
    if model == "svm":
        c = trial.suggest_float("C", 1e-3, 1e3, log=True)
        value = abs(math.log10(c))
    else:
        depth = trial.suggest_int("depth", 1, 10)
        value = abs(depth - 4) / 2
    for step in range(3):
        trial.report(value + 1.0 / (step + 1), step=step)
    if trial.number % 7 == 3:
        raise tunesmith.TrialPruned()
    if trial.number % 11 == 5:
        raise RuntimeError("a crash")
    return value


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory) -> tunesmith.Study:
    url = f"sqlite:///{tmp_path_factory.mktemp('plots') / 'studies.db'}"
    written = tunesmith.create_study(storage=url, sampler="random", seed=0)
    written.optimize(objective, n_trials=40, catch=(RuntimeError,))
    return tunesmith.load_study(written.study_name, url)


def _by_state(study: tunesmith.Study, state: TrialState) -> list[tunesmith.FrozenTrial]:
    return study.get_trials([state])


def test_history_draws_every_completed_value_the_best_so_far_and_marks_the_rest(
    study: tunesmith.Study,
) -> None:
    completed, best, pruned, failed = plot_history(study).data

    complete = _by_state(study, TrialState.COMPLETE)
    assert list(completed.x) == [t.number for t in complete]
    assert list(completed.y) == [t.value for t in complete]
    running_best = [min(t.value for t in complete[: i + 1]) for i in range(len(complete))]
    # A step line ("hv"): at each trial it holds the value of the last corner at or before it.
    corners = list(zip(best.x, best.y, strict=True))
    drawn = [[y for x, y in corners if x <= t.number][-1] for t in complete]
    assert drawn == running_best
    assert best.line.shape == "hv"
    assert len(corners) <= len(set(running_best)) + 1  # a corner per improvement, and the end
    assert best.x[-1] == complete[-1].number
    assert list(pruned.x) == [t.number for t in _by_state(study, TrialState.PRUNED)]
    assert list(pruned.y) == [t.intermediate_values[2] for t in _by_state(study, TrialState.PRUNED)]
    assert list(failed.x) == [t.number for t in _by_state(study, TrialState.FAIL)]
    assert failed.x


def test_parallel_coordinates_keep_conditional_hyperparameters_and_show_categories_and_logs(
    study: tunesmith.Study,
) -> None:
    (lines,) = plot_parallel_coordinates(study).data
    axes = {d.label: d for d in lines.dimensions}

    complete = _by_state(study, TrialState.COMPLETE)
    assert list(axes) == ["value", "C", "depth", "model"]
    assert list(axes["value"]["values"]) == [t.value for t in complete]
    assert list(axes["model"].ticktext) == ["svm", "tree"]
    assert list(axes["model"]["values"]) == [float(t.params["model"] == "tree") for t in complete]
    # C is drawn in log10, and the trees that did not use it cross at the 'unused' tick.
    unused = axes["C"].tickvals[0]
    assert axes["C"].ticktext[0] == "unused"
    assert list(axes["C"]["values"]) == [
        math.log10(t.params["C"]) if "C" in t.params else unused for t in complete
    ]
    assert sum(v == unused for v in axes["C"]["values"]) == sum(
        "depth" in t.params for t in complete
    )


def test_slice_draws_each_trial_that_used_a_hyperparameter_at_its_value(
    study: tunesmith.Study,
) -> None:
    figure = plot_slice(study)
    panels = {trace.name: trace for trace in figure.data}

    complete = _by_state(study, TrialState.COMPLETE)
    for name in ["C", "depth", "model"]:
        used = [t for t in complete if name in t.params]
        assert list(panels[name].x) == [t.params[name] for t in used]
        assert list(panels[name].y) == [t.value for t in used]
    assert figure.layout.xaxis.type == "log"  # C, the first panel


def test_importance_draws_the_shares_the_analysis_returns(study: tunesmith.Study) -> None:
    result = tunesmith.importance(study, seed=0)

    (bars,) = plot_importance(result).data

    assert list(bars.x) == list(reversed(result.shares.values()))
    labels = list(bars.y)
    assert "model" in labels
    assert any(label.startswith("C (") and "trials)" in label for label in labels)


def test_intermediate_values_draw_each_learning_curve_and_mark_pruned_trials_at_their_end(
    study: tunesmith.Study,
) -> None:
    *curves, pruned = plot_intermediate_values(study).data

    reporting = [t for t in study.trials if t.intermediate_values]
    assert [c.name for c in curves] == [f"trial {t.number}" for t in reporting]
    for curve, trial in zip(curves, reporting, strict=True):
        assert list(curve.y) == [trial.intermediate_values[s] for s in range(3)]
    stopped = _by_state(study, TrialState.PRUNED)
    assert list(pruned.x) == [2] * len(stopped)
    assert list(pruned.text) == [f"trial {t.number}" for t in stopped]


def two_objectives(trial: tunesmith.Trial) -> tuple[float, float, float]:
    x = trial.suggest_float("x", 0.0, 1.0)
    y = trial.suggest_float("y", 0.0, 1.0)
    return x, 1.0 - x + y, y


@pytest.mark.parametrize("n_objectives", [2, 3])
def test_pareto_front_splits_the_trials_into_front_and_dominated_and_marks_the_selected(
    n_objectives: int,
) -> None:
    study = tunesmith.create_study(directions=["minimize"] * 3, sampler="random", seed=0)
    study.optimize(two_objectives, n_trials=30)
    chosen = study.trials[4]

    front, dominated, selected = plot_pareto_front(
        study, targets=list(range(n_objectives)), selected=chosen
    ).data

    if n_objectives == 3:
        assert [t.number for t in study.best_trials] == [int(s[6:]) for s in front.text]
    drawn = sorted(int(s[6:]) for s in [*front.text, *dominated.text])
    assert drawn == [t.number for t in study.trials]
    for trace in (front, dominated):
        for number, x in zip(trace.text, trace.x, strict=True):
            assert study.trials[int(number[6:])].values[0] == x
    assert list(selected.x) == [chosen.values[0]]
    assert (selected.type == "scatter3d") is (n_objectives == 3)


def _sized_trial(study: tunesmith.Study, size: int, folds: list[float]) -> None:
    trial = study.ask()
    trial.set_user_attr("n_parameters", size)
    for fold, score in enumerate(folds):
        trial.set_user_attr(f"split{fold}_test_score", score)
    study.tell(trial, sum(folds) / len(folds))


def test_fit_over_size_draws_score_against_size_and_marks_the_smallest_within_one_se() -> None:
    study = tunesmith.create_study(direction="maximize")
    _sized_trial(study, 10, [0.70, 0.72, 0.74])
    _sized_trial(study, 100, [0.88, 0.90, 0.92])  # within one SE (0.0115) of the best
    _sized_trial(study, 10_000, [0.89, 0.91, 0.93])  # the best

    figure = plot_fit_over_size(study)
    trials, best, smallest = figure.data

    assert list(trials.x) == [10, 100, 10_000]
    assert list(trials.y) == pytest.approx([0.72, 0.90, 0.91])
    assert list(best.x) == [10_000]
    assert list(smallest.x) == [100]
    assert smallest.x[0] == study.select("smallest_within:1se").user_attrs["n_parameters"]
    assert figure.layout.xaxis.type == "log"
    (band,) = figure.layout.shapes
    assert (band.y0, band.y1) == pytest.approx((0.91 - 0.02 / math.sqrt(3), 0.91))


def test_overfitting_splits_trials_by_the_gap_and_draws_the_threshold() -> None:
    study = tunesmith.create_study(direction="maximize")
    for train, validation in [(0.99, 0.80), (0.85, 0.83), (0.95, 0.70)]:
        trial = study.ask()
        trial.set_user_attr("mean_train_score", train)
        study.tell(trial, validation)

    within, flagged, zero, threshold = plot_overfitting(study, max_gap=0.1).data

    assert list(zip(within.x, within.y, strict=True)) == [(0.85, 0.83)]
    assert list(zip(flagged.x, flagged.y, strict=True)) == [(0.99, 0.80), (0.95, 0.70)]
    assert list(zero.x) == list(zero.y)
    assert [x - y for x, y in zip(threshold.x, threshold.y, strict=True)] == pytest.approx(
        [0.1, 0.1]
    )


def test_without_plotly_the_import_error_says_what_to_install() -> None:
    code = "import sys; sys.modules['plotly'] = None; import tunesmith.plots"

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)

    assert result.returncode == 1
    assert 'pip install "tunesmith[plots]"' in result.stderr
    assert (
        "tunesmith"
        in subprocess.run(
            [sys.executable, "-c", "import sys; sys.modules['plotly'] = None; import tunesmith"],
            capture_output=True,
            text=True,
            check=True,
        ).args[2]
    )


def test_every_plot_has_a_doctest_that_runs() -> None:
    for name in plots.__all__:
        function = getattr(plots, name)
        module = sys.modules[function.__module__]
        result = doctest.testmod(module, verbose=False)
        assert result.attempted > 0, name
        assert result.failed == 0, name


def test_contour_draws_the_trials_that_used_both_hyperparameters(study: tunesmith.Study) -> None:
    two = tunesmith.create_study(sampler="random", seed=2)
    two.optimize(lambda t: t.suggest_float("a", 0, 1) - t.suggest_int("b", 1, 9), n_trials=25)

    contour, trials = plot_contour(two, "a", "b").data

    numbers = [int(text.split(":")[0].removeprefix("trial ")) for text in trials.text]
    assert numbers == [t.number for t in two.trials]
    assert list(trials.x) == [t.params["a"] for t in two.trials]
    assert list(trials.y) == [t.params["b"] for t in two.trials]
    assert list(contour.z) == [t.value for t in two.trials]
    # In the conditional study, C and depth never meet in one trial.
    assert plot_contour(study, "C", "depth").data[1].x == ()
    with pytest.raises(InvalidArgumentError, match=r"'x' and 'y' arguments.*got x='C', y='C'"):
        plot_contour(study, "C", "C")


def test_contour_of_many_trials_averages_them_on_a_grid_a_browser_can_draw() -> None:
    many = tunesmith.create_study(sampler="random", seed=3)
    many.optimize(
        lambda t: t.suggest_float("lr", 1e-4, 1.0, log=True) * 0 + t.suggest_int("depth", 1, 4),
        n_trials=300,
    )

    contour, trials = plot_contour(many, "lr", "depth").data

    assert len(trials.x) == 300  # every trial is still drawn as a point
    assert list(contour.y) == [1, 2, 3, 4]
    assert len(contour.x) == 60
    assert contour.x[0] < contour.x[1] / 1.1  # cells are even in log10 for a log range
    cells = [value for row in contour.z for value in row if value is not None]
    for depth, row in zip(contour.y, contour.z, strict=True):
        assert {value for value in row if value is not None} == {float(depth)}
    assert 0 < len(cells) <= 240


def test_timeline_draws_each_trial_from_its_start_to_its_end_by_state(
    study: tunesmith.Study,
) -> None:
    traces = {trace.name: trace for trace in plot_timeline(study).data}

    assert set(traces) == {"complete", "pruned", "fail"}
    for name, trace in traces.items():
        trials = _by_state(study, TrialState[name.upper()])
        assert list(trace.y) == [n for t in trials for n in (t.number, t.number, None)]
        starts, ends = list(trace.x[0::3]), list(trace.x[1::3])
        assert starts == [t.datetime_start for t in trials]
        assert ends == [t.datetime_complete for t in trials]


def test_empirical_distribution_is_a_step_curve_per_study_over_its_sorted_values() -> None:
    studies = []
    for sampler in ["random", "tpe"]:
        compared = tunesmith.create_study(study_name=sampler, sampler=sampler, seed=0)
        compared.optimize(lambda t: (t.suggest_float("x", -1, 1) - 0.3) ** 2, n_trials=12)
        studies.append(compared)

    traces = plot_empirical_distribution(studies).data

    assert [trace.name for trace in traces] == ["random", "tpe"]
    for trace, compared in zip(traces, studies, strict=True):
        assert list(trace.x) == sorted(t.value for t in compared.trials)
        assert list(trace.y) == pytest.approx([(i + 1) / 12 for i in range(12)])
