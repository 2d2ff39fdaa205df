"""A training run as pictures: an animated GIF or a folder of numbered PNG frames.

Used by ``reluplay animate`` and by File → Export training. Each frame is the same plot widget
the window shows (so a slide looks like the playground; with two inputs the plane views), with a
title strip naming the lesson, the step, the loss and, for classification, the accuracy. Training runs in this thread with the core's Trainer: there is no window
to keep responsive, and frames must show exactly the chosen steps.
"""
from __future__ import annotations

import os
import sys
from contextlib import closing
from pathlib import Path

import numpy as np

from reluplay.presets.files import replace_file
from reluplay.presets.model import Preset

FRAME_SIZE = (1200, 900)
TITLE_HEIGHT = 64
GIF_FRAME_MS = 120  # ~8 frames a second: slow enough to follow a kink moving
LAST_FRAME_MS = 2000  # linger on the result before the loop starts again
FRAME_NAME = "frame_{:04d}.png"


#: How frames are spread over the steps: "log" puts most frames where the network changes most (at the
#: start: evenly spaced, 35 of 40 frames showed a finished fit); "linear" spaces them evenly.
SPACINGS = ("log", "linear")


def frame_steps(steps: int, frames: int, spacing: str = "linear") -> list[int]:
    """``frames`` step numbers from 0 to ``steps`` (one frame: the end result), evenly spaced or on a
    log scale of steps (0, 1, 2, 4, ... each step shown at most once while there are enough)."""
    if frames <= 1:
        return [steps]
    if spacing == "linear" or steps + 1 < frames:
        return [int(round(s)) for s in np.linspace(0, steps, frames)]
    if spacing != "log":
        raise ValueError(f"unknown frame spacing {spacing!r} (known: {', '.join(SPACINGS)})")
    chosen = [int(round(s)) for s in np.geomspace(1, steps + 1, frames) - 1]
    for i in range(1, frames):  # early frames would repeat a step: one step apart instead
        chosen[i] = max(chosen[i], chosen[i - 1] + 1)
    chosen[-1] = steps
    for i in range(frames - 2, -1, -1):  # and the pushed ones must stay below the next
        chosen[i] = min(chosen[i], chosen[i + 1] - 1)
    return chosen


def animate_run(preset: Preset, out: str | Path, steps: int, frames: int,
                size: tuple[int, int] = FRAME_SIZE, progress=None, spacing: str = "log") -> int:
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
    with closing(_frames(preset, frame_steps(steps, frames, spacing), size)) as images:
        if as_gif:
            try:
                write_gif(_reported(images, frames, progress), out)
            except _Cancelled:
                return 1  # the temporary file is removed; an older GIF of that name stays as it was
            return 0
        for index, image in enumerate(images):
            if index == 0:
                out.mkdir(parents=False, exist_ok=True)
            if not image.save(str(out / FRAME_NAME.format(index + 1)), "PNG"):
                raise OSError(f"could not write {out / FRAME_NAME.format(index + 1)}")
            if progress is not None and progress(index + 1, frames) is False:
                return 1
    return 0


class _Cancelled(Exception):
    """The progress callback asked to stop while the GIF was being written."""


def _reported(images, frames: int, progress):
    """The frames, calling ``progress`` after each one has been taken (and written)."""
    for index, image in enumerate(images):
        yield image
        if progress is not None and progress(index + 1, frames) is False:
            raise _Cancelled


def _frames(preset: Preset, targets: list[int], size: tuple[int, int]):
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
    width, height = size
    if session.network.n_inputs == 2:  # the plane views: heatmaps, output, regions and boundary
        from reluplay.ui.plots.plane.figure import draw_plane_figure, make_plane_figure

        plots = make_plane_figure(session, width, height - TITLE_HEIGHT, preset.view.palette)

        def redraw() -> None:
            draw_plane_figure(plots, session, app)
    else:
        plots = UnitPlots(session)
        plots.layer_combo.hide()
        plots.readout.hide()
        plots.set_palette(preset.view.palette)
        plots.resize(width, height - TITLE_HEIGHT)
        redraw = plots.redraw_now
    plots.show()
    app.processEvents()
    if session.network.n_inputs == 1:
        plots.reset_view()
    trainer = Trainer(session.network, session.x, session.y, session.settings)
    try:
        for target in targets:
            todo = target - trainer.step_count
            if todo > 0 and trainer.divergence is None:
                losses = np.empty(todo)
                start = trainer.step_count
                taken = trainer.step(todo, losses_out=losses)
                session.apply_training_frame(trainer.step_count, trainer.network.params.copy(),
                                             start + 1, losses[:taken])
            app.processEvents()
            redraw()
            title = f"{session.name} — step {target:,} — loss {session.loss():.4g}{_accuracy(session)}"
            if trainer.divergence is not None:
                title = f"{session.name} — stopped at step {trainer.step_count:,}: training diverged"
            yield _with_title(plots.grab().toImage(), title, width)
    finally:
        plots.close()
        plots.deleteLater()
        session.deleteLater()
        app.processEvents()


def _accuracy(session) -> str:
    """ " — accuracy 93.5 %" for classification (what a class watches climb), else ""."""
    if session.task != "classification" or not len(session.y):
        return ""
    from reluplay.core import accuracy

    return f" — accuracy {100 * accuracy(session.network, session.x, session.y):.1f} %"


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
    """Write QImages (any iterable, consumed one at a time) as a looping GIF, frame by frame.

    Pillow's ``save(append_images=...)`` keeps every frame until the end (1 byte a pixel after
    quantising: 2 GB for 2,000 frames of 1200x900), so each frame is quantised and written as it
    comes with Pillow's public ``getheader``/``getdata``; at most two frames are held, because the
    last one lingers longer and is known to be last only when the next does not come.
    """
    from PIL import GifImagePlugin

    def palette_images():
        for image in images:
            # One adaptive palette per frame: the unit colours survive, antialiased edges blend.
            yield _rgb(image).quantize(colors=255, method=_pillow().Quantize.MEDIANCUT)

    def write(tmp: str) -> None:
        with open(tmp, "wb") as fp:
            held = None  # (frame, whether it needs its own palette): written once the next one comes
            for index, frame in enumerate(palette_images()):
                if index == 0:
                    # The first frame's palette is the global one; the header also says "loop forever".
                    header, _ = GifImagePlugin.getheader(frame, info={"loop": 0})
                    fp.writelines(header)
                if held is not None:
                    _write_gif_frame(fp, *held, GIF_FRAME_MS)
                held = (frame, index > 0)
            if held is None:
                raise OSError("there are no frames to write")
            _write_gif_frame(fp, *held, LAST_FRAME_MS)
            fp.write(b";")  # the GIF trailer

    replace_file(out, write, "animation", "run.gif")


def _write_gif_frame(fp, frame, own_palette: bool, duration_ms: int) -> None:
    from PIL import GifImagePlugin

    # disposal=1: each frame is drawn whole over the one before.
    params = {"duration": duration_ms, "disposal": 1}
    if own_palette:
        params["include_color_table"] = True
    fp.writelines(GifImagePlugin.getdata(frame, **params))


def _rgb(image):
    """A QImage as a Pillow RGB image (a copy, so the QImage may go)."""
    from PySide6.QtGui import QImage

    Image = _pillow()
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    data = bytes(rgb.constBits())[: rgb.bytesPerLine() * rgb.height()]
    return Image.frombuffer("RGB", (rgb.width(), rgb.height()), data, "raw", "RGB", rgb.bytesPerLine(), 1)
