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


def _draw(painter: QPainter, preset: Preset, width: int, height: int) -> None:
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
