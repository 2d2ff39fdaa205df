"""Headless figure export: the three plots of a preset as a PNG or SVG (``reluplay render``).

It builds the same plot widget the window shows, so a figure on a slide looks exactly like the
playground, and exports its scene with pyqtgraph's exporters.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from reluplay.presets.model import Preset

MIN_SIZE, MAX_SIZE = 200, 8000


def render_figure(preset: Preset, out_path: str | Path, width: int = 1200, height: int = 900) -> int:
    """Write the unit, contribution and output plots of ``preset`` to ``out_path`` (.png or .svg)."""
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
    from pyqtgraph.exporters import ImageExporter, SVGExporter

    from reluplay.state.session import Session
    from reluplay.ui import palette
    from reluplay.ui.plots.unit_plots import UnitPlots

    palette.configure_pyqtgraph()
    session = Session(preset)
    plots = UnitPlots(session)
    plots.layer_combo.hide()
    plots.readout.hide()
    plots.resize(width, height)
    plots.show()
    app.processEvents()
    plots.reset_view()
    plots.redraw_now()
    app.processEvents()
    try:
        if suffix == ".png":
            exporter = ImageExporter(plots.canvas.scene())
            exporter.parameters()["width"] = width
            exporter.export(str(out))
        else:
            SVGExporter(plots.canvas.scene()).export(str(out))
    except OSError as exc:
        print(f"reluplay: error: {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    finally:
        plots.close()
        plots.deleteLater()
        session.deleteLater()
    if not out.is_file():
        print(f"reluplay: error: {out}: the figure could not be written", file=sys.stderr)
        return 1
    return 0
