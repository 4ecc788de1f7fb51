"""Fixtures of the CLI tests: a runner, a SQLite storage in a temporary folder, config files."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tunesmith import list_studies
from tunesmith.cli import main


@pytest.fixture
def storage_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'studies.db'}"


@pytest.fixture(scope="session")
def invoke() -> Callable[..., Result]:
    """Run ``tunesmith ARGS...`` in this process; wide columns keep table cells on one line."""
    runner = CliRunner()

    def run(*args: str) -> Result:
        return runner.invoke(main, list(args), env={"COLUMNS": "250"}, catch_exceptions=False)

    return run


@pytest.fixture
def write_config(tmp_path: Path) -> Callable[..., Path]:
    """Write YAML text (dedented) to ``tmp_path/NAME`` and return its path."""

    def write(text: str, name: str = "study.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def objective_module(tmp_path: Path) -> Callable[[str], str]:
    """Write a module of objective functions beside the configs; return its importable name.

    Each test gets its own module name, since Python caches imported modules by name.
    """

    def write(source: str) -> str:
        name = "objectives_" + re.sub(r"\W", "_", tmp_path.name)
        (tmp_path / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
        return name

    return write


@pytest.fixture
def stored_studies(storage_url: str) -> Callable[[], list[str]]:
    """The names of the studies in the test storage; none when its file was never created."""

    def names() -> list[str]:
        if not Path(storage_url.removeprefix("sqlite:///")).exists():
            return []
        return [summary.study_name for summary in list_studies(storage_url)]

    return names
