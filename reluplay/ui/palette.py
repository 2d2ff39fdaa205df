"""Colours, pens and fonts, chosen for a projector and for colour-blind viewers.

Unit colours follow Okabe & Ito's colour-blind-safe palette (without its yellow, which vanishes
on a white background, and without black, which is kept for the summed output), extended with
two of Paul Tol's "muted" colours. Eight colours times four dash patterns give 32 styles that
tell units apart: units 1-8 are solid, 9-16 dashed, 17-24 dotted, 25-32 dash-dotted. Dead units
are grey and dashed, so they read as "off" even for viewers who cannot tell the hues apart.

The "projector" palette trades some of the standard one's softness for contrast: a washed-out
projector drops orange and sky blue to 1.6:1 against white, so it uses darker, saturated
colours (Okabe-Ito's blue, Tol's vibrant red, green, purple, indigo...), each at least 3:1
against the white plot background by WCAG's relative-luminance formula (a test checks it).
Deeper layers continue the style sequence after the earlier layers' units, so layer 2's A′
never wears layer 1's A colour (up to 32 units in all).
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPen

from reluplay.teach.unit_names import unit_name  # noqa: F401 - the editor, plots and panels name units through the palette

STANDARD = "standard"
PROJECTOR = "projector"

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
PROJECTOR_UNIT_COLOURS = (
    "#0072B2",  # blue (Okabe-Ito), 5.2:1
    "#CC3311",  # red (Tol vibrant), 5.2:1
    "#117733",  # green (Tol muted), 5.7:1
    "#AA3377",  # purple (Tol bright), 6.1:1
    "#8F6B00",  # dark ochre: Okabe-Ito's orange, darkened, 4.9:1
    "#332288",  # indigo (Tol muted), 12:1
    "#994F00",  # brown, 6.1:1
    "#00796B",  # dark teal, 5.3:1
)
PALETTES = {STANDARD: UNIT_COLOURS, PROJECTOR: PROJECTOR_UNIT_COLOURS}
PALETTE_LABELS = {STANDARD: "Standard colours", PROJECTOR: "High-contrast projector colours"}
#: Dash patterns in pen widths, one per round of colours: solid, dashed, dotted, dash-dotted.
UNIT_DASHES: tuple[tuple[float, ...] | None, ...] = (None, (4.0, 2.0), (1.0, 1.6), (5.0, 2.0, 1.0, 2.0))
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


def unit_colour(index: int, scheme: str = STANDARD) -> QColor:
    """Colour of style ``index`` (see :func:`style_index`) in the palette ``scheme``."""
    colours = PALETTES.get(scheme, UNIT_COLOURS)
    return QColor(colours[index % len(colours)])


def unit_dash(index: int) -> tuple[float, ...] | None:
    """Dash pattern of style ``index``: None (solid) for the first eight, then dashed, dotted..."""
    return UNIT_DASHES[(index // len(UNIT_COLOURS)) % len(UNIT_DASHES)]


def style_index(layer_sizes, layer: int, unit: int) -> int:
    """The style of unit ``unit`` of hidden layer ``layer``: deeper layers continue after the earlier ones."""
    return int(sum(layer_sizes[:layer])) + unit


def network_style(network, layer: int, unit: int) -> int:
    return style_index([lay.n_out for lay in network.hidden_layers], layer, unit)


def unit_pen(index: int, dead: bool = False, scheme: str = STANDARD) -> QPen:
    if dead:
        pen = QPen(QColor(DEAD_COLOUR), UNIT_LINE_WIDTH, Qt.PenStyle.DashLine)
    else:
        pen = QPen(unit_colour(index, scheme), UNIT_LINE_WIDTH)
        dash = unit_dash(index)
        if dash is not None:
            pen.setDashPattern(list(dash))
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)  # square caps would fill the gaps
    pen.setCosmetic(True)
    return pen


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a "#RRGGBB" colour."""
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255.0 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours, 1 (none) to 21 (black on white)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


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
