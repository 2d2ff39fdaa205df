"""Numbers argparse mistook for options, write failures that exit 2, frame folders that are not
empty, preset names that drive the terminal, and saves over read-only files."""
import json
import os

import pytest

from reluplay.cli.main import main
from reluplay.presets import load_preset, preset_to_dict, save_preset

OLD = "a colleague's lesson, not to be replaced\n"



def test_negative_numbers_in_scientific_notation_are_numbers(capsys, one_error_line):
    assert main(["eval", "relu-in-action", "--x", "0", "-1e-3", "-.5", "-2E+1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["x"] == [0.0, -0.001, -0.5, -20.0]
    assert main(["eval", "relu-in-action", "--x", "-inf"]) == 2
    one_error_line("--x: expected a finite number, got '-inf'")


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen, when Qt runs already
def test_a_screenshot_that_cannot_be_written_exits_2_and_keeps_the_old_file(capsys, tmp_path, monkeypatch, one_error_line):
    from PySide6.QtGui import QPixmap

    out = tmp_path / "s.png"
    out.write_text(OLD)
    monkeypatch.setattr(QPixmap, "save", lambda self, *a: False)  # tests run as root: simulate
    assert main(["step-by-step", "--screenshot", str(out)]) == 2
    one_error_line(f"{out}: could not save the screenshot")
    assert out.read_text() == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["s.png"]


def test_animate_refuses_a_folder_with_older_files(capsys, tmp_path, one_error_line):
    folder = tmp_path / "frames"
    folder.mkdir()
    (folder / "frame_0050.png").write_text("a frame of an older, longer run")
    assert main(["animate", "step-by-step", "--steps", "2", "--frames", "2", "--out", str(folder)]) == 2
    one_error_line(f"{folder}: --out: the folder is not empty")
    assert [p.name for p in folder.iterdir()] == ["frame_0050.png"]


def test_animate_run_itself_refuses_a_folder_that_is_not_empty(tmp_path):
    from reluplay.ui.plots.animate import animate_run

    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(FileExistsError, match="is not empty"):
        animate_run(load_preset("step-by-step"), tmp_path, steps=2, frames=2)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_preset_names_are_printed_escaped_not_sent_to_the_terminal(capsys, tmp_path):
    data = preset_to_dict(load_preset("step-by-step"))
    data["name"] = "V \x1b]0;pwned\x07\x1b[2J"
    path = tmp_path / "esc.json"
    path.write_text(json.dumps(data))
    for argv in (["info", str(path)], ["eval", str(path), "--x", "1"], ["gradcheck", str(path)],
                 ["train", str(path), "--steps", "1"]):
        main(argv)
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\x07" not in out
        assert "V \\x1b]0;pwned\\x07\\x1b[2J" in out


@pytest.mark.parametrize("argv", [
    ["train", "step-by-step", "--steps", "1", "--out", "{out}.json"],
    ["render", "step-by-step", "--out", "{out}.png"],
    ["animate", "step-by-step", "--steps", "2", "--frames", "2", "--out", "{out}.gif"],
    ["step-by-step", "--screenshot", "{out}.png"],
])
def test_out_onto_a_read_only_file_is_refused(capsys, tmp_path, argv, one_error_line):
    argv = [a.format(out=tmp_path / "theirs") for a in argv]
    target = tmp_path / os.path.basename(argv[-1])
    target.write_text(OLD)
    target.chmod(0o444)
    assert main(argv) == 2
    one_error_line(f"{target}: ", "read-only")
    assert target.read_text() == OLD


def test_save_preset_refuses_a_file_without_write_permission(tmp_path, monkeypatch):
    import reluplay.presets.files as files
    from reluplay.presets import PresetError

    target = tmp_path / "theirs.json"
    target.write_text(OLD)  # writable by mode bits, but another user's: os.access says no
    monkeypatch.setattr(files.os, "access", lambda path, mode: False)
    with pytest.raises(PresetError, match="read-only"):
        save_preset(load_preset("step-by-step"), target)
    assert target.read_text() == OLD
