"""Rewind: scrubbing to step k gives exactly the trainer of step k; memory stays within budget."""
import tracemalloc

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reluplay.core import (
    HistoryError,
    Network,
    Trainer,
    TrainingHistory,
    TrainingSettings,
    make_dataset,
    make_test_dataset,
    split_train_test,
)
from reluplay.core.history import state_nbytes

X, Y = make_dataset("sine", 30, noise=0.05, seed=4)


def trainer(optimizer="adam", batch_size=None, seed=3, l2=0.0, x=X, y=Y, lr=0.01):
    net = Network.initialized([8, 4], activation=["relu", "tanh"], seed=9)
    return Trainer(net, x, y, TrainingSettings(optimizer=optimizer, learning_rate=lr, batch_size=batch_size,
                                               l2=l2, seed=seed))


def straight_run(optimizer, batch_size, l2, n):
    """Parameters, optimizer state and loss at every step 0..n of an uninterrupted run."""
    t = trainer(optimizer, batch_size, l2=l2)
    params, states, losses = [t.network.params.copy()], [t.optimizer_state.copy()], []
    for _ in range(n):
        assert t.step(1) == 1
        losses.append(t.last_loss)
        params.append(t.network.params.copy())
        states.append(t.optimizer_state.copy())
    return params, states, losses


# --- exactness ---------------------------------------------------------------------------------

@settings(max_examples=25, deadline=None)
@given(
    optimizer=st.sampled_from(["gd", "sgd", "momentum", "adam"]),
    batch_size=st.sampled_from([None, 1, 4, 7, 29]),
    l2=st.sampled_from([0.0, 0.01]),
    interval=st.integers(1, 12),
    max_snapshots=st.integers(2, 6),
    chunks=st.lists(st.integers(1, 40), min_size=1, max_size=6),
    mode=st.sampled_from(["advance", "step1", "losses_out"]),
    data=st.data(),
)
def test_scrubbing_gives_the_trainer_of_that_step_bit_for_bit(
    optimizer, batch_size, l2, interval, max_snapshots, chunks, mode, data
):
    n = sum(chunks)
    params, states, losses = straight_run(optimizer, batch_size, l2, n)
    t = trainer(optimizer, batch_size, l2=l2)
    h = TrainingHistory(t, interval=interval, max_snapshots=max_snapshots)
    for chunk in chunks:  # the three ways a caller can feed the history
        if mode == "advance":
            assert h.advance(t, chunk) == chunk
        elif mode == "step1":
            for _ in range(chunk):
                t.step(1)
                h.record(t)
        else:
            buf = np.empty(chunk + 3)
            taken = t.step(chunk, losses_out=buf)
            h.record(t, buf[:taken])
    assert h.latest_step == n
    np.testing.assert_array_equal(h.losses, losses)  # every step's loss, index = step
    assert len(h.snapshot_steps) <= max_snapshots
    replay = trainer(optimizer, batch_size, l2=l2, seed=999)  # another trainer, same settings
    for k in data.draw(st.lists(st.integers(0, n), min_size=1, max_size=5)):
        for who in (t, replay):
            state = h.state_at(k, who)
            assert who.step_count == state.step == k
            np.testing.assert_array_equal(who.network.params, params[k])
            np.testing.assert_array_equal(who.optimizer_state, states[k])
            np.testing.assert_array_equal(state.params, params[k])
            if k:
                assert who.last_loss == losses[k - 1]


@pytest.mark.parametrize("optimizer, batch_size", [("sgd", 4), ("adam", 7), ("momentum", None)])
def test_continuing_after_a_scrub_is_the_same_run(optimizer, batch_size):
    params, _, losses = straight_run(optimizer, batch_size, 0.0, 120)
    t = trainer(optimizer, batch_size)
    h = TrainingHistory(t, interval=16)
    h.advance(t, 120)
    h.state_at(50, t)
    # training on without truncating is refused: the history still holds the later branch
    with pytest.raises(HistoryError, match="truncate"):
        t.step(1)
        h.record(t)
    h.state_at(50, t)
    h.truncate(50)
    assert h.latest_step == 50 and max(h.snapshot_steps) <= 50
    np.testing.assert_array_equal(h.losses, losses[:50])
    assert h.advance(t, 70) == 70
    np.testing.assert_array_equal(t.network.params, params[120])
    np.testing.assert_array_equal(h.losses, losses)


