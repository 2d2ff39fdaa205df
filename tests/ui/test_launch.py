"""The command-line paths into the UI: --screenshot and render."""
from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtGui import QImage

from reluplay.presets import load_preset


def run_cli(*args, timeout=120):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "reluplay", *args], capture_output=True, text=True,
                          timeout=timeout, env=env)


def test_screenshot_cli_writes_a_png_of_the_whole_window(tmp_path):
    out = tmp_path / "window.png"
    result = run_cli("--screenshot", str(out), "--train-steps", "20", "relu-in-action")
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1600, 1000)


def test_screenshot_of_a_broken_preset_exits_2_before_any_window(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    out = tmp_path / "window.png"
    result = run_cli("--screenshot", str(out), str(broken))
    assert result.returncode == 2
    assert result.stderr.startswith("reluplay: error:") and "broken.json" in result.stderr
    assert not out.exists()


def test_run_gui_screenshot_in_process_trains_first(tmp_path, qapp):
    from reluplay.ui.launch import run_gui

    out = tmp_path / "trained.png"
    assert run_gui(load_preset("step-by-step"), source="step-by-step", screenshot=out, train_steps=5) == 0
    assert QImage(str(out)).width() == 1600


def test_render_writes_png_and_svg(tmp_path, qapp):
    from reluplay.ui.plots.render import render_figure

    png, svg = tmp_path / "fig.png", tmp_path / "fig.svg"
    assert render_figure(load_preset("relu-in-action"), png, width=900, height=700) == 0
    assert QImage(str(png)).width() == 900
    assert render_figure(load_preset("relu-in-action"), svg) == 0
    text = svg.read_text()
    assert text.lstrip().startswith("<?xml") and "<svg" in text
