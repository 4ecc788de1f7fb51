"""The public names: each package's __all__ lists exactly them, and the error hierarchy.

The rule: users import from packages (``tunesmith``, ``tunesmith.samplers``,
``tunesmith.integrations.sklearn``, ...) and from the top-level modules
``tunesmith.exceptions``, ``tunesmith.seeding`` and ``tunesmith.sklearn``;
each one's ``__all__`` is its public API. The modules inside a package are
its implementation, as in Optuna, and may move between releases; packages
named with a leading underscore are wholly private.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import textwrap
import types
from pathlib import Path

import pytest

import tunesmith
from tunesmith import exceptions

SOURCE = Path(tunesmith.__file__).parent
REPOSITORY = SOURCE.parent.parent


def public_packages() -> list[str]:
    """Every package without a private part in its name, and the public top-level modules."""
    names = ["tunesmith"]
    for path in sorted(SOURCE.rglob("__init__.py")):
        parts = path.parent.relative_to(SOURCE.parent).parts
        if len(parts) > 1 and not any(part.startswith("_") for part in parts):
            names.append(".".join(parts))
    names += [
        f"tunesmith.{path.stem}"
        for path in sorted(SOURCE.glob("*.py"))
        if not path.stem.startswith("_")
    ]
    return names


PACKAGES = public_packages()


@pytest.mark.parametrize("name", PACKAGES)
def test_all_lists_exactly_the_public_names(name: str) -> None:
    module = importlib.import_module(name)
    listed = set(module.__all__)
    assert len(listed) == len(module.__all__), "__all__ repeats a name"
    missing = sorted(n for n in listed if not hasattr(module, n))
    assert missing == [], f"{name}.__all__ names what the module lacks"
    is_package = hasattr(module, "__path__")
    public = {
        attribute
        for attribute, value in vars(module).items()
        if not attribute.startswith("_")
        and not isinstance(value, types.ModuleType)
        and attribute != "annotations"  # from __future__ import annotations
        # A plain module's imports serve its own code; a package's are what it re-exports.
        and (is_package or getattr(value, "__module__", name) == name)
    }
    assert sorted(public - listed) == [], f"{name} has public names missing from __all__"


def user_facing_files() -> list[Path]:
    files = sorted((REPOSITORY / "examples").rglob("*.py"))
    files += sorted((REPOSITORY / "benchmarks").rglob("*.py"))
    return files


def imports_of(source: str) -> list[str]:
    """The tunesmith modules that ``from X import ...`` / ``import X`` statements name."""
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)
        elif isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
    return [name for name in names if name.split(".")[0] == "tunesmith"]


def readme_code() -> str:
    """The README's Python blocks, each dedented (a block may sit in a list item)."""
    text = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    blocks = text.split("```python")[1:]
    return "\n".join(textwrap.dedent(block.split("```")[0]) for block in blocks)


def test_examples_benchmarks_and_the_readme_import_only_public_packages() -> None:
    assert len(PACKAGES) > 15, PACKAGES
    private = {
        f"{path.name}: {name}"
        for path in user_facing_files()
        for name in imports_of(path.read_text(encoding="utf-8"))
        if name not in PACKAGES
    }
    private |= {f"README.md: {name}" for name in imports_of(readme_code()) if name not in PACKAGES}
    assert sorted(private) == []


def test_the_top_level_names_users_need() -> None:
    for name in (
        "create_study",
        "load_study",
        "delete_study",
        "list_studies",
        "copy_study",
        "Float",
        "Int",
        "Categorical",
        "TrialPruned",
    ):
        assert name in tunesmith.__all__
    assert tunesmith.TrialPruned is exceptions.TrialPruned


def error_classes() -> list[type[Exception]]:
    return [
        value
        for _, value in inspect.getmembers(exceptions, inspect.isclass)
        if value.__module__ == exceptions.__name__
    ]


def test_every_error_derives_from_the_root_and_is_drawn_in_the_tree() -> None:
    classes = error_classes()
    assert len(classes) == len(exceptions.__all__)
    for error in classes:
        assert issubclass(error, exceptions.TunesmithError)
        assert error.__name__ in (exceptions.__doc__ or "")


@pytest.mark.parametrize(
    ("error", "builtin"),
    [
        (exceptions.InvalidSpaceError, ValueError),
        (exceptions.IncompatibleDistributionError, ValueError),
        (exceptions.InvalidArgumentError, ValueError),
        (exceptions.ConfigError, ValueError),
        (exceptions.NoCompletedTrialsError, ValueError),
        (exceptions.InvalidStorageURLError, ValueError),
        (exceptions.StorageError, RuntimeError),
        (exceptions.StudyNotFoundError, KeyError),
        (exceptions.TrialNotFoundError, KeyError),
    ],
)
def test_errors_are_the_builtin_type_users_already_catch(
    error: type[Exception], builtin: type[Exception]
) -> None:
    assert issubclass(error, builtin)


def test_key_errors_read_plainly() -> None:
    message = "No study is named 'x'."
    assert str(exceptions.StudyNotFoundError(message)) == message
    assert str(exceptions.TrialNotFoundError(message)) == message