def test_truncate_discards_the_later_branch():
    t = trainer("sgd", 5)
    h = TrainingHistory(t, interval=10)
    h.advance(t, 100)
    h.state_at(35, t)
    h.truncate(35)
    assert h.latest_step == 35 and h.snapshot_steps == [0, 10, 20, 30]
    assert h.losses.size == 35
    # a new branch: a different learning rate from step 35 would need a new trainer and a new
    # history; the same settings take the same path again
    h.advance(t, 10)
    assert h.latest_step == 45 and h.snapshot_steps == [0, 10, 20, 30, 40]
    with pytest.raises(HistoryError, match="outside"):
        h.truncate(46)
    with pytest.raises(HistoryError, match="outside"):
        h.state_at(-1, t)
    h.truncate(0)
    assert h.latest_step == 0 and h.snapshot_steps == [0] and h.losses.size == 0


def test_record_needs_the_losses_of_several_steps():
    t = trainer()
    h = TrainingHistory(t)
    t.step(3)
    with pytest.raises(HistoryError, match="pass their losses"):
        h.record(t)
    with pytest.raises(HistoryError, match="only 2 losses"):
        h.record(t, [1.0, 2.0])
    with pytest.raises(ValueError, match="room for 2"):
        t.step(3, losses_out=np.empty(2))


def test_history_from_a_trainer_mid_run():
    t = trainer("adam", 4)
    t.step(10)
    h = TrainingHistory(t, interval=5)
    assert h.first_step == 10 and h.latest_step == 10
    h.advance(t, 20)
    assert np.isnan(h.losses[:10]).all() and np.isfinite(h.losses[10:]).all()
    params, _, _ = straight_run("adam", 4, 0.0, 30)
    np.testing.assert_array_equal(h.state_at(17, t).params, params[17])
    with pytest.raises(HistoryError, match="outside"):
        h.state_at(9, t)


def test_a_foreign_trainer_is_refused():
    t = trainer("adam", 4)
    h = TrainingHistory(t)
    h.advance(t, 10)
    with pytest.raises(HistoryError):
        h.advance(trainer("adam", 4), 5)  # at step 0, the history at 10
    with pytest.raises(Exception, match="does not belong"):
        h.state_at(5, trainer("gd"))  # different optimizer state size


# --- divergence ---------------------------------------------------------------------------------

@pytest.mark.parametrize("mode", ["advance", "step1"])
def test_divergence_ends_the_history_at_the_last_finite_step(mode):
    t = trainer("gd", lr=1000.0)
    h = TrainingHistory(t, interval=2)
    if mode == "advance":
        taken = h.advance(t, 500)
        assert taken < 500
    else:
        for _ in range(500):
            t.step(1)
            h.record(t)
            if t.divergence:
                break
    assert t.divergence is not None and h.divergence == t.divergence
    assert h.latest_step == t.step_count
    assert np.isfinite(h.losses).all() and h.losses.size == t.step_count
    assert max(h.snapshot_steps) <= t.step_count
    kept = t.network.params.copy()
    fresh = trainer("gd", lr=1000.0)
    np.testing.assert_array_equal(h.state_at(h.latest_step, fresh).params, kept)
    assert fresh.divergence is None  # the replay stops before the bad step
    with pytest.raises(HistoryError, match="diverged"):
        TrainingHistory(t)


# --- memory ---------------------------------------------------------------------------------------

