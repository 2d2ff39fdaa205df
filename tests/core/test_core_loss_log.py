"""The one loss log behind the loss plot and rewind: bounded, every kept value a real step's loss."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reluplay.core.loss_log import LossLog


def test_every_step_is_kept_until_the_log_is_full_then_every_other_one():
    log = LossLog(capacity=8)
    log.extend(0, np.arange(8.0))
    steps, losses = log.arrays()
    assert steps.tolist() == list(range(8)) and losses.tolist() == list(range(8))
    log.extend(8, [8.0, 9.0])
    steps, losses = log.arrays()
    assert log.stride == 2 and steps.tolist() == [0, 2, 4, 6, 8] and losses.tolist() == [0, 2, 4, 6, 8]


def test_keep_before_forgets_later_steps_and_training_goes_on_from_there():
    log = LossLog(capacity=100)
    log.extend(0, np.arange(10.0))
    log.keep_before(4)
    assert log.last_step == 3
    log.extend(4, [40.0, 50.0])
    assert log.arrays()[1].tolist() == [0, 1, 2, 3, 40, 50]


def test_overlapping_losses_replace_the_old_ones_and_a_gap_is_nan():
    log = LossLog(capacity=100)
    log.extend(0, [1.0, 2.0, 3.0])
    log.extend(1, [20.0])
    assert log.arrays()[1].tolist() == [1.0, 20.0]
    log.extend(4, [5.0])
    steps, losses = log.arrays()
    assert steps.tolist() == [0, 1, 2, 3, 4] and np.isnan(losses[2:4]).all() and losses[4] == 5.0


def test_a_tiny_capacity_is_refused():
    with pytest.raises(ValueError, match="at least 2"):
        LossLog(capacity=1)


@settings(max_examples=200, deadline=None)
@given(capacity=st.integers(2, 40), chunks=st.lists(st.integers(1, 30), min_size=1, max_size=12))
def test_the_log_is_bounded_and_each_entry_is_its_steps_loss(capacity, chunks):
    log, step = LossLog(capacity), 0
    for n in chunks:
        log.extend(step, np.arange(step, step + n, dtype=float))  # the loss of step k is k
        step += n
        steps, losses = log.arrays()
        assert len(log) <= capacity
        np.testing.assert_array_equal(losses, steps.astype(float))
        assert steps[-1] <= step - 1 < steps[-1] + log.stride
