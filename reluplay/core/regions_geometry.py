"""Convex-polygon geometry for ``regions``: the pieces, neighbours, edges, class boundary (the
splitting by a layer is in ``regions_cut``).

Every polygon edge remembers the cut line it lies on (a label; the box's sides are negative). A
polygon's edge on a cut keeps that label when later cuts shorten or split it, so two final
polygons are neighbours exactly when they have edges with the same label overlapping along it:
no tolerance-based matching of floating-point coordinates is needed.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

#: A unit cuts a polygon only if it is beyond this share of its largest value over the box on
#: both sides: rounding never makes a cut, and a line through a vertex does not split it.
SIDE_TOLERANCE = 1e-10
#: Slivers smaller than this share of the box's area are dropped (rounding dust, not regions).
SLIVER_AREA = 1e-12
_CHUNK = 2_000_000  # vertex values computed per block: bounded memory for wide layers


@dataclass
class Pieces:
    """Convex polygons, stored flat, each with the affine map (A x + c) of the current layer.

    Polygon p's vertices are ``V[starts[p] : starts[p] + sizes[p]]``, counter-clockwise; ``L[i]`` is
    the line that edge i (vertex i to the next) lies on: negative for the box's sides, else an
    index into ``origins`` / ``directions`` (a point on each cut line and a unit vector along it).
    """

    V: np.ndarray  # (M, 2)
    L: np.ndarray  # (M,) int
    sizes: np.ndarray  # (P,) int
    A: np.ndarray  # (P, n, 2)
    c: np.ndarray  # (P, n)
    origins: list = field(default_factory=list)  # (n_cuts, 2) arrays, one per cutting step
    directions: list = field(default_factory=list)
    capped: bool = False

    @property
    def count(self) -> int:
        return int(self.sizes.size)

    @property
    def starts(self) -> np.ndarray:
        return np.cumsum(self.sizes) - self.sizes

    @property
    def owner(self) -> np.ndarray:
        return np.repeat(np.arange(self.count), self.sizes)

    @property
    def vertices(self) -> list:
        ends = np.cumsum(self.sizes).tolist()
        V = self.V
        return [V[start:end] for start, end in zip([0, *ends[:-1]], ends)]

    def lines(self) -> tuple[np.ndarray, np.ndarray]:
        if not self.origins:
            return np.empty((0, 2)), np.empty((0, 2))
        return np.concatenate(self.origins), np.concatenate(self.directions)

    @classmethod
    def of_box(cls, box, A: np.ndarray, c: np.ndarray) -> Pieces:
        (x0, x1), (y0, y1) = box
        square = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
        return cls(square, np.array([-1, -2, -3, -4]), np.array([4]), A, c)


def _vertex_values(V: np.ndarray, owner: np.ndarray, ZA: np.ndarray, Zc: np.ndarray) -> np.ndarray:
    """Each unit's value at each vertex (rows: vertices), under its polygon's map."""
    z = np.empty((V.shape[0], ZA.shape[1]))
    step = max(1, _CHUNK // max(1, ZA.shape[1]))
    for s in range(0, V.shape[0], step):
        o = owner[s : s + step]
        z[s : s + step] = V[s : s + step, 0, None] * ZA[o, :, 0] + V[s : s + step, 1, None] * ZA[o, :, 1] + Zc[o]
    return z


def _next_in_polygon(sizes: np.ndarray) -> np.ndarray:
    """For flat vertices: the index of the next vertex of the same polygon (the last wraps)."""
    ends = np.cumsum(sizes)
    nxt = np.arange(1, ends[-1] + 1) if sizes.size else np.empty(0, dtype=np.int64)
    nxt[ends - 1] = ends - sizes
    return nxt


def areas(V: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Shoelace area of each polygon (positive: counter-clockwise)."""
    nxt = _next_in_polygon(sizes)
    cross = V[:, 0] * V[nxt, 1] - V[nxt, 0] * V[:, 1]
    return 0.5 * np.add.reduceat(cross, np.cumsum(sizes) - sizes)


def inside_convex(V: np.ndarray, points: np.ndarray, tol: float) -> np.ndarray:
    edge = np.roll(V, -1, axis=0) - V
    rel = points[None, :, :] - V[:, None, :]
    cross = edge[:, None, 0] * rel[:, :, 1] - edge[:, None, 1] * rel[:, :, 0]
    return np.all(cross >= -tol * np.hypot(edge[:, 0], edge[:, 1])[:, None], axis=0)


