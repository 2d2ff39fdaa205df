"""A write that fails is reported, never announced as done, and leaves the old file as it was."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from reluplay.cli import main

OLD = b"the figure from last week"


@pytest.fixture
def refusing_exporter(monkeypatch):
    """QImage.save says False (a full disk, a read-only file for a normal user); tests run as root."""
    from pyqtgraph.exporters import ImageExporter

    monkeypatch.setattr(ImageExporter, "export", lambda self, fileName=None, **kw: False)


@pytest.fixture
def messages(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append((title, text)))
    return shown


def test_render_whose_exporter_fails_is_an_error_not_wrote(tmp_path, capsys, refusing_exporter):
    out = tmp_path / "out.png"
    out.write_bytes(OLD)
    assert main(["render", "dead-unit", "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert "wrote" not in captured.out
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"reluplay: error: {out}: could not save the figure")
    assert out.read_bytes() == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["out.png"]  # no temporary file left behind


def test_export_plots_whose_exporter_fails_shows_a_message(relu_window, tmp_path, refusing_exporter, messages):
    from reluplay.ui.export_actions import export_plots

    out = tmp_path / "plots.png"
    out.write_bytes(OLD)
    assert not export_plots(relu_window, out)
    assert len(messages) == 1 and str(out) in messages[0][1]
    assert out.read_bytes() == OLD
