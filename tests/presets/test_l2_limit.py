"""An L2 penalty beyond MAX_L2 is refused, naming training.l2 (issue 9, item 10).

Before, l2 = 1e308 was accepted; training then diverged with a message blaming the learning rate.
"""
import json

import pytest

from reluplay.cli.main import main
from reluplay.core import TrainingError, TrainingSettings
from reluplay.core.training import MAX_L2
from reluplay.presets import PresetError, preset_from_json

NETWORK = '{"layers": [{"weights": [[1.0], [2.0]], "biases": [0.0, 0.5]}, {"weights": [[1.0, 1.0]], "biases": [0.0]}]}'


def _text(training):
    return f'{{"format": "reluplay-preset", "schema_version": 1, "network": {NETWORK}, ' \
           f'"data": {{"x": [0, 1], "y": [0, 1]}}, "training": {training}}}'


@pytest.mark.parametrize("l2", [1e308, MAX_L2 * 1.000001, 1e3])
def test_an_l2_penalty_beyond_the_limit_is_refused(l2):
    with pytest.raises(PresetError) as info:
        preset_from_json(_text(training=json.dumps({"l2": l2})), "big.json")
    assert str(info.value).startswith(f"big.json: training.l2: expected a number >= 0 and <= {MAX_L2:g}, got ")
    with pytest.raises(TrainingError, match=f"L2 penalty must be >= 0 and <= {MAX_L2:g}"):
        TrainingSettings(l2=l2).validated()


def test_the_largest_l2_penalty_is_accepted():
    assert preset_from_json(_text(training=json.dumps({"l2": MAX_L2}))).training.l2 == MAX_L2


def test_training_a_file_with_a_huge_l2_names_the_l2_not_the_learning_rate(tmp_path, capsys):
    path = tmp_path / "l2.json"
    path.write_text(_text(training='{"l2": 1e308}'))
    assert main(["train", str(path), "--steps", "5"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"reluplay: error: {path}: training.l2: ") and "learning rate" not in err
    assert len(err.splitlines()) == 1
