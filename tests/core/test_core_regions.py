"""Exact linear regions of two-input networks: hand-made counts, a brute-force grid, random nets."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reluplay.core.regions import MAX_REGION_POLYGONS, regions_of_layers

BOX = ((-6.0, 6.0), (-6.0, 6.0))
LEAKY = 0.01


def forward(layers, X, leaky=LEAKY):
    """Reference pass (independent of the region code): what each region's formula gives
    (the output for identity/ReLU outputs, the logits for sigmoid/softmax), and the on/off pattern."""
    h, pattern = np.asarray(X, float).T, []
    for index, (w, b, act) in enumerate(layers):
        z = np.asarray(w) @ h + np.asarray(b)[:, None]
        last = index == len(layers) - 1
        if act in ("relu", "leaky_relu") and not (last and act not in ("relu", "leaky_relu")):
            pattern.append(z > 0)
            h = np.where(z > 0, z, 0.0 if act == "relu" else leaky * z)
        else:
            h = z
    return h.T, np.concatenate(pattern).T if pattern else np.zeros((len(X), 0), bool)


def lines_net(normals, offsets, out_w, out_act="identity", act="relu"):
    W = np.asarray(normals, float)
    return [(W, np.asarray(offsets, float), act), (np.atleast_2d(out_w).astype(float), [0.3], out_act)]


def random_lines(k, seed):
    """k lines through random points of the box with random directions: general position."""
    rng = np.random.default_rng(seed)
    angle = rng.uniform(0, np.pi, k)
    normals = np.column_stack([np.cos(angle), np.sin(angle)])
    through = rng.uniform(-5, 5, (k, 2))
    return normals, -np.einsum("ij,ij->i", normals, through)


def crossings_inside(normals, offsets, box=BOX):
    count = 0
    for i in range(len(offsets)):
        for j in range(i + 1, len(offsets)):
            p = np.linalg.solve(np.array([normals[i], normals[j]]), -np.array([offsets[i], offsets[j]]))
            count += box[0][0] < p[0] < box[0][1] and box[1][0] < p[1] < box[1][1]
    return count


def grid(n=161, box=BOX):
    g1, g2 = np.meshgrid(np.linspace(*box[0], n), np.linspace(*box[1], n))
    return np.column_stack([g1.ravel(), g2.ravel()])


def assert_formulas_match(result, layers, points, atol=1e-9):
    expected, _ = forward(layers, points)
    where = result.region_at(points)
    assert np.all(where >= 0)
    for r, region in enumerate(result.regions):
        mine = where == r
        got = points[mine] @ region.weights.T + region.bias
        np.testing.assert_allclose(got, expected[mine], rtol=0, atol=atol)


# --- counts by hand ---------------------------------------------------------------------------

@pytest.mark.parametrize("k, seed", [(1, 0), (3, 1), (5, 2), (8, 3), (12, 4)])
def test_k_lines_in_general_position_give_1_plus_k_plus_crossings(k, seed):
    normals, offsets = random_lines(k, seed)
    layers = lines_net(normals, offsets, np.arange(1, k + 1) * (-1.0) ** np.arange(k))
    result = regions_of_layers(layers, *BOX)
    assert result.piecewise_linear and not result.capped
    assert result.count == 1 + k + crossings_inside(normals, offsets)
    assert sum(r.area for r in result.regions) == pytest.approx(144.0, rel=1e-12)


def test_region_edges_are_the_lines_inside_the_box():
    normals, offsets = random_lines(5, 7)
    result = regions_of_layers(lines_net(normals, offsets, [1, 2, 3, 4, 5]), *BOX)
    seg = result.edges.reshape(-1, 3, 2)
    assert np.isnan(seg[:, 2]).all()  # polylines separated by NaN rows (connect="finite")
    length = np.hypot(*(seg[:, 1] - seg[:, 0]).T).sum()
    t = np.linspace(0, 1, 200001)
    expected = 0.0
    for n, c in zip(normals, offsets):  # each line's length inside the box, by sampling it densely
        d, p0 = np.array([-n[1], n[0]]), -c * n
        pts = p0 + np.outer(t * 40 - 20, d)
        inside = np.all(np.abs(pts) <= 6, axis=1)
        expected += inside.sum() * 40 / (t.size - 1)
    assert length == pytest.approx(expected, rel=1e-3)


def test_a_unit_whose_output_weight_is_zero_adds_nothing():
    normals, offsets = random_lines(4, 11)
    with_zero = regions_of_layers(lines_net(normals, offsets, [1.0, 2.0, 0.0, 3.0]), *BOX)
    without = regions_of_layers(lines_net(np.delete(normals, 2, 0), np.delete(offsets, 2), [1.0, 2.0, 3.0]), *BOX)
    assert with_zero.count == without.count == 1 + 3 + crossings_inside(np.delete(normals, 2, 0), np.delete(offsets, 2))
    assert with_zero.polygons > with_zero.count  # its fold was cut, then merged away


def test_a_unit_off_on_the_whole_box_adds_nothing():
    normals, offsets = random_lines(3, 5)
    off = regions_of_layers(lines_net([*normals, [1.0, 1.0]], [*offsets, -100.0], [1.0, 2.0, 3.0, 4.0]), *BOX)
    assert off.count == off.polygons == 1 + 3 + crossings_inside(normals, offsets)


def test_identity_networks_and_units_that_never_switch_are_one_region():
    w = np.array([[1.0, -2.0], [0.5, 3.0]])
    for act, bias in (("identity", [0.0, 0.0]), ("relu", [100.0, 100.0]), ("leaky_relu", [-100.0, -100.0])):
        result = regions_of_layers([(w, bias, act), ([[1.0, 1.0]], [0.0], "identity")], *BOX)
        assert result.count == 1 and result.edges.shape == (0, 2)
        assert result.regions[0].polygons[0].shape == (4, 2)


def test_a_fold_no_downstream_unit_sees_is_merged_and_regions_can_be_non_convex():
    # h = relu(x1), relu(x2); g = relu(h1 + h2 - 1): zero on an L-shaped (non-convex) region.
    layers = [
        (np.eye(2), [0.0, 0.0], "relu"),
        ([[1.0, 1.0]], [-1.0], "relu"),
        ([[1.0]], [0.0], "identity"),
    ]
    result = regions_of_layers(layers, *BOX)
    assert result.count == 4
    zero = [r for r in result.regions if np.allclose(r.weights, 0) and np.allclose(r.bias, 0)]
    assert len(zero) == 1 and len(zero[0].polygons) > 1
    assert zero[0].area == pytest.approx(36 + 6 + 6 + 0.5)  # both negative, two strips, a triangle
    assert_formulas_match(result, layers, grid(61))


def test_an_output_relu_is_counted_as_in_one_dimension():
    # y = relu(2 relu(x1) - 1): flat for x1 < 1/2 (the hidden fold at 0 is invisible), rising after.
    layers = [([[1.0, 0.0]], [0.0], "relu"), ([[2.0]], [-1.0], "relu")]
    result = regions_of_layers(layers, *BOX)
    assert result.count == 2 and result.quantity == "ŷ"
    assert sorted(r.area for r in result.regions) == pytest.approx([5.5 * 12, 6.5 * 12])


def test_formula_text():
    result = regions_of_layers([([[1.0, 0.0]], [0.0], "identity"), ([[2.0]], [-0.5], "identity")], *BOX)
    assert result.regions[0].formula() == "ŷ = 2·x1 + 0·x2 - 0.5"


# --- against a brute-force grid ---------------------------------------------------------------

@pytest.mark.parametrize(
    "sizes, act, seed",
    [([8], "relu", 0), ([6], "leaky_relu", 1), ([5, 5], "relu", 2), ([4, 4, 4], "relu", 3), ([6, 4], "leaky_relu", 4)],
)
def test_agrees_with_activation_patterns_on_a_fine_grid(sizes, act, seed):
    layers = random_net(sizes, act, seed)
    result = regions_of_layers(layers, *BOX, leaky_slope=LEAKY)
    points = grid()
    _values, patterns = forward(layers, points)
    assert len(np.unique(patterns, axis=0)) <= result.polygons  # the grid sees no piece we missed
    maps = {tuple(np.round(np.concatenate([r.weights.ravel(), r.bias]), 6)) for r in result.regions}
    assert len(maps) <= result.count  # equal maps apart are two regions
    assert_formulas_match(result, layers, points)


def random_net(sizes, act, seed, n_out=1, out_act="identity"):
    rng = np.random.default_rng(seed)
    layers, n_in = [], 2
    for n in sizes:
        layers.append((rng.normal(0, 1, (n, n_in)), rng.normal(0, 2, n), act))
        n_in = n
    layers.append((rng.normal(0, 1, (n_out, n_in)), rng.normal(0, 1, n_out), out_act))
    return layers


@settings(max_examples=40, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 6), min_size=1, max_size=2),
    act=st.sampled_from(["relu", "leaky_relu"]),
    seed=st.integers(0, 10_000),
)
def test_random_small_nets_tile_the_box_and_match_the_network(sizes, act, seed):
    layers = random_net(sizes, act, seed)
    result = regions_of_layers(layers, *BOX, leaky_slope=LEAKY)
    assert sum(r.area for r in result.regions) == pytest.approx(144.0, rel=1e-9)
    points = np.random.default_rng(seed).uniform(-6, 6, (300, 2))
    assert_formulas_match(result, layers, points)


# --- decision boundaries ------------------------------------------------------------------------

def points_on(segments, n=7):
    a, b = segments[0::2], segments[1::2]
    t = np.linspace(0, 1, n)[:, None, None]
    return (a + t * (b - a)).reshape(-1, 2)


def distance_to_segments(points, segments):
    a, b = segments[0::2][None], segments[1::2][None]
    d = b - a
    t = np.clip(np.einsum("pij,pij->pi", points[:, None] - a, d) / np.einsum("pij,pij->pi", d, d), 0, 1)
    return np.min(np.hypot(*(points[:, None] - a - t[..., None] * d).transpose(2, 0, 1)), axis=1)


@pytest.mark.parametrize("sizes, seed", [([6], 0), ([5, 5], 8), ([8], 2), ([4, 4, 4], 2)])
def test_sigmoid_decision_boundary_is_exactly_where_the_logit_is_zero(sizes, seed):
    layers = random_net(sizes, "relu", seed, out_act="sigmoid")
    w, b, act = layers[-1]
    layers[-1] = (w, b - np.median(forward(layers, grid(41))[0]), act)  # the boundary crosses the box
    result = regions_of_layers(layers, *BOX)
    assert result.quantity == "logit" and result.decision_boundary.shape[1] == 2
    boundary = result.decision_boundary
    assert boundary.shape[0] >= 2 and boundary.shape[0] % 2 == 0
    logits, _ = forward(layers, points_on(boundary))
    assert np.abs(logits).max() < 1e-9
    n = 121
    points = grid(n)
    sign = (forward(layers, points)[0][:, 0] > 0).reshape(n, n)
    step = 12.0 / (n - 1)
    changes = np.flatnonzero((sign[:, 1:] != sign[:, :-1]).ravel())
    left = points.reshape(n, n, 2)[:, :-1].reshape(-1, 2)[changes]
    assert changes.size > 0
    assert distance_to_segments(left, boundary).max() <= step * 1.0001


def test_softmax_boundary_is_where_the_top_class_changes():
    layers = random_net([6, 5], "relu", 5, n_out=3, out_act="softmax")
    result = regions_of_layers(layers, *BOX)
    boundary = result.decision_boundary
    assert boundary.shape[0] >= 2
    logits, _ = forward(layers, points_on(boundary))
    top2 = np.sort(logits, axis=1)[:, -2:]
    assert np.abs(top2[:, 1] - top2[:, 0]).max() < 1e-9  # two classes tie for the top
    n = 121
    points = grid(n)
    top = np.argmax(forward(layers, points)[0], axis=1).reshape(n, n)
    changes = np.flatnonzero((top[1:, :] != top[:-1, :]).ravel())
    below = points.reshape(n, n, 2)[:-1].reshape(-1, 2)[changes]
    assert changes.size > 0
    assert distance_to_segments(below, boundary).max() <= 12.0 / (n - 1) * 1.0001


def test_regression_output_has_no_decision_boundary():
    assert regions_of_layers(random_net([4], "relu", 0), *BOX).decision_boundary.shape == (0, 2)


# --- limits, refusals, determinism --------------------------------------------------------------

def test_the_cap_stops_the_work_and_says_so():
    normals, offsets = random_lines(12, 4)
    result = regions_of_layers(lines_net(normals, offsets, np.arange(1.0, 13.0)), *BOX, max_polygons=20)
    assert result.capped and result.count is None and result.polygons > 20
    assert "20" in result.message and "hidden layer 1" in result.message
    assert MAX_REGION_POLYGONS == 20_000


@pytest.mark.parametrize(
    "layers, features, words",
    [
        (random_net([3], "tanh", 0), ("x1", "x2"), "hidden layer 1 uses 'tanh'"),
        (random_net([3, 3], "relu", 0)[:1] + [(np.ones((3, 3)), np.zeros(3), "softplus"), (np.ones((1, 3)), [0.0], "identity")], ("x1", "x2"), "hidden layer 2"),
        (random_net([3], "relu", 0), ("x1", "x1^2"), "'x1^2'"),
    ],
)
def test_smooth_networks_and_curved_features_have_no_count(layers, features, words):
    result = regions_of_layers(layers, *BOX, features=features)
    assert not result.piecewise_linear and result.count is None and result.regions == ()
    assert result.message.startswith("not piecewise linear") and words in result.message


def test_linear_features_are_fine_in_any_order():
    layers = random_net([4], "relu", 1)
    swapped = [(layers[0][0][:, ::-1], layers[0][1], "relu"), layers[1]]
    assert regions_of_layers(swapped, *BOX, features=("x2", "x1")).count == regions_of_layers(layers, *BOX).count


@pytest.mark.parametrize("x1_range", [(1.0, 1.0), (0.0, float("nan")), (2.0, -2.0), "ab"])
def test_bad_boxes_are_refused(x1_range):
    with pytest.raises(ValueError, match="x1 range"):
        regions_of_layers(random_net([2], "relu", 0), x1_range, (-1.0, 1.0))


def test_wrong_weight_columns_are_refused():
    with pytest.raises(ValueError, match="layer 1"):
        regions_of_layers([(np.ones((3, 1)), np.zeros(3), "relu"), (np.ones((1, 3)), [0.0], "identity")], *BOX)


def test_same_network_same_output():
    layers = random_net([6, 6], "relu", 9)
    a, b = regions_of_layers(layers, *BOX), regions_of_layers(layers, *BOX)
    assert a.count == b.count
    np.testing.assert_array_equal(a.edges, b.edges)
    for ra, rb in zip(a.regions, b.regions):
        assert len(ra.polygons) == len(rb.polygons)
        assert all(np.array_equal(p, q) for p, q in zip(ra.polygons, rb.polygons))


def test_boundary_lying_on_a_fold_is_found():
    # logit = relu(x1) - relu(-x1) = x1: one region, and its zero line is the (merged) fold itself.
    layers = [([[1.0, 0.0], [-1.0, 0.0]], [0.0, 0.0], "relu"), ([[1.0, -1.0]], [0.0], "sigmoid")]
    result = regions_of_layers(layers, *BOX)
    assert result.count == 1 and result.edges.shape == (0, 2)
    assert result.decision_boundary.shape[0] >= 2
    assert np.allclose(result.decision_boundary[:, 0], 0.0)
    assert distance_to_segments(np.array([[0.0, -6.0], [0.0, 0.0], [0.0, 6.0]]), result.decision_boundary).max() < 1e-12


class TwoInputNet:
    """What ``linear_regions`` reads from a network (reluplay's Network with two inputs)."""

    def __init__(self, layers, leaky_slope=0.2, features=("x1", "x2")):
        self._layers, self.leaky_slope, self.features = layers, leaky_slope, list(features)

    def layer_specs(self):
        return [(w.copy(), b.copy(), act) for w, b, act in self._layers]


def test_linear_regions_reads_the_network_and_its_leaky_slope():
    from reluplay.core.regions import linear_regions

    layers = [(np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([0.0, 0.0]), "leaky_relu"),
              (np.array([[1.0, 1.0]]), np.array([0.0]), "identity")]
    result = linear_regions(TwoInputNet(layers, leaky_slope=0.2), (-1, 1), (-1, 1))
    assert result.count == 4
    where = result.region_at([[-0.5, -0.5]])[0]
    assert result.regions[where].formula() == "ŷ = 0.2·x1 + 0.2·x2 + 0"
    assert linear_regions(TwoInputNet(layers, features=("x1", "sin(x2)")), (-1, 1), (-1, 1)).count is None
