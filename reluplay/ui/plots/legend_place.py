"""Legends that stay out of the data's way: a corner of the view with no kink marker, data point or note.

A legend fixed in the top-left corner hid ReLU in action's kink markers in presentation mode (and a
marker under the legend cannot be grabbed to drag the unit's bias), and sat on Linear in disguise's
"B and C overlap" note. A :class:`LegendPlacer` puts its legend in the corner of the view box that
covers none of the things it must not hide (markers, data points, notes: their scene rects) and as
little of the curves as it can. It stays in its corner while that corner stays free, so it does not
jump about while training moves the curves; with no free corner it hides (the kink markers carry the
units' letters, and the editor and the presentation strip show the colours).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF

#: Pixels between the legend and the view box's edge.
MARGIN = 6
#: Where to look first, when corners are equally good: the top left is where a reader looks first.
CORNERS = ("top-left", "top-right", "bottom-left", "bottom-right")
_ANCHORS = {  # itemPos, parentPos, offset sign
    "top-left": ((0, 0), (0, 0), (1, 1)),
    "top-right": ((1, 0), (1, 0), (-1, 1)),
    "bottom-left": ((0, 1), (0, 1), (1, -1)),
    "bottom-right": ((1, 1), (1, 1), (-1, -1)),
}
#: Points sampled along each curve to judge how much of it a corner covers.
CURVE_SAMPLES = 64


def scatter_rects(view_box: pg.ViewBox, x, y, size: float) -> list[QRectF]:
    """The scene rects of scatter markers of ``size`` pixels at the view points (x, y)."""
    rects = []
    for px, py in zip(np.asarray(x, dtype=float).tolist(), np.asarray(y, dtype=float).tolist()):
        if not (np.isfinite(px) and np.isfinite(py)):
            continue
        centre = view_box.mapViewToScene(QPointF(px, py))
        rects.append(QRectF(centre.x() - size / 2, centre.y() - size / 2, size, size))
    return rects


class LegendPlacer:
    """Keeps ``legend`` (a child of ``view_box``) in a free corner; see the module's docstring.

    ``obstacles()`` gives the scene rects it must never cover, ``curves()`` the (x, y) arrays of
    the curves it should cover as little of as it can. With ``fill``, the legend has several forms
    (``forms()``, fullest first: ``fill(form)`` fills the legend in that form): the first that
    fits in a free corner is shown. Call :meth:`invalidate` when what the legend says changes.
    """

    def __init__(self, legend: pg.LegendItem, view_box: pg.ViewBox,
                 obstacles: Callable[[], Iterable[QRectF]], curves: Callable[[], Iterable[tuple]],
                 fill: Callable[[object], None] | None = None, forms: Callable[[], tuple] = lambda: (None,)):
        self.legend = legend
        self._view_box = view_box
        self._obstacles = obstacles
        self._curves = curves
        self._fill = fill
        self._forms = forms
        self.corner: str | None = None  # None: hidden, no corner is free
        self.form = None  # the form shown
        self._fitted_for = None  # the view size the form and the corner were chosen for
        self.wanted = True  # whether the legend is to be shown at all (its owner says)
        # It places itself (a legend dragged by hand would be put back on the next frame), so a
        # drag that starts on it pans the view like one on empty space.
        legend.hoverEvent = lambda ev: None  # pyqtgraph's claims every left drag that starts over it
        legend.mouseDragEvent = lambda ev: ev.ignore()

    def invalidate(self) -> None:
        """Choose the form and the corner afresh on the next update."""
        self._fitted_for = None

    def corner_rect(self, corner: str) -> QRectF:
        """The scene rect the legend would take in ``corner``."""
        view = self._view_box.sceneBoundingRect()
        size = self.legend.sceneBoundingRect().size()
        left = view.left() + MARGIN if corner.endswith("left") else view.right() - MARGIN - size.width()
        top = view.top() + MARGIN if corner.startswith("top") else view.bottom() - MARGIN - size.height()
        return QRectF(left, top, size.width(), size.height())

    def update(self) -> None:
        """Keep the corner while it is free; else (or when the view changed size) choose again."""
        if not self.wanted:
            self.legend.hide()
            return
        view = self._view_box.sceneBoundingRect()
        fitted_for = (round(view.width()), round(view.height()))
        obstacles = [r for r in self._obstacles() if r.intersects(view)]
        if fitted_for == self._fitted_for:
            if self.corner is not None and self._fits(self.corner, view, obstacles):
                self.legend.setVisible(bool(self.legend.items))
                return
            forms = (self.form,)  # the same size: only its corner is taken, keep the form
        else:
            forms = self._forms()
        self._fitted_for = fitted_for
        for form in forms:
            if self._fill is not None and (form != self.form or len(forms) > 1):
                self._fill(form)
            self.form = form
            if not self.legend.items:
                break
            free = [c for c in CORNERS if self._fits(c, view, obstacles)]
            if free:
                covered = self._curve_cover(free)
                # The least covered corner; the one it is in already, then the reading order, on a tie.
                best = min(free, key=lambda c: (covered[c], c != self.corner, CORNERS.index(c)))
                self._move_to(best)
                self.legend.show()
                return
        self.corner = None
        self.legend.hide()

    def _fits(self, corner: str, view: QRectF, obstacles: list[QRectF]) -> bool:
        rect = self.corner_rect(corner)
        return view.contains(rect) and not any(rect.intersects(o) for o in obstacles)

    def _curve_cover(self, corners: list[str]) -> dict[str, int]:
        """How many of the curves' sample points each corner's rect would cover."""
        vb = self._view_box
        (x0, x1), _ = vb.viewRange()
        xs = np.linspace(x0, x1, CURVE_SAMPLES)
        points = []
        for x, y in self._curves():
            if x is None or y is None or len(x) < 2:
                continue
            with np.errstate(all="ignore"):
                points.append(np.column_stack((xs, np.interp(xs, x, y))))
        cover = dict.fromkeys(corners, 0)
        if not points:
            return cover
        samples = np.concatenate(points)
        for corner in corners:
            rect = self.corner_rect(corner)
            view_rect = vb.mapSceneToView(rect).boundingRect()
            inside = ((samples[:, 0] >= view_rect.left()) & (samples[:, 0] <= view_rect.right())
                      & (samples[:, 1] >= view_rect.top()) & (samples[:, 1] <= view_rect.bottom()))
            cover[corner] = int(np.count_nonzero(inside))
        return cover

    def _move_to(self, corner: str) -> None:
        item_pos, parent_pos, (sx, sy) = _ANCHORS[corner]
        self.legend.anchor(item_pos, parent_pos, (sx * MARGIN, sy * MARGIN))
        self.corner = corner
