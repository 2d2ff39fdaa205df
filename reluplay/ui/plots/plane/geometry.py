"""Grids over the plane, fold lines clipped to the box, and zero contours of sampled values (NumPy)."""
from __future__ import annotations

import numpy as np

Box = tuple[tuple[float, float], tuple[float, float]]


def cell_centres(box: Box, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The x1 and x2 coordinates of the centres of an n × n grid of equal cells over the box."""
    (a, b), (c, d) = box
    return a + (np.arange(n) + 0.5) * (b - a) / n, c + (np.arange(n) + 0.5) * (d - c) / n


def grid_points(box: Box, n: int) -> np.ndarray:
    """(n·n, 2) points at the cell centres, x1 varying fastest: reshape(n, n) gives [row x2, column x1]."""
    x1, x2 = cell_centres(box, n)
    g1, g2 = np.meshgrid(x1, x2)
    return np.column_stack([g1.ravel(), g2.ravel()])


def line_in_box(w1: float, w2: float, b: float, box: Box) -> np.ndarray | None:
    """The segment of the line w1·x1 + w2·x2 + b = 0 inside the box, as (2, 2) end points; None
    when the line misses the box (or is no line: w1 = w2 = 0). Exact: the box's corners are
    clipped against the half-planes, no sampling."""
    (x0, x1), (y0, y1) = box
    corners = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=float)
    if w1 == 0 and w2 == 0:
        return None
    z = corners @ np.array([w1, w2]) + b
    points = []
    for i in range(4):
        j = (i + 1) % 4
        if z[i] == 0:
            points.append(corners[i])
        elif z[i] * z[j] < 0:
            t = z[i] / (z[i] - z[j])
            points.append(corners[i] + t * (corners[j] - corners[i]))
    if len(points) < 2:
        return None
    points = np.array(points)
    # Of the crossings (a corner may be counted twice), the two farthest apart along the line.
    along = points @ np.array([-w2, w1])
    return np.array([points[np.argmin(along)], points[np.argmax(along)]])


def zero_contour(values: np.ndarray, x1: np.ndarray, x2: np.ndarray) -> np.ndarray:
    """Where sampled values cross 0 (marching squares, vectorised), as (2K, 2) segment end points
    for pyqtgraph's ``connect="pairs"``. ``values[i, j]`` is at (x1[j], x2[i]); the crossing on each
    cell edge is interpolated linearly, which is exact where the values are affine."""
    v = np.asarray(values, dtype=float)
    if v.shape[0] < 2 or v.shape[1] < 2:
        return np.empty((0, 2))
    pos = v > 0
    # The four corners of every cell, counter-clockwise: (i, j), (i, j+1), (i+1, j+1), (i+1, j).
    corner_index = ((0, 0), (0, 1), (1, 1), (1, 0))
    vals = [v[di:v.shape[0] - 1 + di, dj:v.shape[1] - 1 + dj] for di, dj in corner_index]
    sides = [pos[di:v.shape[0] - 1 + di, dj:v.shape[1] - 1 + dj] for di, dj in corner_index]
    i_idx, j_idx = np.meshgrid(np.arange(v.shape[0] - 1), np.arange(v.shape[1] - 1), indexing="ij")
    crossings = []  # per edge: mask and the crossing point
    for e in range(4):
        f = (e + 1) % 4
        mask = sides[e] != sides[f]
        va, vb = vals[e], vals[f]
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.where(mask, va / (va - vb), 0.0)
        (ai, aj), (bi, bj) = corner_index[e], corner_index[f]
        px = np.interp(j_idx + aj + t * (bj - aj), np.arange(x1.size), x1)
        py = np.interp(i_idx + ai + t * (bi - ai), np.arange(x2.size), x2)
        crossings.append((mask, px, py))
    count = sum(m.astype(int) for m, _, _ in crossings)
    two = count == 2
    # Cells with two crossed edges: one segment between the first and the last crossed edge.
    first = np.argmax(np.stack([m for m, _, _ in crossings]), axis=0)
    last = 3 - np.argmax(np.stack([m for m, _, _ in crossings])[::-1], axis=0)
    pairs = [(two & (first == a) & (last == b), a, b) for a in range(4) for b in range(a + 1, 4)]
    # Saddle cells (all four edges crossed, corners alternating): the centre's sign says which
    # opposite corners are joined; the two segments cut off the other two corners.
    four = count == 4
    if four.any():
        joined_02 = ((sum(vals) / 4.0) > 0) == sides[0]
        pairs += [(four & joined_02, 0, 1), (four & joined_02, 2, 3),
                  (four & ~joined_02, 3, 0), (four & ~joined_02, 1, 2)]
    segments = []
    for sel, a_edge, b_edge in pairs:
        if sel.any():
            _, ax, ay = crossings[a_edge]
            _, bx, by = crossings[b_edge]
            seg = np.empty((2 * int(sel.sum()), 2))
            seg[0::2, 0], seg[0::2, 1] = ax[sel], ay[sel]
            seg[1::2, 0], seg[1::2, 1] = bx[sel], by[sel]
            segments.append(seg)
    return np.concatenate(segments) if segments else np.empty((0, 2))
