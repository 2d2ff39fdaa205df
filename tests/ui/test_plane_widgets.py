"""The plane views' widgets on small networks built directly: what the heatmaps and the output view hold."""
import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from reluplay.ui.plots.plane import colours, evaluate
from reluplay.ui.plots.plane.folds import fold_segments
from reluplay.ui.plots.plane.geometry import cell_centres, line_in_box, zero_contour
from reluplay.ui.plots.plane.output_view import CLASSIFICATION, REGRESSION, OutputView
from reluplay.ui.plots.plane.points import MIN_POINT_SIZE, POINT_SIZE, point_size
from reluplay.ui.plots.plane.unit_heatmaps import UnitHeatmaps
from tests.ui.plane_nets import PlaneNet, three_folds, xor_net

BOX = ((-6.0, 6.0), (-4.0, 4.0))


def test_sample_holds_each_unit_and_the_output_at_the_cell_centres():
    net = three_folds()
    s = evaluate.sample(net, BOX)
    assert s.unit_post[0].shape == (3, evaluate.UNIT_CELLS, evaluate.UNIT_CELLS) and evaluate.UNIT_CELLS >= 50
    assert s.output.shape == (1, evaluate.OUTPUT_CELLS, evaluate.OUTPUT_CELLS) and evaluate.OUTPUT_CELLS >= 200
    x1, x2 = s.unit_axes
    for row, col in ((0, 0), (10, 40), (63, 63)):
        z = np.array([x1[col] - 1, x2[row] + 2, x1[col] + x2[row]])
        assert np.allclose(s.unit_post[0][:, row, col], np.maximum(z, 0), atol=1e-5)
    o1, o2 = s.output_axes
    for row, col in ((0, 199), (123, 45)):
        assert s.output[0, row, col] == pytest.approx(float(net(np.array([[o1[col], o2[row]]]))[0]), abs=1e-5)


def test_a_first_layer_fold_is_its_line_clipped_exactly_to_the_box():
    net = three_folds()
    s = evaluate.sample(net, BOX)
    folds = fold_segments(net, 0, s.unit_pre[0], s.unit_axes, BOX)
    assert np.allclose(folds[0], [[1, -4], [1, 4]]) or np.allclose(folds[0], [[1, 4], [1, -4]])
    assert {tuple(p) for p in folds[1].tolist()} == {(-6.0, -2.0), (6.0, -2.0)}
    assert {tuple(p) for p in folds[2].tolist()} == {(-4.0, 4.0), (4.0, -4.0)}
    assert line_in_box(1, 0, -7, BOX) is None  # x1 = 7 misses the box


def test_a_curved_fold_is_traced_where_z_is_zero():
    net = PlaneNet([([[1, 1]], [-9], "relu"), ([[1]], [0], "identity")], features=("x1^2", "x2^2"))
    s = evaluate.sample(net, BOX)
    (fold,) = fold_segments(net, 0, s.unit_pre[0], s.unit_axes, BOX)
    assert fold.shape[0] > 20
    assert np.abs(np.hypot(fold[:, 0], fold[:, 1]) - 3).max() < 0.02


def test_zero_contour_is_exact_for_an_affine_function():
    x1, x2 = cell_centres(BOX, 30)
    g1, g2 = np.meshgrid(x1, x2)
    seg = zero_contour(2 * g1 - g2 + 0.7, x1, x2)
    assert seg.shape[0] >= 2 * 20
    assert np.abs(2 * seg[:, 0] - seg[:, 1] + 0.7).max() < 1e-9


