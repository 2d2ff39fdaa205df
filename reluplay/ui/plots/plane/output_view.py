"""The large output view: the network's output over the plane, the data, the regions and the boundary.

- regression: ŷ as a viridis colour map with a colour bar; points filled with their target's colour;
- two classes: p(class 1) on a diverging map, white at 0.5 (colour bar 0–1);
- three or four classes: each cell in its winning class's colour, shaded by that class's probability.
The view shows exactly the lesson's box (view x and x2 ranges), at its true shape: the plot area is
sized to the box and centred (``_fit_box``), and the colour bar goes beside the plot or under it,
wherever it leaves the plane more room (under it in a tall, narrow view: a 1280 × 720 window).
The exact decision boundary (segments, ``connect="pairs"``) and the region outlines (one curve,
NaN-separated, ``connect="finite"``) are drawn over it. Train points are filled discs, test points
hollow ones, coloured by class (or by value).
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsScene

from reluplay.ui import palette
from reluplay.ui.plots.plane import colours
from reluplay.ui.plots.plane.argb_image import ArgbImageItem, argb_words
from reluplay.ui.plots.plane.geometry import Box
from reluplay.ui.plots.plane.points import POINT_SIZE, PointGroups, point_size

REGRESSION = "regression"
CLASSIFICATION = "classification"
BOUNDARY_COLOUR = "#000000"
EDGE_COLOUR = "#333333"
#: A click within this many pixels of a data point picks it.
PICK_PIXELS = 10
SELECTED_COLOUR = "#000000"


class OutputView(pg.GraphicsLayoutWidget):
    #: A left click on a data point: (index, is_test).
    point_clicked = Signal(int, bool)
    #: The pointer over the plane at (x1, x2), or None when it left it.
    hovered = Signal(object)
    #: While ``adding_points``: a click on the plane at (x1, x2), (right button, Shift held).
    plane_clicked = Signal(float, float, bool, bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.scene().setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.plot = self.addPlot(row=0, col=0)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(False, False)
        self.plot.hideButtons()
        # Not aspect-locked: a locked view widened its range beyond the box to fill a tall area (x2
        # from -10 to 10 for a box of ±6); _fit_box gives the plot area the box's shape instead.
        self.plot.setAspectLocked(False)
        self.plot.vb.setDefaultPadding(0.0)
        tick_font = palette.font(palette.AXIS_TICK_POINT_SIZE)
        for name, label in (("bottom", "x1"), ("left", "x2")):
            axis = self.plot.getAxis(name)
            axis.setTickFont(tick_font)
            axis.enableAutoSIPrefix(False)
            axis.setLabel(label, **{"font-size": f"{palette.AXIS_LABEL_POINT_SIZE}pt", "color": palette.FOREGROUND})
            axis.setTextPen(QColor(palette.FOREGROUND))
        self.image = ArgbImageItem()  # fed ready-coloured images (``table``)
        self.plot.addItem(self.image)
        #: The output's colour map as a table (regression, two classes): the view colours the values itself.
        self.table = colours.ColourTable(colours.values_map())
        #: The values shown, (k, rows, cols), as last given to set_output.
        self.values: np.ndarray | None = None
        self._placed: tuple | None = None  # (box, image shape) the image was last placed at
        self.edges = pg.PlotCurveItem(connect="finite", pen=pg.mkPen(EDGE_COLOUR, width=1))
        self.edges.setZValue(5)
        self.boundary = pg.PlotCurveItem(connect="pairs", pen=pg.mkPen(BOUNDARY_COLOUR, width=3))
        self.boundary.setZValue(6)
        self.train_points = PointGroups(self.plot, 10, hollow=False)
        self.test_points = PointGroups(self.plot, 11, hollow=True)
        # The walkthrough's chosen point: a ring around it while the numbers panels are open.
        self.selected = pg.ScatterPlotItem(size=POINT_SIZE * 2.2, pxMode=True, symbol="o", brush=None,
                                           pen=pg.mkPen(SELECTED_COLOUR, width=3))
        self.selected.setZValue(12)
        for item in (self.edges, self.boundary, self.selected):
            self.plot.addItem(item)
        self.colour_bar: pg.ColorBarItem | None = None
        self._bar_stale = True
        self._bar_spec: tuple[pg.ColorMap, str] | None = None
        self.bar_below = False
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.timeout.connect(self._fit_box)
        self.plot.vb.sigResized.connect(self._schedule_fit)
        self.plot.vb.sigResized.connect(self._size_points)
        self.task = REGRESSION
        self.classes = 0
        self.levels = (0.0, 1.0)
        self.box: Box | None = None
        self._point_scale = 1.0
        self._points: tuple[np.ndarray, np.ndarray] = (np.empty((0, 2)), np.empty((0, 2)))
        self.show_edges = True
        #: Clicks add and remove data points (Data → Add points) instead of picking one.
        self.adding_points = False
        self.scene().sigMouseClicked.connect(self._on_clicked)
        self.scene().sigMouseMoved.connect(self._on_moved)

    # --- what is shown -------------------------------------------------------------------------------
    def set_task(self, task: str, classes: int) -> None:
        """Regression, or classification into ``classes`` classes: picks the colour map and bar."""
        self.task, self.classes = task, classes
        if self.colour_bar is not None:
            self.ci.removeItem(self.colour_bar)
            self.colour_bar = None
        self._bar_spec = None
        if task == REGRESSION:
            self.table = colours.ColourTable(colours.values_map())
            self._add_bar(colours.values_map(), "ŷ")
        else:  # more than two classes take their winning class's colour (a one-output net still p(class 1))
            self.table = colours.ColourTable(colours.paler(colours.diverging()))
        if task != REGRESSION and classes <= 2:
            self._add_bar(colours.paler(colours.diverging()), "p(class 1)")
        self.plot.setTitle(self._title(), size=f"{palette.TITLE_POINT_SIZE}pt")

    def _title(self) -> str:
        if self.task == REGRESSION:
            return "Output ŷ"
        if self.classes <= 2:
            return "p(class 1)"
        return "Most likely class"

    def _add_bar(self, cmap: pg.ColorMap, label: str) -> None:
        self._bar_spec = (cmap, label)
        self._build_bar()

    def _build_bar(self) -> None:
        """The colour bar beside the plot (vertical) or under it (horizontal, ``bar_below``)."""
        if self.colour_bar is not None:
            self.ci.removeItem(self.colour_bar)
        cmap, label = self._bar_spec
        below = self.bar_below
        self._bar_stale = True
        self.colour_bar = pg.ColorBarItem(colorMap=cmap, interactive=False, width=18, label=label,
                                          orientation="horizontal" if below else "vertical")
        self.colour_bar.getAxis("bottom" if below else "right").setTickFont(palette.font(palette.AXIS_TICK_POINT_SIZE))
        self.addItem(self.colour_bar, row=1 if below else 0, col=0 if below else 1)
        self.colour_bar.setLevels(self.levels)
        self._schedule_fit()

    # --- the box's shape -------------------------------------------------------------------------
    @Slot()
    def _schedule_fit(self, *_args) -> None:
        self._fit_timer.start(0)  # after the layout has placed the items

    @Slot()
    def _fit_box(self) -> None:
        """Give the plot area the box's shape, as large as fits, centred; move the colour bar
        under the plot (or back beside it) when that makes the plane larger."""
        if self.box is None:
            return
        (a, b), (c, d) = self.box
        ratio = (d - c) / (b - a)  # height / width
        layout = self.ci.layout
        left, top, right, bottom = layout.getContentsMargins()
        area = self.plot.vb.size()
        width, height = area.width() + left + right, area.height() + top + bottom  # with no margins
        if width < 20 or height < 20:
            return
        side = min(width, height / ratio)
        if self.colour_bar is not None:
            bar = self.colour_bar.size()
            thick = bar.height() if self.bar_below else bar.width()
            other = (min(width - thick, (height + thick) / ratio) if self.bar_below else
                     min(width + thick, (height - thick) / ratio))
            if other > side + 12:  # worth the move (and no flip-flop between two near-equal sides)
                self.bar_below = not self.bar_below
                layout.setContentsMargins(0, 0, 0, 0)
                self._build_bar()
                return
        dx, dy = (width - side) / 2, (height - side * ratio) / 2
        if max(abs(dx - left), abs(dy - top), abs(dx - right), abs(dy - bottom)) > 0.5:
            layout.setContentsMargins(dx, dy, dx, dy)

    def set_box(self, box: Box) -> None:
        if box != self.box:
            self.box = box
            (a, b), (c, d) = box
            self.plot.setRange(xRange=(a, b), yRange=(c, d), padding=0.0)
            self._schedule_fit()

    def set_output(self, values: np.ndarray, box: Box, levels: tuple[float, float] | None = None) -> None:
        """(k, rows, cols) output values at the cell centres over ``box``."""
        (a, b), (c, d) = box
        rect = QRectF(a, c, b - a, d - c)
        self.values = values
        if self.task == CLASSIFICATION and values.shape[0] > 1:
            self._show(argb_words(colours.winning_class_image(values, colours.BACKGROUND_PALER)), box, rect)
        else:
            if self.task == CLASSIFICATION:
                levels = (0.0, 1.0)
            elif levels is None:
                finite = values[np.isfinite(values)]
                lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
                levels = (lo, hi) if hi > lo else (lo - 0.5, hi + 0.5)
            self._show(self.table.colour(values[0], levels), box, rect)
            if self.colour_bar is not None and (levels != self.levels or self._bar_stale):
                self.colour_bar.setLevels(levels)  # redraws its axis: only when they change
                self._bar_stale = False
            self.levels = levels
        self.set_box(box)

    def _show(self, argb: np.ndarray, box: Box, rect: QRectF) -> None:
        placed = (box, argb.shape)
        if placed == self._placed:  # the same place: only new pixels
            self.image.setImage(argb, autoLevels=False)
        else:
            self.image.setImage(argb, autoLevels=False, rect=rect)
            self._placed = placed

    def set_data(self, x: np.ndarray, y: np.ndarray, test_x: np.ndarray, test_y: np.ndarray) -> None:
        """Train points filled, test points hollow; coloured by class, or by target value."""
        x, test_x = x.reshape(-1, 2), test_x.reshape(-1, 2)
        self._points = (x, test_x)
        size = self.point_size()
        self.train_points.set_points(x, [c.name() for c in self._colours(y)], size, self._point_scale)
        self.test_points.set_points(test_x, [c.name() for c in self._colours(test_y)], size, self._point_scale)

    def point_size(self) -> float:
        """The points' diameter in pixels: smaller for many points in a small plot, larger when presenting."""
        area = self.plot.vb.size()
        return point_size(sum(len(p) for p in self._points), min(area.width(), area.height())) * self._point_scale

    @Slot()
    def _size_points(self, *_args) -> None:
        size = self.point_size()
        self.train_points.set_size(size)
        self.test_points.set_size(size)

    def _colours(self, y: np.ndarray) -> list[QColor]:
        if self.task == CLASSIFICATION:
            table = colours.class_colours(self.classes)
            return [QColor(table[int(label) % len(table)]) for label in y]
        lo, hi = self.levels
        cmap = colours.values_map()
        return [cmap.map((v - lo) / (hi - lo) if hi > lo else 0.5, mode="qcolor") for v in y]

    def set_selected(self, point) -> None:
        """Ring the point (x1, x2) the walkthrough follows; None removes the ring."""
        if point is None:
            self.selected.setData([], [])
        else:
            self.selected.setData([float(point[0])], [float(point[1])], size=self.train_points.size * 2.2)

    @property
    def selected_point(self) -> tuple[float, float] | None:
        x, y = self.selected.getData()
        return None if len(x) == 0 else (float(x[0]), float(y[0]))

    def set_regions(self, edges: np.ndarray, boundary: np.ndarray) -> None:
        """Region outlines (NaN-separated polylines) and the decision boundary (segment pairs)."""
        if edges.size and self.show_edges:
            self.edges.setData(edges[:, 0], edges[:, 1], connect="finite")
        else:
            self.edges.setData([], [])
        if boundary.size:
            self.boundary.setData(boundary[:, 0], boundary[:, 1], connect="pairs")
        else:
            self.boundary.setData([], [])

    def set_scale(self, scale: float) -> None:
        """Presentation mode: thicker boundary, larger points and type."""
        self._point_scale = scale ** 0.5
        self.boundary.setPen(pg.mkPen(BOUNDARY_COLOUR, width=3 * scale))
        self.edges.setPen(pg.mkPen(EDGE_COLOUR, width=1 * scale))
        for name in ("bottom", "left"):
            axis = self.plot.getAxis(name)
            axis.setTickFont(palette.font(round(palette.AXIS_TICK_POINT_SIZE * scale)))
        self.plot.setTitle(self._title(), size=f"{round(palette.TITLE_POINT_SIZE * scale)}pt")

    # --- pointer -------------------------------------------------------------------------------------
    def _inside(self, scene_pos: QPointF) -> QPointF | None:
        if not self.plot.vb.sceneBoundingRect().contains(scene_pos):
            return None
        return self.plot.vb.mapSceneToView(scene_pos)

    @Slot(object)
    def _on_moved(self, scene_pos: QPointF) -> None:
        point = self._inside(scene_pos)
        self.hovered.emit(None if point is None else (point.x(), point.y()))

    def point_near(self, scene_pos: QPointF) -> tuple[int, bool] | None:
        """The data point within PICK_PIXELS of a scene position: (index, is_test)."""
        best = None
        for is_test, pts in ((False, self._points[0]), (True, self._points[1])):
            if not pts.size:
                continue
            scene = [self.plot.vb.mapViewToScene(QPointF(*p)) for p in pts]
            d = np.array([np.hypot(s.x() - scene_pos.x(), s.y() - scene_pos.y()) for s in scene])
            i = int(np.argmin(d))
            if d[i] <= PICK_PIXELS * self._point_scale and (best is None or d[i] < best[0]):
                best = (d[i], i, is_test)
        return None if best is None else (best[1], best[2])

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().mousePressEvent(event)
        event.accept()  # the scene turns it into a click (sigMouseClicked)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().mouseReleaseEvent(event)
        event.accept()

    @Slot(object)
    def _on_clicked(self, event) -> None:
        if self.adding_points:
            point = self._inside(event.scenePos())
            if point is not None and event.button() in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
                shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.plane_clicked.emit(point.x(), point.y(), event.button() == Qt.MouseButton.RightButton, shift)
            return
        if event.button() != Qt.MouseButton.LeftButton:
            return
        picked = self.point_near(event.scenePos())
        if picked is not None:
            self.point_clicked.emit(*picked)
