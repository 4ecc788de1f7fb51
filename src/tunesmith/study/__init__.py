"""Studies: ask / tell / optimize, and functions to create, load, copy and delete them."""

from tunesmith.study.functions import (
    copy_study,
    create_study,
    delete_study,
    list_studies,
    load_study,
)
from tunesmith.study.study import FAIL_REASON_ATTR, Objective, Study

__all__ = [
    "FAIL_REASON_ATTR",
    "Objective",
    "Study",
    "copy_study",
    "create_study",
    "delete_study",
    "list_studies",
    "load_study",
]
