"""Two inputs: clicking a data point opens its walkthrough and its share of the gradient (issue 12)."""
from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from reluplay.core import TrainingSettings
from reluplay.teach import explain
from reluplay.teach.plane_backward import point_gradient
from reluplay.ui.panels.number_table import VALUE_ROLE
from tests.ui.plane_lessons import plane_regression_lesson, three_class_lesson, xor_lesson


def _click_point(window, qtbot, index: int) -> tuple[float, float]:
    view = window.plane.output
    qtbot.waitUntil(lambda: view.plot.vb.sceneBoundingRect().width() > 50)
    point = window.session.x[index]
    scene = view.plot.vb.mapViewToScene(QPointF(float(point[0]), float(point[1])))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(scene))
    return float(point[0]), float(point[1])


def _column(model, header: str) -> list:
    c = model.headers.index(header)
    return [model.data(model.index(r, c), VALUE_ROLE) for r in range(model.rowCount())]


def _row(model, label: str) -> int:
    return next(r for r in range(model.rowCount()) if model.text(r, 0).strip().startswith(label))


def test_clicking_a_point_shows_its_forward_pass_and_rings_it(open_window, qtbot):
    window = open_window(xor_lesson(units=4))
    s = window.session
    assert window.walkthrough_dock.toggleViewAction().isEnabled()  # no longer greyed out
    window.walkthrough_dock.hide()
    point = _click_point(window, qtbot, 5)
    qtbot.waitUntil(window.walkthrough_dock.isVisible)
    panel = window.walkthrough_panel
    assert panel.point == point
    assert window.plane.output.selected_point == point
    model = panel.table_model
    logit = float(s.network.logits(np.array([point]))[0])
    assert model.value(_row(model, "logit"), 3) == pytest.approx(logit, rel=1e-12)
    p = 1 / (1 + math.exp(-logit))
    assert model.value(_row(model, "p(class 1)"), 3) == pytest.approx(p, rel=1e-12)
    assert model.value(_row(model, "x1"), 1) == point[0] and model.value(_row(model, "x2"), 1) == point[1]
    z = s.network.forward(np.array([point])).pre[0][:, 0]
    assert _column(model, "w1·x1 + w2·x2 + b")[2:6] == pytest.approx(list(z), rel=1e-12)
    label = int(s.y[5])
    p_label = p if label == 1 else 1 - p
    assert "−log p(its class)" in panel.error_label.text()
    assert model.value(_row(model, "loss term"), 3) == pytest.approx(-math.log(p_label), rel=1e-9)
    assert f"This training point is class {label}" in panel.shape_label.text()
    assert "(x1, x2) = (" in panel.point_label.text()
    window.walkthrough_dock.hide()  # the ring goes with the panels
    window.backward_dock.hide()
    qtbot.waitUntil(lambda: window.plane.output.selected_point is None)


def test_the_backward_panel_shows_the_points_share_of_each_gradient(open_window, qtbot):
    window = open_window(three_class_lesson())
    s = window.session
    window.backward_dock.show()
    point = _click_point(window, qtbot, 11)
    panel = window.backward_panel
    qtbot.waitUntil(lambda: "this point" in panel.gradient_model.headers)
    g = point_gradient(s.network, point, s.y[11], "cross_entropy", len(s.y))
    order = [r.index for r in explain.parameter_rows(s.network)]  # the table's rows, unit by unit
    assert _column(panel.gradient_model, "this point") == pytest.approx(list(g.terms[order]), abs=1e-15)
    _, core = s.network.gradient(s.x, s.y, "cross_entropy")
    assert _column(panel.gradient_model, "gradient ∂L/∂p") == pytest.approx(list(core[order]), abs=1e-15)
    panel.choose_parameter("w1 of A")
    text = panel.derivation_text()
    assert "dL/dz0 = (p0 − y0) / N" in text and "× x1 =" in text and "the sum over all" in text
    assert "cross-entropy over all" in panel.caption.text()


def test_last_step_table_and_loss_plot_with_two_inputs(open_window, qtbot):
    preset = xor_lesson(units=4)
    preset = type(preset)(**{**preset.__dict__, "training": TrainingSettings(optimizer="gd", learning_rate=0.1,
                                                                               loss="cross_entropy")})
    window = open_window(preset)
    s = window.session
    window.backward_dock.show()
    before = s.network.params.copy()
    loss_before, grad = s.network.gradient(s.x, s.y, "cross_entropy")
    window.controller.step(1)
    panel = window.backward_panel
    qtbot.waitUntil(lambda: s.step == 1 and panel.last_update is not None and panel.update_table.isVisible())
    change = _column(panel.update_model, "change\napplied")
    order = [r.index for r in explain.parameter_rows(s.network)]
    assert change == pytest.approx(list((s.network.params - before)[order]), abs=1e-15)
    assert change == pytest.approx(list(-0.1 * grad[order]), abs=1e-12)
    curve = window.training_panel.loss_curve
    qtbot.waitUntil(lambda: curve.getData()[0] is not None and len(curve.getData()[0]) >= 1)
    y = curve.getData()[1][-1]  # the loss of step 1's batch, before its update (log scale: log10)
    assert (10 ** y if window.training_panel.loss_plot.ctrl.logYCheck.isChecked() else y) == pytest.approx(loss_before)


def test_gradient_check_works_on_the_plane(open_window, qtbot):
    window = open_window(plane_regression_lesson())
    assert window.backward_panel.check_action.isEnabled()
    window.backward_panel.check_action.trigger()
    assert "agree" in window.backward_panel.check_text()
