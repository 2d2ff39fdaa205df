"""The legends stay out of the data's way: plot 1's covers no kink marker (so each can be grabbed and
dragged) and not the "B and C overlap" note, plot 3's no data point; in the normal window and in F5."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from reluplay.presets import load_preset
from reluplay.ui.plots.legend_place import scatter_rects

ONE_INPUT_LESSONS = ["relu-in-action", "softplus-squiggle", "linear-in-disguise", "dead-unit", "leaky-vs-relu",
                     "universal-approximation", "step-by-step"]


def settle(window):
    for _ in range(4):
        QApplication.processEvents()
    window.plots.redraw_now()
    QApplication.processEvents()


def marker_rects(plots):
    kinks = plots.kink_data[0]
    return scatter_rects(plots.unit_plot.vb, kinks.get("x", []), kinks.get("y", []), plots.unit_kinks.opts["size"])


@pytest.mark.usefixtures("app_font")
@pytest.mark.parametrize("presenting", [False, True], ids=["normal", "F5"])
@pytest.mark.parametrize("lesson", ONE_INPUT_LESSONS)
def test_the_legend_covers_no_kink_marker_and_no_note(open_window, lesson, presenting):
    window = open_window(load_preset(lesson))
    window.resize(1280, 720)
    if presenting:
        window.presentation.set_active(True)
    settle(window)
    plots = window.plots
    legend = plots.legend
    few_units = len(plots.unit_curves) <= 8
    if few_units and not presenting:
        assert legend.isVisible(), f"{lesson}: the class needs the colours' names"
    if not legend.isVisible():
        assert presenting or not few_units  # hidden only where the markers' letters and the strip name the units
        return
    shown = legend.sceneBoundingRect()
    assert plots.unit_plot.vb.sceneBoundingRect().contains(shown)  # inside its plot, not over its neighbour
    for rect in marker_rects(plots):
        assert not shown.intersects(rect), f"{lesson}: the legend {shown} covers a kink marker at {rect}"
    note = plots.key_moments.overlap_note
    if note.isVisible():
        assert not shown.intersects(note.mapRectToScene(note.boundingRect())), f"{lesson}: the legend covers the note"
    # Every kink marker can be grabbed: a press on its centre takes its unit.
    kinks = plots.kink_data[0]
    for x, y, unit in zip(kinks.get("x", []), kinks.get("y", []), kinks.get("data", [])):
        hit = window.plot_drag.hit(plots.unit_plot.vb.mapViewToScene(QPointF(float(x), float(y))))
        assert hit is not None and hit.on_kink, f"{lesson}: unit {unit}'s kink marker cannot be grabbed"


@pytest.mark.usefixtures("app_font")
def test_the_legend_shows_every_units_name_in_the_normal_window(open_window):
    window = open_window(load_preset("linear-in-disguise"))
    window.resize(1280, 720)
    settle(window)
    legend = window.plots.legend
    assert legend.isVisible()
    names = [label.text for _, label in legend.items]  # "unit A" where there is room, else "A"
    assert [name.removeprefix("unit ").split(" ")[0] for name in names] == ["A", "B", "C"]


@pytest.mark.usefixtures("app_font")
@pytest.mark.parametrize("size", [(1280, 720), (1366, 768), (1600, 1000)], ids=["1280", "1366", "1600"])
def test_the_output_legend_covers_no_data_point(open_window, size):
    window = open_window(load_preset("relu-in-action"))  # an output ReLU: plot 3 has a legend
    window.resize(*size)
    settle(window)
    plots = window.plots
    legend = plots.key_moments.output_legend
    assert legend.isVisible()
    shown = legend.sceneBoundingRect()
    points = scatter_rects(plots.output_plot.vb, *plots.data_points.getData(), plots.data_points.opts["size"])
    assert points and not any(shown.intersects(point) for point in points)


def test_with_more_units_than_the_legend_names_no_empty_box_is_left(open_window):
    window = open_window(load_preset("universal-approximation"))  # 16 units: the editor's swatches name them
    settle(window)
    assert not window.plots.legend.isVisible()
