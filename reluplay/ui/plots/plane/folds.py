"""Each unit's fold line — where its pre-activation z is 0 — as segments inside the box.

A first-layer unit on the raw inputs x1, x2 folds the plane along the straight line
w1·x1 + w2·x2 + b = 0: clipped to the box exactly. A deeper unit's z is piecewise linear (its
fold bends where the units below fold), and a unit on curved features (x1², sin x1…) has a
curved fold: both are traced on the heatmap's grid, where linear interpolation along each
cell edge is exact wherever z is affine across that edge.
"""
from __future__ import annotations

import numpy as np

from reluplay.ui.plots.plane.geometry import Box, line_in_box, zero_contour

LINEAR = ("x1", "x2")


def fold_segments(network, layer: int, pre: np.ndarray, axes: tuple[np.ndarray, np.ndarray], box: Box) -> list[np.ndarray]:
    """(2K, 2) segment ends per unit of hidden layer ``layer``; ``pre`` is (units, rows, cols) on ``axes``."""
    features = tuple(network.features)
    if layer == 0 and all(f in LINEAR for f in features):
        weights = network.layers[0].weights
        biases = network.layers[0].biases
        column = {f: i for i, f in enumerate(features)}
        folds = []
        for unit in range(weights.shape[0]):
            w1 = float(weights[unit, column["x1"]]) if "x1" in column else 0.0
            w2 = float(weights[unit, column["x2"]]) if "x2" in column else 0.0
            segment = line_in_box(w1, w2, float(biases[unit]), box)
            folds.append(np.empty((0, 2)) if segment is None else segment)
        return folds
    return [zero_contour(z, *axes) for z in pre]
