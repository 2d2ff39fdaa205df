"""Files: exact round-trips, pretty output, atomic saves, and unreadable files as PresetError."""
import json
import os

import numpy as np
import pytest

from reluplay.core import Trainer
from reluplay.presets import (
    MAX_FILE_BYTES,
    PresetError,
    load_preset,
    preset_to_json,
    read_preset_file,
    save_preset,
)


@pytest.fixture
def trained():
    """A preset whose weights are arbitrary floats (17 significant digits), not tidy literals."""
    preset = load_preset("universal-approximation")
    trainer = Trainer(preset.network, preset.x, preset.y, preset.training)
    trainer.step(37)
    preset.network = trainer.network.copy()
    preset.network.params[0] = -0.0  # the sign of zero must survive too
    preset.y[3] = 1e-300
    return preset


def test_save_then_load_gives_the_same_network_bit_for_bit(tmp_path, trained):
    path = save_preset(trained, tmp_path / "trained.json")
    back = read_preset_file(path)
    assert back.network.same_as(trained.network)
    assert back.network.params.tobytes() == trained.network.params.tobytes()
    assert back.x.tobytes() == trained.x.tobytes() and back.y.tobytes() == trained.y.tobytes()
    assert (back.name, back.description, back.training, back.view) == (
        trained.name, trained.description, trained.training, trained.view)
    assert preset_to_json(back) == path.read_text(encoding="utf-8")  # and saving again changes nothing


def test_saved_json_is_pretty_and_strict(tmp_path, trained):
    text = preset_to_json(trained)
    assert text.startswith('{\n  "format": "reluplay-preset",\n  "schema_version": 2,\n')
    assert '"x_range": [-1.2, 1.2]' in text  # short arrays stay on one line
    assert all(len(line) <= 110 for line in text.splitlines() if '"description"' not in line)
    assert "NaN" not in text and "Infinity" not in text
    json.loads(text, parse_constant=lambda name: pytest.fail(f"{name} written"))


def test_saving_nan_data_is_refused_and_names_the_field(tmp_path, trained):
    trained.y[0] = np.nan
    target = tmp_path / "bad.json"
    with pytest.raises(PresetError) as info:
        save_preset(trained, target)
    assert info.value.field == "data.y[0]" and str(info.value).startswith(str(target))
    assert not target.exists()


def test_a_failed_save_leaves_the_old_file_intact(tmp_path, trained, monkeypatch):
    target = tmp_path / "lesson.json"
    save_preset(load_preset("dead-unit"), target)
    before = target.read_bytes()

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(PresetError) as info:
        save_preset(trained, target)
    assert str(info.value) == f"{target}: could not save the preset: Permission denied"
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lesson.json"]  # no temporary file left behind


def test_a_full_disk_during_the_write_leaves_the_old_file_intact(tmp_path, trained, monkeypatch):
    target = tmp_path / "lesson.json"
    save_preset(load_preset("dead-unit"), target)
    before = target.read_bytes()

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(PresetError, match="No space left on device"):
        save_preset(trained, target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["lesson.json"]


def test_save_into_a_missing_folder_or_onto_a_folder(tmp_path, trained):
    with pytest.raises(PresetError, match="No such file or directory"):
        save_preset(trained, tmp_path / "missing" / "x.json")
    with pytest.raises(PresetError, match="is a folder"):
        save_preset(trained, tmp_path)


def test_save_keeps_the_old_files_permissions(tmp_path, trained):
    target = tmp_path / "lesson.json"
    target.write_text("old")
    os.chmod(target, 0o640)
    save_preset(trained, target)
    assert (target.stat().st_mode & 0o777) == 0o640


def test_unreadable_files_are_preset_errors(tmp_path):
    with pytest.raises(PresetError) as info:
        read_preset_file(tmp_path / "missing.json")
    assert str(info.value) == f"{tmp_path / 'missing.json'}: no such file"

    with pytest.raises(PresetError, match="is a folder"):
        read_preset_file(tmp_path)

    latin1 = tmp_path / "latin1.json"
    latin1.write_bytes(b'{"name": "caf\xe9"}')
    with pytest.raises(PresetError, match=r"not UTF-8 text \(byte 0xe9 at offset 13\)"):
        read_preset_file(latin1)

    huge = tmp_path / "huge.json"
    huge.write_bytes(b" " * (MAX_FILE_BYTES + 1))
    with pytest.raises(PresetError, match=f"larger than the {MAX_FILE_BYTES // 1024 ** 2} MB limit"):
        read_preset_file(huge)

    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "reluplay-preset",\n  "schema_version": 1,,}')
    with pytest.raises(PresetError, match="invalid JSON at line 2 column 23: Expecting property name"):
        read_preset_file(broken)

    nested = tmp_path / "nested.json"
    nested.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(PresetError, match="nested too deeply"):
        read_preset_file(nested)


def test_load_preset_prefers_an_existing_file_and_reports_unknown_names(tmp_path, monkeypatch):
    path = tmp_path / "my lesson.json"
    text = preset_to_json(load_preset("step-by-step")).replace('"name": "Step by step",\n', "")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())  # a byte-order mark is accepted
    assert load_preset(path).name == "my lesson"  # no name: the file's name is the title
    monkeypatch.chdir(tmp_path)
    assert load_preset("my lesson.json").name == "my lesson"
    with pytest.raises(PresetError, match=r"^no-such-lesson: no such file, and no built-in preset"):
        load_preset("no-such-lesson")
    with pytest.raises(PresetError, match=r"^missing\.json: no such file$"):
        load_preset("missing.json")


def test_test_points_round_trip_and_are_validated(tmp_path):
    import numpy as np

    from reluplay.presets import PresetError, load_preset, save_preset

    preset = load_preset("step-by-step")
    plain = tmp_path / "plain.json"
    save_preset(preset, plain)
    assert '"test"' not in plain.read_text()  # no held-out points, no field
    preset.test_x, preset.test_y = np.array([-0.75, 0.25]), np.array([0.75, 0.25])
    path = tmp_path / "held-out.json"
    save_preset(preset, path)
    again = load_preset(path)
    assert again.test_x.tolist() == [-0.75, 0.25] and again.test_y.tolist() == [0.75, 0.25]
    path.write_text(path.read_text().replace("[0.75, 0.25]", "[0.75]"))
    try:
        load_preset(path)
    except PresetError as exc:
        assert exc.field == "data.test.y"
    else:
        raise AssertionError("test points of different lengths loaded")
