"""The dashboard's web application: HTML pages, their JSON API and the static files.

``create_app(storage)`` builds a Starlette application over any storage;
``tunesmith dashboard`` serves it with uvicorn (``tunesmith.dashboard.serve``).
Every error becomes a one-line message with its status code, as JSON under
``/api/`` and as a page elsewhere; a traceback never reaches the browser.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator
from importlib import resources
from pathlib import Path
from typing import Any

from tunesmith.dashboard._starlette import (
    FileResponse,
    HTMLResponse,
    HTTPException,
    JSONResponse,
    Mount,
    Request,
    Response,
    Route,
    Starlette,
    StaticFiles,
)
from tunesmith.dashboard.figures import FigureCache, FigureWarmer
from tunesmith.dashboard.notes import check_note, set_study_note, set_trial_note
from tunesmith.dashboard.overview import state_counts, study_header, study_list_row
from tunesmith.dashboard.pages import error_page, studies_page, study_page, trial_page
from tunesmith.dashboard.rows import trial_detail, trial_row
from tunesmith.dashboard.studies import LoadedStudies
from tunesmith.dashboard.table import parse_table_query, select_rows
from tunesmith.exceptions import (
    InvalidArgumentError,
    StorageError,
    StudyNotFoundError,
    TrialNotFoundError,
    TunesmithError,
)
from tunesmith.report.html import report_page
from tunesmith.storage import Storage
from tunesmith.storage.sql.urls import masked

__all__ = ["create_app"]

STATIC = Path(__file__).parent / "static"


class _RefusedError(Exception):
    """A request the dashboard refuses: its status code and the one-line reason."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _status_of(error: Exception) -> int:
    if isinstance(error, _RefusedError):
        return error.status
    if isinstance(error, HTTPException):
        return error.status_code
    if isinstance(error, StudyNotFoundError | TrialNotFoundError):
        return 404
    if isinstance(error, InvalidArgumentError):
        return 400
    if isinstance(error, StorageError):
        return 503
    return 500


def _message_of(error: Exception) -> str:
    if isinstance(error, TunesmithError | _RefusedError):
        return str(error)
    if isinstance(error, HTTPException):
        return f"{error.detail}."
    return f"The dashboard failed: {type(error).__name__}: {error}"


async def _error_response(request: Request, error: Exception) -> Response:
    status, message = _status_of(error), _message_of(error)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message, "status": status}, status_code=status)
    return HTMLResponse(error_page(status, message), status_code=status)


def _json(content: Any) -> Response:
    return Response(json.dumps(content, allow_nan=False), media_type="application/json")


def _number(request: Request) -> int:
    text = request.path_params["number"]
    if not text.isdigit():
        raise _RefusedError(404, f"A trial number is a whole number from 0; got {text!r}.")
    return int(text)


class _Dashboard:
    """The request handlers, sharing the loaded studies and the figure cache."""

    def __init__(self, storage: Storage, shown_storage: str, read_only: bool) -> None:
        self.studies = LoadedStudies(storage)
        self.figures = FigureCache()
        self.shown_storage = shown_storage
        self.read_only = read_only

    @contextlib.asynccontextmanager
    async def warming_figures(self, app: Starlette) -> AsyncIterator[None]:
        """While the app serves, a background thread builds figures before pages ask."""
        warmer = FigureWarmer(
            self.figures,
            lambda: [summary.study_name for summary in self.studies.summaries()],
            self.studies.get,
        )
        warmer.start()
        try:
            yield
        finally:
            warmer.stop()

    # Pages ---------------------------------------------------------------------

    def studies_page(self, request: Request) -> Response:
        return HTMLResponse(studies_page(self.shown_storage, self.read_only))

    def study_page(self, request: Request) -> Response:
        study = self.studies.get(request.path_params["name"])
        return HTMLResponse(study_page(study.study_name, self.shown_storage, self.read_only))

    def trial_page(self, request: Request) -> Response:
        study = self.studies.get(request.path_params["name"])
        number = _number(request)
        study.storage.get_trial_id(study.study_id, number)  # an unknown trial is a 404 page
        return HTMLResponse(
            trial_page(study.study_name, number, self.shown_storage, self.read_only)
        )

    def report(self, request: Request) -> Response:
        study = self.studies.get(request.path_params["name"])
        page = report_page(study, self.figures.figures(study))
        filename = f"{study.study_name}-report.html".replace('"', "")
        disposition = f'attachment; filename="{filename}"'
        return HTMLResponse(page, headers={"Content-Disposition": disposition})

    # JSON ----------------------------------------------------------------------

    def studies_json(self, request: Request) -> Response:
        rows = [
            study_list_row(summary, self.studies.get(summary.study_name))
            for summary in self.studies.summaries()
        ]
        return _json({"studies": rows})

    def study_json(self, request: Request) -> Response:
        return _json(study_header(self.studies.get(request.path_params["name"])))

    def figures_json(self, request: Request) -> Response:
        study = self.studies.get(request.path_params["name"])
        known = request.query_params.get("known", "")
        text = self.figures.figures_json(study, int(known) if known.isdigit() else None)
        return Response(text, media_type="application/json")

    def trials_json(self, request: Request) -> Response:
        study = self.studies.get(request.path_params["name"])
        query = parse_table_query(
            request.query_params,
            request.query_params.getlist("range"),
            request.query_params.getlist("choice"),
            len(study.directions),
        )
        total, page = select_rows(study.history.trials(), query)
        return _json(
            {
                "total": total,
                "offset": query.offset,
                "limit": query.limit,
                "rows": [trial_row(trial) for trial in page],
                "change_count": study.history.change_count,
            }
        )

    def trial_json(self, request: Request) -> Response:
        study = self.studies.get(request.path_params["name"])
        trial_id = study.storage.get_trial_id(study.study_id, _number(request))
        return _json(trial_detail(study.storage.get_trial(trial_id)))

    def changes_json(self, request: Request) -> Response:
        """The trials changed after the change count ``since``, with the new count."""
        study = self.studies.get(request.path_params["name"])
        since = request.query_params.get("since", "")
        if not since.isdigit():
            raise _RefusedError(
                400,
                f"The 'since' field must be a change count, a whole number from 0; got {since!r}.",
            )
        changed, count = study.storage.get_trials_changed_since(study.study_id, int(since))
        return _json(
            {
                "change_count": count,
                "trials": [trial_row(change.trial) for change in changed],
                "n_trials": study.history.n_trials,
                "states": state_counts(study),
            }
        )

    async def _note(self, request: Request) -> str:
        if self.read_only:
            raise _RefusedError(
                403, "This dashboard is read-only (--read-only): notes cannot be written."
            )
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            raise _RefusedError(
                415, "A note is sent as JSON: Content-Type must be application/json."
            )
        try:
            body = await request.json()
        except ValueError:
            raise _RefusedError(
                400, 'The request body must be a JSON object {"note": "text"}.'
            ) from None
        return check_note(body)

    async def study_note(self, request: Request) -> Response:
        note = await self._note(request)
        study = self.studies.get(request.path_params["name"])
        set_study_note(study, note)
        return _json({"note": note})

    async def trial_note(self, request: Request) -> Response:
        note = await self._note(request)
        study = self.studies.get(request.path_params["name"])
        set_trial_note(study, _number(request), note)
        return _json({"note": note})


