"""Exact fold lines of deeper units: a hand-made bend, random nets against the forward pass, the grid."""
import numpy as np
import pytest

from reluplay.core import Network
from reluplay.core.folds import folds_of_layers, pieces_bound, unit_folds

BOX = ((-6.0, 6.0), (-6.0, 6.0))


def bent_net():
    """h1 = relu(x1 + x2), h2 = relu(x1 - x2), layer-2 unit z = h1 + 2·h2 - 3. Its fold is
    x1 + x2 = 3 where only h1 is on, 3·x1 - x2 = 3 where both are, x1 - x2 = 1.5 where only h2 is:
    it bends at (1.5, 1.5) on h2's fold x1 = x2 and at (0.75, -0.75) on h1's fold x1 = -x2."""
    return Network([
        (np.array([[1.0, 1.0], [1.0, -1.0]]), np.zeros(2), "relu"),
        (np.array([[1.0, 2.0]]), np.array([-3.0]), "relu"),
        (np.array([[1.0]]), np.zeros(1), "identity"),
    ], features=("x1", "x2"))


def pre_activation(net, layer, points):
    return net.forward(np.asarray(points, float).reshape(-1, 2)).pre[layer]  # (units, n)


def test_a_second_layer_fold_bends_exactly_where_the_first_layer_folds():
    (fold,) = unit_folds(bent_net(), 1, *BOX)
    segments = {tuple(sorted(map(tuple, np.round(fold[i : i + 2], 12).tolist()))) for i in range(0, len(fold), 2)}
    assert segments == {((-3.0, 6.0), (1.5, 1.5)), ((0.75, -0.75), (1.5, 1.5)), ((-4.5, -6.0), (0.75, -0.75))}
    ends = fold.reshape(-1, 2, 2)
    for bend in ((1.5, 1.5), (0.75, -0.75)):
        near = np.hypot(*(fold - bend).T)
        assert np.sort(near)[:2].max() <= 1e-9  # two segments meet there, to 1e-9
    assert len(ends) == 3


def random_net(seed):
    rng = np.random.default_rng(seed)
    sizes = [int(n) for n in rng.integers(2, 7, rng.integers(2, 4))]
    acts = [str(a) for a in rng.choice(["relu", "relu", "leaky_relu", "identity"], len(sizes))]
    layers, n_in = [], 2
    for n, act in zip(sizes, acts):
        layers.append((rng.normal(0, 1.0, (n, n_in)), rng.normal(0, 1.5, n), act))
        n_in = n
    layers.append((rng.normal(0, 1, (1, n_in)), np.zeros(1), "sigmoid"))
    return Network(layers, features=("x1", "x2"), leaky_slope=0.1)


@pytest.mark.parametrize("seed", range(12))
def test_every_fold_point_of_a_random_net_has_z_zero_and_lies_in_the_box(seed):
    net = random_net(seed)
    t = np.linspace(0.0, 1.0, 7)[:, None]
    drawn = 0
    for layer in range(len(net.hidden_layers)):
        folds = unit_folds(net, layer, *BOX)
        assert folds is not None and len(folds) == net.layers[layer].n_out
        for unit, fold in enumerate(folds):
            assert fold.shape[1] == 2 and fold.shape[0] % 2 == 0
            a, b = fold[0::2], fold[1::2]
            samples = (a[:, None] + t * (b - a)[:, None]).reshape(-1, 2)  # ends and points between
            for points in (fold, samples):
                if len(points):
                    assert np.abs(pre_activation(net, layer, points)[unit]).max() <= 1e-9
                    assert (np.abs(points) <= 6.0 + 1e-12).all()
            drawn += len(a)
    assert drawn > 0


def test_capped_gives_none_so_the_caller_traces_the_grid():
    rng = np.random.default_rng(3)
    layers = [(rng.normal(size=(12, 2)), rng.normal(size=12), "relu"), (rng.normal(size=(3, 12)), np.zeros(3), "relu"),
              (rng.normal(size=(1, 3)), np.zeros(1), "identity")]
    assert folds_of_layers(layers, 1, *BOX, max_polygons=10) is None
    assert len(folds_of_layers(layers, 1, *BOX)) == 3  # uncapped, the same layer has its folds


def test_no_exact_folds_above_a_smooth_layer_or_on_curved_features():
    smooth = [(np.eye(2), np.zeros(2), "tanh"), (np.ones((1, 2)), [-1.0], "relu"), (np.ones((1, 1)), [0.0], "identity")]
    assert folds_of_layers(smooth, 1, *BOX) is None
    assert len(folds_of_layers(smooth, 0, *BOX)[0]) == 2  # the smooth layer's own folds are its lines
    curved = [(np.eye(2), np.zeros(2), "relu"), (np.ones((1, 2)), [-1.0], "relu"), (np.ones((1, 1)), [0.0], "identity")]
    assert folds_of_layers(curved, 1, *BOX, features=("x1^2", "x2")) is None


def test_a_first_layer_fold_is_its_line_across_the_box():
    (fold, _) = unit_folds(bent_net(), 0, *BOX)
    assert sorted(map(tuple, fold.tolist())) == [(-6.0, 6.0), (6.0, -6.0)]


def test_where_z_is_zero_on_a_whole_piece_nothing_is_drawn_inside_it():
    # z = relu(x1) + relu(x2): 0 on the whole third quadrant, where both units are off.
    layers = [(np.eye(2), np.zeros(2), "relu"), (np.ones((1, 2)), np.zeros(1), "relu"), (np.ones((1, 1)), [0.0], "identity")]
    (fold,) = folds_of_layers(layers, 1, *BOX)
    middles = (fold[0::2] + fold[1::2]) / 2
    assert (middles.max(axis=1) >= -1e-12).all()  # only the quadrant's edges, no line across it


def test_a_layer_that_is_not_hidden_is_refused():
    with pytest.raises(ValueError, match="hidden layer 2 does not exist"):
        unit_folds(bent_net(), 2, *BOX)


def test_pieces_bound():
    assert pieces_bound([8]) == 37 and pieces_bound([8, 8]) == 37 * 37 and pieces_bound([]) == 1
