"""How often the training worker sends frames: by the work of one pass over the data points."""
from __future__ import annotations

import numpy as np

from reluplay.core import Network, Trainer, TrainingSettings
from reluplay.state.training_loop import FRAME_INTERVAL_S, frame_interval_for


def test_two_input_points_count_once_not_per_coordinate():
    # 2-64-64-1 on 2,000 points: 2,000 x (128 + 4,096 + 64) multiply-adds a pass, beyond the
    # budget; a point (x1, x2) is one point, so the interval is that of 2,000 one-input values.
    net = Network.initialized([64, 64], "relu", seed=1, features=("x1", "x2"))
    points = np.random.default_rng(0).uniform(-6, 6, size=(2000, 2))
    trainer = Trainer(net, points, np.zeros(2000), TrainingSettings())
    work = 2000 * (2 * 64 + 64 * 64 + 64)
    assert trainer.x.shape == (2000, 2)
    assert frame_interval_for(net, trainer.x) == FRAME_INTERVAL_S * work / 5e6
    assert frame_interval_for(net, trainer.x) == frame_interval_for(net, trainer.x[:, 0])


def test_small_work_gets_the_full_frame_rate():
    net = Network.initialized([8, 8], "relu", seed=1, features=("x1", "x2"))
    assert frame_interval_for(net, np.zeros((500, 2))) == FRAME_INTERVAL_S
