"""``tunesmith export`` carries the reported steps, the auto sampler's choice and time zones."""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Callable

import pytest
from click.testing import Result

import tunesmith

Invoke = Callable[..., Result]


@pytest.fixture
def stepped(storage_url: str) -> tunesmith.Study:
    def objective(trial: tunesmith.Trial) -> float:
        x = trial.suggest_float("x", 0.0, 1.0)
        for step in (1, 2, 3):
            trial.report(x / step, step)
        return x

    study = tunesmith.create_study("stepped", storage_url, sampler="auto", seed=0)
    study.optimize(objective, n_trials=3)
    return study


def test_json_rows_hold_steps_sampler_choice_and_time_zones(
    stepped: tunesmith.Study, storage_url: str, invoke: Invoke
) -> None:
    result = invoke("export", "stepped", "--format", "json", "--storage", storage_url)

    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    x = stepped.trials[0].params["x"]
    assert rows[0]["intermediate_values"] == pytest.approx({"1": x, "2": x / 2, "3": x / 3})
    assert rows[0]["sampler_choice"] == stepped.trials[0].system_attrs["sampler_choice"]["sampler"]
    assert rows[0]["sampler_choice_reason"]
    for key in ("datetime_start", "datetime_complete"):
        stamp = datetime.datetime.fromisoformat(rows[0][key])
        assert stamp.utcoffset() is not None, key
        assert abs(stamp - datetime.datetime.now(datetime.UTC)) < datetime.timedelta(hours=1)


def test_csv_keeps_the_steps_as_json_in_one_cell(
    stepped: tunesmith.Study, storage_url: str, invoke: Invoke
) -> None:
    result = invoke("export", "stepped", "--format", "csv", "--storage", storage_url)

    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert json.loads(rows[2]["intermediate_values"]).keys() == {"1", "2", "3"}
