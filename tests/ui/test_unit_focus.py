"""Point at one unit: hover or click its curve, kink marker or card; Esc lets go (issue 13, item 2)."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from reluplay.presets import load_preset
from reluplay.ui import palette
from reluplay.ui.plots.plot_style import letter_symbol


def scene_point(plot, x: float, y: float) -> QPoint:
    """The canvas (viewport) pixel showing the data point (x, y) of ``plot``."""
    return plot.vb.mapViewToScene(QPointF(x, y)).toPoint()


def move_to(qtbot, plots, plot, x: float, y: float) -> None:
    qtbot.mouseMove(plots.canvas.viewport(), plots.canvas.mapFromScene(QPointF(scene_point(plot, x, y))))


def click_at(qtbot, plots, plot, x: float, y: float) -> None:
    pos = plots.canvas.mapFromScene(QPointF(scene_point(plot, x, y)))
    qtbot.mouseMove(plots.canvas.viewport(), pos)
    qtbot.mouseClick(plots.canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def width(curve) -> float:
    return curve.opts["pen"].widthF()


def alpha(curve) -> int:
    return curve.opts["pen"].color().alpha()


def test_hovering_a_curve_highlights_its_unit_on_every_plot_and_its_card(relu_window, qtbot):
    plots, editor = relu_window.plots, relu_window.editor
    plots.redraw_now()
    # Unit B (w = 12.6, b = 0) at x = 0.3 is at 3.78 on plot 1; unit A is still 0 there.
    move_to(qtbot, plots, plots.unit_plot, 0.3, 12.6 * 0.3)
    qtbot.waitUntil(lambda: plots.highlight == (0, 1))
    a, b = plots.unit_curves
    assert width(b) > 2 * width(a) and alpha(a) < 255 and alpha(b) == 255
    ca, cb = plots.contribution_curves  # plot 2 follows
    assert width(cb) > 2 * width(ca) and alpha(ca) < 255
    assert palette.unit_colour(1).name() in editor.cards[1].styleSheet()
    assert editor.cards[0].styleSheet() == ""
    # Labelled with its name, and its kink marked through plot 3.
    assert plots.key_moments.labels[0].isVisible() and "unit B" in plots.key_moments.labels[0].textItem.toPlainText()
    assert plots.key_moments.kink_line_positions(2) == pytest.approx([0.0], abs=1e-9)
    # Away from every curve: the highlight goes.
    move_to(qtbot, plots, plots.unit_plot, 0.1, 9.0)
    qtbot.waitUntil(lambda: plots.highlight is None)
    assert alpha(plots.unit_curves[0]) == 255 and width(plots.unit_curves[1]) == width(plots.unit_curves[0])


def test_a_click_pins_the_highlight_and_esc_releases_it(relu_window, qtbot):
    plots = relu_window.plots
    plots.redraw_now()
    click_at(qtbot, plots, plots.contribution_plot, 0.8, -40.8 * (1.7 * 0.8 - 0.85))  # unit A on plot 2
    qtbot.waitUntil(lambda: relu_window.unit_focus.pinned == (0, 0))
    move_to(qtbot, plots, plots.unit_plot, 0.3, 12.6 * 0.3)  # over B: the pin holds
    assert plots.highlight == (0, 0)
    qtbot.keyClick(plots.canvas, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: relu_window.unit_focus.pinned is None)
    move_to(qtbot, plots, plots.unit_plot, 0.1, 9.0)
    qtbot.waitUntil(lambda: plots.highlight is None)


def test_hovering_a_kink_marker_points_at_its_unit(relu_window, qtbot):
    plots = relu_window.plots
    plots.redraw_now()
    move_to(qtbot, plots, plots.unit_plot, 0.5, 0.0)  # unit A's kink marker
    qtbot.waitUntil(lambda: plots.highlight == (0, 0))


def test_clicking_a_card_pins_its_unit_and_brings_the_card_into_view(open_window, qtbot):
    window = open_window(load_preset("universal-approximation"))
    editor, plots = window.editor, window.plots
    card = editor.cards[12]  # unit M, far down the list
    qtbot.mouseClick(card.title, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: plots.highlight == (0, 12))
    viewport = editor.cards_scroll.viewport()
    top = card.mapTo(viewport, QPoint(0, 0)).y()
    assert 0 <= top and top + card.height() <= viewport.height() + 1
    assert width(plots.unit_curves[12]) > 2 * width(plots.unit_curves[0])


def test_kink_markers_carry_the_units_letters(relu_window):
    plots = relu_window.plots
    plots.redraw_now()
    symbols = {spot.data(): spot.symbol() for spot in plots.unit_kinks.points()}
    assert symbols[0] is letter_symbol("A") and symbols[1] is letter_symbol("B")


def test_after_add_layer_every_kink_marker_sits_on_a_true_kink(open_window, qtbot):
    """Issue 13: after "+ Add layer" a marker was drawn at the grid point after the kink."""
    window = open_window(load_preset("universal-approximation"))
    first = window.session.network.layers[0]
    true_kink_e = float(-first.biases[4] / first.weights[4, 0])  # unit E: 0.5007
    window.editor.add_layer_button.click()
    plots = window.plots
    plots.layer_combo.setCurrentIndex(1)
    plots.redraw_now()
    net = window.session.network
    for scatter in (plots.unit_kinks, plots.contribution_kinks):
        marks = {spot.data(): spot.pos().x() for spot in scatter.points()}
        assert marks[4] == pytest.approx(true_kink_e, abs=1e-9)
        lo, hi = plots.unit_plot.viewRange()[0]
        d = (hi - lo) * 1e-4
        for unit, x in marks.items():  # a zero of the unit's pre-activation where it switches
            z = net.forward(np.array([x - d, x, x + d])).pre[1][unit]
            assert abs(z[1]) < 1e-9 and (z[0] > 1e-12) != (z[2] > 1e-12), (unit, x, z)


def test_units_of_a_deeper_layer_have_their_own_names_and_colours(relu_window, qtbot):
    window = relu_window
    window.editor.add_layer_button.click()
    plots, editor = window.plots, window.editor
    plots.layer_combo.setCurrentIndex(1)
    editor.layer_combo.setCurrentIndex(1)
    assert [c.title.text().startswith("<b>Unit A′</b>") for c in editor.cards[:1]] == [True]
    assert "w from B" in editor.cards[1].weights[1].label.text()
    legend = [label.text for _, label in plots.legend.items]
    assert legend == ["unit A′", "unit B′"]
    first_colours = {palette.unit_colour(i).name() for i in range(2)}
    assert plots.unit_curves[0].opts["pen"].color().name() not in first_colours
    assert editor.cards[0].colour not in first_colours


def test_in_presentation_mode_esc_first_lets_go_of_the_unit_then_leaves(relu_window, qtbot):
    window = relu_window
    window.presentation.action.trigger()
    assert window.presentation.active
    window.unit_focus.toggle_pin((0, 1))
    qtbot.keyClick(window.plots.canvas, Qt.Key.Key_Escape)
    assert window.unit_focus.pinned is None and window.presentation.active
    qtbot.keyClick(window.plots.canvas, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.presentation.active)


def test_a_palette_change_recolours_the_walkthrough(relu_window, qtbot):
    window = relu_window
    window.walkthrough_dock.show()
    window.unit_focus.projector_action.trigger()
    projector_b = palette.unit_colour(1, "projector").name().lower()
    qtbot.waitUntil(lambda: projector_b in _table_html(window.walkthrough_panel.table))


def _table_html(table) -> str:
    """The first column's background colours of a numbers table, as text."""
    from PySide6.QtCore import Qt as QtNs

    model = table.model()
    colours = []
    for r in range(model.rowCount()):
        brush = model.data(model.index(r, 0), QtNs.ItemDataRole.BackgroundRole)
        if brush is not None:
            colours.append(brush.color().name().lower())
    return " ".join(colours)


def test_hovering_a_card_highlights_its_unit(relu_window, qtbot):
    plots, card = relu_window.plots, relu_window.editor.cards[1]
    qtbot.mouseMove(card.title)
    qtbot.waitUntil(lambda: plots.highlight == (0, 1))
    assert width(plots.contribution_curves[1]) > 2 * width(plots.contribution_curves[0])
    qtbot.mouseMove(relu_window.training_panel)
    qtbot.waitUntil(lambda: plots.highlight is None)


def test_leaving_the_plots_ends_the_hover(relu_window, qtbot):
    plots = relu_window.plots
    plots.redraw_now()
    move_to(qtbot, plots, plots.unit_plot, 0.3, 12.6 * 0.3)
    qtbot.waitUntil(lambda: plots.highlight == (0, 1))
    qtbot.mouseMove(relu_window.training_panel)
    qtbot.waitUntil(lambda: plots.highlight is None)
