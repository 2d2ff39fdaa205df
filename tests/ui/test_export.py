"""File → Export and `reluplay animate`: real PNG, SVG and GIF files, the right number of frames."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from reluplay.cli.main import main
from reluplay.presets import load_preset
from reluplay.ui.features.export import export_plots, export_training
from reluplay.ui.plots.animate import FRAME_NAME, animate_run, frame_steps

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_export_plots_writes_a_png_and_an_svg(relu_window, tmp_path):
    png, svg = tmp_path / "plots.png", tmp_path / "plots.svg"
    assert export_plots(relu_window, png)
    assert png.read_bytes()[:8] == PNG_SIGNATURE
    assert export_plots(relu_window, svg)
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    assert len(root.findall(".//{http://www.w3.org/2000/svg}path")) > 3  # the curves are in it


def test_export_menu_asks_for_a_file_and_writes_it(relu_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "chosen"  # no suffix: the exporter adds .png
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    relu_window.exports.png_action.trigger()
    assert (tmp_path / "chosen.png").read_bytes()[:8] == PNG_SIGNATURE


def test_frame_steps_are_spread_over_the_run():
    assert frame_steps(100, 5) == [0, 25, 50, 75, 100]
    assert frame_steps(100, 1) == [100]
    assert frame_steps(3, 4) == [0, 1, 2, 3]


def test_animate_writes_numbered_png_frames(tmp_path):
    out = tmp_path / "frames"
    assert animate_run(load_preset("relu-in-action"), out, steps=30, frames=4, size=(600, 450)) == 0
    written = sorted(p.name for p in out.iterdir())
    assert written == [FRAME_NAME.format(i) for i in range(1, 5)]
    assert all((out / name).read_bytes()[:8] == PNG_SIGNATURE for name in written)


def test_animate_cli_writes_a_gif_with_one_image_per_frame(tmp_path, capsys):
    Image = pytest.importorskip("PIL.Image")
    out = tmp_path / "run.gif"
    assert main(["animate", "relu-in-action", "--steps", "40", "--frames", "5", "--out", str(out)]) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    assert out.read_bytes()[:6] == b"GIF89a"
    with Image.open(out) as gif:
        assert gif.n_frames == 5
        assert gif.info.get("loop") == 0


def test_export_training_from_the_window_keeps_the_window_network(sine_window, tmp_path):
    pytest.importorskip("PIL.Image")
    from PIL import Image

    before = sine_window.session.network.params.copy()
    out = tmp_path / "lesson.gif"
    assert export_training(sine_window, out, steps=20, frames=3)
    with Image.open(out) as gif:
        assert gif.n_frames == 3
    assert (sine_window.session.network.params == before).all()
    assert sine_window.session.step == 0
