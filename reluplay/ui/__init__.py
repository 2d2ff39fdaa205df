"""The Qt user interface: main window, plots, editor and the training thread.

Import submodules directly (``reluplay.ui.launch``, ``reluplay.ui.plots.render``); this package
imports nothing so that ``import reluplay.ui`` stays cheap.
"""
