"""Editing the network through the editor moves the plots to exactly the right numbers."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from reluplay.core import Network
from reluplay.presets import Preset, ViewRange, load_preset


def relu(z):
    return np.maximum(z, 0.0)


def curve(item):
    x, y = item.getData()
    return np.asarray(x), np.asarray(y)


def test_plots_show_the_seed_example(relu_window):
    plots = relu_window.plots
    plots.redraw_now()
    x, y = curve(plots.output_curve)
    # "ReLU in action": outputs 0, 1.01, 0 at the three doses.
    assert np.allclose(np.interp([0.0, 0.5, 1.0], x, y), [0.0, 1.01, 0.0], atol=0.006)
    data_x, data_y = plots.data_points.getData()
    assert list(data_x) == [0.0, 0.5, 1.0] and list(data_y) == [0.0, 1.0, 0.0]
    assert len(plots.unit_curves) == 2 and len(plots.contribution_curves) == 2


def test_typing_a_weight_moves_every_plot(relu_window, qtbot):
    card = relu_window.editor.cards[0]  # unit A: w = 1.70, b = -0.85, output weight -40.8
    card.weights[0].spin.setValue(2.0)
    assert relu_window.session.network.layers[0].weights[0, 0] == 2.0
    plots = relu_window.plots
    qtbot.waitUntil(lambda: np.allclose(curve(plots.unit_curves[0])[1],
                                        relu(2.0 * curve(plots.unit_curves[0])[0] - 0.85)))
    x, unit_a = curve(plots.unit_curves[0])
    assert np.allclose(unit_a, relu(2.0 * x - 0.85))
    _, contribution = curve(plots.contribution_curves[0])
    assert np.allclose(contribution, -40.8 * relu(2.0 * x - 0.85))
    _, output = curve(plots.output_curve)
    assert np.allclose(output, relu(-40.8 * relu(2.0 * x - 0.85) + 2.7 * relu(12.6 * x) - 16.0))
    # The kink marker moved to x = -b/w.
    kink_x = [spot.pos().x() for spot in plots.unit_kinks.points() if spot.data() == 0]
    assert np.allclose(kink_x, [0.425])


def test_dragging_the_output_weight_slider_follows_at_once(relu_window, qtbot):
    control = relu_window.editor.cards[1].output_weight  # unit B's output weight, 2.70
    control.slider.setSliderDown(True)
    control.slider.setValue(control.slider.value() + 100)
    control.slider.setSliderDown(False)
    new = relu_window.session.network.output_layer.weights[0, 1]
    assert new != 2.7 and control.spin.value() == new
    relu_window.plots.redraw_now()
    x, contribution = curve(relu_window.plots.contribution_curves[1])
    assert np.allclose(contribution, new * relu(12.6 * x))


def test_adding_and_removing_units_adds_and_removes_curves(relu_window, qtbot):
    editor, plots = relu_window.editor, relu_window.plots
    qtbot.mouseClick(editor.add_unit_button, Qt.MouseButton.LeftButton)
    assert relu_window.session.network.sizes == [1, 3, 1]
    assert len(plots.unit_curves) == 3 and len(plots.contribution_curves) == 3 and len(editor.cards) == 3
    plots.redraw_now()
    x, new_unit = curve(plots.unit_curves[2])
    lay = relu_window.session.network.layers[0]
    assert np.allclose(new_unit, relu(lay.weights[2, 0] * x + lay.biases[2]))

    qtbot.mouseClick(editor.cards[0].remove_button, Qt.MouseButton.LeftButton)  # remove unit A
    assert relu_window.session.network.sizes == [1, 2, 1]
    assert len(plots.unit_curves) == 2 and len(plots.contribution_curves) == 2 and len(editor.cards) == 2
    plots.redraw_now()
    x, first = curve(plots.unit_curves[0])
    assert np.allclose(first, relu(12.6 * x))  # unit B is now the first unit


def test_layers_can_be_added_and_shown(relu_window, qtbot):
    before = relu_window.session.network(np.linspace(0, 1, 11))
    qtbot.mouseClick(relu_window.editor.add_layer_button, Qt.MouseButton.LeftButton)
    net = relu_window.session.network
    assert net.sizes == [1, 2, 2, 1]
    # A new ReLU layer passes its input through: the function on screen does not change.
    assert np.allclose(net(np.linspace(0, 1, 11)), before)
    plots = relu_window.plots
    assert plots.layer_combo.count() == 2 and not plots.layer_combo.isHidden()
    plots.layer_combo.setCurrentIndex(1)
    x, y = curve(plots.unit_curves[0])
    assert np.allclose(y, net.forward(x).post[1][0])
    qtbot.mouseClick(relu_window.editor.remove_layer_button, Qt.MouseButton.LeftButton)
    assert relu_window.session.network.sizes == [1, 2, 1]


def test_activation_and_rules_are_edited_through_the_session(relu_window):
    editor, session = relu_window.editor, relu_window.session
    index = editor.activation_combo.findData("leaky_relu")
    editor.activation_combo.activated.emit(index)
    assert session.network.layers[0].activation == "leaky_relu"
    editor.output_activation_combo.activated.emit(editor.output_activation_combo.findData("identity"))
    assert session.network.output_layer.activation == "identity"
    editor.grad_at_zero_combo.activated.emit(editor.grad_at_zero_combo.findData(0.5))
    assert session.network.relu_grad_at_zero == 0.5
    editor.leaky_slope.spin.setValue(0.2)
    assert session.network.leaky_slope == 0.2
    relu_window.plots.redraw_now()
    x, unit_a = curve(relu_window.plots.unit_curves[0])
    z = 1.7 * x - 0.85
    assert np.allclose(unit_a, np.maximum(z, 0.2 * z))


def test_dead_units_are_drawn_grey_and_dashed(open_window, qtbot):
    window = open_window(load_preset("linear-in-disguise"))
    dead = window.session.dead_units(0)
    assert dead == [0]
    window.plots.redraw_now()
    pen = window.plots.unit_curves[0].opts["pen"]
    assert pen.style() == Qt.PenStyle.DashLine
    assert window.plots.unit_curves[1].opts["pen"].style() == Qt.PenStyle.SolidLine
    assert "dead" in window.editor.cards[0].status.text()
    qtbot.waitUntil(lambda: "Dead units: 1" in window.status_dead.text())  # computed off the GUI thread
    assert "Linear pieces: 1" in window.status_pieces.text()


def test_randomize_and_reset_to_start(relu_window, qtbot):
    session = relu_window.session
    start = session.network.copy()
    qtbot.mouseClick(relu_window.editor.randomize_button, Qt.MouseButton.LeftButton)
    randomized = session.network.copy()
    assert not randomized.same_as(start) and randomized.sizes == start.sizes
    relu_window.editor.cards[0].bias.spin.setValue(0.3)
    qtbot.mouseClick(relu_window.editor.reset_start_button, Qt.MouseButton.LeftButton)
    assert session.network.same_as(randomized)  # the randomized network is the new start


def test_edits_mark_the_window_title(relu_window):
    assert not relu_window.isWindowModified()
    assert relu_window.windowTitle().startswith("ReLU in action")
    relu_window.editor.output_bias.spin.setValue(-15.0)
    assert relu_window.isWindowModified()


def test_crosshair_readout_shows_the_network_output(relu_window):
    relu_window.plots.show_readout(0.5, 0.0)
    assert "1.010" in relu_window.plots.readout.text()


def test_thirty_two_units_build_and_draw(open_window):
    x = np.linspace(-1, 1, 40)
    window = open_window(Preset(network=Network.initialized([32], seed=1), x=x, y=np.abs(x),
                                view=ViewRange((-1, 1), (-0.5, 1.5))))
    window.plots.redraw_now()
    assert len(window.plots.unit_curves) == 32
    editor = window.editor  # a wide layer's cards come a page at a time
    assert len(editor.cards) == 16 and editor.page_label.text().startswith("Units A–P (1–16 of 32)")
    editor.next_page_button.click()
    assert len(editor.cards) == 16 and "(17–32 of 32)" in editor.page_label.text()
    x_grid, out = curve(window.plots.output_curve)
    assert np.allclose(out, window.session.network(x_grid))
