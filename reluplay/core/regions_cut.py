"""Splitting the convex pieces by one layer (for ``regions``): each polygon cut by the units whose
zero line crosses it.

The plain way cuts every piece by unit 1, then every piece by unit 2, and so on. A unit whose
sign is constant on a polygon is constant on every piece later cut from it, so one product
classifies every vertex of every polygon against every unit of the layer, and pass k cuts the
pieces of every polygon by that polygon's k-th crossing unit, all polygons at once: as many passes
as the most units crossing one polygon, not one per unit. Each piece still meets its polygon's
units in unit order, so the cuts, and the pieces, are exactly those of the plain way; its order
is restored at the end too: after unit u, the pieces it left whole (in their previous order),
then the sides where it is positive, then the negative ones. Pieces live in append-only buffers
while the layer runs (a cut piece is marked dead, its two sides appended); the order comes from
sorting on each piece's history (its polygon of the previous layer, and for each unit: whole,
positive or negative side), and the new lines are renumbered in the same order.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from .regions_geometry import SIDE_TOLERANCE, SLIVER_AREA, Pieces

_CHUNK = 2_000_000  # vertex values computed per block: bounded memory for wide layers
#: What a unit did to a piece: left it whole, off (z < 0) or on, or made it the positive or the
#: negative side of a cut. ``code >> 1`` orders the pieces: whole, positive, negative.
_OFF, _ON, _POSITIVE, _NEGATIVE = 0, 1, 2, 4
_SIDES = np.array([_POSITIVE, _NEGATIVE], dtype=np.int8)
_DIGITS = 39  # base-3 digits in an int64
_POWERS_OF_3 = 3 ** np.arange(_DIGITS, dtype=np.int64)


def apply_layer(pieces: Pieces, W, b, slope: float, extent, box_area: float, max_polygons: int) -> Pieces:
    """The pieces after one layer: split where a unit changes sign, maps through D·(W·A, W·c + b)."""
    ZA = _layer_gradients(W, pieces.A)
    Zc = pieces.c @ W.T + b
    if slope == 1.0:  # identity: no folds, just the next map
        return replace(pieces, A=ZA, c=Zc)
    tol = SIDE_TOLERANCE * (np.abs(ZA) @ extent + np.abs(Zc))  # (P, units)
    has_pos, has_neg = _sides(pieces, ZA, Zc, tol)
    crosses = has_pos & has_neg  # (P, units): the unit's zero line cuts the polygon
    # Each polygon's crossing units in order (the first n_crossing of its row); a last row of none
    # stands for dead pieces.
    by_polygon = np.argsort(~crosses, axis=1, kind="stable")
    n_crossing = np.append(crosses.sum(axis=1), 0)
    # ~0 on the whole polygon counts as on: it is ~0 either way.
    work = _Buffers(pieces, np.where(has_neg, _OFF, _ON).astype(np.int8))
    min_area = SLIVER_AREA * box_area
    lines = np.concatenate([ZA, Zc[:, :, None], tol[:, :, None]], axis=2)  # (P, units, 4)
    for k in range(int(n_crossing.max())):
        work.cut(n_crossing > k, by_polygon[:, k], lines, min_area)
        if work.live_count > max_polygons:
            V, L, sizes, _, _ = work.finish(ZA)
            return replace(pieces, V=V, L=L, sizes=sizes, capped=True)  # maps unfinished: only the count is read
    V, L, sizes, parent, code = work.finish(ZA)
    D = np.where((code == _ON) | (code == _POSITIVE), 1.0, slope)
    return Pieces(V, L, sizes, D[:, :, None] * ZA[parent], D * Zc[parent], work.origins, work.directions)


def _layer_gradients(W: np.ndarray, A: np.ndarray) -> np.ndarray:
    """W·A for every polygon's map, (P, units, 2): the sum over the inputs in order (as
    ``einsum("un,pnk->puk")``, which is several times slower for these shapes)."""
    ZA = W[None, :, 0, None] * A[:, None, 0, :]
    for n in range(1, W.shape[1]):
        ZA += W[None, :, n, None] * A[:, None, n, :]
    return ZA


def _sides(pieces: Pieces, ZA, Zc, tol) -> tuple[np.ndarray, np.ndarray]:
    """(P, units) each: whether the unit is beyond its tolerance above / below 0 at some vertex."""
    owner = pieces.owner
    starts = pieces.starts
    n_units = Zc.shape[1]
    has_pos = np.empty(Zc.shape, dtype=bool)
    has_neg = np.empty(Zc.shape, dtype=bool)
    step = max(1, _CHUNK // max(1, pieces.V.shape[0]))
    for u in range(0, n_units, step):
        block = slice(u, u + step)
        A = ZA[owner, block]
        z = pieces.V[:, 0, None] * A[:, :, 0] + pieces.V[:, 1, None] * A[:, :, 1] + Zc[owner, block]
        t = tol[owner, block]
        has_pos[:, block] = np.logical_or.reduceat(z > t, starts, axis=0)
        has_neg[:, block] = np.logical_or.reduceat(z < -t, starts, axis=0)
    return has_pos, has_neg




class _Buffers:
    """The pieces while one layer cuts them, in append-only buffers.

    ``VL`` (M, 3): each vertex and the label of the line its edge to the next vertex lies on (a
    float: exact for any count of lines). ``meta`` (N, 4): each piece's first vertex, size, polygon
    of the previous layer (parent), and its parent again while it is whole (the row past the last
    polygon once it is cut). ``code`` (N, units): what each unit did to it.
    """

    def __init__(self, pieces: Pieces, code: np.ndarray):
        count = pieces.count
        self.VL = np.column_stack([pieces.V, pieces.L])
        self.meta = np.column_stack([pieces.starts, pieces.sizes, np.arange(count), np.arange(count)])
        self.code = code
        self.dead = count
        self.live_count = count
        self.origins, self.directions = list(pieces.origins), list(pieces.directions)
        self.first_label = sum(len(o) for o in self.origins)
        self.cuts: list = []  # (units, the pieces they cut): one new line each, numbered in cutting order
        self.cut_origins: list = []
        self.n_cuts = 0

    def cut(self, active, unit, lines, min_area: float) -> None:
        """Each polygon still ``active`` cut by its next crossing unit (``unit``, per polygon): every
        whole piece of it that the unit really cuts (values beyond the tolerance on both sides, as
        for the polygon) is split in two; the others record the unit's sign.

        For each cut piece, candidates interleave vertex i (at 2i) and the crossing on edge i (at
        2i + 1); each side keeps its vertices and the crossings, in order.
        """
        ids = active[self.meta[:, 3]].nonzero()[0]
        meta = self.meta[ids]
        sizes = meta[:, 1]
        ends = sizes.cumsum()
        firsts = ends - sizes
        owner = np.arange(ids.size).repeat(sizes)
        VL = self.VL[np.arange(ends[-1]) + (meta[:, 0] - firsts)[owner]]
        unit = unit[meta[:, 2]]
        q = lines[meta[:, 2], unit][owner]  # each vertex's unit: gradient, offset, tolerance
        z = VL[:, 0] * q[:, 0] + VL[:, 1] * q[:, 1] + q[:, 2]
        z[np.abs(z) <= q[:, 3]] = 0.0  # within rounding of the line: on it
        s = np.sign(z)
        has_neg = np.logical_or.reduceat(s < 0, firsts)
        cut = np.logical_or.reduceat(s > 0, firsts) & has_neg
        self.code[ids, unit] = ~has_neg  # _ON or _OFF (a piece that is cut dies: its sides say which)
        n_cut = int(cut.sum())
        if n_cut == 0:
            return
        cut_ids = ids[cut]
        sel = cut[owner]
        VL, s, z = VL[sel], s[sel], z[sel]
        sizes = sizes[cut]
        ends = sizes.cumsum()
        nxt = np.arange(1, ends[-1] + 1)
        nxt[ends - 1] = ends - sizes
        crossing = (s * s[nxt] < 0).nonzero()[0]
        after = nxt[crossing]
        t = (z[crossing] / (z[crossing] - z[after]))[:, None]
        cand = VL.repeat(2, axis=0)
        at = VL[crossing, :2]
        odd = 2 * crossing + 1
        cand[odd, :2] = at + t * (VL[after, :2] - at)
        n2 = cand.shape[0]
        on_line = np.zeros(n2, dtype=bool)
        on_line[0::2] = s == 0
        on_line[odd] = True
        cand_owner = np.arange(n_cut).repeat(2 * sizes)
        # One new line per cut piece: its first point on the line (its direction comes at the end).
        on_at = on_line.nonzero()[0]
        self.cut_origins.append(cand[on_at[cand_owner[on_at].searchsorted(np.arange(n_cut))], :2])
        unit = unit[cut]
        self.cuts.append((unit, cut_ids))
        label = self.first_label + self.n_cuts
        self.n_cuts += n_cut
        # Both sides at once: children 0 .. n_cut - 1 the positive sides, then the negative ones.
        keep = np.zeros((2, n2), dtype=bool)
        keep[0, 0::2] = s >= 0
        keep[1, 0::2] = s <= 0
        keep[:, odd] = True
        pick = keep.reshape(-1).nonzero()[0]
        negative = pick >= n2
        src = pick - n2 * negative
        k_owner = cand_owner[src] + n_cut * negative
        k_sizes = np.bincount(k_owner, minlength=2 * n_cut)
        k = cand[src]
        k_on = on_line[src]
        k_ends = k_sizes.cumsum()
        k_starts = k_ends - k_sizes
        k_next = np.arange(1, k_ends[-1] + 1)
        k_next[k_ends - 1] = k_starts
        on_cut = k_on & k_on[k_next]  # between the two points on the line: the new edge
        k[on_cut, 2] = label + k_owner[on_cut] % n_cut
        area = 0.5 * np.add.reduceat(k[:, 0] * k[k_next, 1] - k[k_next, 0] * k[:, 1], k_starts)
        whose = np.concatenate([cut_ids, cut_ids])
        made_by = np.concatenate([unit, unit])
        side = _SIDES.repeat(n_cut)
        big = area > min_area  # slivers are rounding dust, not regions
        if not big.all():
            k, k_sizes, whose, side = k[big[k_owner]], k_sizes[big], whose[big], side[big]
            made_by = made_by[big]
            k_starts = k_sizes.cumsum() - k_sizes
        self.meta[cut_ids, 3] = self.dead
        new_meta = np.empty((whose.size, 4), dtype=np.int64)
        new_meta[:, 0] = self.VL.shape[0] + k_starts
        new_meta[:, 1] = k_sizes
        new_meta[:, 2:] = self.meta[whose, 2, None]
        code = self.code[whose]
        code[np.arange(whose.size), made_by] = side
        self.VL = np.concatenate([self.VL, k])
        self.meta = np.concatenate([self.meta, new_meta])
        self.code = np.concatenate([self.code, code])
        self.live_count += whose.size - n_cut

    def finish(self, ZA: np.ndarray):
        """(V, L, sizes, parent, code) of the whole pieces, in the one-unit-at-a-time order, and the
        new lines numbered as it numbers them (by unit, then in that order)."""
        live = np.flatnonzero(self.meta[:, 3] < self.dead)
        ids = live[self._order(live)]
        start, sizes = self.meta[ids, 0], self.meta[ids, 1]
        ends = np.cumsum(sizes)
        VL = self.VL[np.arange(ends[-1]) + np.repeat(start - (ends - sizes), sizes)]
        L = VL[:, 2].astype(np.int64)
        if self.cuts:
            units = np.concatenate([u for u, _ in self.cuts])
            cut = np.concatenate([c for _, c in self.cuts])
            order = self._order(cut, units)
            rank = np.empty(order.size, dtype=np.int64)
            rank[order] = np.arange(order.size)
            new = L >= self.first_label
            L[new] = self.first_label + rank[L[new] - self.first_label]
            g = ZA[self.meta[cut, 2], units]
            self.origins.append(np.concatenate(self.cut_origins)[order])
            self.directions.append((np.column_stack([-g[:, 1], g[:, 0]]) / np.hypot(g[:, 0], g[:, 1])[:, None])[order])
        return np.ascontiguousarray(VL[:, :2]), L, sizes, self.meta[ids, 2], self.code[ids]

    def _order(self, ids: np.ndarray, units=None) -> np.ndarray:
        """Sorting ``ids`` in the one-unit-at-a-time order: by parent, then by what each unit did
        (the latest first); with ``units`` (the unit cutting each), by that unit first (a piece's
        own unit and later ones all read whole)."""
        keys = [self.meta[ids, 2]]
        did = (self.code[ids] >> 1).astype(np.int64)  # 0 whole, 1 positive, 2 negative side
        for first in range(0, did.shape[1], _DIGITS):  # base-3 numbers, the latest unit leading
            block = did[:, first : first + _DIGITS]
            keys.append(block @ _POWERS_OF_3[: block.shape[1]])
        if units is not None:
            keys.append(units)
        return np.lexsort(keys)
