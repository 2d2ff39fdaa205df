"""Exact linear regions of a network with two inputs (x1, x2), in a view box.

A ReLU unit folds the plane along the line where its pre-activation is 0, and a ReLU network cuts
the plane into convex polygons on each of which it is one affine map. Start with the box as one
polygon carrying the identity map; for each layer every polygon's pre-activations are affine
(W·A x + W·c + b), so a unit either keeps one sign on the polygon (it only sets a bit) or its zero
line cuts the polygon in two (a half-plane clip). Each child carries D·W·A and D·(W·c + b), D the
units' slopes on its side (1, 0 or the leaky slope). At the end, neighbouring polygons whose output
maps are equal are one region, as the 1-D count merges pieces of equal slope: a unit whose output
weight is 0 makes no new region. Merged regions may be non-convex: a region is a list of convex
polygons and one affine map.

What is counted: the output ŷ for an identity or ReLU-family output (as the 1-D count, where an
output ReLU's floor is a piece of its own), the logits for a sigmoid or softmax output.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from . import regions_cut as cut
from . import regions_geometry as geo

#: Work limit: more convex pieces than this and the count stops (``capped``).
MAX_REGION_POLYGONS = 20_000
DEFAULT_FEATURES = ("x1", "x2")
#: The features that are linear in (x1, x2), as rows of the first map.
LINEAR_FEATURES = {"x1": (1.0, 0.0), "x2": (0.0, 1.0)}
#: Hidden activations made of linear pieces: slope on the negative side (None: the leaky slope).
PIECEWISE_ACTIVATIONS = {"relu": 0.0, "leaky_relu": None, "identity": 1.0}
#: Output activations whose regions are those of their logits.
LOGIT_OUTPUTS = ("sigmoid", "softmax")
#: Two maps are one when they differ by less than this share of the largest value over the box.
MAP_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Region:
    """A connected piece on which the output (or the logits) is one affine map."""

    polygons: tuple[np.ndarray, ...]  # convex pieces, each (m, 2), counter-clockwise
    weights: np.ndarray  # (k, 2): a1, a2 for each output unit
    bias: np.ndarray  # (k,): c for each output unit
    area: float

    def formula(self, unit: int = 0, name: str = "ŷ") -> str:
        """``name = a1·x1 + a2·x2 + c`` for one output unit, to 3 significant digits."""
        a1, a2 = self.weights[unit]
        c = self.bias[unit]

        def term(value, suffix, first=False):
            value = float(value) + 0.0  # no "-0"
            if first:
                return f"{value:.3g}{suffix}"
            return f" {'-' if value < 0 else '+'} {abs(value):.3g}{suffix}"

        return f"{name} = {term(a1, '·x1', True)}{term(a2, '·x2')}{term(c, '')}"


@dataclass(frozen=True)
class LinearRegions:
    """The exact regions of one network in one box, or why there is no count."""

    box: tuple[tuple[float, float], tuple[float, float]]
    piecewise_linear: bool
    count: int | None  # None: not piecewise linear, or capped
    #: Every boundary between two regions, as (N, 2) polylines separated by NaN rows
    #: (pyqtgraph ``connect="finite"``); the box's own sides are not included.
    edges: np.ndarray = field(default_factory=lambda: np.empty((0, 2)))
    #: Where the predicted class changes (p = 0.5 for one sigmoid unit), as (2K, 2) segment
    #: end points (pyqtgraph ``connect="pairs"``); empty for a regression output.
    decision_boundary: np.ndarray = field(default_factory=lambda: np.empty((0, 2)))
    quantity: str = "ŷ"  # what each region's formula gives: "ŷ" or "logit"
    polygons: int = 0  # convex pieces found (before merging), or reached when capped
    capped: bool = False
    message: str = ""  # why there is no count, in words
    polygon_vertices: tuple[np.ndarray, ...] = ()  # every convex piece
    polygon_region: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    region_weights: np.ndarray = field(default_factory=lambda: np.empty((0, 1, 2)))  # (count, k, 2)
    region_bias: np.ndarray = field(default_factory=lambda: np.empty((0, 1)))  # (count, k)
    region_area: np.ndarray = field(default_factory=lambda: np.empty(0))

    @property
    def boundary(self) -> np.ndarray:
        """The decision boundary's segments (``decision_boundary``)."""
        return self.decision_boundary

    @property
    def why_not(self) -> str:
        """Why there is no count because the network is not piecewise linear ("" when it is)."""
        return "" if self.piecewise_linear else self.message

    @cached_property
    def regions(self) -> tuple[Region, ...]:
        """Each region with its polygons and formula (built on first use: a redraw needs only the
        count, edges and boundary)."""
        out = []
        for r in range(self.region_area.size):
            members = np.flatnonzero(self.polygon_region == r)
            polygons = tuple(self.polygon_vertices[m] for m in members)
            out.append(Region(polygons, self.region_weights[r], self.region_bias[r], float(self.region_area[r])))
        return tuple(out)

    def region_at(self, points) -> np.ndarray:
        """Index into ``regions`` of the region holding each (x1, x2) point; -1 outside the box."""
        points = np.asarray(points, dtype=float).reshape(-1, 2)
        found = np.full(points.shape[0], -1, dtype=np.int64)
        tol = 1e-9 * _box_extent(self.box)
        for vertices, region in zip(self.polygon_vertices, self.polygon_region.tolist()):
            todo = found < 0
            if not todo.any():
                break
            inside = geo.inside_convex(vertices, points[todo], tol)
            found[np.flatnonzero(todo)[inside]] = region
        return found


