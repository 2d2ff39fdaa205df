"""The window with a two-input lesson: plane views instead of the 1-D plots, regions in the status bar."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from reluplay.core.regions import linear_regions
from reluplay.presets import load_preset
from tests.ui.plane_lessons import plane_regression_lesson, three_class_lesson, xor_lesson


def test_a_two_input_lesson_shows_one_heatmap_per_unit_and_the_output(open_window, qtbot):
    window = open_window(xor_lesson(units=4))
    assert window.plot_stack.currentWidget() is window.plane
    plane = window.plane
    assert len(plane.units.tiles) == 4 and all(t.view.isVisible() for t in plane.units.tiles)
    assert plane.units.tiles[0].image.rgba().shape == (64, 64, 4)
    assert plane.units.values.shape == (4, 64, 64)
    image = plane.output.values[0]
    assert image.shape == (200, 200)
    table = plane.output.table  # the pixels are the colours of those values
    assert np.array_equal(plane.output.image.rgba(), table.rgba[table.index(image, plane.output.levels)])
    x1, x2 = plane.sample.output_axes
    net = window.session.network
    for row, col in ((0, 0), (57, 140), (199, 3)):
        assert image[row, col] == pytest.approx(float(net(np.array([[x1[col], x2[row]]]))[0]), abs=1e-6)


def test_the_status_bar_counts_the_exact_regions(open_window, qtbot):
    window = open_window(plane_regression_lesson())
    session = window.session
    expected = linear_regions(session.network, session.view.x_range, session.view.x2_range).count
    assert expected == 7  # three lines, three crossings inside the box: 1 + 3 + 3
    qtbot.waitUntil(lambda: f"Linear regions: {expected}" in window.two_inputs.status_regions.text())
    assert not window.status_pieces.isVisible()
    session.set_bias(0, 2, 100.0)  # unit C's fold leaves the box: fewer regions
    window.refresh_status()
    fewer = linear_regions(session.network, session.view.x_range, session.view.x2_range).count
    assert fewer < expected
    qtbot.waitUntil(lambda: f"Linear regions: {fewer}" in window.two_inputs.status_regions.text())


def test_classification_shows_accuracy_and_training_updates_the_views(open_window, qtbot):
    window = open_window(xor_lesson(units=4))
    qtbot.waitUntil(lambda: "Accuracy:" in window.two_inputs.status_accuracy.text()
                    and "…" not in window.two_inputs.status_accuracy.text())
    before = window.plane.output.image.image.copy()
    count = window.plane.redraw_count
    window.controller.step(20)
    qtbot.waitUntil(lambda: window.session.step == 20, timeout=10000)
    qtbot.waitUntil(lambda: window.plane.redraw_count > count)
    assert not np.array_equal(before, window.plane.output.image.image)
    assert window.two_inputs.latest is not None


def test_three_classes_draw_the_winning_class_and_its_boundary(open_window, qtbot):
    window = open_window(three_class_lesson())
    assert window.plane.output.values.shape[0] == 3  # drawn in the winning class's colours
    qtbot.waitUntil(lambda: window.plane.output.boundary.getData()[0] is not None
                    and len(window.plane.output.boundary.getData()[0]) > 0)


def test_clicking_a_heatmap_selects_the_units_card(open_window, qtbot):
    window = open_window(xor_lesson(units=4))
    grid = window.plane.units
    qtbot.waitUntil(lambda: grid.tiles[1].view.sceneBoundingRect().width() > 10)
    centre = grid.mapFromScene(grid.tiles[1].view.sceneBoundingRect().center())
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert window.unit_focus.pinned == (0, 1)
    assert grid.enlarged == 1
    card = next(c for c in window.editor.cards if c.unit == 1)
    assert "border: 3px" in card.styleSheet()


def test_switching_between_one_and_two_inputs_both_ways(open_window, qtbot):
    window = open_window(load_preset("relu-in-action"))
    assert window.plot_stack.currentWidget() is window.plots
    window.session.load(xor_lesson())
    assert window.plot_stack.currentWidget() is window.plane
    assert not window.data_tools.editor.toggle_action.isEnabled()
    assert "two inputs" in window.error_lines.action.toolTip()
    window.session.load(load_preset("universal-approximation"))
    assert window.plot_stack.currentWidget() is window.plots
    assert window.data_tools.editor.toggle_action.isEnabled()
    assert "two inputs" not in window.error_lines.action.toolTip()
    window.plots.redraw_now()
    assert len(window.plots.unit_curves) == 16
    qtbot.waitUntil(lambda: "Linear pieces:" in window.status_pieces.text() and "…" not in window.status_pieces.text())
    window.session.load(three_class_lesson())
    assert len(window.plane.units.tiles) == 6


@pytest.mark.parametrize("size, label_shown", [((1280, 720), False), ((1600, 1000), True)])
def test_the_bar_above_the_plane_fits_and_cuts_no_control(open_window, qtbot, size, label_shown):
    window = open_window(load_preset("spiral"))  # two hidden layers: the layer chooser is in the bar
    window.resize(*size)
    plane = window.plane
    qtbot.waitUntil(lambda: plane.width() > 0 and plane.layer_combo.isVisible())
    plane.layer_combo.setCurrentIndex(1)
    controls = [plane.layer_combo, plane.contributions, plane.outlines, *plane._tools]
    qtbot.waitUntil(lambda: all(w.width() >= w.sizeHint().width() for w in controls))
    assert plane.layer_combo.currentText() == "2 · 8 units"
    assert plane._layer_label.isVisible() == label_shown  # "Layer:" only where there is room for it
