"""``serve``: the dashboard over a storage URL, served by uvicorn until Ctrl-C."""

from __future__ import annotations

import ipaddress
import socket
import sys
from typing import TextIO

from tunesmith.dashboard._starlette import uvicorn
from tunesmith.dashboard.app import create_app
from tunesmith.exceptions import InvalidArgumentError
from tunesmith.storage import Storage
from tunesmith.storage.sql.urls import masked

__all__ = ["exposure_warning", "serve"]


def exposure_warning(host: str) -> str | None:
    """What to say before binding ``host``: None for this machine's loopback address only.

    >>> exposure_warning("127.0.0.1") is None
    True
    >>> exposure_warning("0.0.0.0")[:30]
    'Warning: the dashboard listens'
    """
    try:
        if ipaddress.ip_address(host).is_loopback:
            return None
    except ValueError:
        if host == "localhost":
            return None
    return (
        f"Warning: the dashboard listens on {host}; anyone who can reach this machine there "
        "can read every study in the storage (and write notes, unless --read-only)."
    )


def _listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host``:``port`` (0: any free port), so a taken port is one clear line.

    Raises:
        InvalidArgumentError: the address cannot be bound, with the reason.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listening = socket.socket(family, socket.SOCK_STREAM)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind((host, port))
    except OSError as error:
        listening.close()
        raise InvalidArgumentError(
            f"The dashboard cannot listen on {host} port {port}: {error.strerror}. "
            "Pick another --port (0 takes any free one) or --host."
        ) from None
    # Listening now, a connection made as soon as the address is printed waits for the app.
    listening.listen(socket.SOMAXCONN)
    return listening


def serve(
    storage: Storage,
    storage_url: str,
    *,
    host: str = "127.0.0.1",
    port: int = 8080,
    read_only: bool = False,
    out: TextIO | None = None,
) -> None:
    """Serve the dashboard of ``storage`` at http://host:port/ until interrupted.

    Args:
        storage: the open storage; the caller closes it after.
        storage_url: its URL, shown on the pages with any password hidden.
        host: the address to bind; another than 127.0.0.1 prints a warning.
        port: the TCP port; 0 takes any free one (the printed address names it).
        read_only: refuse every write (notes).
        out: where to print the address and the warning (standard error by default).

    Raises:
        InvalidArgumentError: ``host`` and ``port`` cannot be bound (a port in use).
    """
    out = sys.stderr if out is None else out
    warning = exposure_warning(host)
    if warning is not None:
        print(warning, file=out, flush=True)
    listening = _listening_socket(host, port)
    app = create_app(storage, storage_url=storage_url, read_only=read_only)
    shown_host = f"[{host}]" if ":" in host else host
    print(
        f"Dashboard of {masked(storage_url)} at http://{shown_host}:{listening.getsockname()[1]}/ "
        f"({'read-only; ' if read_only else ''}Ctrl-C stops it).",
        file=out,
        flush=True,
    )
    with listening:
        uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[listening])
