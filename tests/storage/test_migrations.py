"""The schema version: new databases get it, older ones are upgraded, newer ones refused."""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from tunesmith.exceptions import SchemaVersionError
from tunesmith.space import Categorical, Float
from tunesmith.storage.sql import SQLStorage, dialects, migrations
from tunesmith.storage.sql.urls import parse_url
from tunesmith.trial import FrozenTrial, StudyDirection, TrialState


@pytest.fixture
def engine(fresh_url: str) -> Iterator[sa.Engine]:
    """An engine on the test database, set up as SQLStorage sets up its own."""
    engine = dialects.create_engine(parse_url(fresh_url), fresh_url, {})
    yield engine
    engine.dispose()


def version_of(engine: sa.Engine) -> int:
    with engine.connect() as connection:
        return migrations.stored_version(connection)


def columns_of(engine: sa.Engine, table: str) -> set[str]:
    return {column["name"] for column in sa.inspect(engine).get_columns(table)}


def fill_study(url: str) -> list[FrozenTrial]:
    """Store a study with trials of every kind; what the storage then reads back."""
    storage = SQLStorage(url)
    try:
        study_id = storage.create_study("kept", [StudyDirection.MINIMIZE])
        storage.set_study_user_attr(study_id, "owner", "me")
        for value in (0.5, math.inf):
            trial = storage.create_trial(study_id, system_attrs={"seed": 1})
            assert trial is not None
            storage.set_trial_param(trial.trial_id, "lr", 0.01, Float(1e-4, 1.0, log=True))
            storage.set_trial_param(trial.trial_id, "kernel", 0.0, Categorical([None, "rbf"]))
            storage.set_trial_intermediate_value(trial.trial_id, 0, math.nan)
            storage.finish_trial(trial.trial_id, TrialState.COMPLETE, [value])
        storage.create_trial(study_id, state=TrialState.WAITING)
        return storage.get_all_trials(study_id)
    finally:
        storage.close()


def read_study(url: str) -> list[FrozenTrial]:
    storage = SQLStorage(url)
    try:
        study_id = storage.get_study_id("kept")
        assert storage.get_study_user_attrs(study_id) == {"owner": "me"}
        return storage.get_all_trials(study_id)
    finally:
        storage.close()


def same_trials(got: list[FrozenTrial], expected: list[FrozenTrial]) -> bool:
    # NaN != NaN, so compare the intermediate values apart.
    def comparable(trial: FrozenTrial) -> tuple[object, ...]:
        nan_steps = sorted(s for s, v in trial.intermediate_values.items() if math.isnan(v))
        other = {s: v for s, v in trial.intermediate_values.items() if not math.isnan(v)}
        return (trial.number, trial.state, trial.values, dict(trial.params), nan_steps, other)

    return [comparable(t) for t in got] == [comparable(t) for t in expected]


def add_note_column(connection: Connection) -> None:
    """A synthetic version 2: a new nullable column on trials."""
    connection.execute(sa.text("ALTER TABLE trials ADD COLUMN note TEXT"))


def test_new_database_gets_the_current_version(fresh_url: str, engine: sa.Engine) -> None:
    assert version_of(engine) == 0
    SQLStorage(fresh_url).close()
    assert version_of(engine) == migrations.CURRENT_VERSION == len(migrations.MIGRATIONS)
    SQLStorage(fresh_url).close()
    assert version_of(engine) == migrations.CURRENT_VERSION


def test_older_database_is_upgraded_and_stays_readable(
    fresh_url: str, engine: sa.Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = fill_study(fresh_url)
    assert "note" not in columns_of(engine, "trials")
    steps = (*migrations.MIGRATIONS, add_note_column)

    with engine.begin() as connection:
        assert migrations.upgrade(connection, steps) == 2

    assert version_of(engine) == 2
    assert "note" in columns_of(engine, "trials")
    # A tunesmith that knows version 2 reads everything stored under version 1.
    monkeypatch.setattr(migrations, "MIGRATIONS", steps)
    assert same_trials(read_study(fresh_url), before)
    assert version_of(engine) == 2


def test_failed_upgrade_changes_nothing(fresh_url: str, engine: sa.Engine) -> None:
    before = fill_study(fresh_url)

    def add_column_then_fail(connection: Connection) -> None:
        add_note_column(connection)
        raise RuntimeError("step 2 broke")

    with pytest.raises(RuntimeError, match="step 2 broke"), engine.begin() as connection:
        migrations.upgrade(connection, [*migrations.MIGRATIONS, add_column_then_fail])

    assert version_of(engine) == 1
    assert "note" not in columns_of(engine, "trials")
    assert same_trials(read_study(fresh_url), before)


def test_newer_database_is_refused_untouched(fresh_url: str, engine: sa.Engine) -> None:
    before = fill_study(fresh_url)
    newer = migrations.CURRENT_VERSION + 1
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE schema_version SET version = :v"), {"v": newer})

    with pytest.raises(SchemaVersionError, match="upgrade tunesmith") as refused:
        SQLStorage(fresh_url)

    message = str(refused.value)
    assert f"version {newer}" in message
    assert f"up to {migrations.CURRENT_VERSION}" in message
    assert version_of(engine) == newer
    with engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE schema_version SET version = :v"), {"v": migrations.CURRENT_VERSION}
        )
    assert same_trials(read_study(fresh_url), before)
