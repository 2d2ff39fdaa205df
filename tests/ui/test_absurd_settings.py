"""Absurd settings are clamped by the widgets or refused with a message: never a crash."""
from __future__ import annotations

from PySide6.QtCore import Qt

from reluplay.core import MAX_DATA_POINTS, MAX_UNITS_PER_LAYER, Network
from reluplay.core.training import MAX_LEARNING_RATE
from reluplay.presets import Preset
from reluplay.state.session import Session


def _type(qtbot, spin, text: str) -> None:
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, text)
    qtbot.keyClick(spin, Qt.Key.Key_Return)


def test_learning_rate_of_a_million_is_clamped(sine_window, qtbot):
    panel = sine_window.training_panel
    panel.learning_rate_spin.setValue(1e6)
    assert sine_window.session.settings.learning_rate == MAX_LEARNING_RATE
    _type(qtbot, panel.learning_rate_spin, "0")
    assert sine_window.session.settings.learning_rate > 0  # zero is below the minimum: clamped up


def test_batch_size_zero_means_all_points_and_huge_is_clamped(sine_window, qtbot):
    panel = sine_window.training_panel
    panel.batch_spin.setValue(7)
    assert sine_window.session.settings.batch_size == 7
    panel.batch_spin.setValue(0)
    assert sine_window.session.settings.batch_size is None
    assert panel.batch_spin.text() == "all points"
    panel.batch_spin.setValue(10**9)
    assert panel.batch_spin.value() == MAX_DATA_POINTS


def test_removing_the_last_unit_is_refused_with_a_message(relu_window, no_modal_dialogs, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: messages.append(text))
    session = relu_window.session
    session.remove_unit(0, 1)
    assert session.network.layers[0].n_out == 1
    session.remove_unit(0, 0)
    assert session.network.layers[0].n_out == 1
    assert messages and "at least one unit" in messages[-1]


def test_ten_thousand_units_are_refused_with_a_message(qtbot):
    session = Session(Preset(network=Network.initialized([MAX_UNITS_PER_LAYER], "relu", seed=1)))
    errors = []
    session.error_raised.connect(lambda title, text: errors.append(text))
    for _ in range(3):
        session.add_unit(0)
    assert session.network.layers[0].n_out == MAX_UNITS_PER_LAYER
    assert len(errors) == 3 and str(MAX_UNITS_PER_LAYER) in errors[0]
    session.deleteLater()
