"""view.palette: the lesson's unit colours, "standard" or "projector" (issue 13, item 2)."""
from __future__ import annotations

import json

import pytest

from reluplay.presets import PresetError, load_preset, preset_from_json, preset_to_json
from reluplay.presets.model import ViewRange


def lesson_json(**view) -> str:
    data = json.loads(preset_to_json(load_preset("relu-in-action")))
    data["view"].update(view)
    return json.dumps(data)


def test_a_projector_palette_is_read_and_written_back():
    preset = preset_from_json(lesson_json(palette="projector"))
    assert preset.view.palette == "projector"
    assert json.loads(preset_to_json(preset))["view"]["palette"] == "projector"


def test_the_standard_palette_is_the_default_and_not_written():
    preset = load_preset("relu-in-action")
    assert preset.view.palette == "standard" == ViewRange().palette
    assert "palette" not in json.loads(preset_to_json(preset))["view"]


@pytest.mark.parametrize("value", ["neon", 3, None, ["projector"]])
def test_an_unknown_palette_is_refused_naming_the_field(value):
    with pytest.raises(PresetError) as caught:
        preset_from_json(lesson_json(palette=value))
    assert caught.value.field == "view.palette"
    assert "standard, projector" in str(caught.value)
