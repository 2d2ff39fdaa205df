"""The largest network the limits allow stays usable in the window (issue 11)."""
from __future__ import annotations

import numpy as np

from reluplay.core import MAX_HIDDEN_LAYERS, MAX_UNITS_PER_LAYER, Network
from reluplay.presets import Preset, ViewRange
from reluplay.ui.panels.editor import CARDS_AT_ONCE


def largest_preset() -> Preset:
    x = np.linspace(-1, 1, 200)
    network = Network.initialized([MAX_UNITS_PER_LAYER] * MAX_HIDDEN_LAYERS, "relu", seed=3)
    return Preset(network=network, x=x, y=np.sin(3 * x), view=ViewRange((-1, 1), (-1.5, 1.5)))


def test_a_wide_layer_shows_its_first_cards_at_once_and_the_rest_when_idle(open_window, qtbot):
    window = open_window(largest_preset())
    editor, session = window.editor, window.session
    qtbot.waitUntil(lambda: editor.cards_complete, timeout=30_000)

    editor.layer_combo.setCurrentIndex(2)  # switching builds only the first batch before returning
    assert len(editor.cards) == CARDS_AT_ONCE < MAX_UNITS_PER_LAYER
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
