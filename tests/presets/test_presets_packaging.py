"""The model and presets stay free of Qt, and the built wheel carries the lesson files."""
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from reluplay.resources import resource_path, resources_dir

ROOT = Path(__file__).resolve().parents[2]


def test_core_and_presets_import_without_qt():
    code = (
        "import sys, reluplay.core, reluplay.presets, reluplay.cli.main, reluplay.cli.commands\n"
        "import reluplay.cli.args, reluplay.cli.display_check, reluplay.teach.explain, reluplay.teach.step_update\n"
        "import reluplay.teach.divergence, reluplay.teach.network_edits, reluplay.teach.unit_names\n"
        "from reluplay.cli.main import main\n"
        "main(['info', 'relu-in-action'])\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph'))\n"
        "print('QT:', bad)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "QT: []"


def test_resources_dir_finds_the_presets():
    folder = resources_dir()
    assert (folder / "presets" / "relu-in-action.json").is_file()
    assert resource_path("presets", "dead-unit.json").is_file()


def _have_hatchling() -> bool:
    try:
        import hatchling  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.slow
@pytest.mark.skipif(not _have_hatchling(), reason="hatchling is not installed (pip install hatchling)")
def test_built_wheel_ships_the_presets_and_loads_them_when_installed(tmp_path):
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert build.returncode == 0, build.stderr
    wheel = next(tmp_path.glob("reluplay-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(n.rsplit("/", 1)[1] for n in names if n.startswith("reluplay/resources/presets/"))
    in_tree = sorted(p.name for p in (ROOT / "resources" / "presets").glob("*.json"))
    assert shipped == in_tree and "relu-in-action.json" in shipped

    # A plain (non-editable) install in a separate folder, run from elsewhere: the built-ins load.
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    code = (
        "import reluplay.resources as r, reluplay.presets as p\n"
        "print(r.resources_dir())\n"
        "print(len(p.builtin_presets()), p.load_preset('ReLU in action').name)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(target))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    where, summary = done.stdout.strip().splitlines()
    assert Path(where) == target / "reluplay" / "resources"
    assert summary == f"{len(in_tree)} ReLU in action"
