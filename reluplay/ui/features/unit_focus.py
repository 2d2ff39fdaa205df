"""Point at one unit, so a class can follow it; and the View menu's plot options.

Hovering over a unit's curve or kink marker (plots 1 and 2) or over its card in the editor
highlights it on all three plots: its line thick and labelled with its name, the others dimmed,
its kinks marked through all three plots, its card framed in its colour and scrolled into view.
A click pins the highlight (a second click on the same unit, or Esc, releases it); while a unit is
pinned, hovering over others does not move the highlight, so the teacher's hand can wander.
A unit being dragged on a plot (features/plot_drag.py) is held highlighted until the drag ends.

View menu: the high-contrast projector palette (saved in the lesson as ``view.palette``), dashed
kink lines through all three plots, and shading of the output's linear pieces.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from reluplay.state.changes import NetworkChange
from reluplay.ui import palette
from reluplay.ui.features.parts import Menu, Parts
from reluplay.ui.plots.unit_hits import unit_at


class UnitFocus(QObject):
    #: The highlighted unit changed: (hidden layer, unit), or None.
    changed = Signal(object)

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self._plots = window.plots
        self._editor = window.editor
        self._session = window.session
        self.hovered: tuple[int, int] | None = None
        self.pinned: tuple[int, int] | None = None
        self.held: tuple[int, int] | None = None  # being dragged: highlighted whatever the pointer is over

        self._viewport = self._plots.canvas.viewport()  # kept: asked about every Leave in the app
        scene = self._plots.canvas.scene()
        scene.sigMouseMoved.connect(self._on_mouse_moved)
        scene.sigMouseClicked.connect(self._on_mouse_clicked)
        self._editor.unit_hovered.connect(self.hover)
        self._editor.unit_clicked.connect(self.toggle_pin)
        self._session.network_changed.connect(self._on_network_changed)
        self._session.view_changed.connect(self._on_view_changed)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
            window.destroyed.connect(lambda *_: app.removeEventFilter(self))

        self.projector_action = QAction(palette.PALETTE_LABELS[palette.PROJECTOR], window)
        self.projector_action.setCheckable(True)
        self.projector_action.setToolTip("Darker, saturated unit colours that stay readable on a washed-out "
                                         "projector (saved with the lesson)")
        self.projector_action.toggled.connect(
            lambda on: self._session.set_palette(palette.PROJECTOR if on else palette.STANDARD))
        self.kink_lines_action = QAction("Kink lines through all plots", window)
        self.kink_lines_action.setCheckable(True)
        self.kink_lines_action.setToolTip("A dashed vertical line at every unit's kink, on all three plots")
        self.kink_lines_action.toggled.connect(self._set_kink_lines)
        self.pieces_action = QAction("Shade the output's linear pieces", window)
        self.pieces_action.setCheckable(True)
        self.pieces_action.setToolTip("Every other straight piece of the network output tinted, on plot 3")
        self.pieces_action.toggled.connect(self._set_pieces)
        self._on_view_changed()

    @property
    def current(self) -> tuple[int, int] | None:
        if self.held is not None:
            return self.held
        return self.pinned if self.pinned is not None else self.hovered

    def hold(self, target: tuple[int, int] | None) -> None:
        """Keep ``target`` highlighted (a drag under way); None lets the pointer decide again."""
        if target != self.held:
            self.held = target
            self._apply()

    # --- pointing ---------------------------------------------------------------------------------
    @Slot(object)
    def hover(self, target: tuple[int, int] | None) -> None:
        if target != self.hovered:
            self.hovered = target
            self._apply()

    @Slot(object)
    def toggle_pin(self, target: tuple[int, int] | None) -> None:
        self.pinned = None if target == self.pinned else target
        if self.pinned is not None and self.pinned[0] != self._editor.layer:
            self._editor.show_layer(self.pinned[0])  # bring its card into view
        self._apply()

    def release(self) -> bool:
        """Esc: let go of the pinned (or hovered) unit; False if none was highlighted."""
        if self.current is None:
            return False
        self.pinned = self.hovered = self.held = None
        self._apply()
        return True

    def _apply(self) -> None:
        target = self.current
        self._plots.set_highlight(target)
        self._editor.set_highlight(target)
        self.changed.emit(target)

    @Slot(QPointF)
    def _on_mouse_moved(self, pos: QPointF) -> None:
        self.hover(unit_at(self._plots, pos))

    @Slot(object)
    def _on_mouse_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or event.modifiers():
            return
        target = unit_at(self._plots, event.scenePos())
        if target is not None:
            self.toggle_pin(target)

    @Slot(object)
    def _on_network_changed(self, change: NetworkChange) -> None:
        if not change.structural:
            return
        net = self._session.network
        hidden = net.hidden_layers

        def valid(target):
            return target is not None and target[0] < len(hidden) and target[1] < hidden[target[0]].n_out

        self.hovered = self.hovered if valid(self.hovered) else None
        self.pinned = self.pinned if valid(self.pinned) else None
        self.held = self.held if valid(self.held) else None
        self._apply()

    # --- leaving the plots; Esc releases -----------------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.Leave and watched is self._viewport:
            self.hover(None)  # the pointer left the plots: the scene says nothing more
            return False
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if event.key() != Qt.Key.Key_Escape or self.current is None:
            return False
        if not (watched.isWidgetType() and watched.window() is self._window):
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # Esc comes to us as a key press, not to "leave presentation mode"
            return True
        return self.release()

    # --- View menu ----------------------------------------------------------------------------------
    @Slot()
    def _on_view_changed(self) -> None:
        scheme = self._session.view.palette
        self._plots.set_palette(scheme)
        self._editor.set_palette(scheme)
        for panel in (getattr(self._window, "walkthrough_panel", None), getattr(self._window, "backward_panel", None)):
            if panel is not None:
                panel.refresh()  # their rows wear the units' colours
        self.projector_action.blockSignals(True)
        self.projector_action.setChecked(scheme == palette.PROJECTOR)
        self.projector_action.blockSignals(False)

    @Slot(bool)
    def _set_kink_lines(self, on: bool) -> None:
        self._plots.key_moments.show_kink_lines = on
        self._plots.redraw_now()

    @Slot(bool)
    def _set_pieces(self, on: bool) -> None:
        self._plots.key_moments.show_pieces = on
        self._plots.redraw_now()


def build(window) -> tuple[UnitFocus, Parts]:
    focus = UnitFocus(window)
    parts = Parts()
    parts.add_menu(Menu.VIEW, None, focus.kink_lines_action, focus.pieces_action, focus.projector_action)
    return focus, parts