def test_a_long_run_stays_within_the_budget():
    x, y = make_dataset("abs", 8)
    net = Network.initialized([2], seed=1)
    t = Trainer(net, x, y, TrainingSettings(optimizer="adam", learning_rate=1e-3))
    budget = 256 * 1024
    h = TrainingHistory(t, interval=8, max_bytes=budget, max_snapshots=64)
    peak = 0
    for _ in range(20):
        h.advance(t, 10_000)
        peak = max(peak, h.nbytes)
    assert h.latest_step == 200_000
    assert peak <= budget
    assert len(h.snapshot_steps) <= 64
    assert h.loss_stride > 1 and h.losses.size <= h.max_loss_points
    # thinned but still exact: every kept loss is the real loss of its step
    steps = h.loss_steps()
    assert steps[-1] < 200_000 <= steps[-1] + h.loss_stride
    for k in (0, 123_457, 199_999, 200_000):
        state = h.state_at(k, t)
        if k and (k - 1) % h.loss_stride == 0:
            assert state.history_loss == h.losses[(k - 1) // h.loss_stride]
    # the longest replay a scrub needs is one interval
    assert np.max(np.diff(h.snapshot_steps + [h.latest_step])) <= h.interval


def test_nbytes_is_what_python_really_holds():
    x, y = make_dataset("sine", 50)
    t = Trainer(Network.initialized([16], seed=2), x, y, TrainingSettings(optimizer="adam", batch_size=10))
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        h = TrainingHistory(t, interval=4, max_bytes=400_000, max_snapshots=100)
        h.advance(t, 3000)
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(h.snapshot_steps) > 10
    assert h.nbytes <= 400_000
    # the accounting is an upper bound, and not a wild one
    assert held <= h.nbytes * 1.1 + 20_000
    assert held >= h.nbytes * 0.5


def test_default_budget_numbers():
    t = trainer()
    h = TrainingHistory(t)
    assert h.max_bytes == 64 * 1024**2 and h.max_loss_points == 2 * 1024**2
    assert h.snapshot_budget + 8 * h.max_loss_points == h.max_bytes
    assert state_nbytes(t.snapshot()) >= t.network.params.nbytes * 3


# --- train/test split -----------------------------------------------------------------------------

def test_test_points_are_the_same_curve_drawn_differently():
    x, y = make_dataset("sine", 20, noise=0.1, seed=5)
    xt, yt = make_test_dataset("sine", 15, noise=0.1, seed=5)
    assert xt.shape == yt.shape == (15,)
    assert np.all(np.diff(xt) >= 0) and xt.min() >= -1.0 and xt.max() <= 1.0
    assert not np.isin(xt, x).any()  # off the training grid
    xc, yc = make_test_dataset("sine", 15, seed=5)
    np.testing.assert_array_equal(xc, xt)
    np.testing.assert_allclose(yc, np.sin(np.pi * xt))  # without noise: on the curve
    assert not np.allclose(yt, yc)
    again = make_test_dataset("sine", 15, noise=0.1, seed=5)
    np.testing.assert_array_equal(again[1], yt)
    assert not np.array_equal(make_test_dataset("sine", 15, noise=0.1, seed=6)[0], xt)
    xd, yd = make_test_dataset("dosage", 40, seed=1)
    assert xd.min() >= 0.0 and xd.max() <= 1.0 and yd.max() <= 1.0
    with pytest.raises(ValueError, match="unknown"):
        make_test_dataset("nope")
    with pytest.raises(ValueError, match="between"):
        make_test_dataset("sine", 0)


@given(n=st.integers(0, 60), fraction=st.floats(0.0, 0.99), seed=st.integers(0, 2**32 - 1))
@settings(max_examples=60, deadline=None)
def test_split_is_seeded_and_keeps_every_point_once(n, fraction, seed):
    x = np.arange(n, dtype=float)
    y = x * 10
    xa, ya, xb, yb = split_train_test(x, y, fraction, seed)
    assert sorted(np.concatenate([xa, xb]).tolist()) == x.tolist()
    np.testing.assert_array_equal(ya, xa * 10)
    np.testing.assert_array_equal(yb, xb * 10)
    if n:
        assert xa.size >= 1
    if n >= 2 and fraction > 0:
        assert xb.size >= 1
    assert np.all(np.diff(xa) > 0) and np.all(np.diff(xb) > 0)
    again = split_train_test(x, y, fraction, seed)
    np.testing.assert_array_equal(again[2], xb)


def test_split_rejects_bad_arguments():
    with pytest.raises(ValueError, match="fraction"):
        split_train_test([1, 2], [1, 2], 1.0)
    with pytest.raises(ValueError, match="same number"):
        split_train_test([1, 2], [1], 0.5)
    assert split_train_test([1.0, 2.0, 3.0, 4.0], [0, 0, 0, 0], 0.0)[2].size == 0
