"""All the unit curves of one plot as a single graphics item.

One pyqtgraph ``PlotCurveItem`` per unit costs, per frame and per curve, a ``setData`` and a
``paint`` full of Python, and Qt asks every item for its bounding rect several times a frame
(pyqtgraph recomputes it in Python each time, with pixel padding). With 32 units in two plots
that was most of a frame. A ``CurveBundle`` takes every curve of a plot in one ``set_curves``
call (one x grid, one row of y per unit), computes its bounds once, and paints each curve as
one polyline: a handful of Python calls per curve.

``curves`` holds one lightweight :class:`BundledCurve` handle per unit. A handle answers
``getData()``, carries ``opts["pen"]`` and can be hidden (the legend's click toggles it), like
a ``PlotCurveItem``, so tests, the legend and the rest of the window see one curve per unit.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter, QPen

#: Extra room around the curves' bounds, as a fraction of their size, so a pen's width is
#: inside the rect that Qt repaints (the real pixel width is not worth recomputing per frame).
_BOUNDS_MARGIN = 0.02


class BundledCurve:
    """One unit's curve inside a :class:`CurveBundle`: its data, its pen, whether it shows."""

    def __init__(self, bundle: "CurveBundle", index: int, pen: QPen):
        self._bundle = bundle
        self.index = index
        self.opts = {"pen": pen, "antialias": bundle.antialias}
        self._visible = True

    def getData(self):  # noqa: N802 - the PlotCurveItem name, so callers need not care
        return self._bundle.curve_data(self.index)

    def setPen(self, pen: QPen) -> None:  # noqa: N802
        self.opts["pen"] = pen
        self._bundle.update()

    def isVisible(self) -> bool:  # noqa: N802 - the legend asks
        return self._visible

    def setVisible(self, visible: bool) -> None:  # noqa: N802 - the legend's click
        self._visible = bool(visible)
        self._bundle.update()


class CurveBundle(pg.GraphicsObject):
    def __init__(self, antialias: bool = True):
        super().__init__()
        self.antialias = antialias
        self.curves: list[BundledCurve] = []
        self._x = np.zeros(0)
        self._ys = np.zeros((0, 0))
        self._polygons: list = []
        self._rect = QRectF()
        self._dead: set[int] = set()

    # --- shape and style ------------------------------------------------------------------------
    def resize(self, n: int, pen_for) -> None:
        """Keep ``n`` curves; new ones get ``pen_for(index)``."""
        del self.curves[n:]
        while len(self.curves) < n:
            self.curves.append(BundledCurve(self, len(self.curves), pen_for(len(self.curves))))
        self._ys = self._ys[:n]
        self._polygons = self._polygons[:n]
        self.update()

    def set_antialias(self, antialias: bool) -> None:
        self.antialias = antialias
        for curve in self.curves:
            curve.opts["antialias"] = antialias
        self.update()

    def set_dead(self, dead: set[int], pen_for) -> None:
        """Dead units get ``pen_for(index, dead=True)`` and are painted under the live ones."""
        self._dead = set(dead)
        for curve in self.curves:
            curve.opts["pen"] = pen_for(curve.index, dead=curve.index in self._dead)
        self.update()

    # --- data ----------------------------------------------------------------------------------------
    def set_curves(self, x: np.ndarray, ys: np.ndarray) -> None:
        """Every curve at once: ``ys[i]`` over ``x`` is curve ``i``."""
        x = np.asarray(x, dtype=float)
        ys = np.asarray(ys, dtype=float).reshape(len(self.curves), x.size)
        self._x, self._ys = x, ys
        polygons = []
        for row in ys:
            polygon = pg.functions.create_qpolygonf(x.size)
            points = pg.functions.ndarray_from_qpolygonf(polygon)
            points[:, 0] = x
            points[:, 1] = row
            polygons.append(polygon)
        self._polygons = polygons
        self.prepareGeometryChange()
        self._rect = self._bounds(x, ys)
        self.update()

    def curve_data(self, index: int):
        if index >= self._ys.shape[0]:
            return None, None
        return self._x, self._ys[index]

    @staticmethod
    def _bounds(x: np.ndarray, ys: np.ndarray) -> QRectF:
        finite = ys[np.isfinite(ys)]
        if x.size == 0 or finite.size == 0:
            return QRectF()
        x0, x1 = float(x.min()), float(x.max())
        y0, y1 = float(finite.min()), float(finite.max())
        mx, my = (x1 - x0) * _BOUNDS_MARGIN + 1e-9, (y1 - y0) * _BOUNDS_MARGIN + 1e-9
        return QRectF(QPointF(x0 - mx, y0 - my), QPointF(x1 + mx, y1 + my))

    def dataBounds(self, ax: int, frac: float = 1.0, orthoRange=None):  # noqa: N802 - ViewBox auto-range
        if self._x.size == 0 or self._ys.size == 0:
            return None, None
        values = self._x if ax == 0 else self._ys[np.isfinite(self._ys)]
        if values.size == 0:
            return None, None
        return float(values.min()), float(values.max())

    # --- painting ---------------------------------------------------------------------------------------
    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    def paint(self, painter: QPainter, *args) -> None:
        if not self._polygons:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, self.antialias)
        dead = self._dead
        order = [i for i in range(len(self._polygons)) if i in dead]
        order += [i for i in range(len(self._polygons)) if i not in dead]  # live units on top
        curves = self.curves
        for index in order:
            curve = curves[index]
            if curve._visible:
                painter.setPen(curve.opts["pen"])
                painter.drawPolyline(self._polygons[index])
