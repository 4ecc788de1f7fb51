"""``tunesmith dashboard`` from the command line: its warnings, and bad storages or ports."""

from __future__ import annotations

import doctest
import importlib
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from dashboard_studies import run_trials
from starlette.testclient import TestClient

from tunesmith.cli import main
from tunesmith.dashboard import create_app
from tunesmith.storage.sql import SQLStorage


def test_a_missing_sqlite_file_is_one_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'missing.db'}"

    result = CliRunner().invoke(main, ["dashboard", "--storage", url])

    assert result.exit_code == 2
    assert "There is no tunesmith database at" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "missing.db").exists()


def test_a_storage_that_does_not_answer_is_one_line_without_its_password() -> None:
    url = "postgresql+psycopg://postgres:hunter2@127.0.0.1:1/test"  # nothing listens on port 1

    result = CliRunner().invoke(main, ["dashboard", "--storage", url])

    assert result.exit_code == 2
    assert result.output.startswith("Error: The storage at 'postgresql+psycopg://postgres:***@")
    assert "hunter2" not in result.output
    assert "Traceback" not in result.output


def test_a_port_in_use_is_one_line(sqlite_url: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])

        result = CliRunner().invoke(main, ["dashboard", "--storage", sqlite_url, "--port", port])

    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1 port {port}" in result.output


def _first_lines(command: list[str], n_lines: int) -> list[str]:
    """The first ``n_lines`` lines the command writes to stderr; then it is stopped."""
    with subprocess.Popen(command, stderr=subprocess.PIPE, text=True) as process:
        assert process.stderr is not None
        try:
            return [process.stderr.readline() for _ in range(n_lines)]
        finally:
            process.terminate()


@pytest.mark.slow
def test_listening_beyond_this_machine_warns_who_can_read(sqlite_url: str) -> None:
    command = [sys.executable, "-m", "tunesmith.cli", "dashboard", "--storage", sqlite_url]

    first, second = _first_lines([*command, "--host", "0.0.0.0", "--port", "0"], 2)

    assert first.startswith("Warning: the dashboard listens on 0.0.0.0; anyone who can reach")
    assert second.startswith(f"Dashboard of {sqlite_url} at http://0.0.0.0:")
    (only,) = _first_lines([*command, "--port", "0"], 1)
    assert only.startswith(f"Dashboard of {sqlite_url} at http://127.0.0.1:")


@pytest.mark.postgres
def test_pages_never_show_the_storage_password(postgres_url: str) -> None:
    url = sa.make_url(postgres_url).set(password="hunter2")  # the test server trusts anyone
    shown = url.render_as_string(hide_password=False)
    run_trials(shown, 2).storage.close()
    storage = SQLStorage(shown, create_tables=False)
    try:
        with TestClient(create_app(storage, storage_url=shown)) as client:
            pages = [client.get(path).text for path in ("/", "/studies/demo", "/studies/gone")]
    finally:
        storage.close()
    for page in pages:
        assert "hunter2" not in page
    assert "postgres:***@" in pages[0]


@pytest.mark.parametrize("module", ["tunesmith.dashboard.server", "tunesmith.dashboard.rows"])
def test_the_docstring_examples_hold(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module), verbose=False)
    assert result.attempted > 0
    assert result.failed == 0


def test_without_starlette_the_import_and_the_command_say_which_extra_to_install() -> None:
    script = (
        "import sys\n"
        "sys.modules['starlette'] = None  # as if it were not installed\n"
        "from tunesmith.cli import main\n"
        "main(['dashboard', '--storage', 'sqlite:///:memory:'])\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)

    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Error: tunesmith.dashboard needs starlette and uvicorn, which are not installed: "
        'pip install "tunesmith[dashboard]"'
    ]
