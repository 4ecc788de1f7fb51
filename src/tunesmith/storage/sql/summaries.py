"""The study list: every study's trial counts and best value, in four queries.

The counts and the first objective's extremes are aggregated by the database,
so listing studies costs the same with ten trials or a million. The best value
follows ``storage.summary.best_values_of``: the extreme of the first value of
the complete trials, for single-objective studies only.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from tunesmith.storage.base import StudySummary
from tunesmith.storage.sql import codec
from tunesmith.storage.sql.schema import studies, study_attrs, trial_values, trials
from tunesmith.trial import StudyDirection, TrialState

__all__ = ["load_study_summaries"]


def load_study_summaries(connection: Connection) -> list[StudySummary]:
    """A summary of every study, ordered by id."""
    complete = trials.c.state == TrialState.COMPLETE.value
    study_rows = connection.execute(sa.select(studies).order_by(studies.c.id)).all()
    counts = {
        study_id: (n_trials, n_complete)
        for study_id, n_trials, n_complete in connection.execute(
            sa.select(
                trials.c.study_id, sa.func.count(), sa.func.count().filter(complete)
            ).group_by(trials.c.study_id)
        )
    }
    extremes = {
        study_id: (lowest, highest)
        for study_id, lowest, highest in connection.execute(
            sa.select(
                trials.c.study_id,
                sa.func.min(trial_values.c.value),
                sa.func.max(trial_values.c.value),
            )
            .join(trial_values, trial_values.c.trial_id == trials.c.id)
            .where(complete, trial_values.c.objective == 0)
            .group_by(trials.c.study_id)
        )
    }
    user_attrs: dict[int, dict[str, Any]] = {row.id: {} for row in study_rows}
    for study_id, key, text in connection.execute(
        sa.select(study_attrs.c.study_id, study_attrs.c.key, study_attrs.c.value_json)
        .where(study_attrs.c.kind == "user")
        .order_by(study_attrs.c.id)
    ):
        user_attrs[study_id][key] = codec.decode_attr(text)

    summaries = []
    for row in study_rows:
        directions = codec.decode_directions(row.directions)
        n_trials, n_complete = counts.get(row.id, (0, 0))
        best: tuple[float, ...] | None = None
        if len(directions) == 1 and row.id in extremes:
            lowest, highest = extremes[row.id]
            best = (float(highest if directions[0] is StudyDirection.MAXIMIZE else lowest),)
        summaries.append(
            StudySummary(
                study_id=row.id,
                study_name=row.name,
                directions=directions,
                n_trials=n_trials,
                n_complete=n_complete,
                best_values=best,
                datetime_start=row.created_at,
                user_attrs=user_attrs[row.id],
            )
        )
    return summaries
