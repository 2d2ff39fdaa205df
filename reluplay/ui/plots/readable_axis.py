"""Axes that show only as many tick labels as fit at their current type size.

pyqtgraph always draws every label of its first tick level, however short the axis: the loss
plot in presentation mode (~65 px high, 21 pt labels) stacked "0.0006", "0.0005" and "0.0004" on
top of each other. A :class:`ReadableAxis` keeps ticks (and their grid lines) only where their
labels stay apart: at least LABEL_GAP label heights between neighbours on a vertical axis (and
never closer than a line of text), the widest label and a little more on a horizontal one. On a
linear scale it keeps every 2nd, 5th, 10th... tick, so the labels stay round numbers; on a log
scale it keeps powers of ten first, then 5× and 2×, then the rest.
"""
from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtGui import QFontMetricsF

#: Vertical axes: the least distance between two labels' centres, in heights of the labels' ink.
LABEL_GAP = 1.3
#: Horizontal axes: the least free space between two labels, in label heights.
HORIZONTAL_GAP = 0.4
#: Multiples of a level's spacing tried when its ticks are too close (the result stays round).
_STRIDES = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
#: On a log scale, the mantissas that make the best labels first.
_LOG_PRIORITY = {1: 0, 5: 1, 2: 2}


class ReadableAxis(pg.AxisItem):
    def _metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.style["tickFont"] or self.font())

    def _vertical(self) -> bool:
        return self.orientation in ("left", "right")

    def min_label_distance(self, strings: list[str]) -> float:
        """The least distance, in pixels, between the centres of two neighbouring labels."""
        metrics = self._metrics()
        if self._vertical():
            # 1.3 heights of the labels' ink (digits: about the cap height), and never less than the
            # font's line height, so that not even the labels' whole text boxes touch.
            ink = max((metrics.tightBoundingRect(s).height() for s in strings), default=metrics.height())
            return max(LABEL_GAP * ink, metrics.height())
        widest = max((metrics.horizontalAdvance(s) for s in strings), default=0.0)
        return widest + HORIZONTAL_GAP * metrics.height()

    def _half_extent(self, string: str) -> float:
        """Half the label's extent along the axis, as pyqtgraph lays it out (0.8 of the text's height)."""
        metrics = self._metrics()
        return 0.4 * metrics.height() if self._vertical() else 0.5 * metrics.horizontalAdvance(string)

    def tickValues(self, minVal: float, maxVal: float, size: float):  # noqa: N802 (pyqtgraph's name)
        levels = super().tickValues(minVal, maxVal, size)
        lo, hi = sorted((float(minVal), float(maxVal)))
        if not (size > 0 and hi > lo and math.isfinite(hi - lo)):
            return levels
        # The labels are placed along the axis's own length; the ``size`` pyqtgraph passes is that
        # plus 2 px (its span's ends are nudged by one pixel each way), which let labels 0.5 px closer.
        geometry = self.geometry()
        length = geometry.height() if self._vertical() else geometry.width()
        size = length if length > 0 else size
        per_unit = size / (hi - lo)  # pixels per axis unit (tick values come in the same units)
        kept: list[float] = []
        thinned = []
        for spacing, values in levels:
            values = [float(v) for v in values]
            strings = self.tickStrings(values, self.autoSIPrefixScale * self.scale, spacing or 1.0) if values else []
            # pyqtgraph drops a label that would stick out past the axis's end: only the others count.
            values = [v for v, text in zip(values, strings)
                      if self._half_extent(text) - 0.5 <= (v - lo) * per_unit <= size - self._half_extent(text) + 0.5]
            if not values:
                thinned.append((spacing, []))
                continue
            gap = self.min_label_distance(strings) / per_unit  # in axis units
            if spacing is not None:  # evenly spaced (on a log scale: whole decades)
                values = _every_nth(values, spacing, gap)
            else:  # a log scale's 2×, 3×... 9× ticks within a decade
                values = sorted(values, key=_log_priority)
            chosen = []
            for value in values:
                if all(abs(value - other) >= gap * (1 - 1e-9) for other in kept):
                    kept.append(value)
                    chosen.append(value)
            thinned.append((spacing, sorted(chosen)))
        return thinned


def _every_nth(values: list[float], spacing: float, gap: float) -> list[float]:
    """Every n-th of these evenly spaced ticks, n the first of 1, 2, 5, 10... that leaves ``gap``:
    the most labels, and of as many the round ones (multiples of n × spacing: 0, ±40 before ±20)."""
    stride = next((s for s in _STRIDES if s * spacing >= gap * (1 - 1e-9)), None)
    if stride is None:
        return values[:1]
    if stride == 1:
        return values
    step = stride * spacing

    def score(chosen: list[float]) -> tuple[int, int]:
        return len(chosen), sum(abs(v / step - round(v / step)) < 1e-6 for v in chosen)

    return max((values[phase::stride] for phase in range(stride)), key=score)


def _log_priority(value: float) -> tuple[int, float]:
    """Powers of ten first, then 5× and 2×, then the other mantissas (value is log10 of the tick)."""
    mantissa = int(round(10 ** (value - math.floor(value + 1e-9))))
    return _LOG_PRIORITY.get(mantissa, 3), value


def readable_axes(plot: pg.PlotItem) -> None:
    """Give ``plot`` readable left and bottom axes (before anything styles them)."""
    plot.setAxisItems({"left": ReadableAxis("left"), "bottom": ReadableAxis("bottom")})

