"""Start the GUI (called lazily by the CLI once the preset has been validated)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from reluplay.presets.errors import PresetError, printable
from reluplay.presets.files import replace_file
from reluplay.presets.model import Preset
from reluplay.ui.application import make_application

SCREENSHOT_SIZE = (1600, 1000)
TRAIN_TIMEOUT_MS = 120_000


def run_gui(preset: Preset, source: str | Path | None = None, screenshot: str | Path | None = None,
            train_steps: int = 0, presentation: bool = False, size: tuple[int, int] | None = None) -> int:
    """Open the main window on ``preset``; with ``screenshot``, save a PNG of it and exit.

    ``source`` is what the user named: a file path becomes the document's path (Save writes
    there); a built-in lesson's name does not, so Save never overwrites a shipped lesson.
    ``presentation`` starts in presentation mode (F5), so a screenshot shows what a class sees;
    ``size`` is the screenshot's window size (a projector's 1280 × 720, a laptop's 1366 × 768).
    """
    if screenshot is not None and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a screenshot needs no display
    app = make_application()
    from reluplay.ui.main_window import MainWindow

    path = Path(source) if source is not None and Path(source).is_file() else None
    window = MainWindow(preset, path)
    if screenshot is not None:
        window.resize(*(size or SCREENSHOT_SIZE))
    else:
        window.resize(*window_size_for(app))
    window.show()
    if presentation:
        window.presentation.set_active(True)
    if train_steps:
        train_and_wait(window, train_steps)
    if screenshot is not None:
        return save_screenshot(window, Path(screenshot))
    return app.exec()


def window_size_for(app) -> tuple[int, int]:
    """1500 × 950 where the screen has room (a projector, a desktop), else most of a laptop screen."""
    screen = app.primaryScreen()
    if screen is None:
        return 1500, 950
    room = screen.availableGeometry()
    return min(1500, int(room.width() * 0.95)), min(950, int(room.height() * 0.92))


def train_and_wait(window, steps: int) -> None:
    """Train ``steps`` steps on the window's training thread and wait until they are shown."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    controller = window.controller
    controller.steps_completed.connect(loop.quit)
    controller.stopped_with_message.connect(loop.quit)
    QTimer.singleShot(TRAIN_TIMEOUT_MS, loop.quit)
    controller.step(steps)
    loop.exec()
    controller.steps_completed.disconnect(loop.quit)
    controller.stopped_with_message.disconnect(loop.quit)


def save_screenshot(window, path: Path) -> int:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    window.plots.redraw_now()
    window.training_panel.refresh_progress()
    window.editor.refresh_values()
    window.refresh_status()
    window.analysis.wait()  # the status bar's pieces and dead units, not "…"
    if window.two_inputs.active:
        window.plane.redraw_now()
        window.two_inputs.wait()  # the regions' count and outlines
    QApplication.processEvents()
    image = window.grab()
    window.ask_to_save_on_close = False  # a screenshot run has no one to ask
    window.close()
    QApplication.processEvents()

    def write(tmp: str) -> None:
        if not image.save(tmp, "PNG"):  # QImage.save reports failure only by its return value
            raise OSError("the image could not be written")

    try:  # a temporary file renamed over the target: a failure leaves the old file as it was
        replace_file(path, write, "screenshot", "screenshot.png")
    except PresetError as exc:
        print(f"reluplay: error: {printable(str(exc))}", file=sys.stderr)
        return 2
    return 0
