"""A cap on how much a worker process may grow while an objective runs: ``trial_memory`` MB.

It caps the process's address space (``RLIMIT_AS``) from the objective's
start to its end, so an allocation past it fails with a MemoryError in
Python code, rather than the machine swapping or the OOM killer picking a
victim. Between trials (the sampler, the storage) the cap is lifted. Linux
only (it reads ``/proc/self/statm``).
"""

from __future__ import annotations

import contextlib
import os
import resource
from collections.abc import Iterator

__all__ = ["capped_memory", "current_address_space"]

_MEGABYTE = 1024 * 1024


def current_address_space() -> int:
    """This process's address space in bytes (its virtual size)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[0])
    return pages * os.sysconf("SC_PAGE_SIZE")


@contextlib.contextmanager
def capped_memory(megabytes: int) -> Iterator[None]:
    """Let this process's address space grow by at most ``megabytes`` while the block runs."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = current_address_space() + megabytes * _MEGABYTE
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