def linear_regions(network, x1_range, x2_range, max_polygons: int = MAX_REGION_POLYGONS) -> LinearRegions:
    """The exact linear regions of a reluplay ``Network`` with two inputs in the box x1_range × x2_range.

    Reads ``network.layer_specs()``, ``network.leaky_slope`` and, when it has them, ``network.features``.
    A one-input network has no plane to cut: ValueError.
    """
    features = tuple(getattr(network, "features", DEFAULT_FEATURES))
    if features == ("x",):
        raise ValueError("linear regions are for networks with two inputs (x1, x2); this one has one input x")
    return regions_of_layers(
        network.layer_specs(),
        x1_range,
        x2_range,
        leaky_slope=network.leaky_slope,
        features=features,
        max_polygons=max_polygons,
    )


def regions_of_layers(
    layers,
    x1_range,
    x2_range,
    leaky_slope: float = 0.01,
    features=DEFAULT_FEATURES,
    max_polygons: int = MAX_REGION_POLYGONS,
) -> LinearRegions:
    """Like ``linear_regions`` for ``[(weights (n_out, n_in), biases (n_out,), activation), ...]``,
    the last entry being the output layer."""
    box = _checked_box(x1_range, x2_range)
    layers = _checked_layers(layers, features)
    reason = _why_not_piecewise_linear(layers, features)
    if reason:
        return LinearRegions(box, False, None, message=f"not piecewise linear: {reason}")
    output_act = layers[-1][2]
    quantity = "logit" if output_act in LOGIT_OUTPUTS else "ŷ"
    pieces, extent = box_pieces(box, features)
    for depth, (w, b, act) in enumerate(layers):
        if depth == len(layers) - 1 and act not in ("relu", "leaky_relu"):
            # An identity output, or the logits of a sigmoid / softmax: the last map, no cuts.
            act = "identity"
        pieces = cut.apply_layer(pieces, w, b, slope_of(act, leaky_slope), extent, _box_area(box), max_polygons)
        if pieces.capped:
            where = "the output layer" if depth == len(layers) - 1 else f"hidden layer {depth + 1}"
            return LinearRegions(
                box, True, None, quantity=quantity, polygons=pieces.count, capped=True,
                message=f"more than {max_polygons:,} pieces by {where}: stopped counting",
            )
    return _merged(box, pieces, extent, quantity, classes=_classes_of(output_act, layers[-1][0].shape[0]))


def box_pieces(box, features) -> tuple[geo.Pieces, np.ndarray]:
    """The box as one polygon whose map gives the features (linear ones only), and the box's
    extent (the largest |x1|, |x2|: scales the tolerances)."""
    first_map = np.array([LINEAR_FEATURES[f] for f in features])[None]  # (1, n_features, 2)
    pieces = geo.Pieces.of_box(box, first_map, np.zeros((1, len(features))))
    extent = np.array([max(abs(box[0][0]), abs(box[0][1])), max(abs(box[1][0]), abs(box[1][1]))])
    return pieces, extent


def slope_of(act: str, leaky_slope: float) -> float:
    """A piecewise-linear activation's slope on the negative side (leaky ReLU: the network's)."""
    slope = PIECEWISE_ACTIVATIONS[act]
    return leaky_slope if slope is None else slope


