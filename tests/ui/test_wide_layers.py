"""The largest network the limits allow stays usable in the window (issue 11)."""
from __future__ import annotations

import numpy as np

from reluplay.core import MAX_HIDDEN_LAYERS, MAX_UNITS_PER_LAYER, Network
from reluplay.presets import Preset, ViewRange


def largest_preset() -> Preset:
    x = np.linspace(-1, 1, 200)
    network = Network.initialized([MAX_UNITS_PER_LAYER] * MAX_HIDDEN_LAYERS, "relu", seed=3)
    return Preset(network=network, x=x, y=np.sin(3 * x), view=ViewRange((-1, 1), (-1.5, 1.5)))


def test_a_wide_layer_shows_its_first_cards_at_once_and_the_rest_when_idle(open_window, qtbot):
    window = open_window(largest_preset())
    editor, session = window.editor, window.session
    qtbot.waitUntil(lambda: editor.cards_complete, timeout=30_000)

    editor.layer_combo.setCurrentIndex(2)  # switching builds only the first batch before returning
    assert 1 <= len(editor.cards) <= 8
    qtbot.waitUntil(lambda: editor.cards_complete, timeout=30_000)
    assert len(editor.cards) == MAX_UNITS_PER_LAYER

    # the cards built later show their unit's numbers and edit their unit
    last = editor.cards[-1]
    assert last.bias.value() == session.network.layers[2].biases[-1]
    last.bias.spin.setValue(0.25)
    assert session.network.layers[2].biases[-1] == 0.25
    assert "Unit" in last.title.text()


def test_switching_layers_while_cards_are_being_built_keeps_the_new_layer(open_window, qtbot):
    window = open_window(largest_preset())
    editor = window.editor
    editor.layer_combo.setCurrentIndex(1)
    editor.layer_combo.setCurrentIndex(4)  # before layer 2's cards were all built
    qtbot.waitUntil(lambda: editor.cards_complete, timeout=30_000)
    biases = window.session.network.layers[4].biases
    assert [card.bias.value() for card in editor.cards] == list(biases)


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
    with qtbot.waitSignal(window.controller.steps_completed, timeout=60_000):
        window.controller.step(12)
    qtbot.waitUntil(lambda: not window.controller.busy and window.session.step == 12, timeout=30_000)
    expected = window.rewind.history.state_at(11)[1].params.copy()  # replayed here once, as a reference
    replayed = []
    real_step = Trainer.step
    monkeypatch.setattr(Trainer, "step", lambda self, n=1: replayed.append(n) or real_step(self, n))
    window.rewind.step_back()
    qtbot.waitUntil(lambda: window.session.step == 11 and not window.controller.busy, timeout=30_000)
    interval = snapshot_interval(window.session.network, window.session.x.size, window.session.settings)
    assert sum(replayed) <= interval < 64
    assert np.array_equal(window.session.network.params, expected)
