"""Every error tunesmith raises on purpose.

Each class also inherits the built-in type a user would already catch, so
``except ValueError`` keeps working around a bad search space::

    TunesmithError (Exception)
    ├── InvalidSpaceError (ValueError)          a distribution or search space breaks a rule
    │   └── IncompatibleDistributionError       a hyperparameter reused with another range
    ├── InvalidArgumentError (ValueError)       an argument of a public function breaks a rule
    ├── ConfigError (ValueError)                a configuration file breaks a rule
    ├── StorageError (RuntimeError)             the storage cannot do what was asked
    │   ├── InvalidStorageURLError (ValueError) a storage URL that no backend accepts
    │   ├── SchemaVersionError                  a database written by another tunesmith version
    │   ├── StudyNotFoundError (KeyError)       no study by that name or id
    │   ├── DuplicatedStudyError                a study by that name exists already
    │   ├── TrialNotFoundError (KeyError)       no trial by that id or number
    │   └── TrialFinishedError                  a finished trial cannot change any more
    ├── StudyMismatchError                      resuming a study with another space or objective
    ├── NoCompletedTrialsError (ValueError)     asking for a best trial before any completed
    ├── SearchSpaceExhaustedError               a grid whose every point has been used
    ├── UnsupportedModelError (TypeError)       a model whose parameters inspect() cannot count
    ├── ModelNotFittedError (ValueError)        a model inspected before it learned anything
    └── TrialPruned                             raised by an objective to stop its trial early
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "DuplicatedStudyError",
    "IncompatibleDistributionError",
    "InvalidArgumentError",
    "InvalidSpaceError",
    "InvalidStorageURLError",
    "ModelNotFittedError",
    "NoCompletedTrialsError",
    "SchemaVersionError",
    "SearchSpaceExhaustedError",
    "StorageError",
    "StudyMismatchError",
    "StudyNotFoundError",
    "TrialFinishedError",
    "TrialNotFoundError",
    "TrialPruned",
    "TunesmithError",
    "UnsupportedModelError",
]


class TunesmithError(Exception):
    """Root of every error tunesmith raises on purpose."""


class InvalidSpaceError(TunesmithError, ValueError):
    """A distribution or a search space breaks one of its rules."""


class IncompatibleDistributionError(InvalidSpaceError):
    """A hyperparameter was suggested with a range other than the one earlier trials used."""


class InvalidArgumentError(TunesmithError, ValueError):
    """An argument of a public function breaks one of its rules."""


class ConfigError(TunesmithError, ValueError):
    """A configuration file breaks one of its rules."""


class StorageError(TunesmithError, RuntimeError):
    """The storage cannot do what was asked."""


class InvalidStorageURLError(StorageError, ValueError):
    """A storage URL that no storage backend accepts."""


class SchemaVersionError(StorageError):
    """A database was written by a tunesmith version this one cannot read."""


class StudyNotFoundError(StorageError, KeyError):
    """No study has that name or id."""

    def __str__(self) -> str:
        # KeyError quotes its message; a user should read it plainly.
        return str(self.args[0]) if self.args else ""


class DuplicatedStudyError(StorageError):
    """A study by that name exists already."""


class TrialNotFoundError(StorageError, KeyError):
    """No trial has that id or number."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class TrialFinishedError(StorageError):
    """A finished trial cannot change any more."""


class StudyMismatchError(TunesmithError):
    """A stored study was resumed with another search space or objective."""


class NoCompletedTrialsError(TunesmithError, ValueError):
    """A best trial was asked for before any trial completed."""


class SearchSpaceExhaustedError(TunesmithError):
    """Every point of a finite search space (a grid) has been used."""


class UnsupportedModelError(TunesmithError, TypeError):
    """``tunesmith.inspect`` does not know how to count this model's parameters."""


class ModelNotFittedError(TunesmithError, ValueError):
    """A model was inspected before it was fitted, so it has no parameters yet."""


class TrialPruned(TunesmithError):  # noqa: N818 - the name users know from other tools
    """Raise inside an objective to stop the trial early; it is stored as PRUNED."""
