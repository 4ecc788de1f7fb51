"""Create, load, list, copy and delete studies."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Sequence

from tunesmith.exceptions import (
    DuplicatedStudyError,
    InvalidArgumentError,
    StudyMismatchError,
    StudyNotFoundError,
)
from tunesmith.pruners import Pruner, make_pruner
from tunesmith.samplers import Sampler, make_sampler
from tunesmith.seeding import Seed
from tunesmith.storage import Storage, StudySummary, get_storage
from tunesmith.storage.copying import copy_trials
from tunesmith.study.study import Study
from tunesmith.trial import StudyDirection

__all__ = ["copy_study", "create_study", "delete_study", "list_studies", "load_study"]


def _directions(
    direction: StudyDirection | str | None, directions: Sequence[StudyDirection | str] | None
) -> tuple[StudyDirection, ...]:
    if direction is not None and directions is not None:
        raise InvalidArgumentError(
            "Give either 'direction' or 'directions' to create_study, not both; "
            f"got direction={direction!r}, directions={directions!r}."
        )
    if directions is not None:
        if isinstance(directions, str) or not directions:
            raise InvalidArgumentError(
                f"The 'directions' argument must be a non-empty list; got {directions!r}."
            )
        return tuple(StudyDirection.parse(d, "directions") for d in directions)
    return (StudyDirection.parse(direction or "minimize"),)


def _new_study_name() -> str:
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    return f"study-{stamp}-{secrets.token_hex(3)}"


def create_study(
    study_name: str | None = None,
    storage: Storage | str | None = None,
    direction: StudyDirection | str | None = None,
    directions: Sequence[StudyDirection | str] | None = None,
    sampler: Sampler | str | None = "auto",
    pruner: Pruner | str | None = None,
    seed: Seed = None,
    load_if_exists: bool = False,
) -> Study:
    """Create a study (or load it, with ``load_if_exists``).

    Args:
        study_name: a name unique within the storage; generated when None.
        storage: None (in memory), a Storage, or a URL such as ``sqlite:///tunesmith.db``.
        direction: ``"minimize"`` (default) or ``"maximize"``.
        directions: one direction per objective, for a multi-objective study.
        sampler: a Sampler, or a name: ``"auto"``, ``"random"``, ``"qmc"``.
        pruner: a Pruner, a name, or None.
        seed: the seed of a sampler built by name.
        load_if_exists: load a study of that name instead of failing.

    Raises:
        DuplicatedStudyError: the name is taken and ``load_if_exists`` is False.
        StudyMismatchError: loading a study whose directions differ.
        InvalidArgumentError, InvalidStorageURLError: bad arguments.

    >>> study = create_study(direction="maximize", sampler="random", seed=0)
    >>> study.optimize(lambda trial: -trial.suggest_float("x", -2, 2) ** 2, n_trials=20)
    >>> round(study.best_value, 2) > -0.1
    True
    """
    wanted = _directions(direction, directions)
    built_sampler = make_sampler(sampler, seed)
    built_pruner = make_pruner(pruner)
    resolved = get_storage(storage)
    name = _new_study_name() if study_name is None else study_name
    if not isinstance(name, str) or not name:
        raise InvalidArgumentError(
            f"The 'study_name' argument must be a non-empty string or None; got {study_name!r}."
        )
    try:
        resolved.create_study(name, wanted)
    except DuplicatedStudyError:
        if not load_if_exists:
            raise
        stored = resolved.get_study_directions(resolved.get_study_id(name))
        if stored != wanted:
            raise StudyMismatchError(
                f"Study {name!r} exists with directions {[d.value for d in stored]}, but "
                f"{[d.value for d in wanted]} were asked for. Use another study name."
            ) from None
    return Study(name, resolved, built_sampler, built_pruner)


def load_study(
    study_name: str | None = None,
    storage: Storage | str | None = None,
    sampler: Sampler | str | None = "auto",
    pruner: Pruner | str | None = None,
    seed: Seed = None,
) -> Study:
    """Load a stored study; ``study_name`` may be omitted when the storage holds exactly one.

    Raises:
        StudyNotFoundError: no study by that name (the message lists the stored ones).
    """
    if storage is None:
        raise InvalidArgumentError(
            "The 'storage' argument of load_study must name where the study is stored, "
            "for example 'sqlite:///tunesmith.db'; got None."
        )
    resolved = get_storage(storage)
    if study_name is None:
        names = [s.study_name for s in resolved.get_all_studies()]
        if len(names) != 1:
            raise InvalidArgumentError(
                f"The 'study_name' argument is needed when the storage holds {len(names)} studies "
                f"({names}); got None."
            )
        study_name = names[0]
    try:
        resolved.get_study_id(study_name)
    except StudyNotFoundError:
        known = [s.study_name for s in resolved.get_all_studies()]
        raise StudyNotFoundError(
            f"No study is named {study_name!r} in {storage!r}; stored studies: {known}."
        ) from None
    return Study(study_name, resolved, make_sampler(sampler, seed), make_pruner(pruner))


def delete_study(study_name: str, storage: Storage | str) -> None:
    """Delete a study and all its trials. Raises StudyNotFoundError."""
    resolved = get_storage(storage)
    resolved.delete_study(resolved.get_study_id(study_name))


def list_studies(storage: Storage | str) -> list[StudySummary]:
    """A summary of every study in ``storage``, ordered by id."""
    return get_storage(storage).get_all_studies()


def copy_study(
    from_study_name: str,
    from_storage: Storage | str,
    to_storage: Storage | str,
    to_study_name: str | None = None,
) -> Study:
    """Copy a study with all its trials and attributes into another storage (or name).

    Raises:
        StudyNotFoundError: no source study; DuplicatedStudyError: the target name is taken.
    """
    source = get_storage(from_storage)
    target = get_storage(to_storage)
    source_id = source.get_study_id(from_study_name)
    name = to_study_name or from_study_name
    target_id = target.create_study(name, source.get_study_directions(source_id))
    for key, value in sorted(source.get_study_user_attrs(source_id).items()):
        target.set_study_user_attr(target_id, key, value)
    for key, value in sorted(source.get_study_system_attrs(source_id).items()):
        target.set_study_system_attr(target_id, key, value)
    copy_trials(source, source_id, target, target_id)
    return Study(name, target, make_sampler("auto"), make_pruner(None))
