"""``tunesmith dashboard``: serve the live web dashboard of a storage's studies."""

from __future__ import annotations

import click

from tunesmith.cli.config import DEFAULT_STORAGE
from tunesmith.cli.storage import opened_storage

__all__ = ["dashboard"]


@click.command()
@click.option(
    "--storage",
    default=DEFAULT_STORAGE,
    show_default=True,
    help="Storage URL: sqlite:///FILE (relative to the current directory) or "
    "postgresql+psycopg://USER@HOST/DB.",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Another than 127.0.0.1 lets anyone who can reach it read "
    "the studies.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8080,
    show_default=True,
    help="TCP port; 0 takes any free one.",
)
@click.option("--read-only", is_flag=True, help="Refuse to write notes; hide the note editors.")
def dashboard(storage: str, host: str, port: int, read_only: bool) -> None:
    """Serve a live web dashboard of every study in the storage.

    The studies, each study's plots, importance, summary and trials (sorted,
    filtered, paged), one trial's page and the HTML report, updated while
    workers run. Notes on studies and trials are the only thing it writes.
    Needs the dashboard extra: pip install "tunesmith[dashboard]".
    """
    try:
        from tunesmith.dashboard import serve
    except ImportError as error:
        raise click.ClickException(str(error)) from None
    with opened_storage(storage, must_exist=True) as store:
        store.get_all_studies()  # a storage that does not answer is one line, before serving
        serve(store, storage, host=host, port=port, read_only=read_only)
