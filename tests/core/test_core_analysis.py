"""Teaching analysis: kinks, linear pieces (against a brute-force count), dead units, walkthrough."""
import numpy as np
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from reluplay.core import (
    Network,
    breakpoints,
    breakpoints_by_depth,
    dead_units,
    is_piecewise_linear,
    kinks,
    kinks_in_range,
    linear_pieces,
    walkthrough,
)


def one_layer(w, b, out_w, act="relu", out_b=0.0, out_act="identity"):
    n = len(w)
    return Network([(np.reshape(w, (n, 1)), b, act), ([out_w], [out_b], out_act)])


# --- kinks -----------------------------------------------------------------------------------

def test_kinks_are_minus_b_over_w_and_none_without_slope():
    net = one_layer([2.0, 0.0, -4.0, 1.0], [-1.0, 3.0, 2.0, 0.0], [1.0, 1.0, 1.0, 1.0])
    assert kinks(net) == [0.5, None, 0.5, 0.0]
    assert not np.signbit(kinks(net)[3])  # no "-0.0" on the screen


def test_kinks_in_range_sorted_and_inclusive():
    net = one_layer([1.0, 1.0, 1.0, 0.0, 1.0], [-1.0, 0.5, -0.25, 1.0, 3.0], [1.0] * 5)
    assert kinks_in_range(net, -0.5, 1.0) == [-0.5, 0.25, 1.0]
    assert kinks_in_range(net, 2.0, 2.5) == []


@pytest.mark.parametrize("act", ["tanh", "softplus", "identity", "elu"])
def test_no_kinks_to_show_for_smooth_or_identity_layers(act):
    net = one_layer([1.0, -1.0], [0.2, 0.3], [1.0, 1.0], act=act)
    assert kinks_in_range(net, -5.0, 5.0) == []


def test_kinks_in_range_for_leaky_relu():
    net = one_layer([1.0, -1.0], [0.2, 0.3], [1.0, 1.0], act="leaky_relu")
    assert kinks_in_range(net, -5.0, 5.0) == pytest.approx([-0.2, 0.3])


def test_kinks_far_out_are_none_without_warnings():
    net = one_layer([1e-300, -1e-300, 2.0], [1e10, 1e10, 1.0], [1.0, 1.0, 1.0])
    assert kinks(net) == [None, None, -0.5]  # -b/w overflows: the kink is at no finite x
    assert kinks_in_range(net, -1e300, 1e300) == [-0.5]


# --- linear pieces ---------------------------------------------------------------------------

def test_linear_pieces_by_hand():
    # |x| from two units: relu(x) + relu(-x)
    absolute = one_layer([1.0, -1.0], [0.0, 0.0], [1.0, 1.0])
    assert linear_pieces(absolute, -1.0, 1.0) == 2
    assert linear_pieces(absolute, 0.0, 1.0) == 1  # the kink at an end splits nothing
    assert linear_pieces(absolute, 0.5, 0.5) == 1
    # relu(x) - relu(x): the kink cancels, one linear piece
    cancelled = one_layer([1.0, 1.0], [0.0, 0.0], [1.0, -1.0])
    assert breakpoints(cancelled, -1.0, 1.0).tolist() == [-1.0, 0.0, 1.0]
    assert linear_pieces(cancelled, -1.0, 1.0) == 1
    # relu(x) - relu(x - 1): a ramp with two kinks, three pieces
    ramp = one_layer([1.0, 1.0], [0.0, -1.0], [1.0, -1.0])
    assert linear_pieces(ramp, -2.0, 2.0) == 3


def test_tiny_pre_activations_still_cross_zero():
    # relu(1e-200 x) * 1e200 is relu(x): a kink at 0, even though z(-1) * z(1) underflows to -0
    net = one_layer([1e-200], [0.0], [1e200])
    assert net([-1.0, 1.0]).tolist() == [0.0, 1.0]
    assert breakpoints(net, -1.0, 1.0).tolist() == [-1.0, 0.0, 1.0]
    assert linear_pieces(net, -1.0, 1.0) == 2
    huge = one_layer([1e200], [0.0], [1e-200])
    assert linear_pieces(huge, -1e100, 1e100) == 2  # and z(-x) * z(x) does not overflow


def test_linear_pieces_none_for_curved_nets():
    assert linear_pieces(Network.initialized([4], activation="tanh"), -1.0, 1.0) is None
    assert linear_pieces(Network.initialized([4, 4], activation=["relu", "softplus"]), -1.0, 1.0) is None
    assert not is_piecewise_linear(Network.initialized([4], activation="elu"))
    with pytest.raises(ValueError):
        breakpoints(Network.initialized([4], activation="tanh"), -1.0, 1.0)


