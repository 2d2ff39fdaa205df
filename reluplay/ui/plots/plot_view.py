"""The three plots' view, presentation mode, hover readout, clicks and the x marker.

A mixin of ``UnitPlots`` (ui/plots/unit_plots.py), kept apart so each file stays readable: it uses the
plots' items (``unit_plot``, ``contribution_plot``, ``output_plot``, the curves, ``readout``, the crosshairs
and markers) and the session.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Slot

from reluplay.ui import palette
from reluplay.ui.plots.plot_style import KINK_SIZE, padded

X_PADDING = 0.04  # so data points on the lesson's x limits are drawn whole


class PlotViewing:
    """Fitting and resetting the view, the large-print look, and what the pointer does over the plots."""

    # --- view ---------------------------------------------------------------------------------------------
    def reset_view(self) -> None:
        """The preset's view: x and output y ranges from the preset; unit plots fitted once."""
        if not self.active:
            return
        view = self._session.view
        self.unit_plot.setXRange(*view.x_range, padding=X_PADDING)
        self.output_plot.setYRange(*view.y_range, padding=0)
        self.redraw_now()
        self._fit_y(self.unit_plot, self.unit_curves)
        self._fit_y(self.contribution_plot, self.contribution_curves)

    @Slot()
    def fit_view(self, keep_x: bool = False) -> None:
        """Re-fit every plot to what it shows (the "Fit view" action); ``keep_x``: only the heights."""
        s = self._session
        if not self.active:
            return
        lo, hi = s.view.x_range
        if s.x.size:
            lo, hi = min(lo, float(s.x.min())), max(hi, float(s.x.max()))
        if not keep_x:
            self.unit_plot.setXRange(lo, hi, padding=0.02)
        self.redraw_now()
        self._fit_y(self.unit_plot, self.unit_curves)
        self._fit_y(self.contribution_plot, self.contribution_curves)
        self._fit_y(self.output_plot, [self.output_curve], extra=s.y)

    @staticmethod
    def _fit_y(plot: pg.PlotItem, curves, extra: np.ndarray | None = None) -> None:
        values = [c.getData()[1] for c in curves if c.getData()[1] is not None]
        if extra is not None and extra.size:
            values.append(extra)
        if not values:
            return
        stacked = np.concatenate(values)
        stacked = stacked[np.isfinite(stacked)]
        if stacked.size:
            plot.setYRange(*padded(float(stacked.min()), float(stacked.max())), padding=0)

    # --- presentation mode ------------------------------------------------------------------------------
    def set_presentation(self, on: bool) -> None:
        """Thick lines and large type for the back of a room; False restores the desk look."""
        from reluplay.ui import (
            presentation_style as big,  # only presentation mode needs it
        )

        self._line_scale = big.LINE_SCALE if on else 1.0
        for plot in self.plots:
            big.scale_plot_text(plot, big.TEXT_SCALE if on else 1.0)
        for plot in (self.unit_plot, self.contribution_plot):
            # Plot 3 right under them says "x" for all three: in large type that line is height
            # the plots need on a 720-pixel projector.
            plot.getAxis("bottom").showLabel(not on)
        pen = palette.output_pen()
        pen.setWidthF(pen.widthF() * self._line_scale)
        self.output_curve.setPen(pen)
        self.data_points.setSize(palette.DATA_SIZE * self._line_scale ** 0.5)
        self.legend.setLabelTextSize(f"{round(palette.AXIS_LABEL_POINT_SIZE * (big.TEXT_SCALE if on else 1.0))}pt")
        self._compact_legend = on
        self._fill_legend()
        # The hover readout's desk-size line cannot be read from the back of a room, and its row
        # is height plot 3 needs on a 720-pixel projector (the crosshair still follows the pointer).
        self.readout.setVisible(not on)
        self.key_moments.set_text_scale(big.TEXT_SCALE if on else 1.0)
        for kinks in (self.unit_kinks, self.contribution_kinks):
            kinks.setSize(KINK_SIZE * self._line_scale ** 0.5)  # their letters must read from the back too
        self._dead_cache = {"units": None, "contrib": None}  # re-pen every curve on the next frame
        self.redraw_now()
        self.row_shares.update_minimums()  # larger type takes more of each row

    # --- hover readout, clicks and the marker -------------------------------------------------------------
    def _plot_at(self, pos: QPointF) -> pg.PlotItem | None:
        return next((p for p in self.plots if p.sceneBoundingRect().contains(pos)), None)

    @Slot(QPointF)
    def _on_mouse_moved(self, pos: QPointF) -> None:
        hovered = self._plot_at(pos)
        if hovered is None:
            for line in self._crosshairs:
                line.hide()
            self.readout.setText(" ")
            return
        point = hovered.vb.mapSceneToView(pos)
        self.show_readout(point.x(), point.y())

    @Slot(object)
    def _on_mouse_clicked(self, event) -> None:
        # The scene reports every click after its items had it. One taken by a tool (adding a data
        # point in edit mode, a legend entry) is not an x to follow; one on a data point or a kink
        # marker is (those scatters accept clicks on their points, but do nothing with them).
        taken = event.isAccepted() and not isinstance(event.currentItem, pg.ScatterPlotItem)
        clicked = self._plot_at(event.scenePos())
        if clicked is not None and not taken and event.button() == Qt.MouseButton.LeftButton \
                and not event.modifiers():
            self.x_clicked.emit(float(clicked.vb.mapSceneToView(event.scenePos()).x()))

    def set_marker(self, x: float | None) -> None:
        """A vertical line at x on all three plots (None hides it)."""
        for line in self._markers:
            if x is None:
                line.hide()
            else:
                line.setValue(x)
                line.show()

    def marker_x(self) -> float | None:
        return float(self._markers[0].value()) if self._markers[0].isVisible() else None

    def show_readout(self, x: float, y: float) -> None:
        if not self.active:
            return
        for line in self._crosshairs:
            line.setValue(x)
            line.show()
        y_hat = float(self._session.network([x])[0])
        self.readout.setText(f"x = <b>{x:.3f}</b> &nbsp; pointer y = {y:.3f} &nbsp; network output ŷ = <b>{y_hat:.3f}</b>")
