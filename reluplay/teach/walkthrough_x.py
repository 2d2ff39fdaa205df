"""The walkthrough's x: where it starts, the step of its spin box, a clicked x made readable.

No Qt: the walkthrough panel (ui/panels/walkthrough_panel.py) asks these for the x of one input it
runs the forward pass at; its words and numbers come from explain.py.
"""
from __future__ import annotations

import math

import numpy as np


def default_x(x_data, x_range: tuple[float, float]) -> float:
    """Where a walkthrough starts: the middle data point (the dosage lesson's bump), else mid-view."""
    x_data = np.sort(np.asarray(x_data, dtype=float).reshape(-1))
    if x_data.size:
        return float(x_data[x_data.size // 2])
    return float(round((x_range[0] + x_range[1]) / 2.0, 6))


#: x_step never goes below this (10.0 ** -324 would be 0.0, and a spin box step of 0 is no step).
_SMALLEST_X_STEP = 1e-300


def x_step(x_range: tuple[float, float], per_view: float = 50.0) -> float:
    """A round step of about 1/per_view of the view (0.01 for a view 1 wide and 50 steps).

    Always a positive, finite power of ten for any finite range, even one so narrow that
    width / per_view underflows to 0 (log10 would fail) or so wide that its width overflows.
    """
    step = abs(x_range[1] / per_view - x_range[0] / per_view)  # divided first: hi - lo may overflow
    if not math.isfinite(step) or x_range[0] == x_range[1]:
        step = 1.0 / per_view
    return 10.0 ** math.floor(math.log10(max(step, _SMALLEST_X_STEP)))


def nice_x(raw: float, x_range: tuple[float, float], x_data=(), snap: float = 0.015) -> float:
    """A clicked x made readable: a data point's exact x when the click is that close, else a round number."""
    width = abs(x_range[1] - x_range[0]) or 1.0
    x_data = np.asarray(x_data, dtype=float).reshape(-1)
    if x_data.size:
        nearest = float(x_data[np.argmin(np.abs(x_data - raw))])
        if abs(nearest - raw) <= snap * width:
            return nearest
    step = x_step(x_range)
    decimals = max(0, -int(math.floor(math.log10(step))))
    if not math.isfinite(raw / step):  # near the float limit: keep the x as clicked
        return raw
    nice = round(round(raw / step) * step, decimals) + 0.0
    return nice if math.isfinite(nice) else raw
