"""The tables of a tunesmith database, as SQLAlchemy Core definitions of the newest version.

A study row carries two counters that the database raises inside the
transactions that change the study: ``next_trial_number`` (so trial numbers are
assigned by the database, never reused) and ``change_count`` (so readers can
ask for the trials changed since their last read; every trial row stores in
``changed_at`` the counter value of its latest change).

Floats: SQLite stores NaN as NULL, so every backend stores a NaN intermediate
value as NULL and reads NULL back as NaN. Infinities are stored as they are;
both SQLite and PostgreSQL keep them.

Child rows are deleted explicitly before their parents; the foreign keys
document the links (and PostgreSQL enforces them), but nothing relies on
cascades, which SQLite applies only when asked per connection.
"""

from __future__ import annotations

import sqlalchemy as sa

__all__ = [
    "metadata",
    "schema_version",
    "studies",
    "study_attrs",
    "trial_attrs",
    "trial_intermediate_values",
    "trial_params",
    "trial_values",
    "trials",
]

# 64-bit ids in PostgreSQL; SQLite only makes an auto-incrementing rowid alias of
# a column declared exactly INTEGER PRIMARY KEY.
_Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
)

studies = sa.Table(
    "studies",
    metadata,
    sa.Column("id", _Id, primary_key=True),
    sa.Column("name", sa.Text, nullable=False, unique=True),
    # A JSON list of "minimize" / "maximize", one per objective.
    sa.Column("directions", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("next_trial_number", sa.Integer, nullable=False),
    sa.Column("change_count", sa.BigInteger, nullable=False),
)

study_attrs = sa.Table(
    "study_attrs",
    metadata,
    sa.Column("id", _Id, primary_key=True),
    sa.Column("study_id", _Id, sa.ForeignKey("studies.id"), nullable=False),
    # "user" or "system".
    sa.Column("kind", sa.String(8), nullable=False),
    sa.Column("key", sa.Text, nullable=False),
    sa.Column("value_json", sa.Text, nullable=False),
    sa.UniqueConstraint("study_id", "kind", "key"),
)

trials = sa.Table(
    "trials",
    metadata,
    sa.Column("id", _Id, primary_key=True),
    sa.Column("study_id", _Id, sa.ForeignKey("studies.id"), nullable=False),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("state", sa.String(8), nullable=False),
    sa.Column("datetime_start", sa.DateTime, nullable=True),
    sa.Column("datetime_complete", sa.DateTime, nullable=True),
    # Seconds since the epoch on the database's clock, so that workers on
    # machines whose clocks disagree still agree on which trials are stale.
    sa.Column("heartbeat", sa.Float, nullable=True),
    sa.Column("changed_at", sa.BigInteger, nullable=False),
    sa.UniqueConstraint("study_id", "number"),
    sa.Index("ix_trials_study_changed_at", "study_id", "changed_at"),
    sa.Index("ix_trials_study_state", "study_id", "state"),
)

trial_values = sa.Table(
    "trial_values",
    metadata,
    sa.Column("trial_id", _Id, sa.ForeignKey("trials.id"), primary_key=True),
    sa.Column("objective", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("value", sa.Float, nullable=False),
)

trial_params = sa.Table(
    "trial_params",
    metadata,
    # The id keeps the order in which the objective suggested the hyperparameters.
    sa.Column("id", _Id, primary_key=True),
    sa.Column("trial_id", _Id, sa.ForeignKey("trials.id"), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("value_internal", sa.Float, nullable=False),
    sa.Column("distribution_json", sa.Text, nullable=False),
    sa.UniqueConstraint("trial_id", "name"),
)

trial_intermediate_values = sa.Table(
    "trial_intermediate_values",
    metadata,
    sa.Column("trial_id", _Id, sa.ForeignKey("trials.id"), primary_key=True),
    sa.Column("step", sa.BigInteger, primary_key=True, autoincrement=False),
    # NULL stands for NaN (see the module docstring).
    sa.Column("value", sa.Float, nullable=True),
)

trial_attrs = sa.Table(
    "trial_attrs",
    metadata,
    sa.Column("id", _Id, primary_key=True),
    sa.Column("trial_id", _Id, sa.ForeignKey("trials.id"), nullable=False),
    sa.Column("kind", sa.String(8), nullable=False),
    sa.Column("key", sa.Text, nullable=False),
    sa.Column("value_json", sa.Text, nullable=False),
    sa.UniqueConstraint("trial_id", "kind", "key"),
)
