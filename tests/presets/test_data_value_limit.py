"""Data values beyond MAX_ABS_DATA_VALUE are refused everywhere data comes in, naming where."""
import json

import numpy as np
import pytest

from reluplay.core import MAX_ABS_DATA_VALUE
from reluplay.presets import PresetError, load_preset
from reluplay.presets.builtin import builtin_path
from reluplay.presets.csv_data import parse_csv_points


def test_preset_with_a_huge_data_value_names_the_point(tmp_path):
    doc = json.loads(builtin_path("step-by-step").read_text())
    doc["data"]["y"][2] = 1e300
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(PresetError) as info:
        load_preset(path)
    assert info.value.field == "data.y[2]"
    assert "huge.json" in str(info.value) and "limit" in str(info.value)


def test_values_at_the_limit_still_load(tmp_path):
    doc = json.loads(builtin_path("step-by-step").read_text())
    doc["data"]["x"][0] = -MAX_ABS_DATA_VALUE
    path = tmp_path / "edge.json"
    path.write_text(json.dumps(doc))
    assert load_preset(path).x[0] == -MAX_ABS_DATA_VALUE


def test_csv_with_a_huge_value_names_the_line():
    with pytest.raises(PresetError) as info:
        parse_csv_points("x,y\n0,1\n1,2e30\n", "d.csv")
    assert info.value.field == "line 3"
    assert np.isfinite(parse_csv_points("0,1e6\n", "d.csv")[1]).all()


@pytest.mark.parametrize("where, value, field", [
    (("network", "layers", 0, "weights", 1), [1e300], "network.layers[0].weights[1][0]"),
    (("network", "layers", 1, "biases"), [-2e12], "network.layers[1].biases[0]"),
    (("view", "x_range"), [-1e308, 1e308], "view.x_range[0]"),
])
def test_huge_parameters_and_views_are_refused(tmp_path, where, value, field):
    doc = json.loads(builtin_path("step-by-step").read_text())
    node = doc
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = value
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(PresetError) as info:
        load_preset(path)
    assert info.value.field == field and "limit" in str(info.value)
