"""Studies: ask / tell / optimize, the live trial an objective receives, the metadata a study
keeps about itself, and functions to create, load, copy and delete studies."""

from tunesmith.study.base import StudyBase
from tunesmith.study.functions import (
    copy_study,
    create_study,
    delete_study,
    list_studies,
    load_study,
)
from tunesmith.study.metadata import AnalysisSettings
from tunesmith.study.study import Objective, Study
from tunesmith.study.trial import Trial

__all__ = [
    "AnalysisSettings",
    "Objective",
    "Study",
    "StudyBase",
    "Trial",
    "copy_study",
    "create_study",
    "delete_study",
    "list_studies",
    "load_study",
]
