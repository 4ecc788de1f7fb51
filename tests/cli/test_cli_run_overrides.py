"""``tunesmith run --n-jobs --timeout --seed`` override the config's values."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

import tunesmith

Invoke = Callable[..., Result]
WriteConfig = Callable[..., Path]

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _config(write_config: WriteConfig, seed: int, budget: str = "n_trials: 6") -> Path:
    objective = EXAMPLES / "quadratic_objective.py"
    (write_config("", name="quadratic_objective.py")).write_text(objective.read_text())
    return write_config(
        f"""\
        study: quadratic
        objective: quadratic_objective:objective
        direction: minimize
        space:
          x: {{type: float, low: -10, high: 10}}
          shape: [bowl, valley]
        sampler: random
        seed: {seed}
        {budget}
        """
    )


def _params(storage_url: str, name: str) -> list[float]:
    return [trial.params["x"] for trial in tunesmith.load_study(name, storage_url).trials]


def test_seed_on_the_command_line_replaces_the_configs(
    invoke: Invoke, write_config: WriteConfig, storage_url: str
) -> None:
    from_config = invoke("run", str(_config(write_config, seed=3)), "--storage", storage_url)
    overridden = invoke(
        "run", str(_config(write_config, seed=0)), "--seed", "3", "--new", "--storage", storage_url
    )

    assert from_config.exit_code == overridden.exit_code == 0, overridden.output
    assert "seed 3" in overridden.stdout
    assert _params(storage_url, "quadratic-2") == _params(storage_url, "quadratic")


def test_n_jobs_runs_the_budget_with_several_workers(
    invoke: Invoke, write_config: WriteConfig, storage_url: str
) -> None:
    result = invoke("run", str(_config(write_config, 0)), "--n-jobs", "2", "--storage", storage_url)

    assert result.exit_code == 0, result.output
    assert len(tunesmith.load_study("quadratic", storage_url).trials) == 6


def test_a_timeout_bounds_a_run_without_n_trials(
    invoke: Invoke, write_config: WriteConfig, storage_url: str
) -> None:
    config = _config(write_config, 0, budget="")
    result = invoke("run", str(config), "--timeout", "1", "--storage", storage_url)

    assert result.exit_code == 0, result.output
    assert len(tunesmith.load_study("quadratic", storage_url).trials) >= 1


def test_bad_overrides_are_refused_by_name(invoke: Invoke, write_config: WriteConfig) -> None:
    config = str(_config(write_config, 0))
    for option, value, message in [
        ("--n-jobs", "0", "must be -1 (one per CPU core) or at least 1; got 0"),
        ("--timeout", "0", "not in the range x>0"),
        ("--seed", "-1", "not in the range x>=0"),
    ]:
        result = invoke("run", config, option, value)
        assert result.exit_code == 2
        assert option in result.output
        assert message in result.output
