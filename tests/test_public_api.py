"""The public names: each package's __all__ lists exactly them, and the error hierarchy."""

from __future__ import annotations

import importlib
import inspect
import types

import pytest

import tunesmith
from tunesmith import exceptions

PACKAGES = [
    "tunesmith",
    "tunesmith.analysis",
    "tunesmith.exceptions",
    "tunesmith.models",
    "tunesmith.samplers",
    "tunesmith.space",
    "tunesmith.study",
    "tunesmith.trial",
]


@pytest.mark.parametrize("name", PACKAGES)
def test_all_lists_exactly_the_public_names(name: str) -> None:
    module = importlib.import_module(name)
    listed = set(module.__all__)
    assert len(listed) == len(module.__all__), "__all__ repeats a name"
    missing = sorted(n for n in listed if not hasattr(module, n))
    assert missing == [], f"{name}.__all__ names what the module lacks"
    public = {
        attribute
        for attribute, value in vars(module).items()
        if not attribute.startswith("_")
        and not isinstance(value, types.ModuleType)
        and attribute != "annotations"  # from __future__ import annotations
    }
    assert sorted(public - listed) == [], f"{name} has public names missing from __all__"


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
