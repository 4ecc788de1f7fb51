"""Fixtures shared by the integration tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture
def one_torch_thread() -> Iterator[None]:
    """Train with one PyTorch thread, as tiny networks run fastest so, then restore the count.

    PyTorch's thread count is process-wide, and tunesmith's training helper
    leaves it to the caller; on a busy machine two threads wait on each other.
    """
    torch = pytest.importorskip("torch")
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)
