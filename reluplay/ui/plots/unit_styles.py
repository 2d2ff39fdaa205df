"""How the unit plots style their units: palette, dashes, the pointed-at unit, coinciding curves.

A mixin of :class:`~reluplay.ui.plots.unit_plots.UnitPlots` (it uses its session, bundles and
legend): pens are remade only when what they depend on changes (dead units, the highlight, the
palette, presentation mode), never per frame.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor

from reluplay.ui import palette
from reluplay.ui.plots.curve_bundle import CurveBundle
from reluplay.ui.plots.key_moments import coinciding_curves
from reluplay.ui.plots.plot_style import kink_points

HIGHLIGHT_WIDTH = 2.2  # the pointed-at unit's line, times the usual width
DIMMED_ALPHA = 60  # the other units' lines while one is pointed at (of 255)


class UnitStyling:
    def _kinks(self, grid, pre, post, scale, dead, layer) -> dict:
        # Only piecewise-linear activations have a kink worth marking; smooth ones bend gently.
        activation = self._session.network.layers[layer].activation
        if activation not in ("relu", "leaky_relu"):
            self.kink_data[0 if scale is None else 1] = {}
            return {"x": np.zeros(0), "y": np.zeros(0)}
        n = pre.shape[0]
        key = (layer, n, self.scheme, self.highlight, tuple(lay.n_out for lay in self._session.network.hidden_layers))
        if key not in self._marker_styles:  # made once per shape, palette and highlight, not per frame
            if len(self._marker_styles) > 8:
                self._marker_styles.clear()
            self._marker_styles[key] = (
                [self._unit_colour(layer, unit).name(QColor.NameFormat.HexArgb) for unit in range(n)],
                [palette.unit_name(unit, layer) for unit in range(n)])
        colours, names = self._marker_styles[key]
        points = kink_points(grid, pre, post, scale, dead, colours, names)
        self.kink_data[0 if scale is None else 1] = points
        return points

    def _set_twins(self, key: str, curves: np.ndarray, dead: set[int]) -> None:
        twins = coinciding_curves(curves, dead)
        if twins != self.twins[key]:
            self.twins[key] = twins
            if key == "units":
                self._fill_legend()

    def _update_pens(self, bundle: CurveBundle, dead: set[int], key: str, layer: int) -> None:
        twins = self.twins[key]
        state = (frozenset(dead), self.highlight, self.scheme, self._line_scale, layer, tuple(sorted(twins)))
        if state == self._dead_cache[key]:
            return
        bundle.set_dead(dead, self._pen_maker(layer, twins))  # dead units grey, dashed, under the live ones
        front = set(twins)
        if self.highlight is not None and self.highlight[0] == layer:
            front.add(self.highlight[1])
        bundle.set_front(front)
        self._dead_cache[key] = state

    # --- styles: palette, highlight ---------------------------------------------------------------
    def _unit_colour(self, layer: int, unit: int) -> QColor:
        colour = palette.unit_colour(palette.network_style(self._session.network, layer, unit), self.scheme)
        if self.highlight is not None and self.highlight[0] == layer and self.highlight[1] != unit:
            colour.setAlpha(DIMMED_ALPHA)
        return colour

    def _pen_maker(self, layer: int, twins: dict[int, int]):
        """pen_for(index, dead=False) for the curves of hidden layer ``layer``."""
        def pen_for(index: int, dead: bool = False):
            style = palette.network_style(self._session.network, layer, index)
            pen = palette.unit_pen(style, dead=dead, scheme=self.scheme)
            width = pen.widthF() * self._line_scale
            if not dead:
                pen.setColor(self._unit_colour(layer, index))
                if index in twins:
                    pen.setDashPattern([2.0, 2.0])  # over its twin, so both colours show
            if self.highlight == (layer, index):
                width *= HIGHLIGHT_WIDTH
            pen.setWidthF(width)
            return pen
        return pen_for

    def set_palette(self, scheme: str) -> None:
        self.scheme = scheme
        self._dead_cache = {"units": None, "contrib": None}
        self.redraw_now()

    def set_highlight(self, target: tuple[int, int] | None) -> None:
        """Point at one unit (hidden layer, unit) on all three plots, or at none."""
        if target != self.highlight:
            self.highlight = target
            self._dead_cache = {"units": None, "contrib": None}
            self.redraw_now()
