"""Copy trials from one study to another, in any two storages."""

from __future__ import annotations

from tunesmith.storage import Storage

__all__ = ["copy_trials"]


def copy_trials(
    source: Storage, source_id: int, target: Storage, target_id: int, first_number: int = 0
) -> int:
    """Copy every trial numbered ``first_number`` or more, in order; return how many.

    The target assigns its own numbers, so copying into an empty study (or
    onto a study holding exactly the first ``first_number`` trials) keeps them.
    """
    copied = 0
    for trial in source.get_all_trials(source_id):
        if trial.number >= first_number:
            target.create_trial(target_id, template=trial)
            copied += 1
    return copied
