"""Executors by name: what ``optimize(executor="...")`` and configs accept."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.execution.dask_cluster import DaskExecutor
from tunesmith.execution.processes import ProcessExecutor
from tunesmith.execution.protocol import Executor
from tunesmith.execution.threads import ThreadExecutor

__all__ = ["EXECUTOR_CLASSES", "make_executor"]

EXECUTOR_CLASSES: Mapping[str, type[Executor]] = MappingProxyType(
    {"thread": ThreadExecutor, "process": ProcessExecutor, "dask": DaskExecutor}
)


def make_executor(executor: Executor | str) -> Executor:
    """Turn an executor argument (an Executor, or a name of ``EXECUTOR_CLASSES``) into one.

    Raises:
        InvalidArgumentError: an unknown name, listing the known ones.

    >>> make_executor("process")
    ProcessExecutor()
    """
    if isinstance(executor, str):
        executor_class = EXECUTOR_CLASSES.get(executor)
        if executor_class is None:
            raise InvalidArgumentError(
                f"The 'executor' argument must be an Executor or one of {list(EXECUTOR_CLASSES)}; "
                f"got {executor!r}."
            )
        return executor_class()
    if not callable(getattr(executor, "run", None)):
        raise InvalidArgumentError(
            f"The 'executor' argument must be an Executor or one of {list(EXECUTOR_CLASSES)}; "
            f"got {executor!r}."
        )
    return executor