# plotly.js changes only with the plotly package: browsers keep it for a day.
_CACHED = {"Cache-Control": "public, max-age=86400"}


def plotly_js_file() -> Path:
    """The plotly.js the pages load: no CDN, works offline.

    A browser takes seconds to compile the 4.8 MB plotly.js of the plotly
    package, so the dashboard ships one built with only the traces its plots
    draw (``tools/plotly_bundle``, 1.4 MB), used when it was built from the
    plotly.js version the installed plotly package has, so that the figures it
    makes and the library that draws them agree; any other version draws with
    the package's own.
    """
    from plotly.offline import get_plotlyjs_version

    slim = STATIC / f"plotly-{get_plotlyjs_version()}-dashboard.min.js"
    if slim.exists():
        return slim
    return Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))


def create_app(storage: Storage, *, storage_url: str = "", read_only: bool = False) -> Starlette:
    """The dashboard over ``storage`` as a Starlette (ASGI) application.

    Args:
        storage: where the studies live; the caller keeps it open while the app serves.
        storage_url: the URL to show on the pages; any password in it is hidden.
        read_only: refuse to write notes (HTTP 403), and hide the note editors.

    Raises:
        ImportError: starlette or plotly is missing (``pip install "tunesmith[dashboard]"``).
    """
    dashboard = _Dashboard(
        storage, masked(storage_url) if storage_url else repr(storage), read_only
    )
    plotly_js = plotly_js_file()
    # A study's name may hold "/": it takes the rest of the path, so the routes that end
    # in a suffix come before the study's own.
    study = "/studies/{name:path}"
    api = "/api/studies/{name:path}"
    routes = [
        Route("/", dashboard.studies_page),
        Route("/api/studies", dashboard.studies_json),
        Route(study + "/trials/{number}", dashboard.trial_page),
        Route(study + "/report.html", dashboard.report),
        Route(api + "/figures", dashboard.figures_json),
        Route(api + "/trials", dashboard.trials_json),
        Route(api + "/trials/{number}/note", dashboard.trial_note, methods=["PUT"]),
        Route(api + "/trials/{number}", dashboard.trial_json),
        Route(api + "/changes", dashboard.changes_json),
        Route(api + "/note", dashboard.study_note, methods=["PUT"]),
        Route(study, dashboard.study_page),
        Route(api, dashboard.study_json),
        Route("/static/plotly.min.js", lambda request: FileResponse(plotly_js, headers=_CACHED)),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    return Starlette(
        routes=routes,
        lifespan=dashboard.warming_figures,
        # Starlette answers the handled kinds itself; ``Exception`` is its last resort, which
        # also logs the traceback on the server's terminal, never in the response.
        exception_handlers={
            _RefusedError: _error_response,
            TunesmithError: _error_response,
            HTTPException: _error_response,
            Exception: _error_response,
        },
    )
