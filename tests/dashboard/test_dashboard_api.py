"""The dashboard's JSON API and pages over a real SQLite study, as a browser would call them."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from benchmarks.dashboard.studies import add_trials
from dashboard_studies import STUDY_NAME, run_trials
from starlette.testclient import TestClient

import tunesmith
from tunesmith.dashboard import create_app
from tunesmith.dashboard.app import plotly_js_file
from tunesmith.dashboard.figures import MAX_MARKERS_DRAWN
from tunesmith.plots import plot_pareto_front
from tunesmith.storage.sql import SQLStorage
from tunesmith.study import AnalysisSettings
from tunesmith.trial import FAIL_REASON_ATTR, TrialState

STUDY = f"/api/studies/{STUDY_NAME}"


def _stored(url: str) -> list[tunesmith.FrozenTrial]:
    return tunesmith.load_study(STUDY_NAME, url).trials


def test_the_studies_list_shows_each_study_with_its_trials_by_state(
    client: TestClient, sqlite_url: str
) -> None:
    trials = _stored(sqlite_url)

    (row,) = client.get("/api/studies").json()["studies"]

    assert row["name"] == STUDY_NAME
    assert row["n_trials"] == len(trials)
    for state in TrialState:
        assert row["states"][state.name.lower()] == sum(t.state is state for t in trials)
    best = min(t.values[0] for t in trials if t.state is TrialState.COMPLETE and t.values)
    assert row["best_values"] == [best]
    assert row["sparkline"][-1] == best
    assert row["sparkline"] == sorted(row["sparkline"], reverse=True)  # best so far only improves
    assert row["objectives"] == [{"name": "value", "direction": "minimize"}]


def test_new_and_deleted_studies_show_without_a_restart(
    client: TestClient, sqlite_url: str
) -> None:
    other = tunesmith.create_study(study_name="other", storage=sqlite_url, direction="maximize")
    other.set_metric_names(["accuracy"])
    other.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=3)

    names = [row["name"] for row in client.get("/api/studies").json()["studies"]]
    assert names == [STUDY_NAME, "other"]
    assert client.get("/api/studies/other").json()["objectives"] == [
        {"name": "accuracy", "direction": "maximize"}
    ]

    tunesmith.delete_study("other", sqlite_url)
    names = [row["name"] for row in client.get("/api/studies").json()["studies"]]
    assert names == [STUDY_NAME]
    assert client.get("/api/studies/other").status_code == 404


def test_the_study_header_states_the_reports_facts(client: TestClient, sqlite_url: str) -> None:
    header = client.get(STUDY).json()

    headings = [heading for heading, _ in header["facts"]]
    assert headings[:2] == ["Trials", "Best trial"]
    assert "Pruning savings" in headings
    assert header["param_names"] == ["C", "depth", "kernel"]
    assert header["n_trials"] == len(_stored(sqlite_url))


def test_the_figures_are_the_reports_plotted_by_plotly_js(client: TestClient) -> None:
    body = client.get(f"{STUDY}/figures").json()

    titles = [figure["title"] for figure in body["figures"]]
    assert (titles[0], titles[-1]) == ("History", "Timeline")
    assert {"Importance", "Parallel coordinates", "Intermediate values"} <= set(titles)
    for figure in body["figures"]:
        assert figure["figure"]["data"], figure["title"]


def test_the_pages_plotly_js_draws_every_trace_type_of_the_figures(client: TestClient) -> None:
    figures = [figure["figure"] for figure in client.get(f"{STUDY}/figures").json()["figures"]]
    two_objectives = tunesmith.create_study(directions=["minimize", "maximize"], seed=0)
    two_objectives.optimize(lambda t: (t.suggest_float("x", 0, 1), t.suggest_float("y", 0, 1)), 5)
    figures.append(plot_pareto_front(two_objectives).to_plotly_json())
    trace_types = {trace.get("type", "scatter") for figure in figures for trace in figure["data"]}

    plotly_js = client.get("/static/plotly.min.js")

    assert plotly_js.status_code == 200
    assert plotly_js.content == plotly_js_file().read_bytes()
    registered = set(re.findall(rb'moduleType:"trace",name:"(\w+)"', plotly_js.content))
    assert {name.encode() for name in trace_types} <= registered


def test_the_table_filters_by_state_and_range_sorts_and_pages(
    client: TestClient, sqlite_url: str
) -> None:
    trials = _stored(sqlite_url)
    wanted = [
        t
        for t in trials
        if t.state is TrialState.COMPLETE and 1e-2 <= t.params.get("C", -1.0) <= 10.0
    ]
    wanted.sort(key=lambda t: t.values[0] if t.values else 0.0, reverse=True)

    page = client.get(
        f"{STUDY}/trials",
        params={
            "state": "complete",
            "range": "C:0.01:10",
            "sort": "value",
            "order": "desc",
            "limit": 3,
            "offset": 1,
        },
    ).json()

    assert page["total"] == len(wanted)
    assert [row["number"] for row in page["rows"]] == [t.number for t in wanted[1:4]]
    assert all(row["state"] == "complete" for row in page["rows"])


def test_the_table_filters_a_categorical_hyperparameter_by_its_choices(
    client: TestClient, sqlite_url: str
) -> None:
    trials = _stored(sqlite_url)
    assert client.get(STUDY).json()["choices"] == {"kernel": ["rbf", "poly"]}

    poly = client.get(f"{STUDY}/trials", params={"choice": "kernel:poly", "limit": 500}).json()
    either = client.get(
        f"{STUDY}/trials", params=[("choice", "kernel:poly"), ("choice", "kernel:rbf")]
    ).json()

    assert [row["number"] for row in poly["rows"]] == [
        t.number for t in trials if t.params.get("kernel") == "poly"
    ]
    assert 0 < poly["total"] < either["total"] == len(trials)


def test_trials_without_the_sorted_hyperparameter_come_last(client: TestClient) -> None:
    rows = client.get(f"{STUDY}/trials", params={"sort": "param:depth", "limit": 500}).json()
    depths = [row["params"].get("depth") for row in rows["rows"]]
    used = [depth for depth in depths if depth is not None]
    assert depths == used + [None] * (len(depths) - len(used))
    assert used == sorted(used)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"state": "finished"}, "'state'"),
        ({"range": "C:low:1"}, "'range'"),
        ({"range": "C:5:1"}, "'range'"),
        ({"range": "C"}, "'range'"),
        ({"sort": "colour"}, "'sort'"),
        ({"order": "up"}, "'order'"),
        ({"limit": "100000"}, "'limit'"),
        ({"offset": "-1"}, "'offset'"),
        ({"choice": "kernel"}, "'choice'"),
    ],
)
def test_a_malformed_filter_is_a_400_naming_the_field_and_value(
    client: TestClient, params: dict[str, str], field: str
) -> None:
    response = client.get(f"{STUDY}/trials", params=params)

    assert response.status_code == 400
    message = response.json()["error"]
    assert field in message
    assert repr(next(iter(params.values()))) in message
    assert "Traceback" not in response.text


def test_unknown_studies_and_trials_get_a_404_page_or_json(client: TestClient) -> None:
    page = client.get("/studies/nope")
    assert page.status_code == 404
    assert "text/html" in page.headers["content-type"]
    assert "No study is named &#x27;nope&#x27;" in page.text
    assert client.get("/api/studies/nope/trials").json()["status"] == 404
    assert client.get(f"{STUDY}/trials/999").status_code == 404
    assert client.get(f"/studies/{STUDY_NAME}/trials/x").status_code == 404
    assert client.get(f"{STUDY}/changes", params={"since": "-3"}).status_code == 400


def test_a_trial_page_shows_its_steps_and_why_it_failed(
    client: TestClient, sqlite_url: str
) -> None:
    failed = next(t for t in _stored(sqlite_url) if t.state is TrialState.FAIL)

    detail = client.get(f"{STUDY}/trials/{failed.number}").json()

    assert detail["state"] == "fail"
    assert detail["fail_reason"] == failed.system_attrs[FAIL_REASON_ATTR]
    assert detail["intermediate_values"] == [
        [step, value] for step, value in sorted(failed.intermediate_values.items())
    ]
    assert detail["params"] == dict(failed.params)
    assert client.get(f"/studies/{STUDY_NAME}/trials/{failed.number}").status_code == 200


def test_the_changes_endpoint_sends_only_what_changed(client: TestClient, sqlite_url: str) -> None:
    count = client.get(STUDY).json()["change_count"]
    assert client.get(f"{STUDY}/changes", params={"since": count}).json()["trials"] == []

    run_trials(sqlite_url, 4, seed=1)
    delta = client.get(f"{STUDY}/changes", params={"since": count}).json()

    assert [row["number"] for row in delta["trials"]] == [30, 31, 32, 33]
    assert delta["change_count"] > count
    assert delta["n_trials"] == 34
    later = client.get(f"{STUDY}/changes", params={"since": delta["change_count"]}).json()
    assert later["trials"] == []


def test_the_report_downloads_as_one_html_file(client: TestClient) -> None:
    response = client.get(f"/studies/{STUDY_NAME}/report.html")

    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="demo-report.html"'
    assert "<h1>Study demo</h1>" in response.text
    assert "<script src=" not in response.text  # plotly.js inside: it opens offline


def test_notes_are_stored_and_read_back_by_another_dashboard(
    client: TestClient, sqlite_url: str
) -> None:
    finished = next(t for t in _stored(sqlite_url) if t.state is TrialState.COMPLETE)
    headers = {"Content-Type": "application/json"}

    study_note = client.put(f"{STUDY}/note", json={"note": "baseline run"}, headers=headers)
    trial_note = client.put(
        f"{STUDY}/trials/{finished.number}/note", json={"note": "looks odd"}, headers=headers
    )

    assert (study_note.status_code, trial_note.status_code) == (200, 200)
    other_storage = SQLStorage(sqlite_url, create_tables=False)
    try:
        with TestClient(create_app(other_storage)) as other:
            trial = other.get(f"{STUDY}/trials/{finished.number}").json()
            assert other.get(STUDY).json()["note"] == "baseline run"
    finally:
        other_storage.close()
    assert (trial["note"], trial["state"]) == ("looks odd", "complete")


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        ('{"note": 3}', "application/json", 400),
        ("not json", "application/json", 400),
        ('{"note": "x"}', "text/plain", 415),
        ('{"note": "' + "x" * 10_001 + '"}', "application/json", 400),
    ],
)
def test_a_bad_note_is_refused_with_a_reason(
    client: TestClient, body: str, content_type: str, status: int
) -> None:
    response = client.put(f"{STUDY}/note", content=body, headers={"Content-Type": content_type})

    assert response.status_code == status
    assert response.json()["error"]
    assert client.get(STUDY).json()["note"] == ""


def test_a_read_only_dashboard_refuses_notes_and_hides_the_editor(
    storage: SQLStorage, sqlite_url: str
) -> None:
    with TestClient(create_app(storage, storage_url=sqlite_url, read_only=True)) as client:
        response = client.put(
            f"{STUDY}/note", json={"note": "x"}, headers={"Content-Type": "application/json"}
        )
        page = client.get(f"/studies/{STUDY_NAME}").text

    assert response.status_code == 403
    assert "read-only" in response.json()["error"]
    assert 'data-read-only="true"' in page
    assert tunesmith.load_study(STUDY_NAME, sqlite_url).system_attrs.get("note") is None


def test_the_selected_small_model_and_a_model_card_show(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'sizes.db'}"
    study = tunesmith.create_study(study_name="sizes", storage=url, direction="maximize")
    study.set_analysis_settings(AnalysisSettings(selection_rule="smallest_within:0.02"))
    for n_parameters, score in [(1_000, 0.90), (50, 0.89), (10, 0.70)]:
        trial = study.ask()
        trial.suggest_int("width", 1, 1_000)
        trial.set_user_attr("n_parameters", n_parameters)
        trial.set_user_attr("n_bytes", 8 * n_parameters)
        study.tell(trial, score)
    storage = SQLStorage(url, create_tables=False)
    try:
        with TestClient(create_app(storage)) as client:
            facts = dict(client.get("/api/studies/sizes").json()["facts"])
            card = client.get("/api/studies/sizes/trials/1").json()["model_card"]
    finally:
        storage.close()

    assert facts["Selected model"].startswith("Rule 'smallest_within:0.02' selects trial 1")
    assert "20.0x smaller" in facts["Selected model"]
    assert card == {"n_parameters": 50, "n_bytes": 400}


def test_a_plot_of_thousands_of_trials_draws_a_spread_of_markers_and_keeps_every_point(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'large.db'}"
    storage = SQLStorage(url)
    add_trials(storage, "large", MAX_MARKERS_DRAWN + 500)
    complete = tunesmith.load_study("large", storage).get_trials([TrialState.COMPLETE])
    with TestClient(create_app(storage, storage_url=url)) as client:
        body = client.get("/api/studies/large/figures").json()
        report = client.get("/studies/large/report.html").text
    storage.close()

    history = next(f["figure"] for f in body["figures"] if f["title"] == "History")
    completed, best = history["data"][:2]
    assert len(completed["x"]) == len(complete) > MAX_MARKERS_DRAWN  # every point, to hover
    assert completed["marker"]["maxdisplayed"] == MAX_MARKERS_DRAWN  # a spread of them drawn
    assert len(best["x"]) < 50  # the best so far: a corner per improvement, not per trial
    # The downloaded report has the page's plots, each drawing every point.
    assert all(f'data-plot="{figure["title"]}"' in report for figure in body["figures"])
    assert '"maxdisplayed":' not in report


def test_a_study_whose_name_holds_a_slash_has_its_pages_and_json(
    client: TestClient, sqlite_url: str
) -> None:
    name = "team/exp 1"
    study = tunesmith.create_study(study_name=name, storage=sqlite_url, sampler="random", seed=0)
    study.optimize(lambda trial: trial.suggest_float("x", -1.0, 1.0) ** 2, n_trials=3)
    encoded = f"/api/studies/{quote(name, safe='')}"  # as the pages' scripts write it

    assert client.get(encoded).json()["n_trials"] == 3
    assert client.get(f"{encoded}/trials").json()["total"] == 3
    assert client.get(f"{encoded}/trials/2").json()["number"] == 2
    assert client.get(f"{encoded}/changes", params={"since": "0"}).status_code == 200
    assert client.put(f"{encoded}/note", json={"note": "shared"}).status_code == 200
    assert client.put(f"{encoded}/trials/1/note", json={"note": "odd"}).status_code == 200
    assert client.get(f"{encoded}/figures").json()["figures"][0]["title"] == "History"
    page = client.get(f"/studies/{quote(name, safe='')}")
    assert page.status_code == 200
    assert "team/exp 1" in page.text
    assert client.get(f"/studies/{quote(name, safe='')}/trials/1").status_code == 200
    assert tunesmith.load_study(name, sqlite_url).trials[1].system_attrs["note"] == "odd"
