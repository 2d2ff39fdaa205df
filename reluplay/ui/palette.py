"""Colours, pens and fonts, chosen for a projector and for colour-blind viewers.

Unit colours follow Okabe & Ito's colour-blind-safe palette (without its yellow, which vanishes
on a white background, and without black, which is kept for the summed output), extended with
two of Paul Tol's "muted" colours. Dead units are grey and dashed, so they read as "off" even
for viewers who cannot tell the hues apart.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPen

from reluplay.teach.unit_names import unit_name  # noqa: F401 - the editor, plots and panels name units through the palette

UNIT_COLOURS = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#882255",  # wine (Tol)
    "#999933",  # olive (Tol)
)
OUTPUT_COLOUR = "#111111"
DATA_FILL = "#F0E442"  # Okabe-Ito yellow: visible as a fill when outlined in black
DATA_EDGE = "#111111"
DEAD_COLOUR = "#9A9A9A"
CROSSHAIR_COLOUR = "#777777"
MARKER_COLOUR = "#6A3D9A"  # purple: no unit wears it, and it is not the black output
GRID_COLOUR = "#DDDDDD"
BACKGROUND = "#FFFFFF"
FOREGROUND = "#222222"

UNIT_LINE_WIDTH = 3
OUTPUT_LINE_WIDTH = 6
DATA_SIZE = 16

APP_POINT_SIZE = 12
AXIS_TICK_POINT_SIZE = 13
AXIS_LABEL_POINT_SIZE = 14
TITLE_POINT_SIZE = 15
BIG_NUMBER_POINT_SIZE = 26


def unit_colour(index: int) -> QColor:
    return QColor(UNIT_COLOURS[index % len(UNIT_COLOURS)])


def unit_pen(index: int, dead: bool = False) -> QPen:
    if dead:
        pen = QPen(QColor(DEAD_COLOUR), UNIT_LINE_WIDTH, Qt.PenStyle.DashLine)
    else:
        pen = QPen(unit_colour(index), UNIT_LINE_WIDTH)
    pen.setCosmetic(True)
    return pen


def output_pen() -> QPen:
    pen = QPen(QColor(OUTPUT_COLOUR), OUTPUT_LINE_WIDTH)
    pen.setCosmetic(True)
    return pen


def font(point_size: int, bold: bool = False) -> QFont:
    f = QFont()
    f.setPointSize(point_size)
    f.setBold(bold)
    return f


def configure_pyqtgraph() -> None:
    """Light theme with antialiasing: a projector washes out dark themes and jagged lines."""
    import pyqtgraph as pg

    pg.setConfigOptions(background=BACKGROUND, foreground=FOREGROUND, antialias=True)
