"""The main window: the plots in the middle, the network editor left, training right.

The window wires the parts to the one Session and to the training controller; the parts never
talk to each other. It also owns the shared QActions (toolbar, menus, panel buttons); placement.py
puts them, then each teaching feature's parts, in the menus, toolbars and docks.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from reluplay.presets.model import Preset
from reluplay.state.analysis_worker import AnalysisRunner, NetworkAnalysis
from reluplay.state.changes import ChangeKind, NetworkChange
from reluplay.state.session import Session
from reluplay.state.training_controller import TrainingController
from reluplay.teach.divergence import for_presentation
from reluplay.teach.explain import fmt
from reluplay.teach.plain_words import JARGON
from reluplay.ui import palette, placement
from reluplay.ui.coalesce import Coalescer
from reluplay.ui.features import (
    about,
    error_lines,
    lesson,
    plain_words,
    plane,
    plot_drag,
    presentation,
    rewind,
    shortcuts,
    step_trace,
    undo,
    unit_focus,
    unit_strip,
)
from reluplay.ui.features import export as export_feature
from reluplay.ui.features.data import menu as data_feature
from reluplay.ui.features.files import FileActions, RecentFiles
from reluplay.ui.features.parts import Menu, Parts
from reluplay.ui.panels import backward_panel, walkthrough_panel
from reluplay.ui.panels.editor import NetworkEditor
from reluplay.ui.panels.training_panel import TrainingPanel
from reluplay.ui.plots.plane.plane_views import PlaneViews
from reluplay.ui.plots.unit_plots import UnitPlots
from reluplay.ui.window_fit import SidePanelWidths, VerticalScroller, vertical_scroller

STATUS_REFRESH_MS = 200
LOSS_NAMES = {"mse": "MSE", "cross_entropy": "cross-entropy"}
APP_NAME = "reluplay"


class MainWindow(QMainWindow):
    # The teaching features (ui/features/), built in _build_features and placed by the window:
    data_tools: data_feature.DataTools
    presentation: presentation.Presentation
    exports: export_feature.ExportActions
    about_action: QAction
    undo: undo.Undo
    undo_stack: QUndoStack
    undo_action: QAction
    redo_action: QAction
    rewind: rewind.Rewind
    walkthrough_panel: walkthrough_panel.WalkthroughPanel
    walkthrough_dock: QDockWidget
    backward_panel: backward_panel.BackwardPanel
    backward_dock: QDockWidget
    shortcut_filter: shortcuts.FocusAwareShortcuts
    step_trace: step_trace.StepTrace
    lesson: lesson.Lesson
    error_lines: error_lines.ErrorLines
    first_hint: plain_words.FirstHint
    unit_focus: unit_focus.UnitFocus
    plot_drag: plot_drag.PlotDrag
    unit_strip: unit_strip.UnitStrip
    two_inputs: plane.Plane
    menus: dict[str, QMenu]  # by Menu value ("file", "view", ...)
    toolbar: QToolBar
    bottom_docks: placement.BottomDocks

    def __init__(self, preset: Preset | None = None, path: str | Path | None = None,
                 recent: RecentFiles | None = None):
        super().__init__()
        self.ask_to_save_on_close = True
        palette.configure_pyqtgraph()
        self.session = Session(preset, path, parent=self)
        self.controller = TrainingController(self.session, parent=self)
        try:
            self._build(recent)
        except BaseException:
            # The training thread is already running: a window that fails to build stops it.
            self.controller.shutdown()
            raise

    def _build(self, recent: RecentFiles | None) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.controller.shutdown)
        self.shared_actions = self._make_actions()
        self.files = FileActions(self.session, self, recent)

        self.plots = UnitPlots(self.session)
        self.plane = PlaneViews(self.session)  # shown instead of the plots for two inputs
        self.plot_stack = QStackedWidget()
        self.plot_stack.addWidget(self.plots)
        self.plot_stack.addWidget(self.plane)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background:#FFF3CD; color:#5C4400; padding:8px; border:1px solid #E0C36A;")
        self.banner.setFont(palette.font(palette.APP_POINT_SIZE + 1))
        self.banner.hide()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(self.banner)
        column.addWidget(self.plot_stack, 1)
        self._central_column = column
        self.setCentralWidget(central)

        self.editor = NetworkEditor(self.session)
        editor_scroll = VerticalScroller(self.editor, frame=True)  # as wide as its unit cards need
        editor_dock = self._add_dock("Network", editor_scroll, Qt.DockWidgetArea.LeftDockWidgetArea, 400)
        self.training_panel = TrainingPanel(self.session, self.controller, self.shared_actions)
        # Scrolling, so the panel never makes the window taller than a 720-pixel screen.
        training_dock = self._add_dock("Training", vertical_scroller(self.training_panel),
                                       Qt.DockWidgetArea.RightDockWidgetArea, 320)
        # The plots are what the class looks at: give them the room, the panels what they need.
        self.side_panel_widths = SidePanelWidths(self, editor_dock, training_dock)
        self.side_panel_widths.window_resized()

        self.setWindowIcon(about.app_icon())
        self._place(self._build_features())
        self._central_column.insertWidget(0, self.presentation.header)
        self.status_loss = QLabel()
        self.status_pieces = QLabel()
        self.status_dead = QLabel()
        for label, term in ((self.status_loss, "MSE"), (self.status_pieces, "linear pieces"),
                            (self.status_dead, "dead units")):
            label.setFont(palette.font(palette.APP_POINT_SIZE))
            label.setToolTip(JARGON[term])  # the words in plain words
            self.statusBar().addPermanentWidget(label)
        self._status_refresh = Coalescer(self.refresh_status, STATUS_REFRESH_MS, self)
        # Pieces and dead units can take a second at the largest sizes: computed off the GUI thread.
        self.analysis = AnalysisRunner(parent=self)
        self.analysis.ready.connect(self._show_analysis)
        self._analysis_stale = True  # the shown numbers belong to another network: show "…"

        s = self.session
        s.network_changed.connect(self._on_network_changed_for_status)
        s.network_changed.connect(self._schedule_status)
        s.data_changed.connect(self._schedule_status)
        s.file_changed.connect(self.refresh_title)
        s.error_raised.connect(self._show_error)
        s.training_state_changed.connect(self._on_training_state_changed)
        self.controller.stopped_with_message.connect(self.show_banner)
        self.refresh_title()
        self.two_inputs.apply()
        self.refresh_status()
        self._on_training_state_changed(False)

    # --- construction --------------------------------------------------------------------------------
    def _make_actions(self) -> dict[str, QAction]:
        c = self.controller
        specs = {
            "play": ("▶  Play", "Space", c.toggle, "Train continuously (Space)"),
            "step": ("Step", "Right", c.step_once, "One training step (Right arrow)"),
            "step10": ("Step ×10", "Shift+Right", c.step_ten, "Ten training steps (Shift+Right)"),
            "reset": ("↺  Reset", "R", c.reset, "Back to step 0 of this training run (R)"),
            "fit": ("Fit view", "F", lambda: self.plots.fit_view(), "Fit all plots to what they show (F)"),
        }
        actions = {}
        for name, (text, key, slot, tip) in specs.items():
            action = QAction(text, self)
            action.setShortcut(QKeySequence(key))
            action.setToolTip(tip)
            action.setStatusTip(tip)
            action.triggered.connect(slot)
            actions[name] = action
        return actions

    def _add_dock(self, title: str, widget: QWidget, area, width: int) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{title.lower()}_dock")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        widget.setMinimumWidth(width)
        self.addDockWidget(area, dock)
        return dock

    def _build_features(self) -> list[Parts]:
        """Each teaching feature makes its parts from the window's declared ones; none places anything."""
        parts = []
        for attribute, build in (
            ("data_tools", data_feature.build),  # Data menu: edit points on the plot, CSV, generators, test points
            ("presentation", presentation.build),  # F5 presentation mode, F11 full screen
            ("exports", export_feature.build),  # File → Export plots (PNG/SVG) and training (GIF/PNG frames)
            ("about_action", about.build),  # Help → About
            ("undo", undo.build),  # Edit → Undo/Redo of network, settings and data edits
            ("rewind", rewind.build),  # history bar: back to any earlier training step (Left arrow)
            ("walkthrough_panel", walkthrough_panel.build),  # View → Forward walkthrough (W)
            ("backward_panel", backward_panel.build),  # View → Backward step (B); Check gradients (G)
            ("unit_focus", unit_focus.build),  # point at one unit; View → kink lines, linear pieces, palette
            ("plot_drag", plot_drag.build),  # drag a kink (bias), a curve (weight, output weight) on the plots
            ("unit_strip", unit_strip.build),  # F5: the current layer's units in large type, under the plots
            ("shortcut_filter", shortcuts.build),  # focus-aware single keys; Help → Keyboard shortcuts
            ("step_trace", step_trace.build),  # View → Ghost of the previous step (after Step)
            ("lesson", lesson.build),  # Lesson → Properties…, the notes panel, the setup saved with a lesson
            ("error_lines", error_lines.build),  # View → Error lines: data point to curve on plot 3
            ("first_hint", plain_words.build),  # the lesson's "Try: …" hint; jargon tooltips
            ("two_inputs", plane.build),  # two inputs: the plane views, regions and accuracy in the status bar
        ):
            feature, feature_parts = build(self)
            setattr(self, attribute, feature)  # each attribute is declared on the class above
            parts.append(feature_parts)
        self.undo_stack, self.undo_action, self.redo_action = self.undo.stack, self.undo.undo_action, self.undo.redo_action
        self.walkthrough_dock, self.backward_dock = self.walkthrough_panel.dock, self.backward_panel.dock
        return parts

    def _place(self, parts: list[Parts]) -> None:
        """Menus, toolbars, docks, status widgets: the window's own first, then each feature's (placement.py)."""
        f, a = self.files, self.shared_actions
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        lesson_view = QAction("Lesson's view", self)
        lesson_view.triggered.connect(lambda: self.plots.reset_view())
        own: dict[Menu, list] = {
            Menu.FILE: [f.open_action, f.examples_menu, f.recent_menu, None, f.save_action, f.save_as_action],
            Menu.TRAINING: [a["play"], a["step"], a["step10"], a["reset"]],
            Menu.VIEW: [a["fit"], lesson_view] + [d.toggle for p in parts for d in p.docks if d.toggle],
        }
        self.menus = placement.fill_menus(self, own, parts, self.quit_action)
        self.toolbar = placement.main_toolbar(
            self, [[f.open_action, f.gallery_action, f.save_action], own[Menu.TRAINING], [a["fit"]]], parts)
        self.bottom_docks = placement.place_features(self, parts)

    # --- reacting to the session ---------------------------------------------------------------------------
    @Slot()
    def refresh_title(self) -> None:
        # "[*]" is where Qt shows "*" when windowModified is set.
        self.setWindowTitle(f"{self.session.name}[*] — {APP_NAME}")
        self.setWindowModified(self.session.dirty)

    @Slot()
    def _schedule_status(self, *args) -> None:
        if args and isinstance(args[0], NetworkChange) and args[0].final:
            self.refresh_status()  # training stopped: its last network's numbers now
        else:
            self._status_refresh.request()

    @Slot(object)
    def _on_network_changed_for_status(self, change: NetworkChange) -> None:
        # While training the numbers change a little each frame: the last ones stay until the new
        # arrive (a "…" flickering five times a second would be noise); after an edit they go.
        if change.kind is not ChangeKind.TRAINING:
            self._analysis_stale = True

    @Slot()
    def refresh_status(self) -> None:
        s = self.session
        loss = s.loss()
        self.status_loss.setText(f"  Loss ({LOSS_NAMES.get(s.loss_name, s.loss_name)}): {fmt(loss)}  ")
        if self.two_inputs.active:
            self.two_inputs.request_status()
            return
        self.analysis.request(s.network, s.x, s.view.x_range)
        if self._analysis_stale:
            self.status_pieces.setText("  Linear pieces: …  ")
            self.status_dead.setText("  Dead units: …  ")

    @Slot(object)
    def _show_analysis(self, result: NetworkAnalysis) -> None:
        self._analysis_stale = False
        pieces = result.linear_pieces
        self.status_pieces.setText(f"  Linear pieces: {pieces}  " if pieces is not None else "  Curved (no linear pieces)  ")
        self.status_dead.setText(f"  Dead units: {result.dead_units}  " if result.dead_units >= 0 else "  Dead units: –  ")

    @Slot(bool)
    def _on_training_state_changed(self, running: bool) -> None:
        self.shared_actions["play"].setText("❚❚  Pause" if running else "▶  Play")
        if running:
            self.banner.hide()

    @Slot(str)
    def show_banner(self, message: str) -> None:
        if self.presentation.active:  # the controls the message names are hidden in presentation mode
            message = for_presentation(message)
        self.banner.setText(message)
        self.banner.show()

    @Slot(str, str)
    def _show_error(self, title: str, message: str) -> None:
        QMessageBox.warning(self, title, message)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.side_panel_widths.window_resized()

    # --- closing ------------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.controller.pause()
        if self.ask_to_save_on_close and not self.files.maybe_save():
            event.ignore()
            return
        self.controller.shutdown()
        self.analysis.shutdown()
        self.two_inputs.shutdown()
        event.accept()
