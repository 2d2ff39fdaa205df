"""A write that fails is reported, never announced as done, and leaves the old file as it was."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from reluplay.cli.main import main

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
    from reluplay.ui.features.export import export_plots

    out = tmp_path / "plots.png"
    out.write_bytes(OLD)
    assert not export_plots(relu_window, out)
    assert len(messages) == 1 and str(out) in messages[0][1]
    assert out.read_bytes() == OLD


LONG = "a" * 300  # one path component longer than the 255 bytes file systems allow


def test_save_onto_a_symlink_loop_is_a_message_and_the_work_stays_unsaved(relu_window, tmp_path, messages):
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop.name)
    relu_window.editor.output_bias.spin.setValue(-15.5)
    assert relu_window.session.dirty
    assert not relu_window.files.save_to(loop)
    assert len(messages) == 1 and "loop.json" in messages[0][1] and "symbolic links" in messages[0][1]
    assert relu_window.session.dirty and relu_window.session.network.layers[-1].biases[0] == -15.5


def test_save_and_csv_export_to_a_too_long_name_are_messages(relu_window, tmp_path, messages):
    assert not relu_window.files.save_to(tmp_path / f"{LONG}.json")
    assert not relu_window.data_tools.files.export_path(tmp_path / f"{LONG}.csv")
    assert [title for title, _ in messages] == ["Cannot save preset", "Cannot export data"]
    assert all("File name too long" in text for _, text in messages)
    assert list(tmp_path.iterdir()) == []


def test_a_name_with_a_lone_surrogate_is_refused_on_open(relu_window, tmp_path, messages):
    import json

    from reluplay.presets import preset_to_dict

    data = preset_to_dict(relu_window.session.to_preset())
    data["name"] = "bump \ud800"
    odd = tmp_path / "odd.json"
    odd.write_text(json.dumps(data))  # valid JSON: "\ud800" is escaped in the file
    before = relu_window.session.name
    assert not relu_window.files.open_path(odd, ask_to_save=False)
    assert len(messages) == 1 and "odd.json: name:" in messages[0][1]
    assert relu_window.session.name == before


def test_save_and_csv_export_over_a_read_only_file_are_refused(relu_window, tmp_path, messages):
    theirs_json, theirs_csv = tmp_path / "theirs.json", tmp_path / "theirs.csv"
    for path in (theirs_json, theirs_csv):
        path.write_text("a colleague's file\n")
        path.chmod(0o444)
    relu_window.editor.output_bias.spin.setValue(-15.5)
    assert not relu_window.files.save_to(theirs_json)
    assert not relu_window.data_tools.files.export_path(theirs_csv)
    assert len(messages) == 2 and all("read-only" in text for _, text in messages)
    assert theirs_json.read_text() == theirs_csv.read_text() == "a colleague's file\n"
    assert relu_window.session.dirty


def test_export_training_into_a_folder_with_files_is_a_message(relu_window, tmp_path, messages):
    from reluplay.ui.features.export import export_training

    (tmp_path / "notes.txt").write_text("mine")
    assert not export_training(relu_window, tmp_path, steps=2, frames=2)
    assert len(messages) == 1 and "not empty" in messages[0][1]
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
