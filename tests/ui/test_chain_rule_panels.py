"""Issue 13 item 7: the numbers panels teach the chain rule.

Walkthrough and backward step side by side; a clicked gradient taken apart point by point; the
target, error and squared error at the walkthrough's x; error lines on plot 3; kink moves of a Step.
"""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from reluplay.presets import load_preset
from reluplay.teach import chain_rule, explain
from reluplay.ui.panels.docks import FOLD_WIDTH


def _open(open_window, lesson, *docks):
    window = open_window(load_preset(lesson))
    for dock in docks:
        getattr(window, dock).show()
    return window


def test_walkthrough_and_backward_step_sit_side_by_side_under_the_plots(open_window, qtbot):
    window = _open(open_window, "step-by-step", "walkthrough_dock", "backward_dock")
    forward, backward = window.walkthrough_dock, window.backward_dock
    qtbot.waitUntil(lambda: forward.isVisible() and backward.isVisible() and forward.width() > 100)
    assert not forward.isFloating() and not backward.isFloating()
    assert window.tabifiedDockWidgets(forward) == []  # not tabs of one dock: both readable at once
    # one row, left and right (the layout settles after both docks are shown)
    qtbot.waitUntil(lambda: forward.geometry().right() < backward.geometry().left(), timeout=3000)
    f, b = forward.geometry(), backward.geometry()
    assert abs(f.top() - b.top()) <= 2
    plots = window.plots
    plots_bottom = plots.mapTo(window, plots.rect().bottomLeft()).y()
    assert f.top() >= plots_bottom and b.top() >= plots_bottom  # under the plots
    assert window.walkthrough_panel.table.isVisible() and window.backward_panel.gradient_table.isVisible()
    # An even share of the width, and the window did not grow to make room.
    qtbot.waitUntil(lambda: abs(forward.width() - backward.width()) <= 20, timeout=3000)
    assert window.width() == 1400
    # Too narrow for notes beside the tables: each panel folds them underneath.
    for panel in (window.walkthrough_panel, window.backward_panel):
        assert panel.width() < FOLD_WIDTH
        assert panel.splitter.orientation() == Qt.Orientation.Vertical
    backward.hide()
    qtbot.waitUntil(lambda: window.walkthrough_panel.width() >= FOLD_WIDTH)
    assert window.walkthrough_panel.splitter.orientation() == Qt.Orientation.Horizontal


def _click_row(qtbot, table, r):
    rect = table.visualRect(table.model().index(r, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_clicking_a_gradient_row_shows_its_per_point_terms(open_window, qtbot):
    window = _open(open_window, "step-by-step", "backward_dock")
    panel = window.backward_panel
    s = window.session
    qtbot.waitUntil(lambda: panel.gradient_table.isVisible())
    first = explain.parameter_rows(s.network)[0]
    assert f"How the gradient of {first.name} is made" in panel.derivation_text()  # the first row at first
    r = panel.gradient_model.find_row("output w of B")
    _click_row(qtbot, panel.gradient_table, r)
    text = panel.derivation_text()
    assert "How the gradient of output w of B is made" in text
    assert "∂L/∂(output w of B) = Σ over the 5 points of 2/N × error × activation of B" in text
    d = chain_rule.derive(s.network, panel.chosen_parameter, s.x, s.y, s.settings.l2)
    assert d.gradient == pytest.approx(panel.gradient_model.value(r, 2), rel=1e-12)  # the terms add up to the table's gradient
    for line in chain_rule.derivation_lines(d):
        assert line.replace("…", "&hellip;") in text or line in text
    # The arrow keys choose too.
    panel.gradient_table.setFocus()
    qtbot.keyClick(panel.gradient_table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: "How the gradient of output bias is made" in panel.derivation_text())
    _click_row(qtbot, panel.gradient_table, r)
    # It follows training: after a Step the terms are the new network's.
    with qtbot.waitSignal(window.controller.steps_completed, timeout=5000):
        window.shared_actions["step"].trigger()
    qtbot.waitUntil(lambda: f"gradient = {explain.fmt(panel.gradient_model.value(r, 2))}" in panel.derivation_text())


def test_walkthrough_shows_target_error_and_squared_error(open_window, qtbot):
    window = _open(open_window, "relu-in-action", "walkthrough_dock")
    panel = window.walkthrough_panel
    s = window.session
    qtbot.waitUntil(lambda: panel.error_label.isVisible())
    i = int(np.argmin(np.abs(s.x - 0.5)))
    y_hat = float(s.network([0.5])[0])
    err = y_hat - float(s.y[i])
    assert panel.error_label.text() == (
        f"Data point x = 0.5: target y = {explain.fmt(s.y[i])}, error ŷ − y = {explain.fmt(err)}, "
        f"squared error = {explain.fmt(err ** 2)}")
    assert f"over all {s.x.size} data points" in panel.error_label.toolTip()
    assert panel.output_label.text() == f"ŷ(0.5) = {explain.fmt(y_hat)}"
    panel.x_spin.setValue(0.55)
    assert panel.error_label.text().startswith("Nearest data point x = 0.5: ")


def test_output_row_names_the_output_activation(open_window, qtbot):
    window = _open(open_window, "relu-in-action", "walkthrough_dock")
    panel = window.walkthrough_panel
    model = panel.table_model
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    assert model.headers[2] == "ReLU"
    assert model.text(model.rowCount() - 1, 0) == "output ŷ = ReLU(sum)"  # the lesson clips its output
    assert model.value(model.rowCount() - 1, 5) == window.session.network([panel.x])[0]
    window.session.set_output_activation("identity")
    assert model.text(model.rowCount() - 1, 0) == "output ŷ (no activation)"
    assert model.text(model.rowCount() - 1, 2) == ""  # nothing under the hidden layer's "ReLU"


def test_error_lines_join_each_point_to_the_curve(open_window, qtbot):
    window = _open(open_window, "relu-in-action")
    lines = window.error_lines
    s = window.session
    assert lines.action in window.menus["view"].actions()
    assert not lines.item.isVisible()
    lines.action.trigger()
    assert lines.item.isVisible() and lines.item.opts["connect"] == "pairs"
    xs, ys = lines.segments()
    assert xs.tolist() == np.repeat(s.x, 2).tolist()
    assert ys.tolist() == np.column_stack([s.y, s.network(s.x)]).ravel().tolist()
    s.set_output_bias(float(s.network.output_layer.biases[0]) + 0.5)  # the curve moves: so do the lines
    qtbot.waitUntil(lambda: lines.segments()[1][1::2].tolist() == s.network(s.x).tolist())
    lines.action.trigger()
    assert not lines.item.isVisible()


def test_last_step_tells_where_each_kink_moved(open_window, qtbot):
    window = _open(open_window, "step-by-step", "backward_dock")
    panel = window.backward_panel
    s = window.session
    before = [explain.fmt(k) for k in (-b / w for w, b in zip(s.network.layers[0].weights[:, 0],
                                                                s.network.layers[0].biases))]
    assert not panel.kink_moves_label.isVisible()
    with qtbot.waitSignal(window.controller.steps_completed, timeout=5000):
        window.shared_actions["step"].trigger()
    qtbot.waitUntil(lambda: panel.kink_moves_label.isVisible())
    after = [explain.fmt(k) for k in (-b / w for w, b in zip(s.network.layers[0].weights[:, 0],
                                                               s.network.layers[0].biases))]
    text = panel.kink_moves_label.text()
    assert f"Kink of unit A moved from x = {before[0]} to {after[0]}" in text or \
        f"Kink of unit A stayed at x = {after[0]}" in text
    assert before != after and "moved from x = " in text
