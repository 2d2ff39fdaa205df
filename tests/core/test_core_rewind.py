"""Snapshots replay bit for bit; a diverging run stops with a reason and keeps a finite state."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reluplay.core import Network, Trainer, TrainingError, TrainingSettings, make_dataset

X, Y = make_dataset("sine", 30, noise=0.05, seed=4)


def trainer(optimizer="adam", batch_size=None, **kw):
    net = Network.initialized([8, 4], activation=["relu", "tanh"], seed=9)
    return Trainer(net, X, Y, TrainingSettings(optimizer=optimizer, learning_rate=0.01, batch_size=batch_size, **kw))


@settings(max_examples=12, deadline=None)
@given(
    optimizer=st.sampled_from(["gd", "sgd", "momentum", "adam"]),
    batch_size=st.sampled_from([None, 1, 4, 7, 29]),
    k=st.integers(0, 25),
    m=st.integers(1, 25),
    l2=st.sampled_from([0.0, 0.01]),
)
def test_restore_continues_bit_for_bit(optimizer, batch_size, k, m, l2):
    t = trainer(optimizer, batch_size, l2=l2, seed=3)
    t.step(k)
    snap = t.snapshot()
    t.step(m)
    first = (t.network.params.copy(), t.optimizer_state.copy(), t.step_count, t.last_loss)
    t.step(5)  # wander further before rewinding
    t.restore(snap)
    assert t.step_count == k
    t.step(m)
    np.testing.assert_array_equal(t.network.params, first[0])
    np.testing.assert_array_equal(t.optimizer_state, first[1])
    assert t.step_count == first[2]
    assert t.last_loss == first[3] or (np.isnan(t.last_loss) and np.isnan(first[3]))


@pytest.mark.parametrize("optimizer, batch_size", [("adam", None), ("sgd", 5), ("momentum", 3), ("adam", 4)])
def test_snapshot_replays_like_an_uninterrupted_run(optimizer, batch_size):
    a = trainer(optimizer, batch_size, seed=11)
    b = trainer(optimizer, batch_size, seed=11)
    a.step(17)
    snap = a.snapshot()
    a.step(13)
    b.step(30)  # the same run, never interrupted
    np.testing.assert_array_equal(a.network.params, b.network.params)
    # a different trainer restored from the snapshot continues the same way
    c = trainer(optimizer, batch_size, seed=999)
    c.restore(snap)
    c.step(13)
    np.testing.assert_array_equal(c.network.params, b.network.params)


def test_snapshot_is_a_copy():
    t = trainer()
    t.step(3)
    snap = t.snapshot()
    kept = snap.params.copy()
    t.step(3)
    np.testing.assert_array_equal(snap.params, kept)


def test_restore_rejects_a_foreign_snapshot():
    snap = trainer("adam").snapshot()
    with pytest.raises(TrainingError, match="does not belong"):
        trainer("gd").restore(snap)


# --- divergence ------------------------------------------------------------------------------

@pytest.mark.parametrize("optimizer", ["gd", "sgd", "momentum"])
def test_huge_learning_rate_diverges_with_a_reason(optimizer):
    x, y = make_dataset("sine", 40)
    t = Trainer(Network.initialized([8], seed=0), x, y,
                TrainingSettings(optimizer=optimizer, learning_rate=1000.0, batch_size=8))
    seen = [t.network.params.copy()]
    for _ in range(200):
        t.step(1)
        if t.divergence:
            break
        seen.append(t.network.params.copy())
    assert t.divergence is not None
    assert "diverged" in t.divergence and "smaller learning rate" in t.divergence
    assert np.isfinite(t.network.params).all()
    assert any(np.array_equal(t.network.params, p) for p in seen)
    assert np.isfinite(t.loss())
    # once diverged, it stays stopped until restored
    assert t.step(10) == 0
    assert t.step_count == len(seen) - 1 or t.step_count == len(seen) - 2
    # in one call, the count returned agrees with where training stands
    again = Trainer(Network.initialized([8], seed=0), x, y, t.settings)
    taken = again.step(200)
    assert again.divergence is not None and taken < 200
    assert taken == again.step_count
    np.testing.assert_array_equal(again.network.params, t.network.params)


def _overflowing_adam():
    # identity hidden layer: the output is w2 * w1 * x. The loss (~1e300) and the gradient are
    # finite, the gradient squared in Adam's second moment is not.
    net = Network([([[1.0]], [0.0], "identity"), ([[1.0]], [0.0], "identity")])
    x = np.linspace(1.0, 1.2, 5) * 1e150
    return Trainer(net, x, np.zeros(5), TrainingSettings(optimizer="adam", learning_rate=1000.0))


def test_adam_divergence_keeps_the_last_finite_state():
    t = _overflowing_adam()
    start = t.network.params.copy()
    assert t.step(10) < 10
    assert t.divergence is not None and "overflowed" in t.divergence
    np.testing.assert_array_equal(t.network.params, start)  # the last state with a finite loss
    assert t.step_count == 0
    np.testing.assert_array_equal(t.optimizer_state, 0.0)


def test_divergence_raises_no_numpy_warnings():
    # pytest turns warnings into errors; a diverging step must only set ``divergence``
    gd = Trainer(Network.initialized([8, 8], seed=1), X, Y, TrainingSettings(optimizer="gd", learning_rate=1000.0))
    for t in (_overflowing_adam(), gd):
        t.step(500)
        assert t.divergence is not None


def test_restore_clears_divergence():
    t = _overflowing_adam()
    snap = t.snapshot()
    t.step(5)
    assert t.divergence
    t.restore(snap)
    assert t.divergence is None and t.step_count == 0


def test_large_but_finite_gradients_are_not_divergence():
    # gradients around 1e200 are finite: squaring them would overflow, summing does not
    net = Network([([[1.0]], [0.0], "identity"), ([[1.0]], [0.0], "identity")])
    x = np.full(3, 1e100)
    t = Trainer(net, x, np.zeros(3), TrainingSettings(optimizer="gd", learning_rate=1e-210))
    _, grad = t.gradient()
    assert np.isfinite(grad).all() and np.max(np.abs(grad)) > 1e199
    assert t.step(1) == 1
    assert t.divergence is None
    assert t.network.params[0] == pytest.approx(1.0 - 1e-210 * grad[0])
