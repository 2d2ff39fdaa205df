"""Each unit's fold line — where its pre-activation z is 0 — as segments inside the box.

A first-layer unit on the raw inputs x1, x2 folds the plane along the straight line
w1·x1 + w2·x2 + b = 0: clipped to the box exactly. A deeper unit's z is piecewise linear (its
fold bends where the units below fold): exact too while the layers below are ReLU-like
(``core.folds``, a segment per piece they cut the box into). A unit on curved features (x1²,
sin x1…) or above a smooth activation has a curved fold: traced on the heatmap's grid, where
linear interpolation along each cell edge is exact wherever z is affine across that edge. So is a
deeper fold when the layers below could make more than ``FRAME_MAX_POLYGONS`` pieces: this runs
every frame on the GUI thread, and the cut costs about as much as the grid trace up to there
(~3 ms for the spiral's 2-8-8-1 against ~5 ms) but grows past it quickly (a 64-wide first layer:
~130 ms).
"""
from __future__ import annotations

import numpy as np

from reluplay.core.folds import pieces_bound, unit_folds
from reluplay.ui.plots.plane.geometry import Box, line_in_box, zero_contour

LINEAR = ("x1", "x2")
#: Exact deeper folds per frame only while the layers below can make at most this many pieces
#: (``pieces_bound``; 37 for the spiral's first layer of 8, 1,369 for two layers of 8).
FRAME_MAX_POLYGONS = 1_500


def fold_segments(network, layer: int, pre: np.ndarray, axes: tuple[np.ndarray, np.ndarray], box: Box) -> list[np.ndarray]:
    """(2K, 2) segment ends per unit of hidden layer ``layer``; ``pre`` is (units, rows, cols) on ``axes``."""
    features = tuple(network.features)
    if all(f in LINEAR for f in features):
        if layer == 0:
            return _first_layer_lines(network, features, box)
        below = [lay.n_out for lay in network.layers[:layer]]
        if pieces_bound(below) <= FRAME_MAX_POLYGONS:
            folds = unit_folds(network, layer, *box, max_polygons=FRAME_MAX_POLYGONS)
            if folds is not None:
                return folds
    return [zero_contour(z, *axes) for z in pre]


def _first_layer_lines(network, features, box: Box) -> list[np.ndarray]:
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
