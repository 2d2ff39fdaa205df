"""An ImageItem for ready-coloured images in Qt's own pixel format: nothing left to convert when painting.

The plane views colour their values themselves (``colours.ColourTable``) into 32-bit words 0xAARRGGBB, the
layout of ``QImage.Format_ARGB32_Premultiplied`` (opaque, so premultiplied is the same), which Qt's raster
engine draws without converting each paint: half the time of pyqtgraph's RGBA8888 images when scaled.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage

MAX_UPSCALE = 16  # an SVG of a huge figure: cells of 16 × 16 pixels are sharp enough, and the file stays small


def argb_words(rgba: np.ndarray) -> np.ndarray:
    """(..., 4) RGBA uint8 -> (...) uint32 words 0xAARRGGBB."""
    rgba = rgba.astype(np.uint32)
    return (rgba[..., 3] << 24) | (rgba[..., 0] << 16) | (rgba[..., 1] << 8) | rgba[..., 2]


def rgba_bytes(words: np.ndarray) -> np.ndarray:
    """(...) uint32 words 0xAARRGGBB -> (..., 4) RGBA uint8 (a copy)."""
    words = np.asarray(words, dtype=np.uint32)
    return np.stack([(words >> 16) & 255, (words >> 8) & 255, words & 255, words >> 24], axis=-1).astype(np.uint8)


class ArgbImageItem(pg.ImageItem):
    """Shows a (rows, cols) uint32 image of 0xAARRGGBB words (row-major), opaque, as it is."""

    def __init__(self):
        super().__init__(axisOrder="row-major")
        self._source: np.ndarray | None = None  # the memory the QImage shows (kept alive with it)

    def render(self) -> None:  # noqa: D401 - pyqtgraph's hook: make self.qimage from self.image
        image = self.image
        self._renderRequired = False
        if image is None or image.size == 0:
            self.qimage, self._unrenderable = None, True
            return
        self._source = np.ascontiguousarray(image, dtype=np.uint32)
        rows, cols = self._source.shape
        self.qimage = QImage(self._source.data, cols, rows, cols * 4, QImage.Format.Format_ARGB32_Premultiplied)
        self._unrenderable = False

    def paint(self, painter, *args) -> None:
        """In an SVG export (``svg_figure``), embed the image upscaled by whole cells to at least the size
        it covers, so a viewer that smooths pictures blurs only each cell's edge; otherwise pyqtgraph's."""
        opts = self._exportOpts
        if not (opts and opts.get("upscale_images")) or self.image is None:
            super().paint(painter, *args)
            return
        if self._renderRequired:
            self.render()
        if self._unrenderable:
            return
        t = painter.transform()  # image pixels -> the figure's pixels
        factor = max(math.hypot(t.m11(), t.m12()), math.hypot(t.m21(), t.m22()))
        k = max(1, min(MAX_UPSCALE, math.ceil(factor - 1e-6)))
        rows, cols = self._source.shape
        image = self.qimage.convertToFormat(QImage.Format.Format_RGB32)  # opaque: a PNG without alpha
        if k > 1:
            image = image.scaled(cols * k, rows * k, Qt.AspectRatioMode.IgnoreAspectRatio,
                                 Qt.TransformationMode.FastTransformation)  # nearest neighbour: whole cells
        painter.drawImage(QRectF(0, 0, cols, rows), image)

    def rgba(self) -> np.ndarray:
        """The image shown, as (rows, cols, 4) RGBA uint8."""
        return rgba_bytes(self.image)
