"""Analysis on the plane (issue 12): dead units, the walkthrough of one point, exact regions of a Network."""
import numpy as np
import pytest

from reluplay.core import Network, dead_units, gradient_check, is_piecewise_linear, kinks, linear_pieces, walkthrough
from reluplay.core.analysis import dead_units_by_layer
from reluplay.core.regions import linear_regions

BOX = ((-6.0, 6.0), (-6.0, 6.0))
DATA = np.array([[1.0, 2.0], [-3.0, 0.5], [4.0, -4.0], [0.0, 0.0]])


def folds(features=("x1", "x2"), out="softmax", k=3):
    # unit A: x1 + 0.5; unit B: -x2 + 1; unit C: x1 - 10 (off wherever x1 < 10: at every data point)
    w1 = np.array([[1.0, 0.0], [0.0, -1.0], [1.0, 0.0]])
    w2 = np.array([[2.0, 1.0, 1.0], [-1.0, 0.5, 1.0], [0.0, 1.0, 1.0]])[:k]
    return Network([(w1, [0.5, 1.0, -10.0], "relu"), (w2, [0.0, 1.0, 2.0][:k], out)], features=features)


def test_dead_units_are_off_at_every_data_point_on_the_plane():
    net = folds()
    assert dead_units(net, DATA, 0) == [2]
    assert dead_units(net, np.vstack([DATA, [[11.0, 0.0]]]), 0) == []  # one point switches it on
    assert dead_units_by_layer(net, DATA) == {0: [2]}
    assert dead_units(net, np.empty((0, 2))) == []


def test_walkthrough_of_a_point_has_features_units_logits_and_probabilities():
    net = folds()
    w = walkthrough(net, (1.0, 2.0))
    assert w.x == (1.0, 2.0)
    assert w.features == (("x1", 1.0), ("x2", 2.0))
    # z = (1.5, -1, -9), a = (1.5, 0, 0)
    assert [(s.pre_activation, s.activation) for s in w.layers[0]] == [(1.5, 1.5), (-1.0, 0.0), (-9.0, 0.0)]
    assert w.logits == (3.0, -0.5, 2.0)
    z = np.array(w.logits)
    np.testing.assert_allclose(w.outputs, np.exp(z) / np.exp(z).sum(), rtol=1e-14)
    assert sum(w.outputs) == pytest.approx(1.0, abs=1e-15)
    assert w.output_pre_activation == 3.0 and w.output == w.outputs[0]  # the first output unit's
    assert w.weighted_sum == 3.0 and [s.contribution for s in w.layers[0]] == [3.0, 0.0, 0.0]


def test_walkthrough_shows_each_feature_value():
    net = Network.initialized([2], "relu", "sigmoid", features=("x2^2", "x1*x2", "sin(x1)"))
    w = walkthrough(net, [3.0, -2.0])
    assert w.features == (("x2^2", 4.0), ("x1*x2", -6.0), ("sin(x1)", np.sin(3.0)))
    assert w.outputs == (w.output,) and w.output == pytest.approx(net([[3.0, -2.0]])[0], rel=1e-15)
    with pytest.raises(ValueError, match="one point"):
        walkthrough(net, [[0.0, 0.0], [1.0, 1.0]])


def test_one_input_walkthrough_is_as_before():
    net = Network([([[2.0]], [-1.0], "relu"), ([[3.0]], [0.5], "identity")])
    w = walkthrough(net, 1.0)
    assert w.x == 1.0 and w.output == 3.5 and w.features == (("x", 1.0),) and w.logits == (3.5,) == w.outputs


def test_gradient_check_with_cross_entropy_on_the_plane():
    net = Network.initialized([5, 3], "relu", "softmax", seed=3, features=("x1", "x2", "x1*x2"), n_outputs=3)
    net.layers[1].biases[:] = 0.1  # not 0: at (1, 2) every first-layer unit is off, which would put z = b on a kink
    assert gradient_check(net, DATA, [0, 1, 2, 1], loss="cross_entropy") < 1e-6


def test_one_input_tools_refuse_the_plane():
    net = folds()
    for tool in (kinks, lambda n: linear_pieces(n, -1, 1)):
        with pytest.raises(ValueError, match="for one input x"):
            tool(net)


def test_piecewise_linear_needs_linear_features():
    assert is_piecewise_linear(folds(out="identity", k=1))
    assert not is_piecewise_linear(folds(features=("x1", "x1^2"), out="identity", k=1))
    assert not is_piecewise_linear(folds())  # softmax: the probabilities are curved (the logits are not)


# --- exact regions of a Network ------------------------------------------------------------------

