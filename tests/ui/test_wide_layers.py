"""The largest network the limits allow stays usable in the window (issue 11)."""
from __future__ import annotations

import numpy as np

from reluplay.core import MAX_HIDDEN_LAYERS, MAX_UNITS_PER_LAYER, Network
from reluplay.presets import Preset, ViewRange


def largest_preset() -> Preset:
    x = np.linspace(-1, 1, 200)
    network = Network.initialized([MAX_UNITS_PER_LAYER] * MAX_HIDDEN_LAYERS, "relu", seed=3)
    return Preset(network=network, x=x, y=np.sin(3 * x), view=ViewRange((-1, 1), (-1.5, 1.5)))


def test_a_wide_layer_shows_its_unit_cards_a_page_at_a_time(open_window):
    window = open_window(largest_preset())
    editor, session = window.editor, window.session
    first_page = len(editor.cards)
    assert 1 < first_page < MAX_UNITS_PER_LAYER and editor.page_label.isVisibleTo(editor)
    assert not editor.previous_page_button.isEnabled() and editor.next_page_button.isEnabled()

    editor.layer_combo.setCurrentIndex(2)  # a deeper layer: cards with more controls, fewer a page
    page = len(editor.cards)
    assert 1 <= page <= 8 and f"(1–{page} of {MAX_UNITS_PER_LAYER})" in editor.page_label.text()
    while editor.next_page_button.isEnabled():
        editor.next_page_button.click()
    last = editor.cards[-1]  # the last unit of the layer, with its own numbers, editing its own unit
    assert f"of {MAX_UNITS_PER_LAYER})" in editor.page_label.text()
    assert last.bias.value() == session.network.layers[2].biases[-1]
    last.bias.spin.setValue(0.25)
    assert session.network.layers[2].biases[-1] == 0.25
    editor.previous_page_button.click()
    assert editor.next_page_button.isEnabled()

    editor.layer_combo.setCurrentIndex(0)  # another layer starts at its first page
    assert len(editor.cards) == first_page and "(1–" in editor.page_label.text()


def test_a_narrow_layer_has_no_pages(open_window):
    window = open_window(Preset(network=Network.initialized([5], "relu", seed=1)))
    assert len(window.editor.cards) == 5 and not window.editor.page_label.isVisibleTo(window.editor)


def test_rewinding_one_step_of_a_large_network_replays_few_steps(open_window, qtbot, monkeypatch):
    from reluplay.core import Trainer, TrainingSettings
    from reluplay.state.rewind_history import snapshot_interval

    small = Network.initialized([4], "relu", seed=1)
    largest = largest_preset().network
    full_batch = TrainingSettings(optimizer="adam")
    assert snapshot_interval(small, 50, full_batch) == 64  # cheap steps: the usual interval
    assert snapshot_interval(largest, 2000, full_batch) == 1  # a snapshot every step
    assert snapshot_interval(largest, 2000, TrainingSettings(optimizer="sgd", batch_size=8)) > 1

    window = open_window(largest_preset())
    # One Step at a time, as a class steps: each step's frame is recorded (a frame that brings
    # several steps at once is snapshotted where it ends, so a rewind may replay up to a frame's steps).
    for done in range(1, 13):
        window.controller.step(1)
        qtbot.waitUntil(lambda done=done: not window.controller.busy and window.session.step == done, timeout=30_000)
    expected = window.rewind.history.state_at(11)[1].params.copy()  # replayed here once, as a reference
    replayed = []
    real_step = Trainer.step
    monkeypatch.setattr(Trainer, "step", lambda self, n=1: replayed.append(n) or real_step(self, n))
    window.rewind.step_back()
    qtbot.waitUntil(lambda: window.session.step == 11 and not window.controller.busy, timeout=30_000)
    interval = snapshot_interval(window.session.network, window.session.x.size, window.session.settings)
    assert sum(replayed) <= interval < 64
    assert np.array_equal(window.session.network.params, expected)


def test_a_frame_brings_the_loss_and_dead_units_the_session_would_compute(open_window, qtbot):
    from reluplay.core.analysis import dead_units
    from reluplay.state.training_loop import loss_and_dead_units

    net = Network.initialized([6, 5], "relu", seed=4)
    net.layers[0].biases[:2] = -50.0  # two units off at every point
    x = np.linspace(-1, 1, 30)
    y = np.sin(3 * x)
    loss, dead = loss_and_dead_units(net, x, y)
    assert loss == net.loss(x, y)  # the same arithmetic: bit for bit
    assert dead == {0: dead_units(net, x, 0), 1: dead_units(net, x, 1)} and dead[0] == [0, 1]

    window = open_window(Preset(network=net, x=x, y=y))
    session = window.session
    with qtbot.waitSignal(window.controller.steps_completed, timeout=20_000):
        window.controller.step(3)
    qtbot.waitUntil(lambda: not window.controller.busy and session.step == 3, timeout=10_000)
    assert session.loss() == session.network.loss(x, y)
    assert [session.dead_units(i) for i in (0, 1)] == [dead_units(session.network, x, i) for i in (0, 1)]
