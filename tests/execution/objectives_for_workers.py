"""Objectives for the worker tests: module-level, so spawned worker processes can import them.

A worker that runs trial 0 (a retry of it gets another number) writes its process id to the
file named by ``TUNESMITH_TEST_PID_FILE`` and hangs, so a test can kill it in
the middle of that trial; every other trial takes ``TRIAL_SECONDS``.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

from tunesmith import Trial

PID_FILE_VARIABLE = "TUNESMITH_TEST_PID_FILE"
TRIAL_SECONDS = 0.2


def hangs_in_trial_zero(trial: Trial) -> float:
    """(x - 1)^2, after hanging for ten minutes in trial 0."""
    x = trial.suggest_float("x", -5.0, 5.0)
    if trial.number == 0:
        Path(os.environ[PID_FILE_VARIABLE]).write_text(str(os.getpid()))
        time.sleep(600)
    time.sleep(TRIAL_SECONDS)
    return (x - 1.0) ** 2


def hangs_or_grows_in_trial_zero(trial: Trial) -> float:
    """(x - 1)^2; trial 0 hangs (``hang``) or asks for 2 GB at once (``grow``)."""
    x = trial.suggest_float("x", -5.0, 5.0)
    if trial.number == 0:
        if os.environ.get("TUNESMITH_TEST_TRIAL_ZERO") == "grow":
            grown = bytearray(2 * 1024**3)
            return float(len(grown))
        time.sleep(600)
    return (x - 1.0) ** 2


def kill_when_written(pid_file: Path) -> threading.Thread:
    """Start a thread that SIGKILLs the process whose id appears in ``pid_file``."""

    def kill() -> None:
        while not pid_file.exists() or not pid_file.read_text():
            time.sleep(0.02)
        os.kill(int(pid_file.read_text()), signal.SIGKILL)

    killer = threading.Thread(target=kill, daemon=True)
    killer.start()
    return killer
