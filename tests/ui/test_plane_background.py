"""A big network's plane is sampled off the GUI thread (issue 11 at two inputs): what it draws is exact."""
from __future__ import annotations

import dataclasses

import numpy as np

from reluplay.core import Network
from reluplay.presets import load_preset
from reluplay.ui.plots.plane.background import BACKGROUND_WORK, grid_work


def big_spiral():
    lesson = load_preset("spiral")
    net = Network.initialized([16, 16, 16], "relu", output_activation="sigmoid", seed=3, features=("x1", "x2"))
    assert grid_work(net) > BACKGROUND_WORK and grid_work(lesson.network) <= BACKGROUND_WORK
    return dataclasses.replace(lesson, network=net)


def drawn_value_is_the_networks(window, row: int, col: int) -> bool:
    sample = window.plane.sample
    x1, x2 = sample.output_axes
    expected = float(window.session.network(np.array([[x1[col], x2[row]]]))[0])
    return abs(float(sample.output[0, row, col]) - expected) < 1e-5


def test_a_big_network_is_drawn_from_the_background_and_exactly(open_window, qtbot):
    window = open_window(big_spiral())
    plane = window.plane
    before = plane.redraw_count
    window.controller.step(3)
    qtbot.waitUntil(lambda: window.session.step == 3 and not window.controller.busy, timeout=20_000)
    qtbot.waitUntil(lambda: plane.redraw_count > before and not plane._background_pending, timeout=20_000)
    assert plane._background.generation >= 1  # it went through the pool
    assert drawn_value_is_the_networks(window, 20, 170) and drawn_value_is_the_networks(window, 150, 3)


def test_an_older_background_sample_never_covers_a_newer_drawing(open_window, qtbot):
    window = open_window(big_spiral())
    plane = window.plane
    plane.refresh()  # a background sample of the network as it is now...
    assert plane._background_pending
    weights = window.session.network.layers[0].weights
    window.session.network.set_params(window.session.network.params * 0.5)  # ...then the network changes
    plane.redraw_now()  # and is drawn at once
    qtbot.waitUntil(lambda: not plane._background_pending, timeout=20_000)  # the stale one, and any it asked for
    assert weights is window.session.network.layers[0].weights
    assert drawn_value_is_the_networks(window, 100, 100) and drawn_value_is_the_networks(window, 7, 190)
