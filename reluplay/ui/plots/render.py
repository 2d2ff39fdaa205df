"""Headless figure export: the three plots of a preset as a PNG or SVG (``reluplay render``).

With two inputs: the plane views (unit heatmaps, the output view with its regions); an SVG holds
their lines, points and text as vectors and the heatmaps as sharp embedded pictures (``plane.svg_figure``).

It builds the same plot widget the window shows, so a figure on a slide looks exactly like the
playground, and exports its scene with pyqtgraph's exporters.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from reluplay.presets.files import replace_file
from reluplay.presets.model import Preset

MIN_SIZE, MAX_SIZE = 200, 8000


def render_figure(preset: Preset, out_path: str | Path, width: int = 1200, height: int = 900) -> int:
    """Write the unit, contribution and output plots of ``preset`` to ``out_path`` (.png or .svg).

    Returns 0 once the file is written; a failed write raises PresetError naming the file.
    """
    out = Path(out_path)
    suffix = out.suffix.lower()
    if suffix not in (".png", ".svg"):
        print(f"reluplay: error: {out}: the figure must be a .png or .svg file", file=sys.stderr)
        return 2
    width = max(MIN_SIZE, min(MAX_SIZE, int(width)))
    height = max(MIN_SIZE, min(MAX_SIZE, int(height)))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from reluplay.ui.application import make_application

    app = make_application()

    from reluplay.state.session import Session
    from reluplay.ui import palette
    from reluplay.ui.plots.unit_plots import UnitPlots

    palette.configure_pyqtgraph()
    session = Session(preset)
    if preset.n_inputs == 2:  # the unit heatmaps and the output view (regions, boundary, data)
        from reluplay.ui.plots.plane.figure import draw_plane_figure, make_plane_figure

        views = make_plane_figure(session, width, height, preset.view.palette)
        try:
            app.processEvents()
            draw_plane_figure(views, session, app)
            export_widget(views, out)
        finally:
            views.close()
            views.deleteLater()
            session.deleteLater()
        return 0
    plots = UnitPlots(session)
    plots.layer_combo.hide()
    plots.readout.hide()
    plots.resize(width, height)
    plots.show()
    app.processEvents()
    plots.set_palette(preset.view.palette)
    plots.reset_view()
    plots.redraw_now()
    app.processEvents()
    try:
        export_scene(plots.canvas.scene(), out, width)
    finally:
        plots.close()
        plots.deleteLater()
        session.deleteLater()
    return 0


def export_scene(scene, out: Path, width: int | None = None) -> None:
    """Write a plot scene to ``out`` (.svg, else PNG) atomically; PresetError naming ``out`` if it fails.

    The exporter writes a temporary file beside ``out`` that is renamed over it only once it is
    complete, so a failed export leaves the old file as it was and never reports success.
    """
    from pyqtgraph.exporters import ImageExporter, SVGExporter

    def write(tmp: str) -> None:
        if out.suffix.lower() == ".svg":
            SVGExporter(scene).export(tmp)  # raises OSError itself
        else:
            exporter = ImageExporter(scene)
            exporter.parameters()["width"] = width or max(1200, int(scene.sceneRect().width()))
            if exporter.export(tmp) is False:  # QImage.save reports failure only by its return value
                raise OSError("the image could not be written")
        if os.path.getsize(tmp) == 0:
            raise OSError("nothing was written")

    replace_file(out, write, "figure", "figure.png")


def export_widget(widget, out: Path) -> None:
    """A widget as it is on screen (.svg, else PNG), written atomically like ``export_scene``."""
    from reluplay.ui.plots.plane.svg_figure import widget_svg

    svg = out.suffix.lower() == ".svg"

    def write(tmp: str) -> None:
        if svg:  # drawn in memory, then written whole (OSError if it cannot be drawn)
            with open(tmp, "wb") as f:
                f.write(widget_svg(widget))
            return
        image = widget.grab()
        if image.isNull() or not image.save(tmp, "PNG"):
            raise OSError("the image could not be written")

    replace_file(out, write, "figure", "figure.svg" if svg else "figure.png")
