"""Two-input lessons built in the tests (until and beside the built-in ones)."""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from reluplay.core import Network, TrainingSettings
from reluplay.core.datasets_2d import make_three_gauss, make_train_test_2d
from reluplay.presets.model import Preset, ViewRange


def xor_lesson(units: int = 4, seed: int = 1) -> Preset:
    """XOR, two classes: a 2-units-1 sigmoid network with cross-entropy."""
    x, y, tx, ty = make_train_test_2d("xor", noise_percent=0, train_percent=50, seed=seed)
    net = Network.initialized([units], "relu", "sigmoid", seed=seed, features=("x1", "x2"))
    return Preset(network=net, name="XOR test", x=x, y=y.astype(float), test_x=tx, test_y=ty.astype(float),
                  training=TrainingSettings(optimizer="adam", learning_rate=0.03, loss="cross_entropy"),
                  view=ViewRange(x_range=(-6.0, 6.0), y_range=(0.0, 1.0), x2_range=(-6.0, 6.0)),
                  task="classification", classes=2)


def plane_regression_lesson() -> Preset:
    """Three folds on the plane, regression: the regions are known (7 in the box)."""
    layers = [(np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]), np.array([-1.0, 2.0, 0.0]), "relu"),
              (np.array([[1.0, -2.0, 0.5]]), np.array([0.3]), "identity")]
    net = Network(layers, features=("x1", "x2"))
    rng = np.random.default_rng(0)
    x = rng.uniform(-6, 6, size=(40, 2))
    y = (x[:, 0] + x[:, 1]) / 10
    return Preset(network=net, name="Folds test", x=x, y=y, training=TrainingSettings(optimizer="adam", learning_rate=0.01),
                  view=ViewRange(x_range=(-6.0, 6.0), y_range=(-3.0, 3.0), x2_range=(-6.0, 6.0)))


def three_class_lesson() -> Preset:
    x, y = make_three_gauss(seed=2)[:2]
    net = Network.initialized([6], "relu", "softmax", seed=3, features=("x1", "x2"), n_outputs=3)
    return Preset(network=net, name="Three classes test", x=x, y=y.astype(float),
                  training=TrainingSettings(optimizer="adam", learning_rate=0.03, loss="cross_entropy"),
                  view=ViewRange(x_range=(-6.0, 6.0), y_range=(0.0, 1.0), x2_range=(-6.0, 6.0)),
                  task="classification", classes=3)


def with_view(preset: Preset, **view) -> Preset:
    return replace(preset, view=replace(preset.view, **view))
