"""Inspecting stays light: neither scikit-learn nor torch is imported unless the caller did."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
import tunesmith

class Weights:
    def __tunesmith_parameters__(self):
        return {"w": [1.0, 2.0]}

print(tunesmith.inspect(Weights()).n_parameters)
print(sorted(name for name in ("sklearn", "torch") if name in sys.modules))
"""


def test_inspecting_a_model_of_our_own_imports_neither_sklearn_nor_torch() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True, timeout=120
    )

    assert result.stdout.split("\n")[:2] == ["2", "[]"]
