"""Starlette and uvicorn, imported once, or an ImportError that says which extra to install."""

from __future__ import annotations

try:
    import uvicorn
    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.requests import Request
    from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles
except ImportError as error:  # pragma: no cover - exercised in a subprocess by the tests
    raise ImportError(
        "tunesmith.dashboard needs starlette and uvicorn, which are not installed: "
        'pip install "tunesmith[dashboard]"'
    ) from error

__all__ = [
    "FileResponse",
    "HTMLResponse",
    "HTTPException",
    "JSONResponse",
    "Mount",
    "Request",
    "Response",
    "Route",
    "Starlette",
    "StaticFiles",
    "uvicorn",
]
