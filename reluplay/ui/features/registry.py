"""Where the teaching tools plug into the main window.

Each feature module offers ``install(window)``, which adds its docks, menu entries, toolbar
buttons and shortcuts, and connects to ``window.session``. Keeping the list here means the
main window does not grow with every tool, and features never import each other.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reluplay.ui.main_window import MainWindow


def install_features(window: "MainWindow") -> None:
    # Imported here so that the order of installation is one readable list.
    from reluplay.ui.features import about, presentation, rewind, shortcuts, undo
    from reluplay.ui.features import export as export_actions
    from reluplay.ui.features.data import menu as data_feature
    from reluplay.ui.panels import backward_panel, walkthrough_panel

    installers = [
        data_feature.install,  # Data menu: edit points on the plot, CSV, generators, test points
        presentation.install,  # F5 presentation mode, F11 full screen
        export_actions.install,  # File → Export plots (PNG/SVG) and training (GIF/PNG frames)
        about.install,  # window icon, Help → About
        undo.install,  # Edit → Undo/Redo (Ctrl+Z, Ctrl+Shift+Z) of network, settings and data edits
        rewind.install,  # history slider: back to any earlier training step (Left arrow)
        walkthrough_panel.install,  # View → Forward walkthrough (W): the numbers at a clicked x
        backward_panel.install,  # View → Backward step (B): gradients, the last Step; Check gradients (G)
        shortcuts.install,  # focus-aware single keys; Help → Keyboard shortcuts (read when opened)
    ]
    for install in installers:
        install(window)
