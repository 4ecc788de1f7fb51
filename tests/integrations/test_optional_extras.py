"""Without its library, each new integration's import names the ``pip install`` to run."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    ("library", "integration", "extra"),
    [
        ("lightgbm", "lightgbm", "lightgbm"),
        ("xgboost", "xgboost", "xgboost"),
        ("keras", "keras", "keras"),
        ("mlflow", "mlflow", "mlflow"),
    ],
)
def test_without_the_library_the_import_says_which_extra_to_install(
    library: str, integration: str, extra: str
) -> None:
    script = (
        "import sys\n"
        f"sys.modules[{library!r}] = None  # as if it were not installed\n"
        f"import tunesmith.integrations.{integration}\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )

    assert result.returncode != 0
    assert f'pip install "tunesmith[{extra}]"' in result.stderr.splitlines()[-1]