def test_output_relu_adds_its_own_kinks():
    # a single ramp x, clipped by an output relu at x = 0.3
    net = one_layer([1.0], [1.0], [1.0], out_b=-1.3, out_act="relu")
    assert kinks_in_range(net, -0.5, 1.0) == []
    assert breakpoints(net, -0.5, 1.0) == pytest.approx([-0.5, 0.3, 1.0])
    assert linear_pieces(net, -0.5, 1.0) == 2


def _brute_force_pieces(net, lo, hi, n=60001):
    """Slopes at the midpoints of a fine grid; a change of slope starts a new piece.

    A midpoint within h of a kink measures a mix of the slopes on its two sides (one kink would
    count as two changes), so such a sample is dropped: its one-sided slopes disagree.
    Returns None when some slope change is too small to tell from rounding.
    """
    grid = np.linspace(lo, hi, n)
    mid = 0.5 * (grid[:-1] + grid[1:])
    h = (hi - lo) / n * 1e-3
    below, at, above = net(mid - h), net(mid), net(mid + h)
    slopes = (above - below) / (2.0 * h)
    scale = max(1.0, float(np.max(np.abs(slopes))))
    straddles = np.abs((above - at) - (at - below)) / h > 1e-7 * scale
    if np.count_nonzero(straddles) > 0.01 * mid.size:  # rounding, not kinks: cannot tell
        return None
    slopes = slopes[~straddles]
    jumps = np.abs(np.diff(slopes))
    if np.any((jumps > 1e-7 * scale) & (jumps < 1e-5 * scale)):
        return None
    return 1 + int(np.count_nonzero(jumps >= 1e-5 * scale))


def _weights(shape):
    value = st.one_of(st.just(0.0), st.floats(0.2, 3.0), st.floats(-3.0, -0.2))
    return st.lists(value, min_size=int(np.prod(shape)), max_size=int(np.prod(shape))).map(
        lambda v: np.reshape(v, shape))


@st.composite
def piecewise_nets(draw):
    n_hidden = draw(st.integers(1, 3))
    sizes = [1] + [draw(st.integers(1, 5)) for _ in range(n_hidden)] + [1]
    layers = []
    for i in range(len(sizes) - 1):
        w = draw(_weights((sizes[i + 1], sizes[i])))
        b = np.array(draw(st.lists(st.floats(-2.0, 2.0), min_size=sizes[i + 1], max_size=sizes[i + 1])))
        if i < n_hidden:
            act = draw(st.sampled_from(["relu", "leaky_relu", "identity"]))
        else:
            act = draw(st.sampled_from(["identity", "relu"]))
        layers.append((w, b, act))
    return Network(layers, leaky_slope=draw(st.sampled_from([0.01, 0.1, 0.5])))


def _one_kink_near_a_grid_midpoint():
    """A network hypothesis found: one ReLU kink at x = 0.5401667, 2.7e-8 from a midpoint of the
    brute-force grid, whose ±h slope then mixed both sides; the count said 3 pieces for 2."""
    first = (np.array([[-2.5522402162441273], [0.0], [0.0]]), [1.3786351577475688, 0.0, 0.0], "relu")
    return Network([first, ([[1.0, 0.0, 0.0]], [0.0], "identity")], leaky_slope=0.01)


def test_brute_force_count_ignores_a_sample_straddling_a_kink():
    net = _one_kink_near_a_grid_midpoint()
    assert breakpoints(net, -2.0, 2.0) == pytest.approx([-2.0, 1.3786351577475688 / 2.5522402162441273, 2.0])
    assert linear_pieces(net, -2.0, 2.0) == 2
    assert _brute_force_pieces(net, -2.0, 2.0) == 2


@settings(max_examples=60, deadline=None)
@given(net=piecewise_nets())
@example(net=_one_kink_near_a_grid_midpoint())
def test_linear_pieces_match_a_brute_force_count(net):
    lo, hi = -2.0, 2.0
    points = breakpoints(net, lo, hi)
    assert points[0] == lo and points[-1] == hi and np.all(np.diff(points) > 0)
    # pieces narrower than the brute-force grid cannot be seen by it
    assume(np.min(np.diff(points)) > 5e-4)
    brute = _brute_force_pieces(net, lo, hi)
    assume(brute is not None)
    assert linear_pieces(net, lo, hi) == brute


