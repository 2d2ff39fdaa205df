"""The editor shows the network's real output activation and offers only what fits the task."""
from __future__ import annotations

from reluplay.presets import load_preset
from tests.ui.plane_lessons import three_class_lesson, xor_lesson


def _choices(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_softmax_and_sigmoid_classifiers_show_their_output(open_window):
    window = open_window(three_class_lesson())
    combo = window.editor.output_activation_combo
    assert combo.currentText() == "Softmax" and _choices(combo) == ["Softmax"]
    assert not combo.isEnabled() and "softmax" in combo.toolTip()
    window.session.load(xor_lesson())  # two classes: one sigmoid unit
    assert combo.currentText() == "Sigmoid" and _choices(combo) == ["Sigmoid"]


def test_regression_offers_identity_and_relu(open_window):
    window = open_window(load_preset("relu-in-action"))
    combo = window.editor.output_activation_combo
    assert combo.currentText() == "ReLU" and combo.isEnabled()
    assert [combo.itemData(i) for i in range(combo.count())] == ["identity", "relu"]
    combo.activated.emit(combo.findData("identity"))
    assert window.session.network.output_layer.activation == "identity"
    assert combo.currentData() == "identity"
