"""Frames of large networks stay light on the GUI thread (issue 11: lateness while training)."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QTimer

from reluplay.core import Network, breakpoints_by_depth, kinks_in_range
from reluplay.presets import Preset, ViewRange
from reluplay.ui.plots.plot_style import PIECEWISE_EXTRA_POINTS


def two_layer_preset() -> Preset:
    x = np.linspace(-1.0, 1.0, 40)
    network = Network.initialized([6, 6], "relu", seed=5)
    return Preset(network=network, name="Two layers", x=x, y=np.sin(np.pi * x),
                  view=ViewRange((-1.0, 1.0), (-1.5, 1.5)))


def test_plot_one_is_drawn_from_the_shown_layers_breakpoints_and_the_rest_from_all(open_window):
    window = open_window(two_layer_preset())
    plots, net = window.plots, window.session.network
    lo, hi = plots.unit_plot.viewRange()[0]
    even = np.linspace(lo, hi, PIECEWISE_EXTRA_POINTS)
    first, everything = breakpoints_by_depth(net, lo, hi)[0], breakpoints_by_depth(net, lo, hi)[-1]
    assert everything.size > first.size  # layer 2 bends where layer 1 does not

    unit_x = plots.unit_curves[0].getData()[0]
    np.testing.assert_array_equal(unit_x, np.union1d(even, first))  # only the corners layer 1 has
    np.testing.assert_array_equal(plots.output_curve.getData()[0], np.union1d(even, everything))
    np.testing.assert_array_equal(plots.contribution_curves[0].getData()[0], np.union1d(even, everything))
    # Still exact: every layer-1 kink marker sits where w·x + b = 0.
    assert sorted(plots.kink_data[0]["x"]) == pytest.approx(kinks_in_range(net, lo, hi), rel=1e-12)
    run = net.forward(unit_x)
    np.testing.assert_allclose(np.vstack([c.getData()[1] for c in plots.unit_curves]), run.post[0])

    plots.layer_combo.setCurrentIndex(1)  # the deeper layer bends at every breakpoint
    lo, hi = plots.unit_plot.viewRange()[0]  # (switching layers fits the view)
    np.testing.assert_array_equal(plots.unit_curves[0].getData()[0], plots.output_curve.getData()[0])
    everything = breakpoints_by_depth(net, lo, hi)[-1]
    assert np.union1d(np.linspace(lo, hi, PIECEWISE_EXTRA_POINTS), everything).tolist() \
        == plots.unit_curves[0].getData()[0].tolist()


def test_an_expensive_frame_lets_the_event_loop_in_between_its_parts_and_ends_complete(open_window, qtbot):
    window = open_window(two_layer_preset())
    plots, session = window.plots, window.session
    plots.frames.stage_above_ms = 0.0  # every frame counts as expensive (as the largest network's are)
    plots.redraw_now()
    start = plots.redraw_count
    seen: list[bool] = []
    probe = QTimer()
    probe.setInterval(0)
    probe.timeout.connect(lambda: seen.append(plots.frames.drawing))
    probe.start()
    session.set_output_bias(0.75)  # a coalesced redraw, as a training frame asks for
    try:
        qtbot.waitUntil(lambda: plots.redraw_count > start and not plots.frames.drawing)
    finally:
        probe.stop()
    assert any(seen)  # other events ran while the frame was drawn in parts
    grid, output = plots.output_curve.getData()
    np.testing.assert_allclose(output, session.network(grid))  # and the frame ended whole
    contributions = np.vstack([c.getData()[1] for c in plots.contribution_curves])
    np.testing.assert_allclose(contributions, session.network.forward(grid).post[1]
                               * session.network.output_layer.weights[0][:, None])


def test_a_frame_in_parts_is_dropped_when_the_network_changes_shape_meanwhile(open_window, qtbot):
    window = open_window(two_layer_preset())
    plots, session = window.plots, window.session
    plots.frames.stage_above_ms = 0.0
    plots.redraw_now()
    start = plots.redraw_count
    edited: list[bool] = []

    def add_a_unit_mid_frame() -> None:
        if plots.frames.drawing and not edited:
            edited.append(True)
            session.add_unit(0)  # the half-drawn frame was computed for 6 units

    probe = QTimer()
    probe.setInterval(0)
    probe.timeout.connect(add_a_unit_mid_frame)
    probe.start()
    session.set_output_bias(0.5)
    try:
        qtbot.waitUntil(lambda: bool(edited) and plots.redraw_count > start and not plots.frames.drawing)
    finally:
        probe.stop()
    assert len(plots.unit_curves) == 7
    grid, output = plots.output_curve.getData()
    np.testing.assert_allclose(output, session.network(grid))
    assert all(c.getData()[0].size == grid.size for c in plots.contribution_curves)


def _painted(draw) -> np.ndarray:
    from PySide6.QtGui import QColor, QImage, QPainter, QTransform

    image = QImage(400, 300, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setTransform(QTransform(180.0, 0.0, 0.0, -100.0, 200.0, 150.0))  # x in [-1, 1], y in [-1.5, 1.5]
    draw(painter)
    painter.end()
    return np.frombuffer(image.constBits(), dtype=np.uint8).reshape(300, 400, 4).copy()


def test_unit_curves_are_painted_from_their_corners_only_and_look_the_same(qapp):
    import pyqtgraph as pg

    from reluplay.ui.plots.curve_bundle import CurveBundle, _polygon

    net = Network.initialized([6, 6], "relu", seed=5)
    x = np.union1d(np.linspace(-1, 1, 9), breakpoints_by_depth(net, -1.0, 1.0)[-1])
    ys = net.forward(x).post[0]  # layer 1 on the grid of both layers: straight through most points
    pen = pg.mkPen("#1f77b4", width=2)
    bundle = CurveBundle(antialias=False)
    bundle.resize(ys.shape[0], lambda i, dead=False: pen)
    bundle.set_curves(x, ys)
    for index in range(ys.shape[0]):
        np.testing.assert_array_equal(bundle.curves[index].getData()[1], ys[index])  # the data stay whole
    painted_points = sum(polygon.size() for polygon in bundle._polygons)
    assert painted_points < ys.size / 2

    def every_point(painter):
        painter.setPen(pen)
        for row in ys:
            painter.drawPolyline(_polygon(x, row))

    simplified, whole = _painted(bundle.paint), _painted(every_point)
    assert np.mean(np.any(whole != 255, axis=2)) > 0.01  # the curves cover some of the picture
    assert np.mean(np.any(simplified != whole, axis=2)) < 0.001  # the same lines, to the pixel


def test_a_redraw_asked_for_while_a_frame_is_drawn_in_parts_waits_for_it(open_window, qtbot):
    # On a busy machine training frames can come faster than a frame's parts: each must end whole
    # (plots 2 and 3 drawn), and the newest state is drawn after it.
    window = open_window(two_layer_preset())
    plots, session = window.plots, window.session
    plots.frames.stage_above_ms = 0.0
    plots.redraw_now()
    start = plots.redraw_count
    asked: list[bool] = []

    def ask_again_mid_frame() -> None:
        if plots.frames.drawing and not asked:
            asked.append(True)
            session.network.output_layer.biases[0] = 0.9  # as a training frame sets new parameters
            plots.frames.draw_due()

    probe = QTimer()
    probe.setInterval(0)
    probe.timeout.connect(ask_again_mid_frame)
    probe.start()
    session.set_output_bias(0.5)
    try:
        qtbot.waitUntil(lambda: bool(asked) and plots.redraw_count >= start + 2 and not plots.frames.drawing)
    finally:
        probe.stop()
    assert plots.redraw_count == start + 2  # the first frame ended whole, then the newer one
    grid, output = plots.output_curve.getData()
    np.testing.assert_allclose(output, session.network(grid))
