"""Convex-polygon geometry for ``regions``: splitting by a layer, neighbours, edges, class boundary.

Every polygon edge remembers the cut line it lies on (a label; the box's sides are negative). A
polygon's edge on a cut keeps that label when later cuts shorten or split it, so two final
polygons are neighbours exactly when they have edges with the same label overlapping along it:
no tolerance-based matching of floating-point coordinates is needed.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

#: A unit cuts a polygon only if it is beyond this share of its largest value over the box on
#: both sides: rounding never makes a cut, and a line through a vertex does not split it.
SIDE_TOLERANCE = 1e-10
#: Slivers smaller than this share of the box's area are dropped (rounding dust, not regions).
SLIVER_AREA = 1e-12
_CHUNK = 2_000_000  # vertex values computed per block: bounded memory for wide layers


@dataclass
class CutLines:
    """Where each cut lies: a point on it and a unit direction along it, for parametrising edges."""

    origins: list = field(default_factory=list)
    directions: list = field(default_factory=list)

    def add(self, origin: np.ndarray, gradient: np.ndarray) -> int:
        self.origins.append(origin)
        self.directions.append(np.array([-gradient[1], gradient[0]]) / np.hypot(gradient[0], gradient[1]))
        return len(self.origins) - 1


@dataclass
class Pieces:
    """Convex polygons, each with the affine map (A x + c) of the current layer's activations."""

    vertices: list  # (m, 2) arrays, counter-clockwise
    labels: list  # (m,) int arrays: the line edge i (vertex i to i + 1) lies on; < 0 box sides
    A: np.ndarray  # (P, n, 2)
    c: np.ndarray  # (P, n)
    lines: CutLines
    capped: bool = False

    @property
    def count(self) -> int:
        return len(self.vertices)

    @classmethod
    def of_box(cls, box, A: np.ndarray, c: np.ndarray) -> "Pieces":
        (x0, x1), (y0, y1) = box
        square = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
        return cls([square], [np.array([-1, -2, -3, -4])], A, c, CutLines())


def apply_layer(pieces: Pieces, W, b, slope: float, extent, box_area: float, max_polygons: int) -> Pieces:
    """The pieces after one layer: split where a unit changes sign, maps through D·(W·A, W·c + b)."""
    ZA = np.einsum("un,pnk->puk", W, pieces.A)
    Zc = pieces.c @ W.T + b
    if slope == 1.0:  # identity: no folds, just the next map
        return replace(pieces, A=ZA, c=Zc)
    tol = SIDE_TOLERANCE * (np.abs(ZA) @ extent + np.abs(Zc))  # (P, units)
    sizes = np.array([len(v) for v in pieces.vertices])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    z = _vertex_values(np.concatenate(pieces.vertices), np.repeat(np.arange(pieces.count), sizes), ZA, Zc)
    z_max = np.maximum.reduceat(z, starts, axis=0)
    z_min = np.minimum.reduceat(z, starts, axis=0)
    on = z_min >= -tol  # a unit that is ~0 on the whole polygon counts as on: its value is ~0 either way
    cuts = (z_max > tol) & (z_min < -tol)
    cut_any = cuts.any(axis=1)
    min_area = SLIVER_AREA * box_area
    vertices, labels, parents, states = [], [], [], []
    for p in range(pieces.count):
        if not cut_any[p]:
            vertices.append(pieces.vertices[p])
            labels.append(pieces.labels[p])
            parents.append(p)
            states.append(on[p])
            continue
        start = starts[p]
        work = [(pieces.vertices[p], z[start : start + sizes[p]], pieces.labels[p], on[p].copy())]
        for unit in np.flatnonzero(cuts[p]).tolist():
            work = _split_all(work, unit, tol[p, unit], ZA[p, unit], pieces.lines, min_area)
        for V, _, L, state in work:
            vertices.append(V)
            labels.append(L)
            parents.append(p)
            states.append(state)
        if len(vertices) > max_polygons:
            return replace(pieces, vertices=vertices, capped=True)
    parents = np.array(parents, dtype=np.int64)
    D = np.where(np.array(states), 1.0, slope)
    return Pieces(vertices, labels, D[:, :, None] * ZA[parents], D * Zc[parents], pieces.lines)


