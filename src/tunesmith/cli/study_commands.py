"""``tunesmith delete``, ``copy`` and ``rename``: manage the studies a storage holds.

A storage has no rename of its own, so ``rename`` copies the study (its
trials, attributes, metric names and settings) under the new name, then
deletes the old one; the copy is complete before anything is deleted.
"""

from __future__ import annotations

import click

from tunesmith.cli.config import DEFAULT_STORAGE
from tunesmith.cli.storage import opened_storage, shown_url
from tunesmith.study import copy_study, delete_study

__all__ = ["copy", "delete", "rename"]

_STORAGE_HELP = (
    "Storage URL: sqlite:///FILE (relative to the current directory) or "
    "postgresql+psycopg://USER@HOST/DB."
)


@click.command()
@click.argument("study_name", metavar="STUDY")
@click.option("--storage", default=DEFAULT_STORAGE, show_default=True, help=_STORAGE_HELP)
@click.option("--yes", is_flag=True, help="Delete without asking.")
def delete(study_name: str, storage: str, yes: bool) -> None:
    """Delete STUDY and all its trials from the storage."""
    with opened_storage(storage, must_exist=True) as store:
        n_trials = len(store.get_all_trials(store.get_study_id(study_name)))
        question = (
            f"Delete study {study_name!r} and its {n_trials} trials from {shown_url(storage)}?"
        )
        if not yes and not click.confirm(question):
            raise click.Abort()
        delete_study(study_name, store)
    click.echo(f"Deleted study {study_name!r} ({n_trials} trials) from {shown_url(storage)}.")


@click.command()
@click.argument("study_name", metavar="STUDY")
@click.argument("new_name", metavar="NEW_NAME")
@click.option("--storage", default=DEFAULT_STORAGE, show_default=True, help=_STORAGE_HELP)
@click.option("--to", "to_storage", help="Copy into this storage URL; default: the same one.")
def copy(study_name: str, new_name: str, storage: str, to_storage: str | None) -> None:
    """Copy STUDY, with its trials and attributes, as NEW_NAME."""
    target_url = to_storage or storage
    with opened_storage(storage, must_exist=True) as source:
        if to_storage is None:
            copied = copy_study(study_name, source, source, new_name)
        else:
            with opened_storage(to_storage) as target:
                copied = copy_study(study_name, source, target, new_name)
        n_trials = len(copied.trials)
    click.echo(
        f"Copied study {study_name!r} ({n_trials} trials) to {new_name!r} in "
        f"{shown_url(target_url)}."
    )


@click.command()
@click.argument("study_name", metavar="STUDY")
@click.argument("new_name", metavar="NEW_NAME")
@click.option("--storage", default=DEFAULT_STORAGE, show_default=True, help=_STORAGE_HELP)
def rename(study_name: str, new_name: str, storage: str) -> None:
    """Rename STUDY to NEW_NAME (a copy under the new name, then the old one deleted)."""
    with opened_storage(storage, must_exist=True) as store:
        copy_study(study_name, store, store, new_name)
        delete_study(study_name, store)
    click.echo(f"Renamed study {study_name!r} to {new_name!r} in {shown_url(storage)}.")
