"""The real `tunesmith` program in its own process: the entry point, and Ctrl-C."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

import tunesmith
from tunesmith import TrialState
from tunesmith.trial import INTERRUPTED_ATTR

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _environment(**extra: str) -> dict[str, str]:
    # Unbuffered, so the first line of output arrives while the run goes on.
    return {**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "200", **extra}


def test_the_installed_command_runs_a_config(tmp_path: Path) -> None:
    command = shutil.which("tunesmith", path=str(Path(sys.executable).parent))
    assert command is not None, "the tunesmith script is not installed beside this Python"
    storage_url = f"sqlite:///{tmp_path / 'studies.db'}"
    config = str(EXAMPLES / "quadratic.yaml")

    ran = subprocess.run(
        [command, "run", config, "--n-trials", "3", "--storage", storage_url],
        capture_output=True,
        text=True,
        env=_environment(),
        timeout=120,
        check=False,
    )

    assert ran.returncode == 0, ran.stderr
    assert "New study 'quadratic'" in ran.stdout
    assert "3 trials: 3 complete" in ran.stdout
    assert len(tunesmith.load_study("quadratic", storage_url).trials) == 3


def _wait_for_a_completed_trial(study: tunesmith.Study, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        if study.get_trials([TrialState.COMPLETE]):
            return
        time.sleep(0.05)
    pytest.fail("no trial completed within 60 seconds")


def test_ctrl_c_stores_the_running_trial_as_interrupted_and_resume_runs_the_whole_budget(
    tmp_path: Path,
    write_config: Callable[..., Path],
    objective_module: Callable[[str], str],
    storage_url: str,
    invoke: Callable[..., Result],
) -> None:
    # Slow only in the interrupted process, so Ctrl-C lands in a trial and the resume is quick.
    module = objective_module("""\
        import os
        import time

        def slow(trial):
            time.sleep(float(os.environ.get("SLOW_OBJECTIVE_SECONDS", "0")))
            return trial.params["x"] ** 2
        """)
    config = write_config(f"""\
        study: slow
        objective: {module}:slow
        space:
          x: {{type: float, low: -1, high: 1}}
        n_trials: 6
        """)
    process = subprocess.Popen(
        [sys.executable, "-m", "tunesmith.cli", "run", str(config), "--storage", storage_url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_environment(SLOW_OBJECTIVE_SECONDS="1.5"),
        cwd=tmp_path,
    )
    try:
        assert process.stdout is not None
        # The study exists once the run says so; then wait for its first result.
        assert "New study 'slow'" in process.stdout.readline()
        watched = tunesmith.load_study("slow", storage_url)
        _wait_for_a_completed_trial(watched, process)
        watched.storage.close()
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
    finally:
        process.kill()

    assert process.returncode == 130, stderr
    assert "Interrupted" in stderr
    assert f"tunesmith run {config} --resume" in stderr
    interrupted = tunesmith.load_study("slow", storage_url).trials
    assert not [t for t in interrupted if t.state is TrialState.RUNNING]
    assert [t.state for t in interrupted] == [TrialState.COMPLETE, TrialState.FAIL]
    assert interrupted[1].system_attrs[INTERRUPTED_ATTR] is True
    assert "1 trial Ctrl-C stopped is stored as interrupted" in stderr

    resumed = invoke("run", str(config), "--resume", "--storage", storage_url)

    # Ctrl-C cost no trial of the budget: six complete, beside the interrupted one.
    assert resumed.exit_code == 0, resumed.output
    trials = tunesmith.load_study("slow", storage_url).trials
    assert [t.state for t in trials].count(TrialState.COMPLETE) == 6
    assert len(trials) == 7
    assert "7 trials: 6 complete, 0 pruned, 0 failed, 1 interrupted" in resumed.output
