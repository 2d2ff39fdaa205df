"""The plane views of a network with two inputs: each unit as a heatmap, and the output over the plane.

Qt and pyqtgraph only, no session logic: ``plane_views.PlaneViews`` binds them to a Session.
"""
