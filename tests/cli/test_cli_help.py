"""Every command explains itself, and the CLI's libraries stay out of `import tunesmith`."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

import pytest
from click.testing import Result

COMMANDS = ["run", "studies", "show", "best", "export", "worker"]


def test_main_help_lists_every_command(invoke: Callable[..., Result]) -> None:
    result = invoke("--help")

    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str, invoke: Callable[..., Result]) -> None:
    result = invoke(command, "--help")

    assert result.exit_code == 0
    assert "--storage" in result.stdout


def test_run_help_says_n_trials_is_the_study_total(invoke: Callable[..., Result]) -> None:
    text = " ".join(invoke("run", "--help").stdout.split())

    assert "n_trials (in CONFIG or --n-trials) is the study's TOTAL" in text
    assert "--resume" in text
    assert "--new" in text


def test_importing_tunesmith_does_not_import_the_cli_libraries() -> None:
    script = (
        "import sys, tunesmith; "
        "print(sorted(m for m in ('click', 'rich', 'pydantic', 'yaml', 'sklearn', 'pandas', "
        "'torch') if m in sys.modules))"
    )

    loaded = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )

    assert loaded.stdout.strip() == "[]"