def _vertex_values(V: np.ndarray, owner: np.ndarray, ZA: np.ndarray, Zc: np.ndarray) -> np.ndarray:
    """Each unit's pre-activation at each vertex (rows: vertices), under its polygon's map."""
    z = np.empty((V.shape[0], ZA.shape[1]))
    step = max(1, _CHUNK // max(1, ZA.shape[1]))
    for s in range(0, V.shape[0], step):
        o = owner[s : s + step]
        z[s : s + step] = V[s : s + step, 0, None] * ZA[o, :, 0] + V[s : s + step, 1, None] * ZA[o, :, 1] + Zc[o]
    return z


def _split_all(work, unit: int, tol: float, gradient, lines: CutLines, min_area: float):
    """Every piece split by one unit's zero line (pieces it does not cut just record its sign)."""
    out = []
    for V, Z, L, state in work:
        zj = Z[:, unit]
        if zj.min() >= -tol or zj.max() <= tol:
            state[unit] = zj.min() >= -tol
            out.append((V, Z, L, state))
            continue
        (pos, neg), origin = _clip(V, Z, L, unit, tol, len(lines.origins))
        lines.add(origin, gradient)
        for side, (Vs, Zs, Ls) in ((True, pos), (False, neg)):
            if area(Vs) > min_area:
                child = state.copy()
                child[unit] = side
                out.append((Vs, Zs, Ls, child))
    return out


def _clip(V, Z, L, unit: int, tol: float, new_label: int):
    """The two sides of a convex polygon cut by ``Z[:, unit] = 0`` (values at vertices; affine inside).

    Candidates interleave vertex i (at 2i) and the crossing on edge i (at 2i + 1); each side keeps
    its vertices and the crossings in that order. Values of every unit at a crossing are
    interpolated along the edge: they are affine there, so this is exact (no re-evaluation).
    """
    z = Z[:, unit].copy()
    z[np.abs(z) <= tol] = 0.0
    s = np.sign(z)
    m = z.size
    nxt = np.roll(np.arange(m), -1)
    crossing = np.flatnonzero(s * s[nxt] < 0)
    t = (z[crossing] / (z[crossing] - z[nxt[crossing]]))[:, None]
    cand_V = np.repeat(V, 2, axis=0)
    cand_V[2 * crossing + 1] = V[crossing] + t * (V[nxt[crossing]] - V[crossing])
    cand_Z = np.repeat(Z, 2, axis=0)
    cand_Z[2 * crossing + 1] = Z[crossing] + t * (Z[nxt[crossing]] - Z[crossing])
    cand_Z[0::2, unit] = z
    cand_Z[2 * crossing + 1, unit] = 0.0
    on_line = np.zeros(2 * m, dtype=bool)
    on_line[0::2] = s == 0
    on_line[2 * crossing + 1] = True
    cand_L = np.repeat(L, 2)
    sides = []
    for sign in (1.0, -1.0):
        keep = np.zeros(2 * m, dtype=bool)
        keep[0::2] = s * sign >= 0
        keep[2 * crossing + 1] = True
        Ls = cand_L[keep]
        ons = on_line[keep]
        Ls[ons & np.roll(ons, -1)] = new_label  # between the two points on the line: the new edge
        sides.append((cand_V[keep], cand_Z[keep], Ls))
    return sides, cand_V[on_line][0]


def area(V: np.ndarray) -> float:
    """Shoelace area (positive for counter-clockwise)."""
    if len(V) < 3:
        return 0.0
    x, y = V[:, 0], V[:, 1]
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y))


def inside_convex(V: np.ndarray, points: np.ndarray, tol: float) -> np.ndarray:
    edge = np.roll(V, -1, axis=0) - V
    rel = points[None, :, :] - V[:, None, :]
    cross = edge[:, None, 0] * rel[:, :, 1] - edge[:, None, 1] * rel[:, :, 0]
    return np.all(cross >= -tol * np.hypot(edge[:, 0], edge[:, 1])[:, None], axis=0)


# --- neighbours and edges ---------------------------------------------------------------------

def neighbours(pieces: Pieces, tol: float) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of polygons sharing a stretch of a cut line, and each stretch as (label, t_from, t_to)."""
    empty = np.empty((0, 2), dtype=np.int64), np.empty((0, 3))
    if not pieces.lines.origins:
        return empty
    sizes = np.array([len(v) for v in pieces.vertices])
    V = np.concatenate(pieces.vertices)
    L = np.concatenate(pieces.labels)
    owner = np.repeat(np.arange(pieces.count), sizes)
    ends = np.cumsum(sizes)
    nxt = np.arange(V.shape[0]) + 1
    nxt[ends - 1] = ends - sizes  # each polygon's last vertex closes onto its first
    on_cut = L >= 0
    V0, V1, L, owner = V[on_cut], V[nxt[on_cut]], L[on_cut], owner[on_cut]
    O = np.array(pieces.lines.origins)[L]
    D = np.array(pieces.lines.directions)[L]
    t0 = np.einsum("ij,ij->i", V0 - O, D)
    t1 = np.einsum("ij,ij->i", V1 - O, D)
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
        active[:] = False
        active[i[reach]] = True
        if not reach.any():
            break
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
    O = np.array(pieces.lines.origins)[label]
    D = np.array(pieces.lines.directions)[label]
    rows = np.full((3 * label.size, 2), np.nan)
    rows[0::3] = O + lo[:, None] * D
    rows[1::3] = O + hi[:, None] * D
    return rows


# --- decision boundary ------------------------------------------------------------------------

def class_boundary(pieces: Pieces, softmax: bool, extent) -> np.ndarray:
    """Segments where the predicted class changes: softmax's top class, or each sigmoid unit's 0."""
    if softmax:
        problems = [(pieces.A, pieces.c)]
    else:  # one sigmoid unit is two classes with logits (0, z)
        problems = [
            (np.stack([np.zeros_like(pieces.A[:, u]), pieces.A[:, u]], axis=1),
             np.stack([np.zeros_like(pieces.c[:, u]), pieces.c[:, u]], axis=1))
            for u in range(pieces.c.shape[1])
        ]
    segments = []
    for A, c in problems:
        tol = SIDE_TOLERANCE * np.max(np.abs(A) @ extent + np.abs(c), axis=1)  # (P,)
        for p in np.flatnonzero(_top_class_varies(pieces, A, c, tol)).tolist():
            segments.extend(_boundary_in_polygon(pieces.vertices[p], A[p], c[p], tol[p]))
    return np.array(segments).reshape(-1, 2)


def _top_class_varies(pieces: Pieces, A, c, tol) -> np.ndarray:
    """Polygons where not one class leads clearly at every vertex (then it leads everywhere)."""
    sizes = np.array([len(v) for v in pieces.vertices])
    owner = np.repeat(np.arange(pieces.count), sizes)
    logits = _vertex_values(np.concatenate(pieces.vertices), owner, A, c)
    top = np.argmax(logits, axis=1)
    ranked = np.sort(logits, axis=1)
    clear = ranked[:, -1] - ranked[:, -2] > tol[owner]
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
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
