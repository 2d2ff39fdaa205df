"""`reluplay render` / `animate` and Export GIF for a two-input lesson: the plane views as pictures."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage

from reluplay.cli.main import main
from reluplay.presets import load_preset
from reluplay.ui.features.export import export_training
from reluplay.ui.plots.animate import FRAME_NAME, animate_run
from tests.ui.plane_pixels import assert_network_colours


def test_render_draws_the_plane_views_with_the_networks_colours(tmp_path, capsys, qapp):
    preset = load_preset("xor")
    out = tmp_path / "xor.png"
    assert main(["render", "xor", "--out", str(out), "--width", "1000", "--height", "700"]) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 700)
    assert_network_colours(image, preset)


def test_animate_frames_change_as_the_plane_is_learned(tmp_path, qapp):
    out = tmp_path / "frames"
    assert animate_run(load_preset("circle"), out, steps=200, frames=3, size=(800, 600), spacing="linear") == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == [FRAME_NAME.format(i) for i in range(1, 4)]
    frames = [QImage(str(out / n)) for n in names]
    assert all((f.width(), f.height()) == (800, 600) for f in frames)
    def pixels(f):
        f = f.convertToFormat(QImage.Format.Format_RGB888)
        return np.frombuffer(bytes(f.constBits()), np.uint8)
    first, middle, last = (pixels(f) for f in frames)
    # the output view changes: far more than the title's step number
    assert np.count_nonzero(first != last) > 20_000 and np.count_nonzero(middle != last) > 5_000


def test_export_gif_from_a_two_input_window(open_window, tmp_path):
    Image = pytest.importorskip("PIL.Image")
    window = open_window(load_preset("xor"))
    assert window.exports.gif_action.isEnabled()
    out = tmp_path / "xor.gif"
    assert export_training(window, out, steps=30, frames=3)
    with Image.open(out) as gif:
        assert gif.n_frames == 3 and gif.size == (1200, 900)
    assert window.session.step == 0
