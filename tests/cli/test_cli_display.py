"""X11 start-up: a display that does not answer or a missing xcb library is one line, exit 2,
where Qt would abort with a core dump."""
import os
import socket
import subprocess
import sys
import types
from pathlib import Path

import pytest

from reluplay.cli import display_check
from reluplay.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 checks run on Linux")


def unserved_display() -> int:
    """A display number no X server listens on (no socket file, nothing on the abstract socket)."""
    for number in range(97, 200):
        path = f"/tmp/.X11-unix/X{number}"
        if not os.path.exists(path) and display_check.display_unreachable(f":{number}") is not None:
            return number
    pytest.skip("every display number from 97 to 199 is served")


@pytest.fixture
def gui_calls(monkeypatch):
    calls = []
    fake = types.ModuleType("reluplay.ui.launch")
    fake.run_gui = lambda preset, **kw: calls.append(preset.name) or 0
    monkeypatch.setitem(sys.modules, "reluplay.ui.launch", fake)
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    return calls


def test_a_display_nobody_serves_is_one_line_not_a_qt_abort(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(PYTHONPATH=str(ROOT), DISPLAY=f":{unserved_display()}")
    done = subprocess.run([sys.executable, "-m", "reluplay", "relu-in-action"], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=120)
    assert done.returncode == 2, done.stderr
    assert done.stdout == "" and len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith(f"reluplay: error: cannot open a window on the X display '{env['DISPLAY']}'")
    assert "xvfb-run" in done.stderr and "--screenshot" in done.stderr


def test_missing_xcb_libraries_name_the_packages_to_install(gui_calls, monkeypatch, capsys):
    absent = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}

    def load(name):
        if name in absent:
            raise OSError(f"{name}: cannot open shared object file: No such file or directory")

    monkeypatch.setattr(display_check.ctypes, "CDLL", load)
    monkeypatch.setattr(display_check, "display_unreachable", lambda display: None)
    monkeypatch.setenv("DISPLAY", ":0")
    assert main(["relu-in-action"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("reluplay: error: Qt's X11 (xcb) platform needs libraries")
    assert err.rstrip().endswith("sudo apt-get install libxcb-icccm4 libxcb-keysyms1")
    assert gui_calls == []


def test_with_everything_in_place_the_window_opens(gui_calls, monkeypatch):
    monkeypatch.setattr(display_check, "missing_x11_packages", lambda: [])
    monkeypatch.setattr(display_check, "display_unreachable", lambda display: None)
    monkeypatch.setenv("DISPLAY", ":0")
    assert main(["relu-in-action"]) == 0
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")  # not X11: nothing is checked
    monkeypatch.setattr(display_check, "x11_problem", lambda display: pytest.fail("checked offscreen"))
    monkeypatch.setenv("DISPLAY", ":97")
    assert main(["relu-in-action"]) == 0
    assert gui_calls == ["ReLU in action", "ReLU in action"]


def test_a_listening_abstract_x_socket_counts_as_an_answer():
    number = unserved_display()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(f"\0/tmp/.X11-unix/X{number}")
        server.listen(1)
        assert display_check.display_unreachable(f":{number}") is None
        assert display_check.display_unreachable(f"unix:{number}.0") is None


def test_a_tcp_display_that_refuses_is_named():
    with socket.socket() as probe:  # a free port, closed again: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    if port < 6000:
        pytest.skip("the free port is below the X11 range")
    reason = display_check.display_unreachable(f"127.0.0.1:{port - 6000}", timeout=1.0)
    assert reason is not None and f"127.0.0.1 port {port}" in reason
