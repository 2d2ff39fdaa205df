"""The plane views as a figure, without a window: ``reluplay render`` and ``animate`` for two inputs.

The same ``PlaneViews`` the window shows (unit heatmaps with fold lines, the output view with the
data, the decision boundary and the region outlines), with its controls hidden. The regions are
computed here, in this thread (the window computes them off the GUI thread): a figure must show
exactly the network it names.
"""
from __future__ import annotations

from reluplay.core.regions import linear_regions


def make_plane_figure(session, width: int, height: int, scheme=None):
    """A shown ``PlaneViews`` of ``session`` sized ``width`` × ``height``, controls hidden."""
    from reluplay.ui.plots.plane.plane_views import PlaneViews

    views = PlaneViews(session)
    if scheme is not None:
        views.scheme = scheme
    views.resize(width, height)
    views.show()
    views.rebuild()
    views.hide_controls()  # after rebuild, which shows the layer choice for a deep network
    return views


def draw_plane_figure(views, session, app) -> None:
    """Draw the current network: the heatmaps, the output and its exact regions and boundary."""
    views.redraw_now()
    views.set_regions(linear_regions(session.network, *views.box))
    app.processEvents()
