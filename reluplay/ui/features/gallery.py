"""The examples gallery: every built-in lesson with its description, to pick one for the class."""
from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from reluplay.presets import PresetError, builtin_presets
from reluplay.ui import palette


class GalleryDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Examples gallery")
        self.resize(900, 520)
        self.chosen_path: Path | None = None
        self.chosen_is_builtin = True  # user presets open as themselves: Save writes back
        self.lessons = QListWidget()
        self.lessons.setFont(palette.font(palette.APP_POINT_SIZE + 2))
        self.lessons.setMinimumWidth(280)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.description.setFont(palette.font(palette.APP_POINT_SIZE + 1))
        try:
            records = builtin_presets()
        except PresetError as exc:
            records = []
            self.description.setText(f"The built-in lessons could not be read: {exc}")
        for number, lesson in enumerate(records, start=1):
            item = QListWidgetItem(f"{number}. {lesson.name}")
            item.setData(Qt.ItemDataRole.UserRole, (str(lesson.path), lesson.name, lesson.description, True))
            self.lessons.addItem(item)
        from reluplay.state.user_presets import (
            user_presets,  # the user's own, after the lessons
        )
        for mine in user_presets():
            item = QListWidgetItem(f"★ {mine.name}")
            item.setData(Qt.ItemDataRole.UserRole, (str(mine.path), mine.name,
                                                    f"{mine.description}\n\nYour preset: {mine.path}", False))
            self.lessons.addItem(item)
        self.lessons.currentItemChanged.connect(self._on_current_changed)
        self.lessons.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.lessons)
        row.addWidget(self.description, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(buttons)
        if records:
            self.lessons.setCurrentRow(0)

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_current_changed(self, current: QListWidgetItem | None, _previous) -> None:
        if current is None:
            return
        path, name, description, builtin = current.data(Qt.ItemDataRole.UserRole)
        self.chosen_is_builtin = builtin
        self.description.setText(f"<h2>{html.escape(name)}</h2><p>{html.escape(description)}</p>")
        self.chosen_path = Path(path)
