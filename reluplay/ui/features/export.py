"""File → Export: the plots as PNG or SVG, and the training run as a GIF or PNG frames.

The plots are exported from the live scene with pyqtgraph's exporters (what the class sees); with two
inputs, the plane views as they are on screen (an SVG: their vectors, and the heatmaps as sharp pictures).
A training run is recorded from the current network and settings with ``animate_run``, which
trains a copy: the window's own network and history are not touched.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QMenu,
    QMessageBox,
    QProgressDialog,
)

from reluplay.presets import PresetError
from reluplay.ui.features.parts import Menu, Parts, Section

MAX_EXPORT_STEPS = 100_000
MAX_EXPORT_FRAMES = 300  # a GIF of more frames is too big to put on a slide


def export_plots(window, path: str | Path) -> bool:
    """Write the window's three plots to ``path`` (.png or .svg); False with a message if it fails."""
    from reluplay.ui.plots.render import export_scene, export_widget

    path = Path(path)
    try:
        if window.two_inputs.active:  # the unit heatmaps and the output view, as the class sees them
            svg = path.suffix.lower() == ".svg"  # a figure: the views without the controls above them
            export_widget(window.plane.splitter if svg else window.plane, path)
        else:
            export_scene(window.plots.canvas.scene(), path)
    except PresetError as exc:
        QMessageBox.warning(window, "Cannot export the plots", f"{exc}\n\nNothing was changed on disk.")
        return False
    return True


def export_training(window, out: str | Path, steps: int, frames: int) -> bool:
    """Record ``steps`` training steps from the current network as ``frames`` pictures."""
    from reluplay.ui.plots.animate import animate_run

    window.controller.pause()
    progress = QProgressDialog("Recording the training run…", "Cancel", 0, frames, window)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)

    def advance(done: int, _total: int) -> bool:
        progress.setValue(done)
        QApplication.processEvents()  # keeps the window painting and the Cancel button alive
        return not progress.wasCanceled()

    try:
        status = animate_run(window.session.to_preset(), out, steps=steps, frames=frames, progress=advance)
    except OSError as exc:
        status = exc.strerror or str(exc)
    except PresetError as exc:  # the GIF's atomic write names the file itself
        status = exc.message
    finally:
        progress.close()
    if status == 2:
        status = "Writing a GIF needs the Pillow package. Choose PNG frames instead, or install Pillow."
    if isinstance(status, str):
        QMessageBox.warning(window, "Cannot export the training run", f"{out}: {status}")
        return False
    return status == 0


class ExportActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self.png_action = self._action("Export plots as &PNG…", lambda: self.ask_plots("png"))
        self.svg_action = self._action("Export plots as S&VG…", lambda: self.ask_plots("svg"))
        self.gif_action = self._action("Export training as &GIF…", lambda: self.ask_training(gif=True))
        self.frames_action = self._action("Export training as PNG &frames…", lambda: self.ask_training(gif=False))

    def _action(self, text: str, slot) -> QAction:
        action = QAction(text, self._window)
        action.triggered.connect(slot)
        return action

    def _start(self, suffix: str) -> str:
        base = self._window.session.path
        name = (self._window.session.name or "reluplay").replace("/", "-")
        folder = base.parent if base is not None else Path.home()
        return str(folder / f"{name}{suffix}")

    @Slot()
    def ask_plots(self, kind: str) -> None:
        path, _ = QFileDialog.getSaveFileName(self._window, f"Export plots as {kind.upper()}",
                                              self._start(f".{kind}"), f"{kind.upper()} image (*.{kind})")
        if path:
            if Path(path).suffix.lower() != f".{kind}":
                path += f".{kind}"
            export_plots(self._window, path)

    @Slot()
    def ask_training(self, gif: bool) -> None:
        w = self._window
        steps, ok = QInputDialog.getInt(w, "Export training", "Training steps to record:",
                                        1000, 1, MAX_EXPORT_STEPS)
        if not ok:
            return
        frames, ok = QInputDialog.getInt(w, "Export training", "Frames, spread evenly over the steps:",
                                         min(40, steps + 1), 1, min(MAX_EXPORT_FRAMES, steps + 1))
        if not ok:
            return
        if gif:
            out, _ = QFileDialog.getSaveFileName(w, "Export training as GIF", self._start(".gif"), "GIF (*.gif)")
            if out and Path(out).suffix.lower() != ".gif":
                out += ".gif"
        else:
            out = QFileDialog.getExistingDirectory(w, "Folder for the PNG frames", self._start(""))
        if out:
            export_training(w, out, steps, frames)


def build(window) -> tuple[ExportActions, Parts]:
    exports = ExportActions(window)
    menu = QMenu("E&xport", window)
    for action in (exports.png_action, exports.svg_action, exports.gif_action, exports.frames_action):
        menu.addAction(action)
    parts = Parts()
    parts.add_menu(Menu.FILE, menu, section=Section.FILES)  # before Quit, beside Save: where people look
    return exports, parts
