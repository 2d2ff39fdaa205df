"""Single-key shortcuts step training from the plots, but never while a field is being edited."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reluplay.ui.features.shortcuts import ShortcutsDialog, window_actions


def _steps_after(qtbot, window, steps_wanted: int | None):
    if steps_wanted is None:
        QApplication.processEvents()  # a key that stepped would have started a step by now
        assert not window.controller.busy
    else:
        qtbot.waitUntil(lambda: window.session.step == steps_wanted, timeout=5000)
    return window.session.step


def test_right_arrow_on_the_plots_steps_training(sine_window, qtbot):
    window = sine_window
    window.activateWindow()
    window.plots.canvas.setFocus()
    QApplication.processEvents()
    qtbot.keyClick(window.plots.canvas, Qt.Key.Key_Right)
    assert _steps_after(qtbot, window, 1) == 1
    qtbot.keyClick(window.plots.canvas, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert _steps_after(qtbot, window, 11) == 11


def test_keys_typed_into_a_spin_box_edit_it_and_do_not_step(sine_window, qtbot):
    window = sine_window
    spin = window.training_panel.l2_spin
    spin.setFocus()
    spin.lineEdit().selectAll()
    QApplication.processEvents()
    qtbot.keyClicks(spin, "0.5")
    qtbot.keyClick(spin, Qt.Key.Key_Right)  # moves the cursor, does not step
    qtbot.keyClick(spin, Qt.Key.Key_Space)
    qtbot.keyClick(spin, Qt.Key.Key_R)
    assert _steps_after(qtbot, window, None) == 0
    assert not window.controller.running
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert window.session.settings.l2 == 0.5


def test_arrow_keys_move_a_focused_slider_not_training(relu_window, qtbot):
    window = relu_window
    from reluplay.ui.panels.param_control import ParamControl

    control = window.editor.findChildren(ParamControl)[0]
    before = control.slider.value()
    control.slider.setFocus()
    QApplication.processEvents()
    qtbot.keyClick(control.slider, Qt.Key.Key_Right)
    assert _steps_after(qtbot, window, None) == 0
    assert control.slider.value() != before


def test_shortcuts_dialog_lists_every_action_with_a_key(sine_window, qtbot):
    window = sine_window
    actions = window_actions(window)
    keys = {a.shortcut().toString() for a in actions}
    for expected in ("Space", "Right", "Shift+Right", "R", "Ctrl+O", "Ctrl+S", "F5", "F11"):
        assert expected in keys
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    listed = dialog.listed_texts()
    assert dialog.table.rowCount() == len(actions)
    for name in ("Play", "Step", "Step ×10", "Reset", "Open", "Save", "Presentation mode", "Full screen"):
        assert name in listed
