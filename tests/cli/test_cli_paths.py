"""Paths the system refuses (a name too long, a symlink loop) and text that is no text: one line, exit 2."""
import json

import pytest

from reluplay.cli.main import main
from reluplay.presets import load_preset, preset_to_dict

LONG = "a" * 300  # one path component longer than the 255 bytes file systems allow



def test_info_of_a_too_long_file_name(capsys, tmp_path, one_error_line):
    assert main(["info", str(tmp_path / f"{LONG}.json")]) == 2
    one_error_line(f"{LONG}.json", "File name too long")


@pytest.mark.parametrize("argv", [
    ["train", "step-by-step", "--steps", "1", "--out", "{dir}/{long}.json"],
    ["render", "dead-unit", "--out", "{dir}/{long}.png"],
    ["animate", "step-by-step", "--steps", "2", "--frames", "2", "--out", "{dir}/{long}"],
    ["animate", "step-by-step", "--steps", "2", "--frames", "2", "--out", "{dir}/{long}.gif"],
    ["dead-unit", "--screenshot", "{dir}/{long}.png"],
])
def test_a_too_long_out_name(capsys, tmp_path, argv, one_error_line):
    argv = [a.format(dir=tmp_path, long=LONG) for a in argv]
    assert main(argv) == 2
    one_error_line(LONG, "File name too long")
    assert list(tmp_path.iterdir()) == []


def test_train_out_onto_a_symlink_loop(capsys, tmp_path, one_error_line):
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop.name)
    assert main(["train", "step-by-step", "--steps", "1", "--out", str(loop)]) == 2
    one_error_line(str(loop), "symbolic links")


@pytest.mark.parametrize("command", [["info"], ["eval", "--x", "1"], ["gradcheck"], ["train", "--steps", "1"]])
def test_a_name_with_a_lone_surrogate_is_refused_naming_the_field(capsys, tmp_path, command, one_error_line):
    data = preset_to_dict(load_preset("dead-unit"))
    data["name"] = "bump \ud800"
    odd = tmp_path / "odd.json"
    odd.write_text(json.dumps(data))  # valid JSON: the file holds the escape "\ud800"
    assert main([command[0], str(odd), *command[1:]]) == 2
    assert one_error_line(f"{odd}: name: ", "\\ud800") == ""
