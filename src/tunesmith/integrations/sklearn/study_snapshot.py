"""A fitted search's study as plain records, so that the search pickles (joblib, ``pickle``).

A live study holds locks and a storage connection, which cannot be pickled.
``StudySnapshot`` keeps what the study recorded (its name, directions,
attributes and trials); unpickling restores it as an in-memory study with the
same trials, so ``search.study_`` reads as before. The restored study is a
copy: it no longer writes to the storage the search used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tunesmith.storage import InMemoryStorage
from tunesmith.study import Study, create_study
from tunesmith.trial import FrozenTrial, StudyDirection

__all__ = ["StudySnapshot"]


@dataclass(frozen=True, slots=True)
class StudySnapshot:
    """What a study recorded, picklable.

    >>> from tunesmith import create_study
    >>> study = create_study(direction="maximize")
    >>> study.optimize(lambda trial: trial.suggest_float("x", 0, 1), n_trials=3)
    >>> restored = StudySnapshot.of(study).restore()
    >>> [trial.values for trial in restored.trials] == [trial.values for trial in study.trials]
    True
    """

    study_name: str
    directions: tuple[StudyDirection, ...]
    user_attrs: dict[str, Any]
    system_attrs: dict[str, Any]
    trials: tuple[FrozenTrial, ...]

    @classmethod
    def of(cls, study: Study) -> StudySnapshot:
        """The records of ``study`` as they are now."""
        return cls(
            study.study_name,
            study.directions,
            dict(study.user_attrs),
            dict(study.system_attrs),
            tuple(study.trials),
        )

    def restore(self) -> Study:
        """A new in-memory study holding these records (with the default sampler and no pruner)."""
        storage = InMemoryStorage()
        study = create_study(self.study_name, storage, directions=list(self.directions))
        for key, value in sorted(self.user_attrs.items()):
            storage.set_study_user_attr(study.study_id, key, value)
        for key, value in sorted(self.system_attrs.items()):
            storage.set_study_system_attr(study.study_id, key, value)
        for trial in self.trials:
            storage.create_trial(study.study_id, template=trial)
        return study