def lines(k, seed):
    rng = np.random.default_rng(seed)
    angle = rng.uniform(0, np.pi, k)
    normals = np.column_stack([np.cos(angle), np.sin(angle)])
    through = rng.uniform(-5, 5, (k, 2))
    return normals, -np.einsum("ij,ij->i", normals, through)


def crossings_inside(normals, offsets):
    count = 0
    for i in range(len(offsets)):
        for j in range(i + 1, len(offsets)):
            p = np.linalg.solve(np.array([normals[i], normals[j]]), -offsets[[i, j]])
            count += bool(np.all(np.abs(p) < 6.0))
    return count


@pytest.mark.parametrize("k, seed, out, n_out", [(3, 0, "sigmoid", 1), (6, 1, "sigmoid", 1), (5, 2, "softmax", 3),
                                                  (9, 3, "softmax", 4), (4, 4, "identity", 1)])
def test_k_folds_of_a_network_give_1_plus_k_plus_crossings(k, seed, out, n_out):
    normals, offsets = lines(k, seed)
    w2 = np.random.default_rng(seed).uniform(0.5, 2.0, (n_out, k)) * np.where(np.arange(k) % 2, 1.0, -1.0)
    net = Network([(normals, offsets, "relu"), (w2, np.zeros(n_out), out)], features=("x1", "x2"))
    result = linear_regions(net, *BOX)
    assert result.why_not == "" and not result.capped
    assert result.count == 1 + k + crossings_inside(normals, offsets)
    assert result.quantity == ("ŷ" if out == "identity" else "logit")
    points = np.random.default_rng(seed).uniform(-6, 6, (400, 2))
    where = result.region_at(points)
    logits = net.logits(points).reshape(400, -1)
    for r, region in enumerate(result.regions):  # each region's formula is the network's logits there
        mine = where == r
        np.testing.assert_allclose(points[mine] @ region.weights.T + region.bias, logits[mine], atol=1e-9)


@pytest.mark.parametrize("features, sizes, act, seed", [(("x1", "x2"), [8], "relu", 0), (("x2", "x1"), [5, 5], "relu", 1),
                                                        (("x1", "x2"), [6, 4], "leaky_relu", 2)])
def test_network_regions_agree_with_activation_patterns_on_a_fine_grid(features, sizes, act, seed):
    net = Network.initialized(sizes, act, "sigmoid", seed=seed, features=features)
    result = linear_regions(net, *BOX)
    g1, g2 = np.meshgrid(np.linspace(-6, 6, 161), np.linspace(-6, 6, 161))
    points = np.column_stack([g1.ravel(), g2.ravel()])
    patterns = np.concatenate([z > 0 for z in net.forward(points).pre[:-1]]).T
    assert len(np.unique(patterns, axis=0)) <= result.polygons  # the grid finds no piece the count missed
    assert 1 <= result.count <= result.polygons


def test_sigmoid_boundary_segments_are_where_p_is_one_half():
    normals, offsets = lines(5, 6)
    net = Network([(normals, offsets, "relu"), ([[1.0, -2.0, 1.5, -1.0, 2.0]], [0.1], "sigmoid")], features=("x1", "x2"))
    boundary = linear_regions(net, *BOX).boundary
    assert boundary.shape[0] >= 2 and boundary.shape[0] % 2 == 0
    t = np.linspace(0, 1, 5)[:, None, None]
    on = (boundary[0::2] + t * (boundary[1::2] - boundary[0::2])).reshape(-1, 2)
    np.testing.assert_allclose(net(on), 0.5, atol=1e-9)


def test_softmax_boundary_segments_are_where_two_classes_tie():
    net = Network.initialized([6, 5], "relu", "softmax", seed=5, features=("x1", "x2"), n_outputs=3)
    boundary = linear_regions(net, *BOX).boundary
    assert boundary.shape[0] >= 2
    p = np.sort(net(boundary), axis=1)
    np.testing.assert_allclose(p[:, -1], p[:, -2], atol=1e-9)


@pytest.mark.parametrize("features, act, words", [(("x1", "x1^2"), "relu", "input feature 'x1^2' is not linear"),
                                                  (("x1", "x2"), "tanh", "hidden layer 1 uses 'tanh'")])
def test_curved_networks_say_why_and_give_no_count(features, act, words):
    net = Network.initialized([4], act, "sigmoid", features=features)
    result = linear_regions(net, *BOX)
    assert result.count is None and not result.piecewise_linear
    assert result.why_not.startswith("not piecewise linear") and words in result.why_not


def test_regions_need_two_inputs():
    with pytest.raises(ValueError, match="two inputs"):
        linear_regions(Network.initialized([3]), *BOX)
