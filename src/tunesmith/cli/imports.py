"""Import what a config names: ``module:function`` objectives and ``package.module.Class`` paths."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

__all__ = ["class_path_problem", "import_object"]


def class_path_problem(reference: str) -> str | None:
    """Why ``reference`` cannot name an estimator class, judged without importing anything.

    Importing a module runs its code, so a path that cannot be a class
    (``this.s`` would print the Zen of Python) is refused before any import.
    Returns None for a plausible ``package.module.ClassName``.

    >>> class_path_problem("this.s")
    "must be 'package.module.ClassName', the class name starting with a capital letter"
    >>> class_path_problem("sklearn.svm.SVC") is None
    True
    """
    module_name, _, class_name = reference.rpartition(".")
    parts = reference.split(".")
    if (
        not module_name
        or not all(part.isidentifier() for part in parts)
        or not class_name[:1].isupper()
    ):
        return "must be 'package.module.ClassName', the class name starting with a capital letter"
    return None


def import_object(reference: str, folder: Path | None = None) -> Any:
    """The object named by ``module:name`` or ``package.module.Name``.

    Args:
        reference: what to import.
        folder: a folder to put first on ``sys.path`` (the config's), so a
            module beside the config imports. It stays there, so worker
            processes started later import it too.

    Raises:
        ImportError: the module cannot be imported, or has no such name; the
            message says which.
    """
    if ":" in reference:
        module_name, _, attribute = reference.partition(":")
    else:
        module_name, _, attribute = reference.rpartition(".")
    if not module_name or not attribute:
        raise ImportError(
            f"{reference!r} does not name an object; write 'module:name' or 'package.module.Name'"
        )
    if folder is not None and str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        where = f" (looked in {str(folder)!r} and on sys.path)" if folder is not None else ""
        raise ImportError(f"cannot import module {error.name!r}{where}") from None
    try:
        return getattr(module, attribute)
    except AttributeError:
        raise ImportError(f"module {module_name!r} has no attribute {attribute!r}") from None
