"""Line segments as one plain Qt path item: a unit's fold line on its heatmap.

pyqtgraph's PlotCurveItem recomputes its bounds in Python (NaN-aware minima, pixel padding) for every new
set of points; the tiles' folds change every training frame, eight or more of them. A QGraphicsPathItem
keeps the path and its bounds in C++.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtGui import QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem


class SegmentsItem(QGraphicsPathItem):
    def __init__(self):
        super().__init__()
        self.segments = np.empty((0, 2))

    def set_segments(self, segments: np.ndarray) -> None:
        """(2K, 2) segment ends: K separate segments (empty: none)."""
        self.segments = np.asarray(segments, dtype=float).reshape(-1, 2)
        path = QPainterPath()
        ends = self.segments.tolist()
        for (x0, y0), (x1, y1) in zip(ends[0::2], ends[1::2]):
            path.moveTo(x0, y0)
            path.lineTo(x1, y1)
        self.setPath(path)

    def set_pen(self, pen: QPen) -> None:
        pen = QPen(pen)
        pen.setCosmetic(True)  # its width in pixels, whatever the view's scale
        self.setPen(pen)
