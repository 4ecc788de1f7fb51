"""Every registered sampler, pruner and storage runs its contract suite somewhere under tests/.

A contract subclass declares the class it tests (``sampler_class``,
``pruner_class``, ``storage_class``), and the suite checks that its fixture
builds exactly that class. This test reads the registries, imports the test
modules that subclass a contract, and names every registered class that no
subclass declares.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

import pytest

from tunesmith.pruners import PRUNER_CLASSES
from tunesmith.samplers import SAMPLER_CLASSES
from tunesmith.storage import STORAGE_CLASSES
from tunesmith.testing.pruners import PrunerContract
from tunesmith.testing.samplers import SamplerContract
from tunesmith.testing.storage import StorageContract

TESTS = Path(__file__).parent

# kind -> (registry, contract suite, the attribute naming the class a subclass tests)
KINDS = {
    "sampler": (SAMPLER_CLASSES, SamplerContract, "sampler_class"),
    "pruner": (PRUNER_CLASSES, PrunerContract, "pruner_class"),
    "storage": (STORAGE_CLASSES, StorageContract, "storage_class"),
}


@functools.cache
def _subclasses(contract: type) -> list[type]:
    """Every subclass of ``contract`` defined in a test module under tests/."""
    found: list[type] = []
    for path in sorted(TESTS.rglob("test_*.py")):
        if f"({contract.__name__})" not in path.read_text(encoding="utf-8"):
            continue
        # A name of its own: pytest may have imported the module already, as another name.
        name = f"_contract_coverage.{path.relative_to(TESTS).with_suffix('').as_posix()}"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        found.extend(
            value
            for value in vars(module).values()
            if isinstance(value, type) and issubclass(value, contract) and value is not contract
        )
    return found


@pytest.mark.parametrize(
    ("kind", "name"),
    [(kind, name) for kind, (registry, _, _) in KINDS.items() for name in registry],
)
def test_every_registered_class_has_a_contract_subclass(kind: str, name: str) -> None:
    registry, contract, attribute = KINDS[kind]
    registered = registry[name]
    tested = {getattr(subclass, attribute, None) for subclass in _subclasses(contract)}
    assert registered in tested, (
        f"The {kind} {name!r} ({registered.__name__}) has no contract suite: add a subclass of "
        f"{contract.__module__}.{contract.__name__} under tests/ with "
        f"{attribute} = {registered.__name__}."
    )