def _merged(box, pieces: geo.Pieces, extent, quantity: str, classes: str | None) -> LinearRegions:
    """Regions from the final convex pieces: union of neighbours with equal maps, edges, boundary."""
    maps_a, maps_c = pieces.A, pieces.c  # (P, k, 2), (P, k)
    scale = float(np.max(np.abs(maps_a) @ extent + np.abs(maps_c), initial=0.0))
    pairs, overlap = geo.neighbours(pieces, 1e-9 * _box_extent(box))  # (Q, 2) polygon pairs
    p, q = pairs[:, 0], pairs[:, 1]
    difference = np.max(np.abs(maps_a[p] - maps_a[q]) @ extent + np.abs(maps_c[p] - maps_c[q]), axis=1, initial=0.0)
    same = difference <= MAP_TOLERANCE * scale
    root = _union(pieces.count, pairs[same])
    # Roots are each group's smallest polygon index: regions numbered by their first polygon.
    _, polygon_region = np.unique(root, return_inverse=True)
    n_regions = int(polygon_region.max()) + 1
    areas = geo.areas(pieces.V, pieces.sizes)
    region_area = np.bincount(polygon_region, weights=areas, minlength=n_regions)
    # The largest polygon of each region stands for its map (all are equal within tolerance).
    by_region = np.lexsort((-areas, polygon_region))
    largest = by_region[np.searchsorted(polygon_region[by_region], np.arange(n_regions))]
    vertices = pieces.vertices
    different = polygon_region[p] != polygon_region[q]
    edges = geo.joined_segments(overlap[different], pieces, 1e-9 * _box_extent(box))
    boundary = np.empty((0, 2))
    if classes is not None:
        boundary = geo.class_boundary(pieces, classes == "softmax", extent)
    return LinearRegions(
        box, True, n_regions, edges, boundary, quantity, pieces.count,
        polygon_vertices=tuple(vertices), polygon_region=polygon_region,
        region_weights=maps_a[largest], region_bias=maps_c[largest], region_area=region_area,
    )


def _union(n: int, pairs: np.ndarray) -> np.ndarray:
    """Union-find: the smallest polygon index of each polygon's group."""
    parent = list(range(n))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs.tolist():
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    return np.array([find(i) for i in range(n)], dtype=np.int64)


def _classes_of(output_act: str, n_outputs: int) -> str | None:
    if output_act == "softmax" and n_outputs >= 2:
        return "softmax"
    if output_act == "sigmoid":
        return "sigmoid"
    return None


# --- checks -----------------------------------------------------------------------------------

def _checked_box(x1_range, x2_range):
    box = []
    for name, pair in (("x1", x1_range), ("x2", x2_range)):
        try:
            lo, hi = (float(v) for v in pair)
        except (TypeError, ValueError):
            raise ValueError(f"{name} range must be two numbers (low, high), got {pair!r}") from None
        if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
            raise ValueError(f"{name} range must be two finite numbers, low < high, got {pair!r}")
        box.append((lo, hi))
    return tuple(box)


def _checked_layers(layers, features):
    checked = []
    n_in = len(features)
    for index, (w, b, act) in enumerate(layers):
        w = np.asarray(w, dtype=float)
        b = np.asarray(b, dtype=float).reshape(-1)
        if w.ndim != 2 or w.shape[1] != n_in or b.shape != (w.shape[0],):
            raise ValueError(f"layer {index + 1}: weights must be ({len(b)}, {n_in}) and biases ({w.shape[0]},)")
        if not (np.isfinite(w).all() and np.isfinite(b).all()):
            raise ValueError(f"layer {index + 1}: weights and biases must be finite numbers")
        checked.append((w, b, act))
        n_in = w.shape[0]
    if not checked:
        raise ValueError("a network needs at least an output layer")
    return checked


def _why_not_piecewise_linear(layers, features) -> str:
    curved = [f for f in features if f not in LINEAR_FEATURES]
    if curved:
        return f"input feature {curved[0]!r} is not linear in x1, x2"
    for index, (_, _, act) in enumerate(layers[:-1]):
        if act not in PIECEWISE_ACTIVATIONS:
            return f"hidden layer {index + 1} uses {act!r}"
    act = layers[-1][2]
    if act not in PIECEWISE_ACTIVATIONS and act not in LOGIT_OUTPUTS:
        return f"the output uses {act!r}"
    return ""


def _box_extent(box) -> float:
    return float(np.hypot(box[0][1] - box[0][0], box[1][1] - box[1][0]))


def _box_area(box) -> float:
    return (box[0][1] - box[0][0]) * (box[1][1] - box[1][0])
