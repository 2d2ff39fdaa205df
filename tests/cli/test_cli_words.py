"""Issue 13 item 8 on the command line: units by letter, "linear pieces", and no traceback on a closed pipe."""
import json
import os
import subprocess
import sys
from pathlib import Path

from reluplay.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


def test_eval_names_units_by_letter_as_the_window_does(capsys):
    assert main(["eval", "relu-in-action", "--x", "0", "0.5"]) == 0
    header = capsys.readouterr().out.splitlines()[1].split()
    assert header == ["x", "y", "unit", "A", "unit", "B"]
    assert main(["eval", "relu-in-action", "--x", "0.5", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["unit_names"] == ["A", "B"] and data["units"] == [[0.0], [6.3]]  # the old key stays


def test_info_says_linear_pieces_and_names_dead_units_by_letter(capsys):
    assert main(["info", "linear-in-disguise"]) == 0
    out = capsys.readouterr().out
    assert "linear pieces:    1" in out and "linear regions" not in out
    assert "dead units:       A (first hidden layer, on the data)" in out
    assert "kinks in [-4.5, 4.5]: none" in out
    assert main(["info", "linear-in-disguise", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["linear_pieces"] == data["linear_regions"] == 1
    assert data["dead_units"] == [0] and data["dead_unit_names"] == ["A"]


def test_a_closed_pipe_ends_quietly_without_a_traceback():
    """`reluplay presets | head -c5`: the reader is gone before the first write."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # closed before the child writes: its first flush fails with EPIPE, every time
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    try:
        done = subprocess.run([sys.executable, "-m", "reluplay", "presets"], stdout=write_end,
                              stderr=subprocess.PIPE, text=True, env=env, timeout=120)
    finally:
        os.close(write_end)
    assert done.stderr == ""
    assert done.returncode == 141


def test_a_closed_pipe_under_head_never_prints_a_traceback():
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(f"'{sys.executable}' -m reluplay presets | head -c5", shell=True, capture_output=True,
                          text=True, env=env, timeout=120)
    assert done.stdout == "relu-" and done.stderr == ""
