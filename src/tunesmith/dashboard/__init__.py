"""The live web dashboard of a storage's studies (``pip install "tunesmith[dashboard]"``).

``tunesmith dashboard --storage URL`` serves it; ``create_app(storage)`` is the
ASGI application for another server, and ``serve`` runs it with uvicorn. It
shows every study, each study's plots (``tunesmith.plots``, as the HTML
report draws them), importance, summary and trials, one trial's page, and
updates them live while workers run. The one thing it writes is a note on a
study or a trial, and ``read_only`` turns that off.
"""

from tunesmith.dashboard.app import create_app
from tunesmith.dashboard.server import serve

__all__ = ["create_app", "serve"]
