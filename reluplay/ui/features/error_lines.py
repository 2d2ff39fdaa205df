"""View → Error lines: on plot 3, a line from each data point to the network's curve.

Each line's length is that point's error ŷ − y; the loss (MSE) is the mean of their squares, so
the class sees what training shrinks. All lines are one PlotCurveItem (connect="pairs"): one item
however many points, redrawn at most once per frame while training.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction

from reluplay.state.session import Session
from reluplay.ui import presentation_style as big
from reluplay.ui.coalesce import Coalescer
from reluplay.ui.features.parts import Menu, Parts

if TYPE_CHECKING:
    from reluplay.ui.main_window import MainWindow

ERROR_COLOUR = "#D50000"  # red: an error; no unit wears it
WIDTH = 3.0  # thicker in presentation mode, as every line
#: As the plots' own redraws: at most ~40 a second while training.
REDRAW_MS = 25


class ErrorLines(QObject):
    def __init__(self, session: Session, plot: pg.PlotItem, parent: QObject):
        super().__init__(parent)
        self._session = session
        self.item = pg.PlotCurveItem(connect="pairs", pen=pg.mkPen(ERROR_COLOUR, width=WIDTH))
        self.item.setZValue(20)  # over the curves, under the data points (z 30)
        self.item.setVisible(False)
        plot.addItem(self.item, ignoreBounds=True)  # the lines never widen the view
        self.action = QAction("Error lines", self)
        self.action.setCheckable(True)
        tip = ("On plot 3, a red line from each data point to the network's curve: its length is the error ŷ − y. "
               "The loss (MSE) is the mean of the squared lengths.")
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)
        self.action.toggled.connect(self.set_shown)
        self._redraw = Coalescer(self.redraw, REDRAW_MS, self)
        session.network_changed.connect(self._redraw.request)
        session.data_changed.connect(self._redraw.request)

    @Slot(bool)
    def set_presentation(self, on: bool) -> None:
        """Lines as thick as presentation mode's curves (``on``), or the desk's."""
        self.item.setPen(pg.mkPen(ERROR_COLOUR, width=WIDTH * (big.LINE_SCALE if on else 1.0)))

    @Slot(bool)
    def set_shown(self, on: bool) -> None:
        self.item.setVisible(on)
        if on:
            self.redraw()

    @Slot()
    def redraw(self) -> None:
        self._redraw.cancel()
        if not self.item.isVisible():
            return
        x, y = self._session.x, self._session.y
        with np.errstate(all="ignore"):  # a diverged network's output may overflow; it just draws nothing
            y_hat = self._session.network(x)
        pairs_y = np.column_stack([y, y_hat]).ravel()
        keep = np.isfinite(pairs_y).reshape(-1, 2).all(axis=1).repeat(2)
        self.item.setData(np.repeat(x, 2)[keep], pairs_y[keep])

    def segments(self) -> tuple[np.ndarray, np.ndarray]:
        """The (x, y) the item draws, pairs of points (for tests)."""
        xs, ys = self.item.getData()
        return (np.zeros(0), np.zeros(0)) if xs is None else (np.asarray(xs), np.asarray(ys))


def build(window: MainWindow) -> tuple[ErrorLines, Parts]:
    lines = ErrorLines(window.session, window.plots.output_plot, window)
    window.presentation.active_changed.connect(lines.set_presentation)
    parts = Parts()
    parts.add_menu(Menu.VIEW, None, lines.action)
    return lines, parts
