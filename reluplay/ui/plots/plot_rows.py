"""How the three plots share a short screen's height: plot 3 first, plots 1 and 2 readable.

Plot 3 (the network's output over the data) is what every lesson is about, so it gets the
larger share (ROW_STRETCH); each row keeps at least MIN_VIEW_HEIGHT pixels of view box beside
its title and axis, whatever their type size (presentation mode's is larger), so a short
projector screen never squeezes plots 1 and 2 into unreadable strips.
"""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QObject

#: Height shares of the rows: plots 1 and 2 side by side, plot 3 under them.
ROW_STRETCH = (1, 2)
#: The least view box height of a plot: below this it is too small to read from the back of a room.
MIN_VIEW_HEIGHT = 120


class PlotRowShares(QObject):
    """Keeps the canvas's rows at their shares and minimums as the canvas and its type change size."""

    def __init__(self, canvas: pg.GraphicsLayoutWidget, rows: tuple[pg.PlotItem, pg.PlotItem]):
        super().__init__(canvas)
        self._layout = canvas.ci.layout
        self._rows = rows
        for row, stretch in enumerate(ROW_STRETCH):
            self._layout.setRowStretchFactor(row, stretch)
        for plot in rows:  # a new size or new type size: measure what is beside the view again
            plot.geometryChanged.connect(self.update_minimums)

    def update_minimums(self) -> None:
        """Each row's minimum: its plot's title and axis (what is not view box) plus MIN_VIEW_HEIGHT."""
        for row, plot in enumerate(self._rows):
            besides_view = plot.geometry().height() - plot.vb.geometry().height()
            minimum = max(0.0, besides_view) + MIN_VIEW_HEIGHT
            if abs(self._layout.rowMinimumHeight(row) - minimum) > 0.5:
                self._layout.setRowMinimumHeight(row, minimum)
