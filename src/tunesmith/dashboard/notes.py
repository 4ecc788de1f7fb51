"""Notes: a person's free text on a study or a trial, the one thing the dashboard writes.

A study's note is the study system attribute ``NOTE_ATTR``; a trial's is the
trial system attribute of that name, which every storage accepts on a
finished trial too (the storage contract says so) and which counts as a
change of the trial, so other open pages see it at their next poll.
"""

from __future__ import annotations

from typing import Any

from tunesmith.exceptions import InvalidArgumentError
from tunesmith.study import StudyBase
from tunesmith.trial import NOTE_ATTR

__all__ = ["MAX_NOTE_LENGTH", "check_note", "set_study_note", "set_trial_note", "study_note"]

MAX_NOTE_LENGTH = 10_000


def check_note(body: Any) -> str:
    """The note text of a request body ``{"note": "..."}``.

    Raises:
        InvalidArgumentError: the body is not such an object, or the note is too long.
    """
    note = body.get("note") if isinstance(body, dict) else None
    if not isinstance(note, str):
        raise InvalidArgumentError(
            f'The request body must be a JSON object {{"note": "text"}}; got {body!r:.80}.'
        )
    if len(note) > MAX_NOTE_LENGTH:
        raise InvalidArgumentError(
            f"The 'note' field must hold at most {MAX_NOTE_LENGTH:,} characters; got {len(note):,}."
        )
    return note


def study_note(study: StudyBase) -> str:
    return str(study.system_attrs.get(NOTE_ATTR, ""))


def set_study_note(study: StudyBase, note: str) -> None:
    study.storage.set_study_system_attr(study.study_id, NOTE_ATTR, note)


def set_trial_note(study: StudyBase, number: int, note: str) -> None:
    """Raises TrialNotFoundError: the study has no trial ``number``."""
    trial_id = study.storage.get_trial_id(study.study_id, number)
    study.storage.set_trial_system_attr(trial_id, NOTE_ATTR, note)
