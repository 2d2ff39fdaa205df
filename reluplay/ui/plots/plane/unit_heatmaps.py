"""Small multiples: one heatmap per unit of a hidden layer, framed and lettered in the unit's colour.

Each unit's activation (or its contribution, output weight × activation) over the plane, on one
shared diverging scale (white at 0, so an off unit's half-plane is white), with its fold line —
where its pre-activation is 0 — drawn on top. Clicking a heatmap enlarges it (click again for the
grid) and reports the unit. Items are made when the number of units changes, otherwise only fed
new images.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsScene

from reluplay.ui import palette
from reluplay.ui.plots.plane import colours
from reluplay.ui.plots.plane.argb_image import ArgbImageItem
from reluplay.ui.plots.plane.geometry import Box
from reluplay.ui.plots.plane.segments_item import SegmentsItem

FOLD_COLOUR = "#111111"
FRAME_WIDTH = 3
#: A unit's letter is at most this share of its tile's height: in presentation mode at 1280 × 720, 16 tiles
#: of ~65 px with letters at twice the desk's size hid the heatmaps behind them.
LETTER_MAX_SHARE = 0.22


class UnitTile:
    """One unit's view box: heatmap, fold line, letter."""

    def __init__(self):
        self.view = pg.ViewBox(lockAspect=True, enableMouse=False, enableMenu=False)
        self.view.setDefaultPadding(0.0)
        self.image = ArgbImageItem()  # fed ready-coloured images (UnitHeatmaps.table)
        self.fold = SegmentsItem()
        self.fold.setZValue(5)
        self.letter = pg.TextItem(anchor=(0, 0))
        self.letter.setZValue(10)
        self.frame = QGraphicsRectItem()  # tight around the heatmap (the box's border would frame the empty margin)
        self.frame.setZValue(8)
        for item in (self.image, self.fold, self.letter, self.frame):
            self.view.addItem(item)
        self.style: tuple | None = None  # what set_style last drew

    def set_style(self, colour: QColor, name: str, dead: bool, scale: float) -> None:
        room = self.view.sceneBoundingRect().height()  # the tile's height on screen, in pixels
        letter_points = round(palette.TITLE_POINT_SIZE * scale)
        if room > 0:  # pixels to points at the usual 96 dpi; never below a readable 8 pt
            letter_points = max(8, min(letter_points, round(LETTER_MAX_SHARE * room * 0.75)))
        style = (colour.rgba(), name, dead, scale, letter_points)
        if style == self.style:  # every frame asks; the letter's HTML layout is not free
            return
        self.style = style
        pen = QPen(colour, FRAME_WIDTH * scale)
        if dead:
            pen = QPen(QColor(palette.DEAD_COLOUR), FRAME_WIDTH * scale, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self.frame.setPen(pen)
        font = QFont()
        font.setPointSize(letter_points)
        font.setBold(True)
        self.letter.setFont(font)
        self.letter.setColor(pen.color())
        self.letter.setHtml(f"<span style='background-color:rgba(255,255,255,200)'>&nbsp;{name}{' (dead)' if dead else ''}&nbsp;</span>")
        self.fold.set_pen(pg.mkPen(FOLD_COLOUR, width=2.0 * scale))


class UnitHeatmaps(pg.GraphicsLayoutWidget):
    #: A left click on unit ``unit``'s heatmap (the layer is the one shown).
    unit_clicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.scene().setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.ci.layout.setSpacing(6)
        self.tiles: list[UnitTile] = []
        self.enlarged: int | None = None  # the unit shown alone, large
        self.levels = (-1.0, 1.0)
        #: The diverging map as a table: the views colour the values themselves (no levels or lut in pyqtgraph).
        self.table = colours.ColourTable(colours.diverging())
        #: The values shown, (units, rows, cols), as last given to set_images.
        self.values: np.ndarray | None = None
        self._box: Box | None = None
        self._placed: tuple | None = None  # (box, image shape) the tiles' images were last placed at
        self._scale = 1.0
        self._columns = 0
        self.scene().sigMouseClicked.connect(self._on_clicked)

    # --- shape -----------------------------------------------------------------------------------------
    def set_unit_count(self, n: int) -> None:
        if n == len(self.tiles):
            return
        self.enlarged = None
        self._placed = None
        self.ci.clear()
        self.tiles = [UnitTile() for _ in range(n)]
        self._arrange()

    def _arrange(self) -> None:
        for tile in self.tiles:
            if tile.view.scene() is not None:
                self.ci.removeItem(tile.view)
        shown = self.tiles if self.enlarged is None else [self.tiles[self.enlarged]]
        columns = self._columns = self.best_columns(len(shown))
        for index, tile in enumerate(shown):
            self.ci.addItem(tile.view, row=index // columns, col=index % columns)
        for tile in self.tiles:
            tile.view.setVisible(tile in shown)

    def best_columns(self, n: int) -> int:
        """The number of columns that makes the (square) heatmaps largest in this widget."""
        width, height = max(1, self.width()), max(1, self.height())
        return max(range(1, n + 1), key=lambda c: min(width / c, height / math.ceil(n / c)))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if "tiles" not in self.__dict__:  # pyqtgraph's constructor resizes before ours has run
            return
        shown = len(self.tiles) if self.enlarged is None else 1
        if self.tiles and self.best_columns(shown) != self._columns:
            self._arrange()

    def enlarge(self, unit: int | None) -> None:
        """Show unit ``unit`` alone, as large as the grid (None: every unit again)."""
        if unit is not None and not 0 <= unit < len(self.tiles):
            unit = None
        if unit != self.enlarged:
            self.enlarged = unit
            self._arrange()

    def set_styles(self, styles: list[tuple[QColor, str, bool]], scale: float = 1.0) -> None:
        """(colour, name, dead) per unit; ``scale`` grows lines and letters (presentation mode)."""
        self._scale = scale
        for tile, (colour, name, dead) in zip(self.tiles, styles):
            tile.set_style(colour, name, dead, scale)

    # --- data ------------------------------------------------------------------------------------------
    def set_images(self, images: np.ndarray, box: Box, levels: tuple[float, float] | None = None) -> None:
        """(units, rows, cols) values at the cell centres over ``box`` (row = x2, column = x1)."""
        self.levels = levels if levels is not None else colours.symmetric_levels(images)
        self.values = images
        (a, b), (c, d) = box
        rect = QRectF(a, c, b - a, d - c)
        placed = (box, images.shape)
        for tile, argb in zip(self.tiles, self.table.colour(images, self.levels)):
            if placed == self._placed:  # the same place: only new pixels
                tile.image.setImage(argb, autoLevels=False)
            else:
                tile.image.setImage(argb, autoLevels=False, rect=rect)
                tile.frame.setRect(rect)
                tile.letter.setPos(a, d)
        self._placed = placed
        if box != self._box:
            self._box = box
            for tile in self.tiles:
                tile.view.setRange(xRange=(a, b), yRange=(c, d), padding=0.0)
                tile.view.invertY(False)

    def set_folds(self, folds: list[np.ndarray]) -> None:
        """Each unit's fold line as (2K, 2) segment ends (empty: no fold in the box)."""
        for tile, segments in zip(self.tiles, folds):
            tile.fold.set_segments(segments)

    # --- clicks ----------------------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().mousePressEvent(event)
        event.accept()  # the scene turns it into a click (sigMouseClicked); nothing else wants it

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().mouseReleaseEvent(event)
        event.accept()

    def unit_at(self, scene_pos: QPointF) -> int | None:
        for index, tile in enumerate(self.tiles):
            if tile.view.isVisible() and tile.view.sceneBoundingRect().contains(scene_pos):
                return index
        return None

    @Slot(object)
    def _on_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        unit = self.unit_at(event.scenePos())
        if unit is None:
            return
        self.enlarge(None if self.enlarged == unit else unit)
        self.unit_clicked.emit(unit)
