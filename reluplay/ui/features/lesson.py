"""Preparing a lesson in the app: Lesson → Properties…, the notes panel, and the teaching setup saved with it.

The notes panel sits beside the plots and shows what the teacher prepared: the description the
class reads, the notes for the teacher, the questions for the class. Presentation mode hides it
like every other panel, unless Lesson → Notes in presentation mode is on.

The teaching setup is what the window shows beyond the network: the view ranges, the open panels
and the loss plot's scale (the speed lives in the Session already). It is read from the window just
before Save (FileActions.before_save) and put back when a lesson opens.
"""
from __future__ import annotations

import html
import math
from dataclasses import replace

from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QTextBrowser

from reluplay.core import MAX_ABS_DATA_VALUE
from reluplay.presets.limits import MIN_VIEW_WIDTH, MIN_VIEW_WIDTH_RELATIVE
from reluplay.ui import palette
from reluplay.ui.features.parts import DockPart, Menu, Parts
from reluplay.ui.panels.docks import bottom_dock
from reluplay.ui.plots.plot_view import X_PADDING

NOTES_WIDTH = 320


class Lesson(QObject):
    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self._session = window.session
        self.notes = QTextBrowser()
        self.notes.setOpenExternalLinks(False)
        self.notes.setFont(palette.font(palette.APP_POINT_SIZE + 1))
        self.notes.setMinimumWidth(NOTES_WIDTH)
        self.dock = bottom_dock(window, "Lesson notes", self.notes, "Notes", "N",
                                "The lesson's description, your notes and the questions for the class")
        self.toggle = self.dock.toggleViewAction()
        self.dock.visibilityChanged.connect(lambda visible: visible and self.dock.raise_())  # its tab in front
        self.properties_action = QAction("Lesson &properties…", window)
        self.properties_action.setToolTip("Title, description, notes for the teacher, questions for the class")
        self.properties_action.setStatusTip(self.properties_action.toolTip())
        self.properties_action.triggered.connect(self.edit_properties)
        self.notes_when_presenting = QAction("Notes in &presentation mode", window)
        self.notes_when_presenting.setCheckable(True)
        self.notes_when_presenting.setToolTip("Keep the notes panel beside the plots in presentation mode (F5)")
        self.notes_when_presenting.toggled.connect(lambda _on: self._after_presentation_toggled())
        window.presentation.action.toggled.connect(lambda _on: self._after_presentation_toggled())
        window.files.before_save.append(self.store_setup)
        s = self._session
        s.lesson_changed.connect(self.refresh_notes)
        s.document_replaced.connect(self.refresh_notes)
        s.document_replaced.connect(self.apply_setup)
        self.refresh_notes()
        # After the window has placed (and hidden) every panel: the first lesson's own setup.
        QTimer.singleShot(0, self, self.apply_setup)

    # --- the notes panel ---------------------------------------------------------------------------
    @Slot()
    def refresh_notes(self) -> None:
        s = self._session
        t = s.teaching
        parts = [f"<h2>{html.escape(s.name)}</h2>"]
        if s.description:
            parts.append(_paragraphs(s.description))
        parts.append("<h3>Notes for the teacher</h3>")
        parts.append(_paragraphs(t.notes) if t.notes else
                     "<p><i>No notes yet: Lesson → Lesson properties… to write some.</i></p>")
        if t.questions:
            parts.append("<h3>Questions for the class</h3><ol>")
            parts += [f"<li>{html.escape(q)}</li>" for q in t.questions]
            parts.append("</ol>")
        self.notes.setHtml("".join(parts))

    @Slot()
    def edit_properties(self) -> None:
        from reluplay.ui.features.lesson_properties import LessonPropertiesDialog

        LessonPropertiesDialog(self._session, self._window).exec()

    def _after_presentation_toggled(self) -> None:
        """Presentation mode hides every panel; bring the notes back if the teacher wants them."""
        presenting = self._window.presentation.active
        if presenting and self.notes_when_presenting.isChecked():
            self.dock.show()
        elif presenting:
            self.dock.hide()

    # --- the teaching setup ------------------------------------------------------------------------
    def panel_docks(self) -> dict[str, QDockWidget]:
        w = self._window
        return {"notes": self.dock, "walkthrough": w.walkthrough_dock, "backward": w.backward_dock}

    def store_setup(self) -> None:
        """Just before Save: the view, open panels and loss scale go into the lesson."""
        w = self._window
        x_range = _unpadded(w.plots.unit_plot.viewRange()[0], X_PADDING)
        y_range = tuple(w.plots.output_plot.viewRange()[1])
        view = self._session.view
        if self._session.network.n_inputs == 1:  # the plane's box is the lesson's own: the 1-D plots are hidden
            view = replace(view, x_range=x_range if _drawable(x_range) else view.x_range,
                           y_range=y_range if _drawable(y_range) else view.y_range)
        panels = tuple(name for name, dock in self.panel_docks().items() if dock.isVisible())
        self._session.set_teaching_setup(view, panels, w.training_panel.log_check.isChecked())

    @Slot()
    def apply_setup(self) -> None:
        """A lesson opened: its panels open and its loss scale (the plots take its view themselves)."""
        t = self._session.teaching
        for name, dock in self.panel_docks().items():
            if name in t.panels and not self._window.presentation.active:
                dock.show()
                dock.raise_()  # a tab in front of the one it shares a place with
        self._window.training_panel.log_check.setChecked(t.loss_log_scale)


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())


def _unpadded(shown, padding: float) -> tuple[float, float]:
    """The range that, shown with pyqtgraph's ``padding``, gives ``shown`` (so saving does not widen it)."""
    lo, hi = float(shown[0]), float(shown[1])
    width = (hi - lo) / (1.0 + 2.0 * padding)
    return lo + padding * width, hi - padding * width


def _drawable(value) -> bool:
    """A range the preset file accepts (see schema._range); a wild zoom keeps the lesson's own."""
    lo, hi = value
    if not (math.isfinite(lo) and math.isfinite(hi)) or max(abs(lo), abs(hi)) > MAX_ABS_DATA_VALUE:
        return False
    return hi - lo >= max(MIN_VIEW_WIDTH, MIN_VIEW_WIDTH_RELATIVE * max(abs(lo), abs(hi)))


def build(window) -> tuple[Lesson, Parts]:
    lesson = Lesson(window)
    # A tab beside the network editor: the plots keep their width (a teacher reading the notes to
    # the class is not editing units at the same time; the tabs switch in one click).
    parts = Parts(docks=[DockPart(lesson.dock, Qt.DockWidgetArea.LeftDockWidgetArea, lesson.toggle,
                                  tab_with="network_dock")])
    parts.add_menu(Menu.LESSON, lesson.properties_action, None, lesson.toggle, lesson.notes_when_presenting)
    return lesson, parts
