"""`reluplay render` / `animate` and Export GIF for a two-input lesson: the plane views as pictures."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage

from reluplay.cli.main import main
from reluplay.presets import load_preset
from reluplay.state.session import Session
from reluplay.ui.features.export import export_training
from reluplay.ui.plots.animate import FRAME_NAME, animate_run
from reluplay.ui.plots.plane.figure import draw_plane_figure, make_plane_figure


def _pixel_positions(preset, width, height, points):
    """Where the output view draws each point (x1, x2) in a figure of this size (the same layout)."""
    from PySide6.QtWidgets import QApplication

    session = Session(preset)
    views = make_plane_figure(session, width, height)
    try:
        draw_plane_figure(views, session, QApplication.instance())
        out = views.output
        spots = []
        for x1, x2 in points:
            scene = out.plot.vb.mapViewToScene(QPointF(x1, x2))
            at = views.mapFromGlobal(out.mapToGlobal(out.mapFromScene(scene)))
            spots.append((at.x(), at.y()))
        return spots
    finally:
        views.close()
        views.deleteLater()
        session.deleteLater()


def test_render_draws_the_plane_views_with_the_networks_colours(tmp_path, capsys, qapp):
    preset = load_preset("xor")
    out = tmp_path / "xor.png"
    assert main(["render", "xor", "--out", str(out), "--width", "1000", "--height", "700"]) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 700)
    # Sample the output view away from the data points: red where p(class 1) is high, blue where low.
    grid = [(x1, x2) for x1 in np.linspace(-5.5, 5.5, 12) for x2 in np.linspace(-5.5, 5.5, 12)]
    pts = np.concatenate([preset.x, preset.test_x.reshape(-1, 2)])
    free = [g for g in grid if np.min(np.hypot(pts[:, 0] - g[0], pts[:, 1] - g[1])) > 0.8]
    p = preset.network(np.array(free))
    sure = [(g, q) for g, q in zip(free, p) if q > 0.8 or q < 0.2]
    assert len(sure) >= 5
    spots = _pixel_positions(preset, 1000, 700, [g for g, _ in sure])
    for (g, q), (px, py) in zip(sure, spots):
        colour = QColor(image.pixel(px, py))
        if q > 0.8:
            assert colour.red() > colour.blue() + 60, (g, q, colour.name())
        else:
            assert colour.blue() > colour.red() + 60, (g, q, colour.name())


def test_render_refuses_svg_for_two_inputs_in_one_line(tmp_path, capsys):
    out = tmp_path / "xor.svg"
    assert main(["render", "xor", "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("reluplay: error: ") and "xor.svg" in err[0] and ".png" in err[0]
    assert not out.exists()


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
    assert not window.exports.svg_action.isEnabled()  # heatmaps: PNG only, the tooltip says why
    out = tmp_path / "xor.gif"
    assert export_training(window, out, steps=30, frames=3)
    with Image.open(out) as gif:
        assert gif.n_frames == 3 and gif.size == (1200, 900)
    assert window.session.step == 0
