"""A training run as pictures: an animated GIF or a folder of numbered PNG frames.

Used by ``reluplay animate`` and by File → Export training. Each frame is the same plot widget
the window shows (so a slide looks like the playground), with a title strip naming the lesson,
the step and the loss. Training runs in this thread with the core's Trainer: there is no window
to keep responsive, and frames must show exactly the chosen steps.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np

from reluplay.presets.files import replace_file
from reluplay.presets.model import Preset

FRAME_SIZE = (1200, 900)
TITLE_HEIGHT = 64
GIF_FRAME_MS = 120  # ~8 frames a second: slow enough to follow a kink moving
LAST_FRAME_MS = 2000  # linger on the result before the loop starts again
FRAME_NAME = "frame_{:04d}.png"


def frame_steps(steps: int, frames: int) -> list[int]:
    """``frames`` step numbers spread evenly from 0 to ``steps`` (one frame: the end result)."""
    if frames <= 1:
        return [steps]
    return [int(round(s)) for s in np.linspace(0, steps, frames)]


def animate_run(preset: Preset, out: str | Path, steps: int, frames: int,
                size: tuple[int, int] = FRAME_SIZE, progress=None) -> int:
    """Train ``preset`` for ``steps`` steps and write ``frames`` pictures of it to ``out``.

    ``out`` ending in .gif is one animated GIF; anything else is a new or empty folder (created if
    needed) of ``frame_0001.png``, ``frame_0002.png`` ... (a non-empty one raises FileExistsError). ``progress(done, total)``, if given, is called
    after each frame and may return False to cancel. Returns an exit status (0 = written).
    """
    out = Path(out)
    as_gif = out.suffix.lower() == ".gif"
    if as_gif and _pillow() is None:
        print("reluplay: error: writing a GIF needs the Pillow package (pip install pillow); "
              "or give a folder name to get PNG frames", file=sys.stderr)
        return 2
    if not as_gif and out.is_dir() and any(out.iterdir()):
        # Older frames (of a longer run, say) would be mixed with the new ones.
        raise FileExistsError(f"the folder {str(out)!r} is not empty; choose a new or empty folder for the frames")
    images = []
    for index, image in enumerate(_frames(preset, steps, frames, size)):
        if as_gif:
            images.append(image)
        else:
            if index == 0:
                out.mkdir(parents=False, exist_ok=True)
            if not image.save(str(out / FRAME_NAME.format(index + 1)), "PNG"):
                raise OSError(f"could not write {out / FRAME_NAME.format(index + 1)}")
        if progress is not None and progress(index + 1, frames) is False:
            return 1
    if as_gif:
        write_gif(images, out)
    return 0


def _frames(preset: Preset, steps: int, frames: int, size: tuple[int, int]):
    """Yield one QImage per frame step."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from reluplay.ui.application import make_application

    app = make_application()
    from reluplay.core import Trainer
    from reluplay.state.session import Session
    from reluplay.ui import palette
    from reluplay.ui.plots.unit_plots import UnitPlots

    palette.configure_pyqtgraph()
    session = Session(preset.copy())
    plots = UnitPlots(session)
    plots.layer_combo.hide()
    plots.readout.hide()
    plots.set_palette(preset.view.palette)
    width, height = size
    plots.resize(width, height - TITLE_HEIGHT)
    plots.show()
    app.processEvents()
    plots.reset_view()
    trainer = Trainer(session.network, session.x, session.y, session.settings)
    try:
        for target in frame_steps(steps, frames):
            todo = target - trainer.step_count
            if todo > 0 and trainer.divergence is None:
                losses = np.empty(todo)
                start = trainer.step_count
                taken = trainer.step(todo, losses_out=losses)
                session.apply_training_frame(trainer.step_count, trainer.network.params.copy(),
                                             start + 1, losses[:taken])
            app.processEvents()
            plots.redraw_now()
            title = f"{session.name} — step {target:,} — loss {session.loss():.4g}"
            if trainer.divergence is not None:
                title = f"{session.name} — stopped at step {trainer.step_count:,}: training diverged"
            yield _with_title(plots.grab().toImage(), title, width)
    finally:
        plots.close()
        plots.deleteLater()
        session.deleteLater()
        app.processEvents()


def _with_title(plot_image, title: str, width: int):
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QImage, QPainter

    from reluplay.ui import palette

    image = QImage(width, plot_image.height() + TITLE_HEIGHT, QImage.Format.Format_RGB32)
    image.fill(QColor(palette.BACKGROUND))
    painter = QPainter(image)
    painter.setPen(QColor(palette.FOREGROUND))
    painter.setFont(palette.font(palette.TITLE_POINT_SIZE + 5, bold=True))
    painter.drawText(QRect(0, 0, width, TITLE_HEIGHT), Qt.AlignmentFlag.AlignCenter, title)
    painter.drawImage(0, TITLE_HEIGHT, plot_image)
    painter.end()
    return image


def _pillow():
    try:
        from PIL import Image
    except ImportError:
        return None
    return Image


def write_gif(images, out: Path) -> None:
    """Write QImages as a looping GIF (Pillow does the palette reduction and LZW coding)."""
    from PySide6.QtGui import QImage

    Image = _pillow()
    frames = []
    for image in images:
        rgb = image.convertToFormat(QImage.Format.Format_RGB888)
        data = bytes(rgb.constBits())[: rgb.bytesPerLine() * rgb.height()]
        frame = Image.frombuffer("RGB", (rgb.width(), rgb.height()), data, "raw", "RGB", rgb.bytesPerLine(), 1)
        # One adaptive palette per frame: the unit colours survive, antialiased edges blend.
        frames.append(frame.quantize(colors=255, method=Image.Quantize.MEDIANCUT))
    durations = [GIF_FRAME_MS] * (len(frames) - 1) + [LAST_FRAME_MS]
    # optimize=False: Pillow would otherwise merge identical frames and the count would lie.
    replace_file(out, lambda tmp: frames[0].save(tmp, format="GIF", save_all=True, append_images=frames[1:],
                                                 duration=durations, loop=0, optimize=False, disposal=1),
                 "animation", "run.gif")
