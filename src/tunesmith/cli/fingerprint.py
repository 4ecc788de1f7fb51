"""What a study was created to tune, so that ``--resume`` can refuse a config that changed it.

The fingerprint covers the objective (the function, or the estimator with its
dataset, scoring, folds, steps, objectives and held-out split) and the search
space, each as the sha256 of its canonical JSON; sampler, seed and budget may
change between runs (except the seed of a ``test_size`` split, which picks the
data tuned on). The space itself is kept too, so a refusal can say which
hyperparameters changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from tunesmith.cli.config import RunConfig
from tunesmith.space import parse_space, space_to_dict

__all__ = ["FINGERPRINT_ATTR", "config_fingerprint", "describe_differences"]

# The study system attribute that holds the fingerprint.
FINGERPRINT_ATTR = "cli_fingerprint"


def _digest(data: Any) -> str:
    # default=str: YAML may hold values JSON lacks (dates); their text identifies them.
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _objective_part(config: RunConfig) -> dict[str, Any]:
    if config.objective is not None:
        return {"objective": config.objective}
    assert config.estimator is not None
    assert config.dataset is not None
    part: dict[str, Any] = {
        "estimator": config.estimator.model_dump(by_alias=True, exclude_none=True),
        "dataset": config.dataset.model_dump(exclude_none=True),
        "scoring": config.scoring,
        "cv": config.cv,
    }
    # Steps change what a trial scores; folds, the default, keep older studies' fingerprints.
    if config.steps.by != "folds":
        part["steps"] = config.steps.model_dump(exclude_none=True)
    # Likewise the objectives: only a size objective adds them ([score] alone is the default).
    if config.tunes_size:
        part["objectives"] = config.objectives
    # A held-out split changes the dataset tuned on; its seed picks which samples.
    if config.test_size is not None:
        part["held_out"] = {"test_size": config.test_size, "seed": config.split_seed}
    return part


def config_fingerprint(config: RunConfig) -> dict[str, Any]:
    """The JSON-ready fingerprint of the config's objective and space."""
    space = space_to_dict(parse_space(config.plain_space()))
    return {
        "objective": _digest(_objective_part(config)),
        "space": _digest(space),
        "space_definition": space,
    }


def describe_differences(stored: Mapping[str, Any], current: Mapping[str, Any]) -> list[str]:
    """One phrase per part that differs ('the objective ...', 'the space ...'); empty if none."""
    differences = []
    if stored.get("objective") != current["objective"]:
        differences.append(
            "the objective differs (the function, or the estimator, dataset, scoring, cv or steps)"
        )
    if stored.get("space") != current["space"]:
        differences.append(f"the space differs ({_space_changes(stored, current)})")
    return differences


def _space_changes(stored: Mapping[str, Any], current: Mapping[str, Any]) -> str:
    before: Mapping[str, Any] = stored.get("space_definition") or {}
    after: Mapping[str, Any] = current["space_definition"]
    changes = [f"'{name}' added" for name in sorted(set(after) - set(before))]
    changes += [f"'{name}' removed" for name in sorted(set(before) - set(after))]
    changes += [
        f"'{name}' was {before[name]}, now {after[name]}"
        for name in sorted(set(before) & set(after))
        if before[name] != after[name]
    ]
    return "; ".join(changes) or "its definition changed"
