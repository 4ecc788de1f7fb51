"""Contract test suites that every implementation of a tunesmith protocol must pass.

Each module holds one suite as a class of pytest-style test methods; a test
module subclasses it and provides the fixture the suite names. The suites
import pytest, which is a development dependency only.
"""

__all__: list[str] = []
