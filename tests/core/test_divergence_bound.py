"""Training that takes a weight beyond what a preset can hold has diverged, even while it is finite."""
from __future__ import annotations

import numpy as np

from reluplay.core import Network, Trainer, TrainingSettings
from reluplay.core.training import MAX_TRAINED_PARAMETER
from reluplay.presets.limits import MAX_ABS_PARAMETER


def test_the_bound_is_the_preset_formats_limit():
    assert MAX_TRAINED_PARAMETER == MAX_ABS_PARAMETER


def test_a_step_past_the_bound_diverges_and_keeps_the_step_before():
    # y = w2 * (w1 * x + b1) + b2 on one point (1, 0), gradient descent at rate 1000: one step
    # takes every parameter to about -2000, the next one to about 1e13, finite but unsaveable.
    net = Network([([[1.0]], [0.0], "identity"), ([[1.0]], [0.0], "identity")])
    trainer = Trainer(net, np.array([1.0]), np.array([0.0]),
                      TrainingSettings(optimizer="gd", learning_rate=1000.0))
    assert trainer.step(10) == 1
    _, gradient = trainer.gradient()
    next_step = trainer.network.params - 1000.0 * gradient
    assert np.all(np.isfinite(next_step)) and np.max(np.abs(next_step)) > MAX_TRAINED_PARAMETER
    assert trainer.divergence is not None and "1e12" in trainer.divergence and "step 2" in trainer.divergence
    assert np.array_equal(trainer.network.params, [-1999.0, -2000.0, -1999.0, -2000.0])
