"""The window's sampler keeps its buffers between frames and still shows each frame's own network."""
from __future__ import annotations

import numpy as np

from reluplay.core import Network
from reluplay.ui.plots.plane.evaluate import PlaneSampler
from reluplay.ui.plots.plane.geometry import grid_points

BOX = ((-6.0, 6.0), (-4.0, 5.0))


def _check(sample, net):
    output = net.forward(grid_points(BOX, 200))
    units = net.forward(grid_points(BOX, 64))
    assert np.array_equal(sample.output.reshape(sample.output.shape[0], -1), output.post[-1].astype(np.float32))
    assert np.array_equal(sample.logits.reshape(sample.logits.shape[0], -1), output.pre[-1].astype(np.float32))
    for i in range(len(net.hidden_layers)):
        assert np.array_equal(sample.unit_pre[i].reshape(sample.unit_pre[i].shape[0], -1), units.pre[i].astype(np.float32))
        assert np.array_equal(sample.unit_post[i].reshape(sample.unit_post[i].shape[0], -1), units.post[i].astype(np.float32))


def test_training_moves_the_parameters_in_place_and_each_frame_shows_them():
    net = Network.initialized([8, 8], "relu", "sigmoid", seed=3, features=("x1", "x2"))
    sampler = PlaneSampler()
    first = sampler.sample(net, BOX)
    _check(first, net)
    kept = first.output.copy()
    net.set_params(net.params + 0.05)  # as a training frame does
    second = sampler.sample(net, BOX)
    _check(second, net)
    assert not np.array_equal(second.output, kept)
    assert np.array_equal(first.output, kept)  # an earlier frame's images are its own, not overwritten


def test_a_new_network_or_activation_gets_new_buffers():
    sampler = PlaneSampler()
    sampler.sample(Network.initialized([8, 8], "relu", "sigmoid", seed=3, features=("x1", "x2")), BOX)
    other = Network.initialized([5], "tanh", "softmax", seed=4, features=("x1", "x2", "x1*x2"), n_outputs=3)
    _check(sampler.sample(other, BOX), other)
    wide = Network.initialized([64, 64], "relu", seed=5, features=("x1", "x2"))
    _check(sampler.sample(wide, BOX), wide)
