"""What a run stores with its study besides trials: the config's metric names and settings.

``show``, ``best``, reports and Python code then read them from the study
(``Study.metric_names``, ``Study.analysis_settings``), whoever loads it.
"""

from __future__ import annotations

from tunesmith.cli.config import RunConfig
from tunesmith.study import AnalysisSettings, Study

__all__ = ["config_metric_names", "record_run_metadata"]


def config_metric_names(config: RunConfig) -> list[str] | None:
    """The objectives of an estimator config by name (the scorer's for the score); else None.

    A function's objectives have no names a config gives.
    """
    if config.estimator is None:
        return None
    score_name = config.scoring or "score"
    return [score_name if name == "score" else name for name in config.objectives or ["score"]]


def record_run_metadata(study: Study, config: RunConfig) -> None:
    """Store the config's metric names (when it has them) and its analysis settings."""
    names = config_metric_names(config)
    if names is not None:
        study.set_metric_names(names)
    study.set_analysis_settings(
        AnalysisSettings(
            score_name=config.scoring or "score",
            overfit_gap=config.overfit_gap,
            selection_rule=config.select,
        )
    )
