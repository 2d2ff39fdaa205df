"""Exact fold lines of a hidden layer's units on the plane (two inputs x1, x2).

A unit's fold is where its pre-activation z is 0. In the first hidden layer z is affine in (x1, x2)
and the fold is one straight line. Deeper, z is affine on each convex piece the layers below cut
the box into (as ``regions`` cuts it), so the fold is straight inside each piece and bends where
it crosses a lower unit's fold: cut the box by the layers below, push each piece's map through
the layer's weights and biases, and intersect z = 0 with every piece. A segment per piece crossed,
none merged; where z is 0 on a whole piece (every unit below off, bias 0) nothing is drawn.
"""
from __future__ import annotations

import numpy as np

from . import regions_cut as cut
from . import regions_geometry as geo
from .regions import (
    DEFAULT_FEATURES,
    LINEAR_FEATURES,
    MAX_REGION_POLYGONS,
    PIECEWISE_ACTIVATIONS,
    _box_area,
    _checked_box,
    _checked_layers,
    box_pieces,
    slope_of,
)


def unit_folds(network, layer: int, x1_range, x2_range, max_polygons: int = MAX_REGION_POLYGONS) -> list[np.ndarray] | None:
    """Each unit of hidden layer ``layer`` (0-based) of a reluplay ``Network``: its fold inside the
    box x1_range × x2_range as (2K, 2) segment ends (pyqtgraph ``connect="pairs"``).

    None when there are no exact folds: a feature is not linear in x1, x2, a layer below is not
    piecewise linear (sigmoid, tanh…), or the layers below cut the box into more than
    ``max_polygons`` pieces (then a grid trace is the way).
    """
    return folds_of_layers(
        network.layer_specs(),
        layer,
        x1_range,
        x2_range,
        leaky_slope=network.leaky_slope,
        features=tuple(getattr(network, "features", DEFAULT_FEATURES)),
        max_polygons=max_polygons,
    )


def folds_of_layers(
    layers,
    layer: int,
    x1_range,
    x2_range,
    leaky_slope: float = 0.01,
    features=DEFAULT_FEATURES,
    max_polygons: int = MAX_REGION_POLYGONS,
) -> list[np.ndarray] | None:
    """Like ``unit_folds`` for ``[(weights (n_out, n_in), biases (n_out,), activation), ...]``, the
    last entry being the output layer."""
    box = _checked_box(x1_range, x2_range)
    layers = _checked_layers(layers, tuple(features))
    if not 0 <= layer < len(layers) - 1:
        raise ValueError(f"hidden layer {layer} does not exist: the network has {len(layers) - 1} hidden layers")
    # Only the layers below matter: the layer's own activation acts after z.
    if any(f not in LINEAR_FEATURES for f in features) or any(
        act not in PIECEWISE_ACTIVATIONS for _, _, act in layers[:layer]
    ):
        return None
    pieces, extent = box_pieces(box, features)
    for w, b, act in layers[:layer]:
        pieces = cut.apply_layer(pieces, w, b, slope_of(act, leaky_slope), extent, _box_area(box), max_polygons)
        if pieces.capped:
            return None
    w, b, _ = layers[layer]
    # The layer's pre-activations as each piece's map: identity (slope 1) cuts nothing.
    pre = cut.apply_layer(pieces, w, b, 1.0, extent, _box_area(box), max_polygons)
    return [geo.zero_lines(pre, unit, extent) for unit in range(w.shape[0])]


def pieces_bound(sizes) -> int:
    """At most how many pieces layers of ``sizes`` units cut the plane into: n lines cut a convex
    piece into at most 1 + n + n(n - 1)/2, so the product over the layers (loose for depth, but
    known before any cutting: a cheap test of whether the cut is affordable)."""
    bound = 1
    for n in sizes:
        bound *= 1 + n + n * (n - 1) // 2
    return bound
