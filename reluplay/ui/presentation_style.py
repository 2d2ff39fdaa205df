"""Type and line sizes for presentation mode: what a class reads from the back of a room.

A projected 1080p picture viewed from ten metres needs roughly twice the desk sizes; the
scales below were judged from real screenshots (``reluplay --screenshot --presentation``).
"""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QWidget

from reluplay.ui import palette
from reluplay.ui.plots.plot_titles import full_title, set_fitted_title

TEXT_SCALE = 1.6
LINE_SCALE = 1.8
NUMBER_POINT_SIZE = 40  # the step counter and the loss, the numbers a teacher points at
LEFT_AXIS_WIDTH = 72


def scale_plot_text(plot: pg.PlotItem, scale: float) -> None:
    """Title, tick labels and axis labels of ``plot`` at ``scale`` times their normal size."""
    set_fitted_title(plot, full_title(plot), palette.TITLE_POINT_SIZE * scale)
    tick_font = palette.font(round(palette.AXIS_TICK_POINT_SIZE * scale))
    for name in ("bottom", "left"):
        axis = plot.getAxis(name)
        axis.setTickFont(tick_font)
        axis.setLabel(axis.labelText, **{"font-size": f"{round(palette.AXIS_LABEL_POINT_SIZE * scale)}pt",
                                          "color": palette.FOREGROUND})
        axis.setTextPen(QColor(palette.FOREGROUND))
    plot.getAxis("left").setWidth(round(LEFT_AXIS_WIDTH * scale))


_DESK_SIZE = "reluplay_desk_point_size"


def scale_fonts(root: QWidget, scale: float) -> None:
    """Every font in ``root`` and its children at ``scale`` times its desk size (1.0 restores it)."""
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:  # first record every desk size, before any parent's change reaches a child
        if widget.property(_DESK_SIZE) is None:
            widget.setProperty(_DESK_SIZE, widget.font().pointSizeF())
    for widget in widgets:
        font = QFont(widget.font())
        font.setPointSizeF(float(widget.property(_DESK_SIZE)) * scale)
        widget.setFont(font)
