"""The package's modules import only from the layers above them, and never in a circle.

The layer order is the table of the design document (shared/DESIGN.md),
with ``execution`` above ``study``: ``Study.optimize`` hands itself to an
executor, and executors know a study only by the small public surface of
``tunesmith.execution.RunnableStudy``. Each module may import from its own
layer and the layers listed before it.
The graph is read from the source with ``ast``, so imports inside functions
and under ``TYPE_CHECKING`` count too.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator
from pathlib import Path

import tunesmith

PACKAGE_ROOT = Path(tunesmith.__file__).parent

LAYERS = (
    "exceptions",
    "seeding",
    "arguments",
    "formatting",
    "space",
    "trial",
    "storage",
    "history",
    "samplers",
    "pruners",
    "execution",
    "study",
    "models",
    "integrations",
    "analysis",
    "plots",
    "report",
    "dashboard",
    "cli",
    "sklearn",
    "testing",
)


def module_files(root: Path) -> dict[str, tuple[Path, bool]]:
    """Dotted module name -> (file, whether it is a package's ``__init__``), for the package
    in folder ``root``."""
    modules = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        modules[".".join(parts)] = (path, is_package)
    return modules


def imported_modules(
    module: str, path: Path, is_package: bool, modules: Collection[str]
) -> Iterator[str]:
    """The package's modules that ``module`` imports, anywhere in its source.

    ``from a.b import c`` imports the module ``a.b.c`` where there is one, and
    otherwise the name ``c`` of the package ``a.b``.
    """
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name in modules)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = module.split(".") if is_package else module.split(".")[:-1]
                anchor = anchor[: len(anchor) - node.level + 1]
                source = ".".join([*anchor, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                if submodule in modules:
                    yield submodule
                elif source in modules:
                    yield source


def import_graph(root: Path = PACKAGE_ROOT) -> dict[str, set[str]]:
    """Module -> the other modules of the package that it imports."""
    modules = module_files(root)
    return {
        module: set(imported_modules(module, path, is_package, modules)) - {module}
        for module, (path, is_package) in modules.items()
    }


def layer_of(module: str) -> int | None:
    parts = module.split(".")
    if len(parts) < 2:
        return None  # the package root re-exports every layer
    assert parts[1] in LAYERS, f"{module} is in no layer of the design; add its folder to LAYERS"
    return LAYERS.index(parts[1])


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = lowest[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                lowest[node] = min(lowest[node], lowest[target])
            elif target in stack:
                lowest[node] = min(lowest[node], index[target])
        if lowest[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def upward_edges(graph: dict[str, set[str]]) -> list[str]:
    return [
        f"{module} -> {target}"
        for module, targets in sorted(graph.items())
        for target in sorted(targets)
        if (own := layer_of(module)) is not None
        and (other := layer_of(target)) is not None
        and other > own
    ]


def test_no_module_imports_from_a_lower_layer() -> None:
    assert upward_edges(import_graph()) == []


def test_no_modules_import_each_other_in_a_circle() -> None:
    assert circles(import_graph()) == []


def test_imports_inside_functions_and_type_checking_blocks_count(tmp_path: Path) -> None:
    root = tmp_path / "tunesmith"
    (root / "trial").mkdir(parents=True)
    (root / "study").mkdir()
    (root / "__init__.py").write_text("")
    (root / "trial" / "__init__.py").write_text("")
    (root / "study" / "__init__.py").write_text("from tunesmith.study import run\n")
    (root / "trial" / "live.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from tunesmith.study.run import Study\n"
    )
    (root / "study" / "run.py").write_text(
        "def optimize():\n    from tunesmith.trial import live\n    from .. import study\n"
    )
    graph = import_graph(root)
    assert upward_edges(graph) == ["tunesmith.trial.live -> tunesmith.study.run"]
    assert circles(graph) == [["tunesmith.study", "tunesmith.study.run", "tunesmith.trial.live"]]
    assert graph["tunesmith.study"] == {"tunesmith.study.run"}
