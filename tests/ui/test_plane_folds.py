"""Deeper units' folds on the plane: exact where the layers below are ReLU-like, the grid trace beyond."""
import numpy as np
import pytest

from reluplay.core import Network
from reluplay.presets import load_preset
from reluplay.ui.plots.plane import evaluate
from reluplay.ui.plots.plane.folds import FRAME_MAX_POLYGONS, fold_segments
from reluplay.ui.plots.plane.geometry import zero_contour
from tests.core.test_core_folds import random_net

BOX = ((-6.0, 6.0), (-6.0, 6.0))


def _distance_to_segments(points, segments):
    a, b = segments[0::2], segments[1::2]
    d = b - a
    length2 = np.maximum(np.einsum("ij,ij->i", d, d), 1e-300)
    s = np.clip(np.einsum("pij,ij->pi", points[:, None] - a[None], d) / length2, 0.0, 1.0)
    nearest = a[None] + s[:, :, None] * d[None]
    return np.hypot(*(points[:, None] - nearest).transpose(2, 0, 1)).min(axis=1)


@pytest.mark.parametrize("seed", range(8))
def test_the_exact_folds_agree_with_the_grid_trace_to_within_a_cell(seed):
    net = random_net(seed)
    s = evaluate.sample(net, BOX)
    x1, x2 = s.unit_axes
    cell = np.hypot(x1[1] - x1[0], x2[1] - x2[0])
    t = np.linspace(0.0, 1.0, 9)[:, None]
    for layer in range(1, len(net.hidden_layers)):
        exact = fold_segments(net, layer, s.unit_pre[layer], s.unit_axes, BOX)
        for unit, fold in enumerate(exact):
            traced = zero_contour(s.unit_pre[layer][unit], x1, x2)
            assert len(fold) or not len(traced)  # what the grid sees, the exact folds have
            if len(traced):
                assert _distance_to_segments(traced, fold).max() <= cell
                on_fold = (fold[0::2][:, None] + t * (fold[1::2] - fold[0::2])[:, None]).reshape(-1, 2)
                # Inside the grid's reach (half a cell in from the box), the grid traces them too.
                inner = (np.abs(on_fold) <= 6.0 - cell).all(axis=1)
                assert _distance_to_segments(on_fold[inner], traced).max(initial=0.0) <= cell


def test_a_fold_above_too_many_pieces_for_a_frame_keeps_the_grid_trace():
    net = Network.initialized([60, 3], "relu", "sigmoid", seed=2, features=("x1", "x2"))
    s = evaluate.sample(net, BOX)
    assert 1 + 60 + 60 * 59 // 2 > FRAME_MAX_POLYGONS
    folds = fold_segments(net, 1, s.unit_pre[1], s.unit_axes, BOX)
    for fold, z in zip(folds, s.unit_pre[1]):
        np.testing.assert_array_equal(fold, zero_contour(z, *s.unit_axes))


def test_the_spirals_second_layer_folds_are_exact_in_the_window(open_window, qtbot):
    window = open_window(load_preset("spiral"))
    plane = window.plane
    qtbot.waitUntil(lambda: plane.redraw_count > 0)
    plane.layer_combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: plane.layer == 1 and len(plane.units.tiles) == 8)
    net = window.session.network
    drawn = [tile.fold.segments for tile in plane.units.tiles]
    assert sum(len(f) for f in drawn) >= 2 * 16
    for unit, segments in enumerate(drawn):
        if len(segments):
            assert np.abs(net.forward(segments).pre[1][unit]).max() <= 1e-9  # each tile's own unit
    # Bent: some unit's fold has segments in different directions (the grid's would too, but not exactly 0).
    turns = [np.unique(np.round(np.arctan2(*(f[1::2] - f[0::2]).T[::-1]) % np.pi, 6)).size for f in drawn if len(f)]
    assert max(turns) > 1
