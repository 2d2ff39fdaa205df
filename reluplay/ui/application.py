"""The one QApplication: its name, style, font and icon, shared by the window, render and animate."""
from __future__ import annotations

import sys


def make_application():
    from PySide6.QtWidgets import QApplication

    from reluplay.ui import palette

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("reluplay")
        app.setOrganizationName("reluplay")
        app.setStyle("Fusion")  # the same look on every platform, and clear on a projector
        app.setFont(palette.font(palette.APP_POINT_SIZE))
        from reluplay.ui.features.about import (
            app_icon,  # the taskbar and every window use the reluplay icon
        )

        app.setWindowIcon(app_icon())
        app.setDesktopFileName("reluplay")  # matches packaging/linux/reluplay.desktop (Wayland app id)
        if app.platformName() == "offscreen":
            _quiet_offscreen_notices()
    return app


def _quiet_offscreen_notices() -> None:
    """The offscreen platform (screenshots, animate, CI) reports, for every shown window, that it
    cannot propagate size hints: true and harmless. Drop that one line, pass everything else on."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(mode, context, message):
        if "does not support propagateSizeHints" not in message:
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(handler)
