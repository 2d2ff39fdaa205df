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

Curves are clipped to the view (plus a margin) before Qt sees them: a dead unit's dashed curve
can reach 1e15 while the view is 1.5 high, and Qt's dasher walks the whole length, dash by dash
(the window froze for good). The clipping cuts each segment exactly where it leaves the rect, so
what shows is the same line.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter, QPen

#: Extra room around the curves' bounds, as a fraction of their size, so a pen's width is
#: inside the rect that Qt repaints (the real pixel width is not worth recomputing per frame).
_BOUNDS_MARGIN = 0.02
#: Curves are clipped to the view grown by this fraction of its size on each side, so the cut
#: ends (and the pen's width around them) are well outside what shows.
CLIP_MARGIN = 0.1


def clip_polyline(x: np.ndarray, y: np.ndarray, rect: tuple[float, float, float, float]) -> list:
    """The parts of the polyline through (x, y) inside ``rect`` = (x0, y0, x1, y1), as a list of
    (xs, ys) pieces. Each segment is cut exactly where it crosses the border (Liang-Barsky), so the
    pieces lie on the original line; a non-finite point breaks the line, as pyqtgraph draws it.
    """
    y = np.asarray(y, dtype=float)
    return clip_polylines(x, y.reshape(1, -1), rect, [y])[0]


def clip_polylines(x: np.ndarray, ys: np.ndarray, rect: tuple[float, float, float, float],
                   rows: list | None = None) -> list:
    """``clip_polyline`` for every row of ``ys`` over one ``x``, in one pass over all of them.
    A row wholly inside comes back as itself (``rows[i]`` if given), so it needs no new polygon."""
    x = np.asarray(x, dtype=float)
    ys = np.asarray(ys, dtype=float).reshape(-1, x.size)
    rows = list(ys) if rows is None else rows
    x0, y0, x1, y1 = rect
    result: list = [[] for _ in range(ys.shape[0])]
    if x.size < 2:
        return result
    with np.errstate(all="ignore"):
        inside = np.all((ys >= y0) & (ys <= y1), axis=1) & bool(np.all((x >= x0) & (x <= x1)))  # NaN: False
        for i in np.flatnonzero(inside):
            result[i] = [(x, rows[i])]
        cut = np.flatnonzero(~inside)
        if cut.size == 0:
            return result
        y_cut = ys[cut]
        py, qy = y_cut[:, :-1], y_cut[:, 1:]
        px, qx = np.broadcast_to(x[:-1], py.shape), np.broadcast_to(x[1:], py.shape)
        point_in = (y_cut >= y0) & (y_cut <= y1) & (x >= x0) & (x <= x1)
        visible = point_in[:, :-1] & point_in[:, 1:]  # both ends inside: kept whole
        above, below = y_cut > y1, y_cut < y0
        outside = ((above[:, :-1] & above[:, 1:]) | (below[:, :-1] & below[:, 1:])
                   | ((x[:-1] < x0) & (x[1:] < x0)) | ((x[:-1] > x1) & (x[1:] > x1))
                   | ~(np.isfinite(py) & np.isfinite(qy)))
        sx, sy, ex, ey = px.copy(), py.copy(), qx.copy(), qy.copy()
        t0, t1 = np.zeros(py.shape), np.ones(py.shape)
        crossing = ~(visible | outside)  # the few segments that cross the border: cut them
        if crossing.any():
            cpx, cpy = px[crossing], py[crossing]
            dx, dy = qx[crossing] - cpx, qy[crossing] - cpy
            lo, hi = np.zeros(cpx.size), np.ones(cpx.size)
            keep = np.ones(cpx.size, dtype=bool)
            # For each border: the segment enters (p < 0) or leaves (p > 0) it at t = q / p.
            for p, q in ((-dx, cpx - x0), (dx, x1 - cpx), (-dy, cpy - y0), (dy, y1 - cpy)):
                parallel = p == 0
                keep &= ~(parallel & (q < 0))  # parallel to this border and outside it
                t = q / np.where(parallel, 1.0, p)
                np.maximum(lo, t, out=lo, where=p < 0)
                np.minimum(hi, t, out=hi, where=p > 0)
            keep &= lo <= hi
            visible[crossing], t0[crossing], t1[crossing] = keep, lo, hi
            # Points a hair outside from rounding (t * 1e15) go onto the border they crossed.
            sx[crossing], sy[crossing] = np.clip(cpx + lo * dx, x0, x1), np.clip(cpy + lo * dy, y0, y1)
            ex[crossing], ey[crossing] = np.clip(cpx + hi * dx, x0, x1), np.clip(cpy + hi * dy, y0, y1)
    # All cut rows' segments in one line: a visible segment continues the piece before it when
    # it is the next segment of the same row and they share an uncut point.
    index = np.flatnonzero(visible.ravel())
    if index.size == 0:
        return result
    n_segments = x.size - 1
    t0f, t1f = t0.ravel(), t1.ravel()
    joined = ((np.diff(index) == 1) & (index[1:] % n_segments != 0)
              & (t1f[index[:-1]] == 1.0) & (t0f[index[1:]] == 0.0))
    starts = np.concatenate(([0], np.flatnonzero(~joined) + 1))
    ends = np.append(starts[1:], index.size)
    sx, sy, ex, ey = sx.ravel(), sy.ravel(), ex.ravel(), ey.ravel()
    for a, b in zip(starts.tolist(), ends.tolist()):
        segments = index[a:b]
        first = segments[0]
        result[cut[first // n_segments]].append((np.concatenate(([sx[first]], ex[segments])),
                                                 np.concatenate(([sy[first]], ey[segments]))))
    return result


