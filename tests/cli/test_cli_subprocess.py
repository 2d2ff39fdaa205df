"""One real run of the command as a user types it."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_python_m_reluplay_info_json(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "reluplay", "info", "relu-in-action", "--json"],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert done.returncode == 0 and done.stderr == ""
    data = json.loads(done.stdout)
    assert set(data) == {"inputs", "task", "kinks", "linear_pieces", "linear_regions", "dead_units", "dead_unit_names",
                                     "loss"}
    assert (data["kinks"], data["linear_regions"], data["dead_units"]) == ([0.0, 0.5], 4, [])
    assert abs(data["loss"] - 0.01**2 / 3) < 1e-12


def test_a_broken_preset_exits_2_before_qt_is_imported(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "reluplay-preset", "schema_version": 7, "network": {}}')
    code = ("import sys\nfrom reluplay.cli.main import main\nrc = main(sys.argv[1:])\n"
            "assert not [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph')]\n"
            "sys.exit(rc)\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", code, str(bad)], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(f"reluplay: error: {bad}: schema_version: this file was written by a newer reluplay")
    assert len(done.stderr.splitlines()) == 1
