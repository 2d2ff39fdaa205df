"""The plane views as an SVG: lines, points, text and outlines as vectors, the heatmaps as sharp pictures.

The widget paints itself into a ``QSvgGenerator`` (``QWidget.render``), with pyqtgraph's items in
export mode, as its own exporters do: the data points are then drawn as vector symbols one by one
rather than stamped from a cache of small pictures. The views' cached background (a raster picture the
size of each view) is switched off while painting, so it is a plain rectangle.
(Not pyqtgraph's SVGExporter: it exports one scene, not the widget's two views side by side, and it
fails on Qt 6.11 and newer.)

A heatmap is a grid of cells, each one value: in the SVG it is an embedded PNG that must keep its
cells as sharp squares. Two things together keep them sharp:

- every ``<image>`` carries ``image-rendering="optimizeSpeed"`` (SVG 1.1; Inkscape, librsvg, Qt's own
  renderer) and ``style="image-rendering:pixelated"`` (today's browsers), so a viewer that honours
  either scales by repeating cells, at any zoom;
- each heatmap is embedded upscaled by whole cells (nearest neighbour) to at least the size it covers
  in the figure (``ArgbImageItem``'s export mode), so a viewer that ignores both hints and smooths
  blurs only each cell's outermost pixel at the figure's size, not the whole cell.

Measured at 1200 × 900 (hints alone -> upscaled as well): ``xor`` 303 -> 331 kB (+9%), ``spiral``
(8 units) 402 -> 421 kB (+5%), ``three-gaussians`` 250 -> 275 kB (+10%). A PNG of repeated cells compresses
to little more than the cells (a repeated pixel or row costs almost nothing), so the safety is cheap.
"""
from __future__ import annotations

import re

import pyqtgraph as pg
from PySide6.QtCore import QBuffer, QIODevice, QPoint, QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator

#: What pyqtgraph's items are told while they paint into the SVG (see ``ArgbImageItem.paint``).
EXPORT_OPTIONS = {"antialias": True, "upscale_images": True}
#: The legacy value first: a viewer that does not know "pixelated" drops it and keeps "optimizeSpeed".
IMAGE_HINTS = 'image-rendering="optimizeSpeed" style="image-rendering:optimizeSpeed;image-rendering:pixelated"'


def widget_svg(widget, title: str = "reluplay") -> bytes:
    """``widget`` as it is on screen, as SVG text of its size in pixels (width, height and viewBox)."""
    size = widget.size()
    views = widget.findChildren(pg.GraphicsView)
    if isinstance(widget, pg.GraphicsView):
        views.append(widget)
    items = [item for view in views for item in view.scene().items() if hasattr(item, "setExportMode")]
    caches = [view.cacheMode() for view in views]
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(size.width(), size.height()))
    generator.setViewBox(QRect(0, 0, size.width(), size.height()))
    generator.setResolution(widget.logicalDpiY())  # text at the size it has on screen (the default 72 dpi shrinks it)
    generator.setTitle(title)
    generator.setDescription("Drawn by reluplay")
    try:
        for view in views:
            view.setCacheMode(pg.GraphicsView.CacheModeFlag.CacheNone)
        for item in items:
            item.setExportMode(True, dict(EXPORT_OPTIONS))
        painter = QPainter(generator)
        try:
            widget.render(painter, QPoint(0, 0))
        finally:
            painter.end()
    finally:
        for item in items:
            item.setExportMode(False)
        for view, mode in zip(views, caches):
            view.setCacheMode(mode)
    return _finish(bytes(buffer.data()).decode("utf-8"), size.width(), size.height()).encode("utf-8")


def _finish(text: str, width: int, height: int) -> str:
    """Size in pixels (Qt writes millimetres) and the sharp-cells hints on every embedded picture."""
    head = re.search(r"<svg\b[^>]*>", text)
    if head is None:
        raise OSError("the SVG could not be drawn")
    tag = re.sub(r'\swidth="[^"]*"', f' width="{width}"', head.group(0), count=1)
    tag = re.sub(r'\sheight="[^"]*"', f' height="{height}"', tag, count=1)
    text = text[:head.start()] + tag + text[head.end():]
    text = re.sub(r'\simage-rendering="[^"]*"', "", text)  # Qt writes its own, depending on the painter's hints
    return text.replace("<image ", f"<image {IMAGE_HINTS} ")
