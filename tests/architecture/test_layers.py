"""The package layout is a promise: these tests keep it (see README, "How it is built").

The contracts themselves live in pyproject.toml ([tool.importlinter]); here they run as a test,
so a core module that imports Qt, or a state module that imports the UI, fails `pytest`.
"""
from __future__ import annotations

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

import ast
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "reluplay"


def _modules_in(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


def test_the_import_contracts_in_pyproject_are_kept():
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    assert len(contracts) >= 2, "the contracts went missing from pyproject.toml"
    run = subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command as c; sys.exit(c())",
         "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, f"broken import contracts (run `lint-imports`):\n{run.stdout[-3000:]}{run.stderr[-2000:]}"
    assert f"{len(contracts)} kept, 0 broken" in run.stdout


def test_no_module_imports_a_module_that_imports_it_back():
    """Not even inside a function: a cycle means two modules that cannot be understood apart."""
    graph = grimp.build_graph("reluplay", exclude_type_checking_imports=True)
    cycles = []
    for module in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported == module or module.startswith(imported + ".") or imported.startswith(module + "."):
                continue  # a package and its own submodules
            if graph.chain_exists(importer=imported, imported=module):
                cycles.append(" -> ".join(graph.find_shortest_chain(importer=imported, imported=module))
                              + f" -> {imported}")
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


@pytest.mark.parametrize("path", _modules_in("state"), ids=lambda p: p.name)
def test_state_imports_no_widgets(path):
    """The session, training thread, undo and rewind work without a window (QtCore, QtGui's undo stack)."""
    for node in ast.walk(ast.parse(path.read_text())):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        for name in names:
            assert not name.startswith(("PySide6.QtWidgets", "pyqtgraph", "reluplay.ui", "reluplay.cli")), \
                f"{path.name} imports {name}"
