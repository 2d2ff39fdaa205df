"""A repeated JSON key in a preset is refused in one line naming it (issue 9, item 10).

Before, json kept the last value silently: what a file means depended on the reader.
"""
import pytest

from reluplay.cli.main import main
from reluplay.presets import PresetError, preset_from_json, read_preset_file

NETWORK = '{"layers": [{"weights": [[1.0], [2.0]], "biases": [0.0, 0.5]}, {"weights": [[1.0, 1.0]], "biases": [0.0]}]}'
HEAD = '"format": "reluplay-preset", "schema_version": 1'


def _text(training='{"l2": 0.0}', data='{"x": [0, 1], "y": [0, 1]}', network=NETWORK, extra=""):
    return f'{{{HEAD}, "network": {network}, "data": {data}, "training": {training}{extra}}}'


@pytest.mark.parametrize("text, field", [
    (_text(extra=', "name": "a", "name": "b"'), "name"),
    (_text(training='{"l2": 0.0, "l2": 1e308}'), "training.l2"),
    (_text(network=NETWORK.replace('"biases": [0.0, 0.5]', '"biases": [0.0, 0.5], "biases": [1, 1]')),
     "network.layers[0].biases"),
    (_text(data='{"x": [0, 1], "y": [0, 1], "test": {"x": [2], "x": [3], "y": [1]}}'), "data.test.x"),
    ('{"hidden": {"weights": [1], "biases": [0]}, "output": {"weights": [1], "bias": 0, "bias": 2}}', "output.bias"),
])
def test_a_repeated_key_is_refused_naming_file_and_field(text, field):
    with pytest.raises(PresetError) as info:
        preset_from_json(text.encode(), "dup.json")
    key = field.rsplit(".", 1)[-1].split("[")[0]
    assert str(info.value) == f"dup.json: {field}: the key {key!r} appears more than once in this object; keep one"


def test_the_command_line_reports_a_repeated_key_in_one_line(tmp_path, capsys):
    path = tmp_path / "dup.json"
    path.write_text(_text(training='{"learning_rate": 0.1, "learning_rate": 0.2}'))
    assert main(["info", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"reluplay: error: {path}: training.learning_rate: " \
                          "the key 'learning_rate' appears more than once in this object; keep one"


def test_files_without_repeats_still_read(tmp_path):
    path = tmp_path / "ok.json"
    path.write_text(_text(extra=', "view": {"x_range": [0, 1]}'))
    assert read_preset_file(path).view.x_range == (0.0, 1.0)
