"""Presentation mode (F5) and full screen (F11): the window as a class sees it on a projector.

Presentation mode hides everything a class does not need to watch (the network editor, the
other panels, the advanced training settings), keeps Play/Pause, Step, Reset, the speed and big
step and loss numbers, and draws the plots with thick lines and large type. Leaving it puts back
exactly what was there: the window's dock and toolbar layout (``saveState``), its full-screen
state, its geometry (F5 twice leaves the window exactly as it was), and the desk sizes.

Everything on screen is enlarged, not only the plots: the status bar's numbers, the banners, the
legend, the number panels if the teacher opens them. A header names the lesson and the network in
words. PageDown and PageUp (what a presenter's remote sends) step training forward and back.
"""
from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QFontMetrics, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QToolBar

from reluplay.teach.network_words import describe_network
from reluplay.ui import palette
from reluplay.ui import presentation_style as big
from reluplay.ui.features.parts import Menu, Parts, Section, ToolbarPart

KEPT_DOCK = "training_dock"  # the one panel that stays: speed, buttons, step, loss
#: The bar of what a lesson asks the class to try (features/unit_strip.py): the editor is hidden.
SHOWN_TOOLBARS = ("presentation_toolbar", "unit_strip_toolbar")
#: In presentation mode the header and the first hint take at most this many lines together, the
#: hint at most HINT_LINES: the plots need the height (plot 3 lost its axis on a 720-pixel projector).
TEXT_LINES_ABOVE_PLOTS = 3
HINT_LINES = 2


