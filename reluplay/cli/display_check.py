"""Checks before Qt opens an X11 (xcb) window, so that what Qt would answer with an abort and a
core dump is one line naming the cure: a display that does not answer, or libraries to install.

No Qt here: it runs before PySide6 is imported. Linux only; the CLI decides when it applies.
"""
from __future__ import annotations

import ctypes
import re
import socket

#: What Qt 6.10's xcb platform plugin (libqxcb.so and libQt6XcbQpa.so.6) links, with the Debian and
#: Ubuntu package of each. A missing one makes Qt abort, often blaming libxcb-cursor0 instead.
X11_LIBRARIES = (
    ("libxcb.so.1", "libxcb1"),
    ("libX11-xcb.so.1", "libx11-xcb1"),
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-image.so.0", "libxcb-image0"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-randr.so.0", "libxcb-randr0"),
    ("libxcb-render.so.0", "libxcb-render0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxcb-shape.so.0", "libxcb-shape0"),
    ("libxcb-shm.so.0", "libxcb-shm0"),
    ("libxcb-sync.so.1", "libxcb-sync1"),
    ("libxcb-util.so.1", "libxcb-util1"),
    ("libxcb-xfixes.so.0", "libxcb-xfixes0"),
    ("libxcb-xkb.so.1", "libxcb-xkb1"),
    ("libxkbcommon.so.0", "libxkbcommon0"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
)

CONNECT_TIMEOUT_S = 2.0
X11_TCP_PORT = 6000
_DISPLAY_NAME = re.compile(r"(?P<host>[^:]*):(?P<number>\d+)(\.\d+)?")


def missing_x11_packages(load=None) -> list[str]:
    """The packages of the xcb plugin's libraries that the dynamic loader cannot load."""
    load = load or ctypes.CDLL
    missing = []
    for soname, package in X11_LIBRARIES:
        try:
            load(soname)
        except OSError:
            missing.append(package)
    return missing


def display_unreachable(display: str, timeout: float = CONNECT_TIMEOUT_S) -> str | None:
    """Why nothing answers at X display ``display`` (the DISPLAY value), or None if a server accepts
    a connection. Only the socket is tried: authorization is left to Qt."""
    if not display:
        return "DISPLAY is not set"
    match = _DISPLAY_NAME.fullmatch(display)
    if match is None or "/" in match["host"]:
        return None  # a form this check does not know (a launchd path, DECnet): let Qt try
    host, number = match["host"], int(match["number"])
    if host in ("", "unix"):
        path = f"/tmp/.X11-unix/X{number}"
        # Linux X servers listen on an abstract socket too, which is all a container may share.
        for address in ("\0" + path, path):
            if _answers(socket.AF_UNIX, address, timeout):
                return None
        return f"nothing answers at {path}"
    try:
        with socket.create_connection((host, X11_TCP_PORT + number), timeout=timeout):
            return None
    except OSError as exc:
        return f"nothing answers at {host} port {X11_TCP_PORT + number} ({exc.strerror or exc})"


def _answers(family: int, address: str, timeout: float) -> bool:
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        try:
            sock.connect(address)
        except OSError:
            return False
    return True


def x11_problem(display: str) -> str | None:
    """One line saying why Qt's xcb platform cannot open a window here, or None."""
    reason = display_unreachable(display)
    if reason is not None:
        return (f"cannot open a window on the X display {display!r}: {reason}; start the X server "
                "(or run under xvfb-run), set DISPLAY to a running one, or use --screenshot OUT.png")
    missing = missing_x11_packages()
    if missing:
        return ("Qt's X11 (xcb) platform needs libraries that are not installed; on Debian or Ubuntu: "
                f"sudo apt-get install {' '.join(missing)}")
    return None
