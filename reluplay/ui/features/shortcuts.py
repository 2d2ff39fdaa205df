"""Keyboard shortcuts: keys that step training must not steal keys from a field being edited.

Space, the arrows and R are window-wide shortcuts, so without help they would fire while a
teacher types into a spin box, or moves a slider with the arrow keys. A ShortcutOverride event
lets the focused widget claim a key before shortcuts see it: we claim plain keys (no Ctrl/Alt)
for text fields, spin boxes, sliders, combo boxes and lists, so they work as usual there, and the
shortcuts work everywhere else (plots, buttons, the window). Help → Keyboard shortcuts lists the
window's real QActions, so the list cannot drift from what the keys do.
"""
from __future__ import annotations

import html

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
)

from reluplay.ui import palette
from reluplay.ui.features.parts import Menu, Parts, Section

# Widgets that use plain keys themselves (typing, arrows, Space to open or select).
KEY_EATERS = (QAbstractSpinBox, QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSlider, QComboBox,
              QAbstractItemView)
CHORD_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                   | Qt.KeyboardModifier.MetaModifier)


def widget_keeps_key(widget, key: int, modifiers) -> bool:
    """True when ``widget`` (the focus widget) should get this key instead of a shortcut."""
    if widget is None or modifiers & CHORD_MODIFIERS:
        return False  # Ctrl+S, Ctrl+O ... always reach their shortcuts
    if Qt.Key.Key_F1 <= key <= Qt.Key.Key_F35 or key == Qt.Key.Key_Escape:
        return False  # F5, F11: presentation and full screen work from anywhere
    if isinstance(widget, KEY_EATERS):
        return True
    # A focused button or check box is pressed with Space, as everywhere else on the desktop.
    return isinstance(widget, QAbstractButton) and key == Qt.Key.Key_Space


class FocusAwareShortcuts(QObject):
    """Application event filter: hands plain keys to editing widgets inside ``window``."""

    def __init__(self, window):
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.ShortcutOverride and watched.isWidgetType() \
                and watched.window() is self._window \
                and widget_keeps_key(watched, event.key(), event.modifiers()):
            event.accept()  # "this widget wants the key": no shortcut fires, the widget gets it
            return True
        return False


def window_actions(window) -> list[QAction]:
    """Every action of the window that has a keyboard shortcut, each once, in menu order."""
    seen: list[QAction] = []

    def visit(actions):
        for action in actions:
            if not shiboken6.isValid(action):
                continue  # a menu rebuilt while we looked (Open Recent, Examples)
            if action.menu() is not None:
                visit(action.menu().actions())
            elif action not in seen and not action.shortcut().isEmpty():
                seen.append(action)

    visit(window.menuBar().actions())
    visit(window.findChildren(QAction))  # actions that are only on a toolbar or bound to keys
    return [a for a in seen if shiboken6.isValid(a)]


def describe(action: QAction) -> tuple[str, str]:
    """(keys, what it does) as a person reads them: "Shift+Right", "Step ×10"."""
    keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
    text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    text = text.lstrip("▶↺❚ ").rstrip("…").strip()
    return keys, text


class ShortcutsDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(620, 640)
        rows = [describe(a) + (a.toolTip() if a.toolTip() != a.text().replace("&", "") else "",)
                for a in window_actions(window)]
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels(["Keys", "Action"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFont(palette.font(palette.APP_POINT_SIZE + 1))
        for row, (keys, text, tip) in enumerate(rows):
            key_item = QTableWidgetItem(keys)
            key_item.setFont(palette.font(palette.APP_POINT_SIZE + 1, bold=True))
            self.table.setItem(row, 0, key_item)
            item = QTableWidgetItem(text)
            item.setToolTip(tip)
            self.table.setItem(row, 1, item)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        note = QLabel(html.escape("Single keys (Space, arrows, R) go to a field while you edit it; "
                                  "click on the plots to give them back to training."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def listed_texts(self) -> list[str]:
        return [self.table.item(r, 1).text() for r in range(self.table.rowCount())]


def build(window) -> tuple[FocusAwareShortcuts, Parts]:
    shortcut_filter = FocusAwareShortcuts(window)
    QApplication.instance().installEventFilter(shortcut_filter)
    action = QAction("&Keyboard shortcuts…", window)
    action.setShortcut(QKeySequence("Ctrl+/"))
    action.triggered.connect(lambda: ShortcutsDialog(window).exec())
    parts = Parts()
    parts.add_menu(Menu.HELP, action, section=Section.LAST)
    return shortcut_filter, parts
