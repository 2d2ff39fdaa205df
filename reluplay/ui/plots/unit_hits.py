"""Which unit is under the pointer on plots 1 and 2: a kink marker, or a curve within a few pixels."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF

#: How close (in screen pixels) the pointer must come to a curve to point at it.
HIT_PIXELS = 8.0


def nearest_curve(x: np.ndarray, ys: list[np.ndarray], px: float, py: float,
                  pixel: tuple[float, float], within: float = HIT_PIXELS) -> int | None:
    """Index of the polyline (x, ys[i]) nearest to (px, py), if it passes within ``within`` pixels.

    ``pixel`` is the size of one screen pixel in data units (x, y): distances are measured on the
    screen, so a steep curve and a flat one are as easy to point at.
    """
    sx, sy = pixel
    if not (sx > 0 and sy > 0) or x is None or len(x) < 2 or not ys:
        return None
    x = np.asarray(x, dtype=float) / sx
    best, best_distance = None, within
    qx, qy = px / sx, py / sy
    for index, y in enumerate(ys):
        if y is None:
            continue
        y = np.asarray(y, dtype=float) / sy
        x0, y0, x1, y1 = x[:-1], y[:-1], x[1:], y[1:]
        dx, dy = x1 - x0, y1 - y0
        with np.errstate(all="ignore"):
            length2 = dx * dx + dy * dy
            t = np.clip(np.where(length2 > 0, ((qx - x0) * dx + (qy - y0) * dy) / length2, 0.0), 0.0, 1.0)
            distance = np.hypot(x0 + t * dx - qx, y0 + t * dy - qy)
        distance = distance[np.isfinite(distance)]
        if distance.size and float(distance.min()) < best_distance:
            best, best_distance = index, float(distance.min())
    return best


@dataclass(frozen=True)
class UnitHit:
    """What the pointer is on: a unit of a hidden layer, on plot 1 (``plot`` 0) or 2 (``plot`` 1)."""

    layer: int
    unit: int
    plot: int
    on_kink: bool  # its kink marker, rather than its curve


def hit_at(plots, scene_pos: QPointF) -> UnitHit | None:
    """The unit under ``scene_pos`` on the unit or contribution plot, and what of it, or None."""
    last = len(plots._session.network.layers) - 2
    for index, (plot, bundle, kinks, layer) in enumerate((
            (plots.unit_plot, plots.unit_bundle, plots.unit_kinks, plots._layer),
            (plots.contribution_plot, plots.contribution_bundle, plots.contribution_kinks, last))):
        if not plot.sceneBoundingRect().contains(scene_pos):
            continue
        view_pos = plot.vb.mapSceneToView(scene_pos)
        spots = kinks.pointsAt(view_pos)
        if len(spots):
            return UnitHit(layer, int(spots[0].data()), index, True)
        curves = bundle.curves
        if not curves:
            return None
        x = curves[0].getData()[0]
        ys = [c.getData()[1] if c.isVisible() else None for c in curves]
        sx, sy = plot.vb.viewPixelSize()
        unit = nearest_curve(x, ys, view_pos.x(), view_pos.y(), (sx, sy))
        return None if unit is None else UnitHit(layer, unit, index, False)
    return None


def unit_at(plots, scene_pos: QPointF) -> tuple[int, int] | None:
    """(hidden layer, unit) under ``scene_pos`` on the unit or contribution plot, or None."""
    hit = hit_at(plots, scene_pos)
    return None if hit is None else (hit.layer, hit.unit)
