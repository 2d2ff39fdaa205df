"""ruff, configured in pyproject.toml, finds nothing: the tree stays as clean as it is written."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_ruff_finds_nothing():
    ruff = shutil.which("ruff") or pytest.skip("ruff is not installed (pip install '.[test]')")
    run = subprocess.run([ruff, "check", "--no-cache", "--output-format", "concise", "."], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, f"ruff check:\n{run.stdout[-4000:]}{run.stderr[-1000:]}"


def test_ruff_runs_from_this_interpreter_too():
    """CI installs ruff with the test extra into the same environment as pytest."""
    run = subprocess.run([sys.executable, "-m", "ruff", "--version"], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
