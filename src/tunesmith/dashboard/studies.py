"""The studies of one storage, each loaded once and then refreshed incrementally.

A request for a study refreshes its history with the trials that changed
since the last request (``History.refresh``), so a poll every 2 seconds reads
only what workers wrote in those seconds, never the whole study. A study
deleted from the storage is dropped; one deleted and created again under its
name is loaded afresh.
"""

from __future__ import annotations

import threading

from tunesmith.storage import Storage, StudySummary
from tunesmith.study import Study, load_study

__all__ = ["LoadedStudies"]


class LoadedStudies:
    """Loaded studies by name over one storage, safe to share between request threads.

    Args:
        storage: where the studies live; the caller closes it.
    """

    def __init__(self, storage: Storage) -> None:
        self._storage = storage
        self._lock = threading.Lock()
        self._studies: dict[str, Study] = {}

    @property
    def storage(self) -> Storage:
        return self._storage

    def get(self, study_name: str) -> Study:
        """The study named ``study_name``, its history refreshed.

        Raises:
            StudyNotFoundError: no study by that name (the message lists the stored ones).
        """
        with self._lock:
            study = self._studies.get(study_name)
            if study is None or study.study_id != self._storage.get_study_id(study_name):
                study = load_study(study_name, self._storage)
                self._studies[study_name] = study
        study.history.refresh()
        return study

    def summaries(self) -> list[StudySummary]:
        """Every stored study, ordered by id; forgets the loaded studies that were deleted."""
        summaries = self._storage.get_all_studies()
        names = {summary.study_name for summary in summaries}
        with self._lock:
            for name in set(self._studies) - names:
                del self._studies[name]
        return summaries
