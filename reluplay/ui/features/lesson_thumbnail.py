"""A small picture of a lesson's output plot for the gallery: the network's curve through its data.

Drawn straight with QPainter (no plot widget: a gallery of many lessons must open at once), in
the lesson's own view, and cached by file and modification time, so opening the gallery again
costs nothing and an edited file gets a new picture.
"""
from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QPixmap

from reluplay.presets import Preset, PresetError, load_preset
from reluplay.ui import palette
from reluplay.ui.plots.plane import colours as plane_colours

THUMBNAIL_SIZE = (168, 112)
CURVE_POINTS = 160
MARGIN = 6


def lesson_thumbnail(path: str | Path, size: tuple[int, int] = THUMBNAIL_SIZE) -> QPixmap:
    """The lesson's output plot as a small picture (a blank one if the file cannot be read)."""
    path = Path(path)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = 0
    return QPixmap.fromImage(_cached_image(str(path), stamp, size))


@lru_cache(maxsize=256)
def _cached_image(path: str, _stamp: int, size: tuple[int, int]) -> QImage:
    try:
        preset = load_preset(Path(path))
    except PresetError:
        preset = None
    return draw_thumbnail(preset, size)


def draw_thumbnail(preset: Preset | None, size: tuple[int, int] = THUMBNAIL_SIZE) -> QImage:
    width, height = size
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(palette.BACKGROUND))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(palette.GRID_COLOUR), 1))
    painter.drawRect(QRectF(0.5, 0.5, width - 1, height - 1))
    if preset is not None:
        _draw(painter, preset, width, height)
    painter.end()
    return image


def _draw_plane(painter: QPainter, preset: Preset, width: int, height: int) -> None:
    """A two-input lesson: its output over the plane (as the output view colours it) and its points."""
    (a, b), (c, d) = preset.view.x_range, preset.view.x2_range
    cols, rows = max(2, width // 3), max(2, height // 3)
    g1, g2 = np.meshgrid(np.linspace(a, b, cols), np.linspace(d, c, rows))
    with np.errstate(all="ignore"):
        out = np.asarray(preset.network(np.column_stack([g1.ravel(), g2.ravel()])), dtype=float)
    if out.ndim == 2:  # k classes: the winning class, pale behind the points
        rgba = plane_colours.winning_class_image(out.T.reshape(-1, rows, cols), plane_colours.BACKGROUND_PALER)
    else:
        if preset.is_classification:
            cmap, t = plane_colours.paler(plane_colours.diverging()), out
        else:
            lo, hi = (plane_colours.value_levels(np.concatenate([np.ravel(preset.y), np.ravel(preset.test_y)]))
                      or plane_colours.value_levels(out) or (0.0, 1.0))
            cmap, t = plane_colours.values_map(), (out - lo) / (hi - lo)
        rgba = cmap.map(np.clip(np.nan_to_num(t, nan=0.5), 0.0, 1.0), mode="byte")
    rgba = np.ascontiguousarray(np.asarray(rgba, dtype=np.uint8).reshape(rows, cols, -1)[..., :3])
    grid = QImage(rgba.data, cols, rows, 3 * cols, QImage.Format.Format_RGB888)
    painter.drawImage(QRectF(1, 1, width - 2, height - 2), grid)
    table = plane_colours.class_colours(preset.classes) if preset.is_classification else None
    x = np.asarray(preset.x, dtype=float).reshape(-1, 2)[:600]
    painter.setPen(QPen(QColor("#FFFFFF"), 0.8))
    for (p1, p2), y in zip(x, preset.y[:600]):
        colour = table[int(y) % len(table)] if table else palette.DATA_FILL
        painter.setBrush(QColor(colour))
        painter.drawEllipse(QPointF(1 + (p1 - a) / (b - a) * (width - 2), 1 + (d - p2) / (d - c) * (height - 2)),
                            2.2, 2.2)


def _draw(painter: QPainter, preset: Preset, width: int, height: int) -> None:
    if preset.n_inputs == 2:
        _draw_plane(painter, preset, width, height)
        return
    (x0, x1), (y0, y1) = preset.view.x_range, preset.view.y_range

    def at(x: float, y: float) -> QPointF:
        return QPointF(MARGIN + (x - x0) / (x1 - x0) * (width - 2 * MARGIN),
                       height - MARGIN - (y - y0) / (y1 - y0) * (height - 2 * MARGIN))

    if y0 < 0.0 < y1:  # the zero line, as on the plots
        painter.setPen(QPen(QColor("#BBBBBB"), 1))
        painter.drawLine(at(x0, 0.0), at(x1, 0.0))
    xs = np.linspace(x0, x1, CURVE_POINTS)
    with np.errstate(all="ignore"):
        ys = preset.network(xs)
    # Far outside the view, clip to just beyond it (QPainter misdraws huge coordinates).
    span = y1 - y0
    ys = np.clip(ys, y0 - span, y1 + span)
    path = QPainterPath()
    started = False
    for x, y in zip(xs, ys):
        if not math.isfinite(float(y)):
            started = False
            continue
        point = at(float(x), float(y))
        if started:
            path.lineTo(point)
        else:
            path.moveTo(point)
            started = True
    painter.save()
    painter.setClipRect(QRectF(1, 1, width - 2, height - 2))
    painter.setPen(QPen(QColor(palette.OUTPUT_COLOUR), 2.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawPath(path)
    painter.setPen(QPen(QColor(palette.DATA_EDGE), 1))
    painter.setBrush(QColor(palette.DATA_FILL))
    radius = 3.0 if len(preset.x) <= 60 else 2.0
    for x, y in zip(preset.x[:2000], preset.y[:2000]):
        painter.drawEllipse(at(float(x), float(y)), radius, radius)
    painter.restore()