# --- neighbours and edges ---------------------------------------------------------------------

def neighbours(pieces: Pieces, tol: float) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of polygons sharing a stretch of a cut line, and each stretch as (label, t_from, t_to)."""
    empty = np.empty((0, 2), dtype=np.int64), np.empty((0, 3))
    origins, directions = pieces.lines()
    on_cut = pieces.L >= 0
    if not on_cut.any():
        return empty
    nxt = _next_in_polygon(pieces.sizes)[on_cut]
    L, owner = pieces.L[on_cut], pieces.owner[on_cut]
    O, D = origins[L], directions[L]
    t0 = np.einsum("ij,ij->i", pieces.V[on_cut] - O, D)
    t1 = np.einsum("ij,ij->i", pieces.V[nxt] - O, D)
    lo, hi = np.minimum(t0, t1), np.maximum(t0, t1)
    order = np.lexsort((lo, L))
    lo, hi, L, owner = lo[order], hi[order], L[order], owner[order]
    # Sorted by (line, start): the edges overlapping edge i follow it directly, so compare i with
    # i + 1, i + 2, ... until none of the edges still active reaches that far.
    pairs, stretches = [], []
    active = np.ones(L.size, dtype=bool)
    for k in range(1, L.size):
        i = np.flatnonzero(active[: L.size - k])
        j = i + k
        reach = (L[j] == L[i]) & (lo[j] < hi[i] - tol)
        if not reach.any():
            break
        active[:] = False
        active[i[reach]] = True
        i, j = i[reach], j[reach]
        end = np.minimum(hi[i], hi[j])
        real = end - lo[j] > tol
        pairs.append(np.column_stack([owner[i[real]], owner[j[real]]]))
        stretches.append(np.column_stack([L[i[real]], lo[j[real]], end[real]]))
    if not pairs:
        return empty
    return np.concatenate(pairs), np.concatenate(stretches)


def joined_segments(stretches: np.ndarray, pieces: Pieces, tol: float) -> np.ndarray:
    """Stretches (label, t_from, t_to) as drawable polylines: touching ones on a line are joined."""
    if stretches.size == 0:
        return np.empty((0, 2))
    label = stretches[:, 0].astype(np.int64)
    order = np.lexsort((stretches[:, 1], label))
    label, lo, hi = label[order], stretches[order, 1], stretches[order, 2]
    new = np.ones(label.size, dtype=bool)
    new[1:] = (label[1:] != label[:-1]) | (lo[1:] > hi[:-1] + tol)
    first = np.flatnonzero(new)
    label, lo, hi = label[first], lo[first], np.maximum.reduceat(hi, first)
    origins, directions = pieces.lines()
    O, D = origins[label], directions[label]
    rows = np.full((3 * label.size, 2), np.nan)
    rows[0::3] = O + lo[:, None] * D
    rows[1::3] = O + hi[:, None] * D
    return rows


# --- decision boundary ------------------------------------------------------------------------

def class_boundary(pieces: Pieces, softmax: bool, extent) -> np.ndarray:
    """Segments where the predicted class changes: softmax's top class, or each sigmoid unit's 0."""
    if not softmax:
        return np.concatenate([zero_lines(pieces, unit, extent) for unit in range(pieces.c.shape[1])])
    tol = SIDE_TOLERANCE * np.max(np.abs(pieces.A) @ extent + np.abs(pieces.c), axis=1)  # (P,)
    vertices = pieces.vertices
    segments = []
    for p in np.flatnonzero(_top_class_varies(pieces, tol)).tolist():
        segments.extend(_boundary_in_polygon(vertices[p], pieces.A[p], pieces.c[p], tol[p]))
    return np.array(segments).reshape(-1, 2)


def zero_lines(pieces: Pieces, unit: int, extent) -> np.ndarray:
    """Where unit ``unit`` of the pieces' maps is 0, in every polygon at once: (2K, 2) segment ends,
    a segment per polygon it crosses (an output unit's class boundary, a hidden unit's fold)."""
    a, c = pieces.A[:, unit], pieces.c[:, unit]
    owner = pieces.owner
    g = np.einsum("ij,ij->i", pieces.V, a[owner]) + c[owner]
    scale = np.abs(a) @ extent + np.abs(c)
    g[np.abs(g) <= SIDE_TOLERANCE * scale[owner]] = 0.0
    nxt = _next_in_polygon(pieces.sizes)
    crossing = np.flatnonzero(np.sign(g) * np.sign(g[nxt]) < 0)
    t = (g[crossing] / (g[crossing] - g[nxt[crossing]]))[:, None]
    # A map that is all 0 (every unit below off, bias 0) is 0 on the whole polygon: no line there.
    at_vertex = np.flatnonzero((g == 0) & (scale[owner] > 0))
    points = np.concatenate([pieces.V[at_vertex], pieces.V[crossing] + t * (pieces.V[nxt[crossing]] - pieces.V[crossing])])
    whose = np.concatenate([owner[at_vertex], owner[crossing]])
    if whose.size == 0:
        return np.empty((0, 2))
    # In a convex polygon the line meets the boundary in one stretch: its two extreme points.
    along = np.einsum("ij,ij->i", points, np.column_stack([-a[whose, 1], a[whose, 0]]))
    order = np.lexsort((along, whose))
    points, whose = points[order], whose[order]
    first = np.flatnonzero(np.r_[True, whose[1:] != whose[:-1]])
    last = np.r_[first[1:], whose.size] - 1
    length = np.hypot(*(points[last] - points[first]).T)
    real = length > 1e-12 * (1.0 + np.abs(extent).max())  # touching at one point is no boundary
    out = np.empty((2 * int(real.sum()), 2))
    out[0::2], out[1::2] = points[first[real]], points[last[real]]
    return out


def _top_class_varies(pieces: Pieces, tol) -> np.ndarray:
    """Polygons where not one class leads clearly at every vertex (then it leads everywhere)."""
    owner = pieces.owner
    logits = _vertex_values(pieces.V, owner, pieces.A, pieces.c)
    top = np.argmax(logits, axis=1)
    ranked = np.sort(logits, axis=1)
    clear = ranked[:, -1] - ranked[:, -2] > tol[owner]
    starts = pieces.starts
    same_top = np.minimum.reduceat(top, starts) == np.maximum.reduceat(top, starts)
    return ~(same_top & np.logical_and.reduceat(clear, starts))


def _boundary_in_polygon(V, A, c, tol) -> list:
    """For each pair of classes, their tie line where both lead, clipped to the polygon."""
    k = A.shape[0]
    out = []
    for i in range(k):
        for j in range(i + 1, k):
            Q = V
            for lead in (i, j):
                for other in range(k):
                    if other in (i, j) or len(Q) < 2:
                        continue
                    Q = _keep_side(Q, Q @ (A[lead] - A[other]) + (c[lead] - c[other]), tol)
            if len(Q) >= 2:
                segment = _line_in_convex(Q, Q @ (A[i] - A[j]) + (c[i] - c[j]), A[i] - A[j], tol)
                if segment is not None:
                    out.extend(segment)
    return out


def _keep_side(V, g, tol):
    """The part of a convex polygon where g >= 0 (g: the affine values at its vertices)."""
    g = np.where(np.abs(g) <= tol, 0.0, g)
    nxt = np.roll(np.arange(len(g)), -1)
    crossing = np.flatnonzero(np.sign(g) * np.sign(g[nxt]) < 0)
    t = (g[crossing] / (g[crossing] - g[nxt[crossing]]))[:, None]
    cand = np.repeat(V, 2, axis=0)
    cand[2 * crossing + 1] = V[crossing] + t * (V[nxt[crossing]] - V[crossing])
    keep = np.zeros(2 * len(g), dtype=bool)
    keep[0::2] = g >= 0
    keep[2 * crossing + 1] = True
    return cand[keep]


def _line_in_convex(V, g, gradient, tol):
    """The segment of {g = 0} inside a convex polygon, or None if it only touches a point."""
    g = np.where(np.abs(g) <= tol, 0.0, g)
    nxt = np.roll(np.arange(len(g)), -1)
    crossing = np.flatnonzero(np.sign(g) * np.sign(g[nxt]) < 0)
    t = (g[crossing] / (g[crossing] - g[nxt[crossing]]))[:, None]
    points = np.concatenate([V[g == 0], V[crossing] + t * (V[nxt[crossing]] - V[crossing])])
    if len(points) < 2:
        return None
    along = points @ np.array([-gradient[1], gradient[0]])
    a, b = points[np.argmin(along)], points[np.argmax(along)]
    if np.hypot(*(b - a)) <= 1e-12 * (1.0 + np.hypot(*a)):
        return None
    return [a, b]
