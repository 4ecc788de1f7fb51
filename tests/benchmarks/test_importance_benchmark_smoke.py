"""The importance benchmark's quick run measures both tools and prints a row per size and method."""

from __future__ import annotations

from benchmarks.importance.__main__ import main
from benchmarks.importance.compare import measure
from benchmarks.importance.studies import NAMES, objective, optuna_study, points, tunesmith_study


def test_both_tools_read_the_same_trials() -> None:
    x = points(20, seed=1)

    ours, theirs = tunesmith_study(x), optuna_study(x)

    assert [t.params for t in ours.trials] == [t.params for t in theirs.trials]
    assert [t.values[0] for t in ours.trials if t.values] == objective(x).tolist()


def test_a_quick_run_times_both_tools_and_skips_optunas_fanova_past_its_limit() -> None:
    measurements = measure(60, seed=0, optuna_fanova_limit=50)

    by_key = {(m.method, m.tool): m for m in measurements}
    assert set(by_key) == {
        (method, tool) for method in ("fanova", "ped_anova") for tool in ("tunesmith", "optuna")
    }
    assert by_key["fanova", "optuna"].seconds is None
    for key in [("fanova", "tunesmith"), ("ped_anova", "tunesmith"), ("ped_anova", "optuna")]:
        measured = by_key[key]
        assert measured.seconds is not None
        assert measured.seconds > 0
        assert sorted(measured.ranking) == sorted(NAMES)
        # 60 trials find at least the strongest hyperparameters.
        assert measured.spearman_truth is not None
        assert measured.spearman_truth > 0.3


def test_the_report_has_a_row_per_size_and_method() -> None:
    report = main(["--sizes", "40", "60", "--optuna-fanova-limit", "40"])

    rows = [
        line for line in report.splitlines() if line.startswith("| 40 ") or line.startswith("| 60 ")
    ]
    assert [row.split("|")[1:3] for row in rows] == [
        [" 40 ", " fanova "],
        [" 40 ", " ped_anova "],
        [" 60 ", " fanova "],
        [" 60 ", " ped_anova "],
    ]
    assert "not run" in rows[2]
