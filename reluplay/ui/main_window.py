"""The main window: the plots in the middle, the network editor left, training right.

The window wires the parts to the one Session and to the training controller; the parts never
talk to each other. It also owns the shared QActions (toolbar, menus, panel buttons).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget, QLabel, QMainWindow, QMessageBox, QScrollArea, QToolBar, QVBoxLayout, QWidget,
)

from ..presets.model import Preset
from . import palette
from .editor import NetworkEditor
from .file_actions import FileActions, RecentFiles
from .plots import UnitPlots
from .session import Session
from .training import TrainingController
from .training_panel import TrainingPanel
from .features import install_features

STATUS_REFRESH_MS = 200
APP_NAME = "reluplay"


class MainWindow(QMainWindow):
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
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background:#FFF3CD; color:#5C4400; padding:8px; border:1px solid #E0C36A;")
        self.banner.setFont(palette.font(palette.APP_POINT_SIZE + 1))
        self.banner.hide()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(self.banner)
        column.addWidget(self.plots, 1)
        self.setCentralWidget(central)

        self.editor = NetworkEditor(self.session)
        editor_scroll = QScrollArea()
        editor_scroll.setWidgetResizable(True)
        editor_scroll.setWidget(self.editor)
        editor_dock = self._add_dock("Network", editor_scroll, Qt.DockWidgetArea.LeftDockWidgetArea, 400)
        self.training_panel = TrainingPanel(self.session, self.controller, self.shared_actions)
        training_dock = self._add_dock("Training", self.training_panel, Qt.DockWidgetArea.RightDockWidgetArea, 320)
        # The plots are what the class looks at: give them the room, the panels what they need.
        self.resizeDocks([editor_dock, training_dock], [420, 340], Qt.Orientation.Horizontal)

        self._make_menus()
        self._make_toolbar()
        # Teaching tools (walkthrough, rewind, data editing, presentation...) plug in here.
        install_features(self)
        self.status_loss = QLabel()
        self.status_pieces = QLabel()
        self.status_dead = QLabel()
        for label in (self.status_loss, self.status_pieces, self.status_dead):
            label.setFont(palette.font(palette.APP_POINT_SIZE))
            self.statusBar().addPermanentWidget(label)
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.timeout.connect(self.refresh_status)

        s = self.session
        s.network_changed.connect(self._schedule_status)
        s.data_changed.connect(self._schedule_status)
        s.file_changed.connect(self.refresh_title)
        s.error_raised.connect(self._show_error)
        s.training_state_changed.connect(self._on_training_state_changed)
        self.controller.stopped_with_message.connect(self.show_banner)
        self.refresh_title()
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

    def _make_menus(self) -> None:
        f = self.files
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(f.open_action)
        file_menu.addMenu(f.examples_menu)
        file_menu.addMenu(f.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(f.save_action)
        file_menu.addAction(f.save_as_action)
        file_menu.addSeparator()
        quit_action = file_menu.addAction("&Quit")
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        training_menu = self.menuBar().addMenu("&Training")
        for name in ("play", "step", "step10", "reset"):
            training_menu.addAction(self.shared_actions[name])
        view_menu = self.menuBar().addMenu("&View")
        view_menu.addAction(self.shared_actions["fit"])
        reset_view = view_menu.addAction("Lesson's view")
        reset_view.triggered.connect(lambda: self.plots.reset_view())
        edit_menu = self.menuBar().addMenu("&Edit")
        data_menu = self.menuBar().addMenu("&Data")
        help_menu = self.menuBar().addMenu("&Help")
        # Menus by name, so features can add their actions without knowing the layout.
        self.menus = {"file": file_menu, "edit": edit_menu, "training": training_menu,
                      "view": view_menu, "data": data_menu, "help": help_menu}
        self.menuBar().insertMenu(training_menu.menuAction(), edit_menu)

    def _make_toolbar(self) -> None:
        bar = QToolBar("Main")
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        bar.setFont(palette.font(palette.APP_POINT_SIZE))
        bar.addAction(self.files.open_action)
        bar.addAction(self.files.gallery_action)
        bar.addAction(self.files.save_action)
        bar.addSeparator()
        for name in ("play", "step", "step10", "reset"):
            bar.addAction(self.shared_actions[name])
        bar.addSeparator()
        bar.addAction(self.shared_actions["fit"])
        self.toolbar = bar
        self.addToolBar(bar)

    # --- reacting to the session ---------------------------------------------------------------------------
    @Slot()
    def refresh_title(self) -> None:
        # "[*]" is where Qt shows "*" when windowModified is set.
        self.setWindowTitle(f"{self.session.name}[*] — {APP_NAME}")
        self.setWindowModified(self.session.dirty)

    @Slot()
    def _schedule_status(self, *_args) -> None:
        if not self._status_timer.isActive():
            self._status_timer.start(STATUS_REFRESH_MS)

    @Slot()
    def refresh_status(self) -> None:
        s = self.session
        loss = s.loss()
        self.status_loss.setText(f"  Loss: {loss:.4g}  ")
        pieces = s.linear_pieces()
        self.status_pieces.setText(f"  Linear pieces: {pieces}  " if pieces is not None else "  Curved (no straight pieces)  ")
        dead = sum(len(s.dead_units(i)) for i in range(len(s.network.hidden_layers)))
        self.status_dead.setText(f"  Dead units: {dead}  ")

    @Slot(bool)
    def _on_training_state_changed(self, running: bool) -> None:
        self.shared_actions["play"].setText("❚❚  Pause" if running else "▶  Play")
        if running:
            self.banner.hide()

    @Slot(str)
    def show_banner(self, message: str) -> None:
        self.banner.setText(message)
        self.banner.show()

    @Slot(str, str)
    def _show_error(self, title: str, message: str) -> None:
        QMessageBox.warning(self, title, message)

    # --- closing ------------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.controller.pause()
        if self.ask_to_save_on_close and not self.files.maybe_save():
            event.ignore()
            return
        self.controller.shutdown()
        event.accept()
