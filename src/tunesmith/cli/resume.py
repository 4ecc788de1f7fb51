"""Which study a run works on: resuming is explicit and never an accident.

- No flag: create the study; refuse when one by that name exists.
- ``--resume``: continue the stored study; refuse when it is missing, or when
  the config tunes another objective or space than the study was created for.
- ``--new``: create a fresh study, named ``NAME-2`` (``-3``, ...) when NAME is taken.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from tunesmith.cli.fingerprint import FINGERPRINT_ATTR, describe_differences
from tunesmith.exceptions import DuplicatedStudyError, StudyMismatchError, StudyNotFoundError
from tunesmith.pruners import Pruner
from tunesmith.samplers import Sampler
from tunesmith.storage import Storage
from tunesmith.study import Study, create_study, load_study

__all__ = ["Mode", "open_study_for_run"]

Mode = Literal["create", "resume", "new"]


def _exists(storage: Storage, name: str) -> bool:
    try:
        storage.get_study_id(name)
    except StudyNotFoundError:
        return False
    return True


def _refuse_existing(storage: Storage, name: str, where: str) -> DuplicatedStudyError:
    held = len(storage.get_all_trials(storage.get_study_id(name)))
    return DuplicatedStudyError(
        f"Study {name!r} exists already in {where} with {held} trial(s). Use --resume to "
        "continue it, or --new to start a fresh study beside it."
    )


def _free_name(storage: Storage, name: str) -> str:
    return next(
        candidate
        for candidate in (f"{name}-{k}" for k in itertools.count(2))
        if not _exists(storage, candidate)
    )


def open_study_for_run(
    storage: Storage,
    where: str,
    name: str,
    mode: Mode,
    *,
    directions: Sequence[str],
    sampler: Sampler,
    pruner: Pruner,
    fingerprint: Mapping[str, Any],
) -> tuple[Study, str]:
    """The study to run, and a line saying what happened to it.

    Args:
        storage: where studies live; ``where`` is how messages name it.
        name: the study name the config or ``--study`` gives.
        mode: "create", "resume" or "new" (see the module docstring).
        directions, sampler, pruner: for the study object.
        fingerprint: the config's, stored with a new study, compared on resume.

    Raises:
        DuplicatedStudyError: creating a study whose name is taken.
        StudyNotFoundError: resuming a study that does not exist.
        StudyMismatchError: resuming with other directions, objective or space.
    """
    if mode == "resume":
        if not _exists(storage, name):
            raise StudyNotFoundError(
                f"There is no study {name!r} in {where} to resume; run without --resume "
                "to create it."
            )
        study = load_study(name, storage, sampler=sampler, pruner=pruner)
        note = _check_resumable(study, directions, fingerprint)
        return study, f"Resuming study {name!r} ({len(study.trials)} trial(s) so far){note}"
    if _exists(storage, name):
        if mode == "create":
            raise _refuse_existing(storage, name, where)
        name = _free_name(storage, name)
    try:
        study = create_study(
            name, storage, directions=list(directions), sampler=sampler, pruner=pruner
        )
    except DuplicatedStudyError:
        # Another process created it between the check and now.
        raise _refuse_existing(storage, name, where) from None
    storage.set_study_system_attr(study.study_id, FINGERPRINT_ATTR, dict(fingerprint))
    return study, f"New study {name!r}"


def _check_resumable(
    study: Study, directions: Sequence[str], fingerprint: Mapping[str, Any]
) -> str:
    """Raise StudyMismatchError if the config changed what the study tunes; else a note."""
    stored_directions = [d.value for d in study.directions]
    differences = []
    if stored_directions != list(directions):
        differences.append(
            f"the directions differ (study: {stored_directions}, config: {list(directions)})"
        )
    stored = study.system_attrs.get(FINGERPRINT_ATTR)
    if stored is not None:
        differences += describe_differences(stored, fingerprint)
    if differences:
        raise StudyMismatchError(
            f"Cannot resume study {study.study_name!r}: {'; '.join(differences)}. Restore the "
            "config, or use --new to start a fresh study beside it."
        )
    return "" if stored is not None else " (not created by `tunesmith run`: nothing to compare)"
