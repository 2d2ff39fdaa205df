"""Presentation mode: what a class sees, and exactly the old layout back afterwards."""
from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QDockWidget, QLabel

from reluplay.cli.main import main


def _visible_docks(window) -> set[str]:
    return {d.objectName() for d in window.findChildren(QDockWidget) if d.isVisible()}


def test_presentation_hides_advanced_controls_and_restores_them(sine_window, qtbot):
    window = sine_window
    panel = window.training_panel
    before_docks = _visible_docks(window)
    before_state = bytes(window.saveState())
    assert "network_dock" in before_docks and panel.learning_rate_spin.isVisible()
    normal_width = window.plots.output_curve.opts["pen"].widthF()

    window.presentation.action.trigger()  # the F5 / toolbar action
    qtbot.waitUntil(lambda: window.presentation.active)
    assert window.presentation.active
    assert _visible_docks(window) == {"training_dock"}
    for hidden in (panel.learning_rate_spin, panel.batch_spin, panel.optimizer_combo, panel.l2_spin,
                   window.toolbar):
        assert not hidden.isVisible()
    for shown in (panel.speed_combo, panel.buttons["play"], panel.buttons["step"], panel.buttons["reset"],
                  panel.buttons["step10"], window.unit_strip.bar,
                  panel.step_label, panel.loss_label, window.presentation.toolbar):
        assert shown.isVisible()
    assert panel.step_label.font().pointSize() > 30
    assert window.plots.output_curve.opts["pen"].widthF() > normal_width

    window.presentation.action.trigger()
    qtbot.waitUntil(lambda: not window.presentation.active)
    assert not window.presentation.active
    assert _visible_docks(window) == before_docks
    qtbot.waitUntil(lambda: bytes(window.saveState()) == before_state)  # once the layout has settled
    assert panel.learning_rate_spin.isVisible() and window.toolbar.isVisible()
    assert not window.presentation.toolbar.isVisible()
    assert window.plots.output_curve.opts["pen"].widthF() == normal_width


def test_f11_toggles_full_screen_and_leaving_presentation_restores_window_state(sine_window, qtbot):
    window = sine_window
    window.presentation.action.trigger()
    window.presentation.full_screen_action.trigger()
    qtbot.waitUntil(window.isFullScreen)
    window.presentation.action.trigger()
    qtbot.waitUntil(lambda: not window.isFullScreen())


def test_presentation_thick_lines_survive_a_dead_unit_change(sine_window, qtbot):
    window = sine_window
    window.presentation.set_active(True)
    # Kill unit A: its pen changes to the dead style, still at presentation width.
    window.session.set_bias(0, 0, -100.0)
    window.session.set_weight(0, 0, 0, 0.001)
    window.plots.redraw_now()
    widths = {round(c.opts["pen"].widthF(), 3) for c in window.plots.unit_curves}
    window.presentation.set_active(False)
    window.plots.redraw_now()
    normal = {round(c.opts["pen"].widthF(), 3) for c in window.plots.unit_curves}
    assert min(widths) > max(normal)


def test_screenshot_of_presentation_mode_differs_from_the_normal_one(tmp_path):
    from PySide6.QtGui import QImage

    normal, presenting = tmp_path / "normal.png", tmp_path / "presenting.png"
    assert main(["--screenshot", str(normal), "relu-in-action"]) == 0
    assert main(["--screenshot", str(presenting), "--presentation", "relu-in-action"]) == 0
    a, b = QImage(str(normal)), QImage(str(presenting))
    assert a.size() == b.size() and not a.isNull()
    # The editor dock is gone: the top left of the window is plot, not a panel of spin boxes.
    pixels_a = np.frombuffer(bytes(a.constBits()), np.uint8)
    pixels_b = np.frombuffer(bytes(b.constBits()), np.uint8)
    assert np.mean(pixels_a != pixels_b) > 0.2


def test_escape_leaves_full_screen_then_presentation_mode(sine_window, qtbot):
    from PySide6.QtCore import Qt

    window = sine_window
    window.presentation.action.trigger()
    window.presentation.full_screen_action.trigger()
    qtbot.waitUntil(window.isFullScreen, timeout=2000)
    window.plots.setFocus()
    qtbot.keyClick(window.plots, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=2000)
    assert window.presentation.active  # the first Esc only leaves full screen
    qtbot.keyClick(window.plots, Qt.Key.Key_Escape)
    assert not window.presentation.active
    assert window.toolbar.isVisible()


def test_presentation_enlarges_the_first_hint_and_the_error_lines_and_gives_them_back(open_window, qtbot):
    from reluplay.presets import load_preset
    from reluplay.ui.features.plain_words import forget_shown_hints

    forget_shown_hints()  # as at the start of a run: the lesson's hint is shown
    window = open_window(load_preset("relu-in-action"))
    forget_shown_hints()
    hint, lines = window.first_hint, window.error_lines
    assert hint.isVisible()
    lines.action.setChecked(True)  # View → Error lines
    desk_font, desk_button = hint.label.font().pointSizeF(), hint.close_button.font().pointSizeF()
    desk_pen = lines.item.opts["pen"].widthF()

    window.presentation.action.trigger()  # F5
    qtbot.waitUntil(lambda: window.presentation.active)
    assert hint.label.font().pointSizeF() >= 1.5 * desk_font  # as large as the rest of the screen
    assert hint.close_button.font().pointSizeF() >= 1.5 * desk_button
    assert lines.item.opts["pen"].widthF() >= 1.5 * desk_pen
    assert lines.segments()[0].size  # still drawn
    status = window.statusBar().findChildren(QLabel)[0]
    assert hint.label.font().pointSizeF() >= status.font().pointSizeF()  # no smaller than the status bar

    window.presentation.action.trigger()
    qtbot.waitUntil(lambda: not window.presentation.active)
    assert hint.label.font().pointSizeF() == desk_font and hint.close_button.font().pointSizeF() == desk_button
    assert lines.item.opts["pen"].widthF() == desk_pen
