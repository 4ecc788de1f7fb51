"""A fuzz of config files: wrong types, missing and extra keys, weird values.

Every case either runs or is refused with one line per problem on stderr,
each naming the key at fault; none prints a traceback, and none changes the
canary study stored beforehand in the same SQLite file, nor stores a study
when it is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from click.testing import Result
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tunesmith import list_studies, load_study

_WEIRD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(),
    st.text(max_size=8),
    st.lists(st.integers(-2, 2), max_size=3),
    st.sampled_from(
        [
            10**30,
            -(10**30),
            "",
            "nan",
            "1e400",
            [],
            [1, "a"],
            {},
            {"type": "float"},
            {"type": "int", "low": 5, "high": 1},
            {"a": {"b": None}},
            "dask",
            "thread",
            "tpe",
            "grid",
            "median",
            "maximize",
            "smallest_within:1se",
            "nomodule:objective",
            "a:b:c",
        ]
    ),
)


def _base(study: str, module: str) -> dict[str, Any]:
    return {
        "study": study,
        "objective": f"{module}:objective",
        "direction": "minimize",
        "space": {"x": {"type": "float", "low": -5, "high": 5}, "shape": ["bowl", "valley"]},
        "sampler": "random",
        "seed": 0,
        "n_trials": 2,
    }


_KEYS = [*sorted(_base("s", "m")), "timeout", "n_jobs", "retries", "trial_timeout", "pruner"]
_KEYS += ["executor", "select", "directions", "storage"]

# (what was done, the key at fault, the value given)
_MUTATIONS = st.one_of(
    st.tuples(st.just("remove"), st.sampled_from(_KEYS), st.none()),
    st.tuples(st.just("set"), st.sampled_from(_KEYS), _WEIRD_VALUES),
    st.tuples(
        st.just("set"), st.sampled_from(["space.x", "space.x.low", "space.x.type"]), _WEIRD_VALUES
    ),
    st.tuples(
        st.just("add"),
        st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=10).filter(
            lambda key: key not in _KEYS
        ),
        _WEIRD_VALUES,
    ),
)


def _mutated(config: dict[str, Any], action: str, key: str, value: Any) -> dict[str, Any]:
    *parents, last = key.split(".")
    mapping = config
    for parent in parents:
        mapping = mapping[parent]
    if action == "remove":
        mapping.pop(last, None)
    else:
        mapping[last] = value
    return config


def test_every_fuzzed_config_runs_or_gets_one_line_naming_its_key(
    tmp_path: Path,
    invoke: Callable[..., Result],
    storage_url: str,
    objective_module: Callable[[str], str],
) -> None:
    module = objective_module("""\
        def objective(trial):
            numbers = [v for v in trial.params.values() if isinstance(v, float)]
            return sum(numbers)
        """)
    config_path = tmp_path / "fuzzed.yaml"
    config_path.write_text(yaml.safe_dump(_base("canary", module)), encoding="utf-8")
    assert invoke("run", str(config_path), "--storage", storage_url).exit_code == 0
    canary = load_study("canary", storage_url).trials
    examples = iter(range(10**6))

    @settings(max_examples=120, deadline=None, derandomize=True, database=None)
    @given(_MUTATIONS)
    # Values that once got past the checks.
    @example(("set", "executor", "dask"))
    @example(("set", "pruner", False))
    @example(("set", "n_trials", True))
    def runs_or_refuses(mutation: tuple[str, str, Any]) -> None:
        action, key, value = mutation
        config = _mutated(_base(f"fuzz-{next(examples)}", module), action, key, value)
        config_path.write_text(yaml.safe_dump(config), encoding="utf-8")
        studies_before = {s.study_name for s in list_studies(storage_url)}

        result = invoke("run", str(config_path), "--storage", storage_url, "--n-trials", "2")

        assert "Traceback" not in result.output, (config, result.output)
        if result.exit_code == 0:
            return
        assert result.exit_code == 2, (config, result.output)
        # One line per problem: a list with two bad items gets two, each naming its item.
        lines = result.stderr.strip().splitlines()
        assert lines[0].startswith("Error: "), (config, result.stderr)
        for line in lines:
            assert f"{config_path}: " in line, (config, result.stderr)
            assert key.split(".")[0] in line, (config, result.stderr)
        assert {s.study_name for s in list_studies(storage_url)} == studies_before

    runs_or_refuses()

    assert load_study("canary", storage_url).trials == canary
