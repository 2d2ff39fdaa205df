"""Colour maps of the plane views, all colour-blind safe.

- Diverging (unit heatmaps, a two-class probability): Paul Tol's BuRd (blue – white – red), safe
  for the common colour-vision deficiencies, white at the neutral value (0, or p = 0.5).
- Values (a regression output): viridis, perceptually uniform and readable in grey.
- Classes (three or four): Okabe–Ito blue, vermillion, bluish green, reddish purple; a cell takes
  its winning class's colour, blended with white by how sure the network is (white where all
  classes are equally likely).
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor

#: Paul Tol's BuRd diverging scheme (9 colours), blue for negative / class 0, red for positive / class 1.
TOL_BURD = ("#2166AC", "#4393C3", "#92C5DE", "#D1E5F0", "#F7F7F7", "#FDDBC7", "#F4A582", "#D6604D", "#B2182B")
#: The points' colour for each class (two classes: the ends of BuRd; more: Okabe–Ito).
TWO_CLASS_COLOURS = ("#2166AC", "#B2182B")
CLASS_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7")
NEUTRAL = "#F7F7F7"


def diverging() -> pg.ColorMap:
    return pg.ColorMap(np.linspace(0.0, 1.0, len(TOL_BURD)), [QColor(c) for c in TOL_BURD])


#: Behind class-coloured points the output's colours are this much paler (as TF Playground's
#: background): a point of class 0 on the region of class 0 still shows its full colour.
BACKGROUND_PALER = 0.45


def paler(cmap: pg.ColorMap, amount: float = BACKGROUND_PALER) -> pg.ColorMap:
    """The colour map blended towards white by ``amount`` (0: unchanged)."""
    positions, colors = cmap.getStops(mode="float")
    colors = np.asarray(colors, dtype=float)
    colors[:, :3] += (1.0 - colors[:, :3]) * amount
    return pg.ColorMap(positions, [QColor.fromRgbF(*c) for c in colors])


def values_map() -> pg.ColorMap:
    return pg.colormap.get("viridis")


def class_colours(classes: int) -> tuple[str, ...]:
    return TWO_CLASS_COLOURS if classes <= 2 else CLASS_COLOURS[:classes]


def _rgb(hex_colour: str) -> np.ndarray:
    c = QColor(hex_colour)
    return np.array([c.red(), c.green(), c.blue()], dtype=float)


def winning_class_image(probabilities: np.ndarray, paler_by: float = 0.0) -> np.ndarray:
    """(k, rows, cols) class probabilities -> (rows, cols, 4) uint8 RGBA: the winning class's
    colour, shaded from white (p = 1/k, no preference) to full colour (p = 1), or to a colour
    ``paler_by`` nearer white (behind the points)."""
    k = probabilities.shape[0]
    win = np.argmax(probabilities, axis=0)
    p = np.take_along_axis(probabilities, win[None], axis=0)[0]
    sure = np.clip((p - 1.0 / k) / (1.0 - 1.0 / k), 0.0, 1.0)[..., None]
    colours = np.array([_rgb(c) for c in class_colours(k)])[win]
    white = _rgb(NEUTRAL)
    rgb = white + (colours - white) * (0.25 + 0.75 * sure) * (1.0 - paler_by)  # a faint tint of the winner even when unsure
    image = np.empty(win.shape + (4,), dtype=np.uint8)
    image[..., :3] = np.rint(rgb)
    image[..., 3] = 255
    return image


def symmetric_levels(values: np.ndarray, floor: float = 1e-9) -> tuple[float, float]:
    """(-m, m) with m the largest |value|: 0 sits at the diverging map's white."""
    finite = values[np.isfinite(values)]
    m = float(np.max(np.abs(finite))) if finite.size else 1.0
    m = max(m, floor)
    return -m, m


def value_levels(values: np.ndarray) -> tuple[float, float] | None:
    """A regression's colour scale from its values (the data's targets): the 1st to 99th percentile, so one
    outlier does not wash out the map; symmetric about 0 when they have both signs. None without values."""
    finite = np.asarray(values, dtype=float).reshape(-1)
    finite = finite[np.isfinite(finite)]
    if not finite.size:
        return None
    lo, hi = (float(v) for v in np.percentile(finite, [1.0, 99.0]))
    if lo < 0.0 < hi:
        lo, hi = -max(-lo, hi), max(-lo, hi)
    return (lo, hi) if hi > lo else (lo - 0.5, hi + 0.5)


#: Colours in a colour table (as many as pyqtgraph's ImageItem took from a colour map).
TABLE_SIZE = 256


class ColourTable:
    """A colour map as TABLE_SIZE colours, and float images coloured through it into kept buffers of
    32-bit 0xAARRGGBB words (one lookup per pixel, no allocation per frame; Qt's ARGB32 layout, see
    ``argb_image``), so the views hand pyqtgraph ready images. Value v at levels (lo, hi) takes colour floor((v - lo) / (hi - lo) * TABLE_SIZE), clipped
    to the table: the colour pyqtgraph's ImageItem gave it from the same map and levels. NaN takes
    the first colour."""

    def __init__(self, cmap: pg.ColorMap):
        rgb = np.asarray(cmap.getLookupTable(nPts=TABLE_SIZE, alpha=False), dtype=np.uint8)
        self.rgba = np.empty((TABLE_SIZE, 4), dtype=np.uint8)
        self.rgba[:, :3] = rgb[:, :3]
        self.rgba[:, 3] = 255
        rgb32 = self.rgba.astype(np.uint32)
        #: Each colour as one word 0xAARRGGBB: one take per pixel.
        self.words = (rgb32[:, 3] << 24) | (rgb32[:, 0] << 16) | (rgb32[:, 1] << 8) | rgb32[:, 2]
        self._shape: tuple[int, ...] | None = None

    def index(self, values: np.ndarray, levels: tuple[float, float]) -> np.ndarray:
        """The table index of each value (a fresh array; ``colour`` uses kept buffers)."""
        work = np.array(values, dtype=np.float32)
        return self._index_into(work, np.empty(work.shape, dtype=np.intp), levels)

    def colour(self, values: np.ndarray, levels: tuple[float, float]) -> np.ndarray:
        """values (any shape) -> uint32 0xAARRGGBB words (the same shape), in a buffer kept for the next
        call of the same shape (the previous result is overwritten)."""
        if values.shape != self._shape:
            self._shape = values.shape
            self._work = np.empty(values.shape, dtype=np.float32)
            self._index = np.empty(values.shape, dtype=np.intp)
            self._out = np.empty(values.shape, dtype=np.uint32)
        np.copyto(self._work, values, casting="unsafe")
        index = self._index_into(self._work, self._index, levels)
        np.take(self.words, index, out=self._out)
        return self._out

    @staticmethod
    def _index_into(work: np.ndarray, index: np.ndarray, levels: tuple[float, float]) -> np.ndarray:
        lo, hi = float(levels[0]), float(levels[1])
        span = hi - lo if hi != lo else 1.0
        np.subtract(work, np.float32(lo), out=work)
        np.multiply(work, np.float32(TABLE_SIZE / span), out=work)
        np.fmax(work, np.float32(0.0), out=work)  # fmax/fmin: NaN becomes the bound
        np.fmin(work, np.float32(TABLE_SIZE - 1), out=work)
        np.copyto(index, work, casting="unsafe")  # truncation: floor of a non-negative value
        return index
