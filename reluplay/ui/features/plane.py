"""Two inputs: the window shows the plane views instead of the 1-D plots, and says what is 1-D only.

When the lesson's network has two inputs (``session.network.n_inputs == 2``) the plot area shows
``PlaneViews``; the status bar shows the exact number of linear regions (or "not piecewise
linear"), the accuracy for classification and the dead units, computed off the GUI thread
(``state.plane_analysis``). Tools that only work on a line yet are disabled with a tooltip that
says so, and enabled again for a one-input lesson. Clicking a unit heatmap pins the unit (its
card in the editor is framed and scrolled to); clicking a data point opens the walkthrough for
that point, the backward panel shows its share of each gradient, and the point is ringed on the
output view while either panel is open.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QLabel

from reluplay.state.changes import ChangeKind, NetworkChange
from reluplay.state.plane_analysis import PlaneAnalysis, PlaneAnalysisRunner
from reluplay.ui import palette
from reluplay.ui.features.parts import Parts
from reluplay.ui.plots.plane.output_view import CLASSIFICATION

ONE_INPUT_ONLY = "Not available with two inputs yet: this tool works on the 1-D plots."
TWO_INPUTS_ONLY = "For lessons with two inputs (x1, x2): this tool works on the plane."


class Plane(QObject):
    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self._session = window.session
        self.views = window.plane
        self.analysis = PlaneAnalysisRunner(parent=self)
        self.analysis.ready.connect(self._show_analysis)
        self.latest: PlaneAnalysis | None = None
        self.status_regions = QLabel()
        self.status_accuracy = QLabel()
        for label in (self.status_regions, self.status_accuracy):
            label.setFont(palette.font(palette.APP_POINT_SIZE))
            label.hide()
        self.status_regions.setToolTip("Linear regions: the flat pieces the network cuts the plane into, counted "
                                       "exactly in the view box (pieces with the same formula count once).")
        self.status_accuracy.setToolTip("Accuracy: the share of training points whose most likely class is "
                                        "their label.")
        self._saved_tips: dict[int, str] = {}
        self._stale = True
        self.views.unit_selected.connect(self._on_unit_selected)
        self.views.point_selected.connect(self._on_point_selected)
        self._session.network_changed.connect(self._on_network_changed)
        walk = window.walkthrough_panel
        walk.point_changed.connect(window.backward_panel.set_point)
        walk.point_changed.connect(self._show_marker)
        for dock in (walk.dock, window.backward_panel.dock):
            dock.visibilityChanged.connect(self._show_marker)
        window.backward_panel.set_point(walk.point)

    @property
    def active(self) -> bool:
        return self._session.network.n_inputs == 2

    def one_input_actions(self) -> list:
        """The window's actions that need the 1-D plots (disabled with two inputs)."""
        w = self._window
        data = w.data_tools
        actions = [data.editor.toggle_action, data.editor.delete_action, data.generate_action,
                   w.error_lines.action, w.step_trace.action,
                   w.unit_focus.kink_lines_action, w.unit_focus.pieces_action]
        return [a for a in actions if a is not None]

    def two_input_actions(self) -> list:
        """The window's actions that need the plane (disabled with one input)."""
        data = self._window.data_tools
        return [data.dataset_action, data.plane_points.toggle_action]

    # --- switching between one and two inputs -------------------------------------------------------
    def apply(self) -> None:
        """Show the views that fit the network, and enable the tools that work with it."""
        w, two = self._window, self.active
        w.plot_stack.setCurrentWidget(self.views if two else w.plots)
        for action in self.one_input_actions():
            key = id(action)
            if two:
                if key not in self._saved_tips:
                    self._saved_tips[key] = action.toolTip()
                if action.isCheckable() and action.isChecked():
                    action.setChecked(False)
                action.setEnabled(False)
                action.setToolTip(ONE_INPUT_ONLY)
            elif key in self._saved_tips:
                action.setToolTip(self._saved_tips.pop(key))
                action.setEnabled(True)
        for action in self.two_input_actions():
            if not two and action.isCheckable() and action.isChecked():
                action.setChecked(False)
            action.setEnabled(two)
            if two and id(action) in self._saved_tips:
                action.setToolTip(self._saved_tips.pop(id(action)))
            elif not two and id(action) not in self._saved_tips:
                self._saved_tips[id(action)] = action.toolTip()
                action.setToolTip(TWO_INPUTS_ONLY)
        if two:
            self.views.rebuild()
            self.views.redraw_now()
        self.status_regions.setVisible(two)
        self.status_accuracy.setVisible(two and self._session.task == CLASSIFICATION)
        w.status_pieces.setVisible(not two)
        self._stale = True

    @Slot(object)
    def _on_network_changed(self, change: NetworkChange) -> None:
        if change.kind is ChangeKind.LOAD:
            self.apply()
        elif change.structural:  # a data set may have turned the lesson into classification, or back
            self.status_accuracy.setVisible(self.active and self._session.task == CLASSIFICATION)
            self._stale = True
        elif change.kind is not ChangeKind.TRAINING:
            self._stale = True

    # --- status bar ---------------------------------------------------------------------------------
    def request_status(self) -> None:
        """Ask for the regions, dead units and accuracy of the current network (2-D only)."""
        s = self._session
        self.analysis.request(s.network, s.x, s.y, self.views.box, s.task == CLASSIFICATION)
        if self._stale:
            self.status_regions.setText("  Linear regions: …  ")
            self.status_accuracy.setText("  Accuracy: …  ")
            self._window.status_dead.setText("  Dead units: …  ")

    @Slot(object)
    def _show_analysis(self, result: PlaneAnalysis) -> None:
        if not self.active:
            return
        self._stale = False
        self.latest = result
        regions = result.regions
        if regions is None:
            text = "  Linear regions: –  "
        elif not regions.piecewise_linear:
            text = "  Not piecewise linear (no regions to count)  "
        elif regions.capped:
            text = f"  Linear regions: more than {regions.polygons:,} (stopped counting)  "
        else:
            text = f"  Linear regions: {regions.count}  "
        self.status_regions.setText(text)
        if result.accuracy is not None:
            self.status_accuracy.setText(f"  Accuracy: {100 * result.accuracy:.1f} %  ")
        self._window.status_dead.setText(f"  Dead units: {result.dead_units}  " if result.dead_units >= 0
                                         else "  Dead units: –  ")
        self.views.set_regions(regions)

    def wait(self) -> bool:
        """Block until the newest analysis has arrived (screenshots, exports)."""
        return self.analysis.wait()

    def shutdown(self) -> None:
        self.analysis.shutdown()
        self.views.shutdown()  # a big network's background sample

    # --- clicks ---------------------------------------------------------------------------------------
    @Slot(int, int)
    def _on_unit_selected(self, layer: int, unit: int) -> None:
        focus = self._window.unit_focus
        if focus.pinned != (layer, unit):
            focus.toggle_pin((layer, unit))

    @Slot(float, float)
    def _on_point_selected(self, x1: float, x2: float) -> None:
        w = self._window
        w.walkthrough_panel.set_point(x1, x2)
        if not w.walkthrough_dock.isVisible():
            w.walkthrough_dock.show()
            w.walkthrough_dock.raise_()

    @Slot()
    def _show_marker(self, *_args) -> None:
        w = self._window
        shown = w.walkthrough_dock.isVisible() or w.backward_dock.isVisible()
        self.views.output.set_selected(w.walkthrough_panel.point if shown and self.active else None)


def build(window) -> tuple[Plane, Parts]:
    plane = Plane(window)
    return plane, Parts(status_widgets=[plane.status_regions, plane.status_accuracy])
