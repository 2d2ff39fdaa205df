"""Where a figure of the plane views draws points, and whether its output view has the network's colours."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage

from reluplay.state.session import Session
from reluplay.ui.plots.plane.figure import draw_plane_figure, make_plane_figure


def pixel_positions(preset, width, height, points):
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


def assert_network_colours(image: QImage, preset) -> None:
    """Away from the data points: red where p(class 1) is high, blue where low (a two-class lesson)."""
    grid = [(x1, x2) for x1 in np.linspace(-5.5, 5.5, 12) for x2 in np.linspace(-5.5, 5.5, 12)]
    pts = np.concatenate([preset.x, preset.test_x.reshape(-1, 2)])
    free = [g for g in grid if np.min(np.hypot(pts[:, 0] - g[0], pts[:, 1] - g[1])) > 0.8]
    p = preset.network(np.array(free))
    sure = [(g, q) for g, q in zip(free, p) if q > 0.8 or q < 0.2]
    assert len(sure) >= 5
    spots = pixel_positions(preset, image.width(), image.height(), [g for g, _ in sure])
    for (g, q), (px, py) in zip(sure, spots):
        colour = QColor(image.pixel(px, py))
        if q > 0.8:
            assert colour.red() > colour.blue() + 60, (g, q, colour.name())
        else:
            assert colour.blue() > colour.red() + 60, (g, q, colour.name())
