"""SVG of the plane views (two inputs): vectors for lines, points and text, sharp embedded heatmaps."""
from __future__ import annotations

import base64
import tempfile
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtCore import QByteArray
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from reluplay.cli.main import main
from reluplay.presets import load_preset
from reluplay.ui.features.export import export_plots
from tests.ui.plane_pixels import assert_network_colours

SVG = "{http://www.w3.org/2000/svg}"
HREF = "{http://www.w3.org/1999/xlink}href"
OLD = b"the figure from last week"


def _pictures(root) -> list[tuple[ET.Element, QImage]]:
    """Every embedded picture with its element."""
    found = []
    for element in root.iter(f"{SVG}image"):
        head, data = element.get(HREF).split(",", 1)
        assert head == "data:image/png;base64"
        image = QImage.fromData(QByteArray(base64.b64decode(data)), "PNG")
        assert not image.isNull()
        found.append((element, image))
    return found


def _heatmaps(pictures):
    """The heatmaps: square pictures (the colour bar is a 256 × 1 strip)."""
    return [(e, image) for e, image in pictures if image.width() == image.height() and image.width() >= 64]


def _whole_cells(image: QImage, cells: int) -> bool:
    """True if ``image`` is ``cells`` × ``cells`` uniform square blocks (upscaled by repeating, not smoothed)."""
    k = image.width() // cells
    rgb = image.convertToFormat(QImage.Format.Format_RGB32)
    words = np.frombuffer(bytes(rgb.constBits()), np.uint32).reshape(image.height(), -1)[:, :image.width()]
    blocks = words.reshape(cells, k, cells, k)
    return k * cells == image.width() and bool((blocks == blocks[:, :1, :, :1]).all())


@pytest.mark.parametrize(("lesson", "units"), [("xor", 4), ("spiral", 8)])
def test_render_writes_the_plane_views_as_svg(tmp_path, capsys, qapp, lesson, units):
    out = tmp_path / f"{lesson}.svg"
    assert main(["render", lesson, "--out", str(out), "--width", "1000", "--height", "700"]) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    root = ET.parse(out).getroot()
    assert root.tag == f"{SVG}svg"
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == ("1000", "700", "0 0 1000 700")
    pictures = _pictures(root)
    heatmaps = _heatmaps(pictures)
    assert len(heatmaps) == units + 1  # one per unit, and the output view
    assert len(pictures) == len(heatmaps) + 1  # and the colour bar: no raster background or points
    for element, _ in pictures:
        assert element.get("image-rendering") == "optimizeSpeed"
        assert "image-rendering:pixelated" in element.get("style")
    # the heatmaps are embedded upscaled by whole cells: sharp even in a viewer that smooths pictures
    sizes = sorted(image.width() for _, image in heatmaps)
    assert all(size % 64 == 0 and size > 64 for size in sizes[:-1]) and sizes[-1] % 200 == 0 and sizes[-1] > 200
    assert all(_whole_cells(image, 64 if image.width() % 64 == 0 else 200) for _, image in heatmaps)
    points = len(load_preset(lesson).x)
    assert len(list(root.iter(f"{SVG}path"))) >= points  # each data point a vector symbol
    texts = {"".join(t.itertext()).strip() for t in root.iter(f"{SVG}text")}
    assert {"A", "p(class 1)", "x1", "x2"} <= texts


def test_the_svg_looks_like_the_png(tmp_path, qapp):
    """Drawn by Qt's SVG renderer, the output view has the network's colours where the PNG has them."""
    preset = load_preset("xor")
    out = tmp_path / "xor.svg"
    assert main(["render", "xor", "--out", str(out), "--width", "1000", "--height", "700"]) == 0
    renderer = QSvgRenderer(str(out))
    assert renderer.isValid()
    image = QImage(1000, 700, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    assert_network_colours(image, preset)


def test_file_export_svg_from_a_two_input_window(open_window, tmp_path, monkeypatch):
    window = open_window(load_preset("xor"))
    assert window.exports.svg_action.isEnabled()
    target = tmp_path / "chosen"  # no suffix: the exporter adds .svg
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.exports.svg_action.trigger()
    root = ET.parse(tmp_path / "chosen.svg").getroot()
    assert len(_heatmaps(_pictures(root))) == 4 + 1
    texts = {"".join(t.itertext()).strip() for t in root.iter(f"{SVG}text")}
    assert "p(class 1)" in texts and "Region outlines" not in texts  # the views, not the controls above them
    # the views are back as they were: points from their cache, backgrounds cached
    views = (window.plane.units, window.plane.output)
    assert all(item._exportOpts is False for v in views for item in v.scene().items() if hasattr(item, "_exportOpts"))
    assert all(v.cacheMode() == v.CacheModeFlag.CacheBackground for v in views)


def test_svg_export_into_a_read_only_folder_is_one_message(open_window, tmp_path, monkeypatch):
    window = open_window(load_preset("xor"))
    out = tmp_path / "xor.svg"
    out.write_bytes(OLD)

    def read_only_folder(*args, **kwargs):  # what a read-only folder does (the tests run as root)
        raise PermissionError(13, "Permission denied")

    shown = []
    monkeypatch.setattr(tempfile, "mkstemp", read_only_folder)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    assert not export_plots(window, out)
    assert len(shown) == 1 and str(out) in shown[0] and "Permission denied" in shown[0]
    assert out.read_bytes() == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["xor.svg"]