#: A point is a corner when the slopes on its two sides differ by more than this, relative to the
#: curve's steepest slope; points between two equal slopes lie on one straight segment.
CORNER_TOLERANCE = 1e-9


def corners(x: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Which points of each row of ``ys`` (over one increasing ``x``) a straight-segment drawing needs:
    the ends, every corner, and every point next to a non-finite value. A ReLU unit's curve is flat
    or straight across most of the exact grid (the grid holds every layer's breakpoints): the
    points in between draw nothing, but Qt's stroker still joins segments at each of them.
    """
    keep = np.ones(ys.shape, dtype=bool)
    if ys.shape[1] < 3:
        return keep
    with np.errstate(all="ignore"):
        slopes = np.diff(ys, axis=1) / np.diff(x)
        finite = np.isfinite(slopes)
        scale = np.max(np.abs(slopes), axis=1, where=finite, initial=0.0, keepdims=True)
        bend = np.abs(np.diff(slopes, axis=1)) > CORNER_TOLERANCE * np.maximum(scale, 1e-300)
        keep[:, 1:-1] = bend | ~(finite[:, :-1] & finite[:, 1:])
    return keep


def _polygon(x: np.ndarray, y: np.ndarray):
    polygon = pg.functions.create_qpolygonf(x.size)
    points = pg.functions.ndarray_from_qpolygonf(polygon)
    points[:, 0] = x
    points[:, 1] = y
    return polygon


class BundledCurve:
    """One unit's curve inside a :class:`CurveBundle`: its data, its pen, whether it shows."""

    def __init__(self, bundle: CurveBundle, index: int, pen: QPen):
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
        #: Per curve, its polylines clipped to the view, and the rect they were clipped to.
        self._clipped: list = []
        self._clipped_for = None
        self._rect = QRectF()
        self._dead: set[int] = set()
        self._front: set[int] = set()  # painted last: the pointed-at unit, or a curve lying on another

    # --- shape and style ------------------------------------------------------------------------
    def resize(self, n: int, pen_for) -> None:
        """Keep ``n`` curves; new ones get ``pen_for(index)``."""
        del self.curves[n:]
        while len(self.curves) < n:
            self.curves.append(BundledCurve(self, len(self.curves), pen_for(len(self.curves))))
        self._ys = self._ys[:n]
        self._polygons = self._polygons[:n]
        self._clipped_for = None
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

    def set_front(self, front: set[int]) -> None:
        """Curves painted over all the others (the highlighted unit; a dashed twin over its twin)."""
        if front != self._front:
            self._front = set(front)
            self.update()

    # --- data ----------------------------------------------------------------------------------------
    def set_curves(self, x: np.ndarray, ys: np.ndarray) -> None:
        """Every curve at once: ``ys[i]`` over ``x`` is curve ``i``."""
        x = np.asarray(x, dtype=float)
        ys = np.asarray(ys, dtype=float).reshape(len(self.curves), x.size)
        self._x, self._ys = x, ys
        keep = corners(x, ys)
        self._polygons = [_polygon(x[k], row[k]) for row, k in zip(ys, keep)]  # the same lines, fewer joins
        self._clipped_for = None
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
        front = self._front
        order = [i for i in range(len(self._polygons)) if i in dead and i not in front]
        order += [i for i in range(len(self._polygons)) if i not in dead and i not in front]  # live units on top
        order += [i for i in range(len(self._polygons)) if i in front]
        curves = self.curves
        clipped = self._clipped_polylines()
        for index in order:
            curve = curves[index]
            if curve._visible:
                painter.setPen(curve.opts["pen"])
                for polyline in clipped[index]:
                    painter.drawPolyline(polyline)

    def _clipped_polylines(self) -> list:
        """Each curve's polylines cut to the view and its margin (kept until the data or view change)."""
        view = self.viewRect()
        if view is None or not view.isValid():
            return [[polygon] for polygon in self._polygons]
        mx, my = view.width() * CLIP_MARGIN, view.height() * CLIP_MARGIN
        rect = (view.left() - mx, view.top() - my, view.right() + mx, view.bottom() + my)
        if self._clipped_for != rect:
            rows = list(range(len(self._polygons)))
            clipped = []
            for index, pieces in enumerate(clip_polylines(self._x, self._ys, rect, rows)):
                if len(pieces) == 1 and pieces[0][1] is rows[index]:
                    clipped.append([self._polygons[index]])  # wholly inside: set_curves' polygon
                else:
                    clipped.append([_polygon(px, py) for px, py in pieces])
            self._clipped, self._clipped_for = clipped, rect
        return self._clipped