def test_unit_heatmaps_show_one_framed_tile_per_unit_and_enlarge_on_click(qtbot):
    grid = UnitHeatmaps()
    qtbot.addWidget(grid)
    grid.resize(500, 400)
    grid.show()
    net = three_folds()
    s = evaluate.sample(net, BOX)
    grid.set_unit_count(3)
    grid.set_images(s.unit_post[0], BOX)
    grid.set_styles([(QColor("#0072B2"), "A", False), (QColor("#D55E00"), "B", True), (QColor("#009E73"), "C", False)])
    assert len(grid.tiles) == 3
    assert np.array_equal(grid.values[1], s.unit_post[0][1])
    assert grid.levels[0] == -grid.levels[1]  # white at 0
    # Each pixel has the colour of its cell centre's value (ready RGBA: no levels or lut left to pyqtgraph).
    expected = grid.table.rgba[grid.table.index(s.unit_post[0][1], grid.levels)]
    assert np.array_equal(grid.tiles[1].image.rgba(), expected)
    assert grid.tiles[1].image.levels is None and grid.tiles[1].image.lut is None
    white = colours.ColourTable(colours.diverging()).rgba[colours.TABLE_SIZE // 2]
    assert np.array_equal(grid.tiles[1].image.rgba()[s.unit_post[0][1] == 0.0][0], white)  # an off unit is white
    assert grid.tiles[0].frame.pen().color().name() == "#0072b2"
    assert grid.tiles[0].frame.rect().width() == 12.0  # tight around the heatmap: the box is 12 wide
    grid.set_folds(fold_segments(net, 0, s.unit_pre[0], s.unit_axes, BOX))
    path = grid.tiles[0].fold.path()  # unit A's fold x1 = 1, across the box
    ends = {(round(path.elementAt(i).x, 6), round(path.elementAt(i).y, 6)) for i in range(path.elementCount())}
    assert ends == {(1.0, -4.0), (1.0, 4.0)}
    assert grid.tiles[0].fold.pen().isCosmetic() and grid.tiles[0].fold.isVisible()
    grid.set_folds([np.empty((0, 2))] * 3)
    assert grid.tiles[0].fold.path().isEmpty()
    with qtbot.waitSignal(grid.unit_clicked) as clicked:
        qtbot.waitUntil(lambda: grid.tiles[2].view.sceneBoundingRect().width() > 10)
        centre = grid.mapFromScene(grid.tiles[2].view.sceneBoundingRect().center())
        qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert clicked.args == [2]
    assert grid.enlarged == 2 and not grid.tiles[0].view.isVisible()


def test_output_view_two_classes_probability_and_hollow_test_points(qtbot):
    view = OutputView()
    qtbot.addWidget(view)
    net = xor_net()
    view.set_task(CLASSIFICATION, 2)
    s = evaluate.sample(net, BOX)
    view.set_output(s.output, BOX)
    assert tuple(view.levels) == (0.0, 1.0)
    assert np.array_equal(view.values[0], s.output[0])
    expected = view.table.rgba[view.table.index(s.output[0], (0.0, 1.0))]
    assert np.array_equal(view.image.rgba(), expected)
    assert view.image.levels is None and view.image.lut is None
    x = np.array([[1.0, 1.0], [2.0, -1.0]])
    view.set_data(x, np.array([0, 1]), np.array([[0.0, 3.0]]), np.array([1]))
    groups = view.train_points.groups()
    assert list(groups) == ["#2166ac", "#b2182b"]  # one item per class, in the class's colour
    np.testing.assert_array_equal(groups["#b2182b"], [[2.0, -1.0]])
    first = view.train_points.items[0]
    assert first.opts["brush"].color().name() == "#2166ac" and first.data["brush"][0] is None  # no per-point brush
    hollow = view.test_points.items[0]
    assert hollow.opts["pen"].color().name() == "#b2182b"  # hollow: class colour on the ring
    assert hollow.opts["brush"].color().name() == "#ffffff"


def test_output_view_three_classes_takes_the_winning_colour(qtbot):
    view = OutputView()
    qtbot.addWidget(view)
    net = PlaneNet([([[1, 0], [0, 1]], [0, 0], "relu"), ([[5, 0], [0, 5], [0, 0]], [0, 0, 1], "softmax")])
    view.set_task(CLASSIFICATION, 3)
    s = evaluate.sample(net, BOX)
    view.set_output(s.output, BOX)
    rgba = view.image.rgba()
    assert rgba.shape == (200, 200, 4)
    x1, x2 = s.output_axes
    col, row = int(np.argmin(np.abs(x1 - 5))), int(np.argmin(np.abs(x2 + 3)))  # x1 large: class 0 wins
    r, g, b = rgba[row, col, :3]
    assert b > r and b > g  # Okabe-Ito blue
    assert view.colour_bar is None


def test_output_view_regression_has_a_colour_bar(qtbot):
    view = OutputView()
    qtbot.addWidget(view)
    view.set_task(REGRESSION, 0)
    s = evaluate.sample(three_folds(), BOX)
    view.set_output(s.output, BOX, levels=(-2.0, 3.0))
    assert view.colour_bar is not None and tuple(view.colour_bar.levels()) == (-2.0, 3.0)


def test_points_get_smaller_for_many_points_in_a_small_plot_but_stay_visible(qtbot):
    assert point_size(20, 600) == POINT_SIZE  # a few points: full size
    assert point_size(600, 600) < point_size(100, 600)  # Bumps' 600 points leave the surface visible
    assert point_size(600, 300) < point_size(600, 600)
    assert point_size(5000, 200) == MIN_POINT_SIZE  # never smaller: a projector still shows them
    view = OutputView()
    qtbot.addWidget(view)
    view.resize(900, 900)  # large enough that 1,000 points sit above the smallest size in any font
    view.show()
    view.set_task(CLASSIFICATION, 2)
    view.set_box(BOX)
    rng = np.random.default_rng(0)
    view.set_data(rng.uniform(-5, 5, (20, 2)), np.arange(20) % 2, np.empty((0, 2)), np.empty(0))
    few = view.train_points.items[0].opts["size"]
    view.set_data(rng.uniform(-5, 5, (1000, 2)), np.arange(1000) % 2, np.empty((0, 2)), np.empty(0))
    many = view.train_points.items[0].opts["size"]
    assert MIN_POINT_SIZE < many < few
    view.resize(450, 450)  # a smaller plot: smaller points, the same data
    qtbot.waitUntil(lambda: view.train_points.items[0].opts["size"] < many)
    assert len(view.train_points.items[0].data) + len(view.train_points.items[1].data) == 1000
