"""``tunesmith inspect``: fit a config's estimator once and show its model card as tables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text

from tunesmith.cli.assignments import parse_assignments
from tunesmith.cli.config import load_config
from tunesmith.cli.estimators import build_estimator, check_hyperparameters
from tunesmith.cli.objectives import load_config_dataset
from tunesmith.exceptions import ConfigError
from tunesmith.formatting import format_value
from tunesmith.models import ModelCard, inspect
from tunesmith.space import parse_space

__all__ = ["FittedModel", "fit_configured_model", "hyperparameter_table", "parameter_table"]


@dataclass(frozen=True, slots=True)
class FittedModel:
    """The card of a config's estimator fitted once, and what the fit said.

    Attributes:
        card: its model card.
        n_samples: how many samples it was fitted on.
        warnings: the first line of each distinct warning the fit raised.
    """

    card: ModelCard
    n_samples: int
    warnings: tuple[str, ...]


def fit_configured_model(config_path: Path, assignments: Sequence[str]) -> FittedModel:
    """Fit the estimator of a config on all of its dataset, with ``--set`` values.

    Hyperparameters of the space that ``assignments`` leave out keep the
    estimator's own values (scikit-learn's defaults, or the config's ``params``).

    Raises:
        ConfigError: a config that names no estimator, or breaks a rule.
        InvalidArgumentError: a bad ``--set``.
        UnsupportedModelError: an estimator whose parameters tunesmith cannot count.
        Exception: whatever the estimator's ``fit`` raised.
    """
    from tunesmith.integrations.sklearn.capture import capture_warnings

    config = load_config(config_path)
    source = str(config_path)
    if config.estimator is None:
        raise ConfigError(
            f"{source}: 'tunesmith inspect' fits the config's 'estimator' on its 'dataset'; "
            f"this config names an objective function instead ({config.objective!r}). Inspect "
            "the model your function builds with tunesmith.inspect(model) in Python."
        )
    values = parse_assignments(assignments, parse_space(config.plain_space()))
    estimator = build_estimator(config.estimator, source)
    check_hyperparameters(estimator, config.space, source)
    estimator.set_params(**values)
    features, target = load_config_dataset(config, config_path.resolve().parent, source)
    with capture_warnings() as caught:
        estimator.fit(features, target)
    summaries = dict.fromkeys(warning.split("\n", 1)[0] for warning in caught)
    return FittedModel(inspect(estimator), len(features), tuple(summaries))


def _row(values: Sequence[Any]) -> list[Text]:
    # Text, not str: rich would read "[...]" in a value as markup.
    return [Text(format_value(value)) for value in values]


def _titled(title: str, caption: str) -> Table:
    # At least as wide as its title, which would otherwise wrap above a narrow table.
    return Table(title=Text(title), caption=caption, min_width=len(title))


def hyperparameter_table(card: ModelCard) -> Table:
    """One row per hyperparameter: its name and value, in name order."""
    table = _titled(f"Hyperparameters of {card.model}", "set before training")
    table.add_column("hyperparameter")
    table.add_column("value", overflow="fold")
    for name in sorted(card.hyperparameters):
        table.add_row(*_row([name, card.hyperparameters[name]]))
    return table


def parameter_table(card: ModelCard) -> Table:
    """One row per learned array: name, shape, count and bytes, then the totals.

    The caption adds the card's notes (a boosted model's rounds and trees).
    """
    table = _titled(f"Parameters of {card.model}", "; ".join(("learned in training", *card.notes)))
    table.add_column("parameter")
    table.add_column("shape")
    for header in ("count", "bytes"):
        table.add_column(header, justify="right")
    for parameter in card.parameters:
        table.add_row(
            Text(parameter.name),
            Text(str(parameter.shape)),
            f"{parameter.count:,}",
            f"{parameter.n_bytes:,}",
        )
    table.add_section()
    table.add_row("total", "", f"{card.n_parameters:,}", f"{card.n_bytes:,}")
    return table
