"""Pieces the data dialogs share: the red line that says what is wrong, and OK/Cancel."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton


def error_label() -> QLabel:
    """Empty until something is wrong; then one line in red, wrapped."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color:#A00000")
    return label


def ok_cancel(dialog: QDialog, ok_text: str) -> tuple[QDialogButtonBox, QPushButton]:
    """OK (named ``ok_text``) accepts the dialog, Cancel rejects it."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok_button.setText(ok_text)
    return buttons, ok_button