@settings(max_examples=30, deadline=None)
@given(net=piecewise_nets(), x=st.floats(-2.0, 2.0))
def test_network_is_linear_between_breakpoints(net, x):
    points = breakpoints(net, -2.0, 2.0)
    i = min(np.searchsorted(points, x, side="right"), points.size - 1)
    a, b = points[i - 1], points[i]
    assume(b - a > 1e-6)
    ya, yb, yx = net([a, b, x])
    scale = max(1.0, abs(ya), abs(yb))
    assert yx == pytest.approx(ya + (yb - ya) * (x - a) / (b - a), abs=1e-9 * scale)


def test_deep_relu_net_pieces_on_a_sine_fit():
    net = Network.initialized([8, 8, 8], seed=5)
    count = linear_pieces(net, -1.0, 1.0)
    assert count == _brute_force_pieces(net, -1.0, 1.0)
    assert count > 3


# --- dead units ------------------------------------------------------------------------------

def test_dead_units_are_off_for_every_point():
    net = one_layer([1.0, 1.0, -1.0, 0.0, 0.0], [-10.0, 10.0, -1.0, 0.0, -1.0], [1.0] * 5)
    x = np.linspace(-1.0, 1.0, 11)
    # unit 2: -x - 1 <= 0 on [-1, 1] (exactly 0 at x = -1); unit 3: always exactly 0; unit 4: -1
    assert dead_units(net, x) == [0, 2, 3, 4]
    assert dead_units(net, [-2.0]) == [0, 3, 4]
    assert dead_units(net, []) == []


def test_dead_units_only_for_relu_and_per_layer():
    leaky = one_layer([1.0], [-10.0], [1.0], act="leaky_relu")
    assert dead_units(leaky, [0.0, 1.0]) == []  # a leaky unit always passes some gradient
    deep = Network([([[1.0], [1.0]], [0.0, 1.0], "relu"), ([[1.0, 1.0], [-1.0, -1.0]], [0.0, -5.0], "relu"),
                    ([[1.0, 1.0]], [0.0], "identity")])
    x = np.linspace(-1.0, 1.0, 5)
    assert dead_units(deep, x, layer=0) == []
    assert dead_units(deep, x, layer=1) == [1]


# --- walkthrough -----------------------------------------------------------------------------

@pytest.mark.parametrize("hidden, act, out_act", [([3], "relu", "relu"), ([4], "tanh", "identity"),
                                                  ([3, 2], "leaky_relu", "identity")])
@pytest.mark.parametrize("x", [-0.7, 0.0, 0.45])
def test_walkthrough_matches_the_forward_pass(hidden, act, out_act, x):
    net = Network.initialized(hidden, activation=act, output_activation=out_act, seed=3)
    net.output_layer.biases[0] = 0.4
    step = walkthrough(net, x)
    run = net.forward([x])
    assert step.x == x
    assert len(step.layers) == len(hidden)
    for i, units in enumerate(step.layers):
        assert [u.unit for u in units] == list(range(hidden[i]))
        assert [u.pre_activation for u in units] == run.pre[i][:, 0].tolist()
        assert [u.activation for u in units] == run.post[i][:, 0].tolist()
        nxt = net.layers[i + 1].weights[0]
        assert [u.output_weight for u in units] == nxt.tolist()
        assert [u.contribution for u in units] == pytest.approx(nxt * run.post[i][:, 0], rel=1e-15)
    assert step.weighted_sum + step.output_bias == pytest.approx(step.output_pre_activation, rel=1e-12, abs=1e-15)
    assert step.output_pre_activation == pytest.approx(run.pre[-1][0, 0], rel=1e-15)
    assert step.output == run.output[0] == net([x])[0]
    assert step.output_activation == out_act
    if out_act == "relu":
        assert step.output == max(0.0, step.output_pre_activation)


def test_breakpoints_by_depth_grow_layer_by_layer_and_end_with_all_breakpoints():
    net = Network.initialized([6, 6, 6], "relu", seed=11)
    by_depth = breakpoints_by_depth(net, -2.0, 2.0)
    assert len(by_depth) == len(net.layers)
    np.testing.assert_array_equal(by_depth[-1], breakpoints(net, -2.0, 2.0))
    assert by_depth[0].tolist() == pytest.approx([-2.0, *kinks_in_range(net, -2.0, 2.0), 2.0], rel=1e-12)
    for shallow, deep in zip(by_depth, by_depth[1:]):
        assert set(shallow.tolist()) <= set(deep.tolist())
    assert by_depth[2].size > by_depth[0].size
    # Layer 1's units are straight between layer 1's breakpoints: halfway values are averages.
    points = by_depth[1]
    middle = (points[:-1] + points[1:]) / 2
    z_ends, z_middle = net.forward(points).pre[1], net.forward(middle).pre[1]
    np.testing.assert_allclose(z_middle, (z_ends[:, :-1] + z_ends[:, 1:]) / 2, atol=1e-12)
