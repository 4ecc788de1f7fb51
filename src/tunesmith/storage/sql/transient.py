"""Transient database errors, and retrying a storage call through them with bounded backoff.

A PostgreSQL connection terminated under a worker (a server restart, a
failover, ``pg_terminate_backend``), a serialization failure or deadlock
between concurrent writers, and a SQLite file busy past its timeout all leave
the database unchanged: the transaction rolled back. Such a call is simply
made again, after 0.05, 0.1, 0.2, ... seconds (6.35 s at most in all), at
most ``ATTEMPTS`` times; past that the error is raised, naming how many attempts were made.
"""

from __future__ import annotations

import functools
import sqlite3
import time
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy.exc import DBAPIError

from tunesmith.exceptions import StorageError

__all__ = ["ATTEMPTS", "call_with_retries", "is_transient", "retry_transient"]

ATTEMPTS = 8
_FIRST_DELAY_SECONDS = 0.05

# PostgreSQL error classes that say "try again": serialization failure, deadlock, the server
# shutting the connection down, and the connection exceptions of class 08.
_TRANSIENT_SQLSTATES = frozenset(
    {"40001", "40P01", "57P01", "57P02", "57P03", "08000", "08001", "08003", "08006"}
)

P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S")


def is_transient(error: BaseException) -> bool:
    """Whether ``error`` (a StorageError, or the database error under it) is worth a retry."""
    cause = error.__cause__ if isinstance(error, StorageError) else error
    if not isinstance(cause, DBAPIError):
        return False
    if cause.connection_invalidated:
        return True
    original = cause.orig
    if getattr(original, "sqlstate", None) in _TRANSIENT_SQLSTATES:
        return True
    message = str(original).lower()
    if isinstance(original, sqlite3.OperationalError):
        return "locked" in message or "busy" in message
    # A connection the server closed mid-query, before the driver classified it.
    return "server closed the connection" in message or "terminating connection" in message


def call_with_retries(call: Callable[[int], R]) -> R:
    """``call(attempt)`` for attempt 0, 1, ... until it does not raise a transient error."""
    for attempt in range(ATTEMPTS):
        try:
            return call(attempt)
        except StorageError as error:
            if not is_transient(error):
                raise
            if attempt == ATTEMPTS - 1:
                raise StorageError(f"{error} (gave up after {ATTEMPTS} attempts)") from error
            time.sleep(_FIRST_DELAY_SECONDS * 2**attempt)
    raise AssertionError("unreachable: the last attempt returns or raises")


def retry_transient(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """A storage method, made again when it fails on a transient error."""

    def retrying(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        return call_with_retries(lambda _attempt: method(self, *args, **kwargs))

    functools.update_wrapper(retrying, method)
    return retrying
