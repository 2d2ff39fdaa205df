"""Exact linear regions against two independent references: a plain one-unit-at-a-time clipping
of every piece (same pieces, same order), and each grid point's activation pattern (its affine map)."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reluplay.core.regions import regions_of_layers

BOX = ((-6.0, 6.0), (-6.0, 6.0))
EXTENT = np.array([6.0, 6.0])
LEAKY = 0.01


def random_net(sizes, act, seed, n_out=1, out_act="identity"):
    rng = np.random.default_rng(seed)
    layers, n_in = [], 2
    for n in sizes:
        layers.append((rng.normal(0, 1, (n, n_in)), rng.normal(0, 2, n), act))
        n_in = n
    layers.append((rng.normal(0, 1, (n_out, n_in)), rng.normal(0, 1, n_out), out_act))
    return layers


# --- reference 1: clip every piece by unit 1, then unit 2, ... in plain Python ---------------------

def clip(V, z, sign):
    """The part of convex polygon V where sign * z >= 0 (z: values at its vertices, 0 on the line)."""
    out = []
    for i in range(len(V)):
        j = (i + 1) % len(V)
        if sign * z[i] >= 0:
            out.append(V[i])
        if z[i] * z[j] < 0:
            out.append(V[i] + z[i] / (z[i] - z[j]) * (V[j] - V[i]))
    return np.array(out)


def area(V):
    return 0.5 * float(np.sum(V[:, 0] * np.roll(V[:, 1], -1) - np.roll(V[:, 0], -1) * V[:, 1]))


def one_unit_at_a_time(layers, slope=LEAKY):
    """The convex pieces, in order: after each unit, the pieces it left whole, then its positive
    sides, then its negative sides (slivers of rounding dropped)."""
    square = np.array([[-6.0, -6.0], [6.0, -6.0], [6.0, 6.0], [-6.0, 6.0]])
    pieces = [(square, np.eye(2), np.zeros(2), [])]  # vertices, map A x + c, units' sides
    for w, b, act in layers[:-1]:
        maps = [(w @ A, w @ c + b) for _, A, c, _ in pieces]
        pieces = [(V, ZA, Zc, []) for (V, _, _, _), (ZA, Zc) in zip(pieces, maps)]
        for u in range(w.shape[0]):
            whole, positive, negative = [], [], []
            for V, ZA, Zc, on in pieces:
                z = V @ ZA[u] + Zc[u]
                z[np.abs(z) <= 1e-10 * (np.abs(ZA[u]) @ EXTENT + abs(Zc[u]))] = 0.0
                if (z > 0).any() and (z < 0).any():
                    for sign, side in ((1, positive), (-1, negative)):
                        part = clip(V, z, sign)
                        if area(part) > 1e-12 * 144:
                            side.append((part, ZA, Zc, [*on, sign > 0]))
                else:
                    whole.append((V, ZA, Zc, [*on, not (z < 0).any()]))
            pieces = whole + positive + negative
        d = slope if act == "leaky_relu" else 0.0
        pieces = [(V, np.where(on, 1.0, d)[:, None] * ZA, np.where(on, 1.0, d) * Zc, []) for V, ZA, Zc, on in pieces]
    return [V for V, _, _, _ in pieces]


@pytest.mark.parametrize(
    "sizes, act, seed",
    [([16, 16], "relu", 0), ([12], "relu", 1), ([6, 8, 5], "leaky_relu", 2), ([45], "relu", 3), ([3, 41], "relu", 4)],
)
def test_pieces_are_those_of_clipping_one_unit_at_a_time_in_the_same_order(sizes, act, seed):
    # 45 and 41 units: the pieces' order keys span two base-3 numbers.
    layers = random_net(sizes, act, seed)
    result = regions_of_layers(layers, *BOX, leaky_slope=LEAKY)
    expected = one_unit_at_a_time(layers)
    assert result.polygons == len(expected) == len(result.polygon_vertices)
    for got, want in zip(result.polygon_vertices, expected):
        assert got.shape == want.shape
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-9)


# --- reference 2: the affine map at each grid point from its activation pattern -----------------

def maps_at(layers, points, slope=LEAKY):
    """Each point's affine map (weights (n, k, 2), bias (n, k)) of what the regions count (the
    output, the logits for sigmoid), from the units' on/off pattern, and how far each point is
    from the nearest hidden unit's zero line."""
    h, dh = points, np.broadcast_to(np.eye(2), (len(points), 2, 2))
    margin = np.full(len(points), np.inf)
    for index, (w, b, act) in enumerate(layers):
        z, dz = h @ w.T + b, np.einsum("pij,ui->puj", dh, w)
        last = index == len(layers) - 1
        if not last or act == "relu":
            margin = np.minimum(margin, np.min(np.abs(z) / (np.hypot(dz[..., 0], dz[..., 1]) + 1e-300), axis=1))
            d = np.where(z > 0, 1.0, slope if act == "leaky_relu" else 0.0)
            h, dh = d * z, d[..., None] * dz
        else:
            h, dh = z, dz
    return dh, h - np.einsum("pkj,pj->pk", dh, points), margin


@settings(max_examples=30, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 6), min_size=1, max_size=3),
    act=st.sampled_from(["relu", "leaky_relu"]),
    out_act=st.sampled_from(["identity", "relu", "sigmoid"]),
    seed=st.integers(0, 10_000),
)
def test_each_grid_point_lies_in_a_region_with_its_activation_patterns_map(sizes, act, out_act, seed):
    layers = random_net(sizes, act, seed, out_act=out_act)
    result = regions_of_layers(layers, *BOX, leaky_slope=LEAKY)
    g = np.linspace(-6 + 1e-3 * np.pi, 6 - 1e-3 * np.e, 97)
    points = np.column_stack([a.ravel() for a in np.meshgrid(g, g)])
    weights, bias, margin = maps_at(layers, points)
    clear = margin > 1e-6  # a point on a fold has the maps of both sides
    points, weights, bias = points[clear], weights[clear], bias[clear]
    where = result.region_at(points)
    assert (where >= 0).all()
    scale = 1.0 + np.max(np.abs(weights) @ EXTENT + np.abs(bias))
    np.testing.assert_allclose(result.region_weights[where], weights, rtol=0, atol=1e-9 * scale)
    np.testing.assert_allclose(result.region_bias[where], bias, rtol=0, atol=1e-9 * scale)
    distinct_maps = np.unique(np.round(np.concatenate([weights.reshape(len(points), -1), bias], axis=1) / scale, 7), axis=0)
    # Two regions may share a map (apart), one region never has two: at least as many regions
    # as maps seen, and no more than the convex pieces.
    assert len(distinct_maps) <= len(np.unique(where)) <= result.count <= result.polygons
