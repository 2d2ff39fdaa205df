"""Help → About: the version, where the user's presets live, and where to read more."""
from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from reluplay import __version__
from reluplay.state.user_presets import user_presets_dir
from reluplay.ui import palette
from reluplay.ui.features.parts import Menu, Parts, Section

DOC_FILES = ("README.md", "docs/PRESET_FORMAT.md", "docs/CLI.md", "docs/DATA_AND_HISTORY.md")


def app_icon() -> QIcon:
    """The application icon from resources/icons (an empty icon if the files are missing)."""
    from reluplay.resources import resource_path

    icon = QIcon()
    try:
        folder = resource_path("icons")
    except FileNotFoundError:
        return icon
    for png in sorted(folder.glob("reluplay-*.png")):
        icon.addFile(str(png))
    return icon


def doc_links() -> list[tuple[str, Path]]:
    """The documentation files next to the package (a source tree or an sdist)."""
    root = Path(__file__).resolve().parents[2]
    return [(name, root / name) for name in DOC_FILES if (root / name).is_file()]


class AboutDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("About reluplay")
        presets = user_presets_dir()
        docs = "".join(f'<li><a href="{QUrl.fromLocalFile(str(p)).toString()}">{html.escape(name)}</a></li>'
                       for name, p in doc_links())
        docs_html = f"<p>Documentation:</p><ul>{docs}</ul>" if docs else \
            "<p>Documentation: the README and docs/ folder of the source, and <tt>reluplay --help</tt>.</p>"
        self.text = QLabel(
            f"<h2>reluplay {html.escape(__version__)}</h2>"
            "<p>A playground for how networks of ReLU units build functions: every unit's curve, its "
            "weighted contribution, and their sum against the data, trained live.</p>"
            f"<p>Your presets are stored in:<br><tt>{html.escape(str(presets))}</tt><br>"
            "They appear in the examples gallery beside the built-in lessons.</p>"
            f"{docs_html}<p>Press <b>F5</b> for presentation mode; Help → Keyboard shortcuts lists every key.</p>")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setOpenExternalLinks(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.text.setFont(palette.font(palette.APP_POINT_SIZE))
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(96, 96))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        open_folder = QPushButton("Open presets folder")
        open_folder.clicked.connect(self.open_presets_folder)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(open_folder, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(icon)
        row.addWidget(self.text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(620, 360)

    def open_presets_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(user_presets_dir(create=True))))


def build(window) -> tuple[QAction, Parts]:
    action = QAction("&About reluplay", window)
    action.setMenuRole(QAction.MenuRole.AboutRole)
    action.triggered.connect(lambda: AboutDialog(window).exec())
    parts = Parts()
    parts.add_menu(Menu.HELP, action, section=Section.LAST)
    return action, parts