class Presentation(QObject):
    #: Presentation mode went on (True) or off, after the window changed: for features that draw
    #: something of their own larger (the error lines' pen).
    active_changed = Signal(bool)

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self._saved_layout = None
        self._saved_window_state = None
        self.action = QAction("&Presentation mode", window)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence("F5"))
        self.action.setToolTip("Large type and thick lines for a projector; only the training controls (F5)")
        self.action.setStatusTip(self.action.toolTip())
        self.action.toggled.connect(self.set_active)
        self.full_screen_action = QAction("&Full screen", window)
        self.full_screen_action.setCheckable(True)
        self.full_screen_action.setShortcut(QKeySequence("F11"))
        self.full_screen_action.setToolTip("Fill the screen (F11)")
        self.full_screen_action.setStatusTip(self.full_screen_action.toolTip())
        self.full_screen_action.toggled.connect(self.set_full_screen)
        # Esc is what a presenter reaches for: it leaves full screen first, then presentation mode.
        self.leave_action = QAction("Leave full screen or presentation mode", window)
        self.leave_action.setShortcut(QKeySequence("Esc"))
        self.leave_action.triggered.connect(self.step_out)
        self.toolbar = self._make_toolbar()
        self._saved_geometry = None
        # What a class reads first: the lesson and the network in words (shown in presentation mode).
        self.header = QLabel()
        self.header.setObjectName("presentation_header")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setFont(palette.font(round(palette.APP_POINT_SIZE * big.TEXT_SCALE) + 2))
        self.header.hide()
        self.header.installEventFilter(self)  # its width sets how many lines it takes, and the hint may
        window.session.network_changed.connect(self.refresh_header)
        window.session.file_changed.connect(self.refresh_header)
        # A presenter's remote sends PageDown and PageUp: one step forward, one back.
        step = window.shared_actions["step"]
        step.setShortcuts([*step.shortcuts(), QKeySequence(Qt.Key.Key_PageDown)])
        step.setToolTip("One training step (Right arrow, Page Down)")

    @Slot()
    def refresh_header(self, *_args) -> None:
        session = self._window.session
        self.header.setText(f"<b>{html.escape(session.name)}</b> &nbsp;·&nbsp; "
                            f"{html.escape(describe_network(session.network))}")
        self._fit_hint()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.header and event.type() == QEvent.Type.Resize:
            self._fit_hint()
        return False

    def _fit_hint(self) -> None:
        """The first hint's lines: two, or one while the header wraps to two (Leaky vs ReLU's does)."""
        hint = getattr(self._window, "first_hint", None)  # None while the window is being built
        if hint is None:
            return
        if not self.active:
            hint.set_max_lines(None)
            return
        header = self.header
        lines = round(header.heightForWidth(max(1, header.width())) / QFontMetrics(header.font()).lineSpacing())
        hint.set_max_lines(max(1, min(HINT_LINES, TEXT_LINES_ABOVE_PLOTS - max(1, lines))))

    def _make_toolbar(self) -> QToolBar:
        """Big buttons for the front of the room; shown only in presentation mode."""
        bar = QToolBar("Presentation")
        bar.setObjectName("presentation_toolbar")
        bar.setMovable(False)
        bar.setFont(palette.font(palette.APP_POINT_SIZE + 8, bold=True))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for name in ("play", "step", "reset"):
            bar.addAction(self._window.shared_actions[name])
        bar.addSeparator()
        bar.addAction(self.full_screen_action)
        bar.addAction(self.action)
        bar.hide()
        return bar

    @property
    def active(self) -> bool:
        return self._saved_layout is not None

    @Slot(bool)
    def set_active(self, on: bool) -> None:
        if on == self.active:
            return
        window = self._window
        if on:
            self._saved_layout = window.saveState()
            self._saved_window_state = window.windowState()
            self._saved_geometry = window.geometry()
            for dock in window.findChildren(QDockWidget):
                if dock.objectName() != KEPT_DOCK:
                    dock.hide()
                else:
                    dock.show()
                    kept = dock
            for bar in window.findChildren(QToolBar):
                bar.setVisible(bar.objectName() in SHOWN_TOOLBARS)
        else:
            self.toolbar.hide()
            window.restoreState(self._saved_layout)
            window.setWindowState(self._saved_window_state)
            if not self._saved_window_state & (Qt.WindowState.WindowFullScreen | Qt.WindowState.WindowMaximized):
                # Docks shown again ask for room: without this the window grew at every F5 F5.
                window.setGeometry(self._saved_geometry)
            self._saved_layout = self._saved_window_state = self._saved_geometry = None
        window.training_panel.set_presentation(on)
        self._scale_everything_else(on)
        window.plots.set_presentation(on)
        window.plane.set_presentation(on)  # the two-input views: larger type, thicker lines and points
        if on:
            # The big buttons and numbers need more width than the desk's panel, and the plots most of it.
            width = min(kept.widget().sizeHint().width(), window.width() * 3 // 10)
            window.resizeDocks([kept], [width], Qt.Orientation.Horizontal)
        self.action.blockSignals(True)
        self.action.setChecked(on)
        self.action.setText("Leave &presentation mode" if on else "&Presentation mode")
        self.action.blockSignals(False)
        self.full_screen_action.blockSignals(True)
        self.full_screen_action.setChecked(window.isFullScreen())
        self.full_screen_action.blockSignals(False)
        self.active_changed.emit(on)

    def _scale_everything_else(self, on: bool) -> None:
        """The status bar, the banners, the first hint and the number panels read from the back of the room too."""
        window = self._window
        scale = big.TEXT_SCALE if on else 1.0
        for widget in (window.statusBar(), window.banner, window.first_hint, window.walkthrough_panel.dock.widget(),
                       window.backward_panel.dock.widget()):
            big.scale_fonts(widget, scale)
        # Two inputs fill the status bar (test loss, regions, accuracy, dead units): in large type the
        # loss, which the training panel already shows in large type, makes room for the others.
        window.status_loss.setVisible(not (on and window.two_inputs.active))
        # Large type, but two lines at most ("…", the whole hint in its tooltip): the plots need the height.
        self.refresh_header()
        self.header.setVisible(on)

    @Slot()
    def step_out(self) -> None:
        if self._window.isFullScreen():
            self.full_screen_action.setChecked(False)
        elif self.active:
            self.set_active(False)

    @Slot(bool)
    def set_full_screen(self, on: bool) -> None:
        window = self._window
        if on:
            window.setWindowState(window.windowState() | Qt.WindowState.WindowFullScreen)
        else:
            window.setWindowState(window.windowState() & ~Qt.WindowState.WindowFullScreen)


def build(window) -> tuple[Presentation, Parts]:
    presentation = Presentation(window)
    parts = Parts(toolbars=[ToolbarPart(presentation.toolbar, visible=False)],  # F5 shows it
                  toolbar_actions=[presentation.action], window_actions=[presentation.leave_action])
    parts.add_menu(Menu.VIEW, presentation.action, presentation.full_screen_action, section=Section.LAST)
    return presentation, parts
