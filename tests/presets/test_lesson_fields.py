"""Issue 13 items 3 and 5: a lesson stores its speed, the teacher's notes and questions, and its screen setup."""
import json

import pytest

from reluplay.presets import (
    FASTEST,
    LESSON_ORDER,
    SLOW_START,
    PresetError,
    Teaching,
    load_preset,
    preset_from_json,
    preset_to_json,
)

MINIMAL = {"format": "reluplay-preset", "schema_version": 1,
           "network": {"layers": [{"weights": [[1.0]], "biases": [0.0]}, {"weights": [[1.0]], "biases": [0.0]}]}}


def _with(**fields) -> str:
    data = json.loads(json.dumps(MINIMAL))
    for path, value in fields.items():
        section, _, key = path.partition("__")
        data.setdefault(section, {})[key] = value
    return json.dumps(data)


def test_a_file_without_the_new_fields_gets_the_old_behaviour():
    teaching = preset_from_json(json.dumps(MINIMAL)).teaching
    assert teaching == Teaching()
    assert teaching.speed == FASTEST and teaching.notes == "" and teaching.questions == ()
    assert teaching.panels == () and teaching.loss_log_scale is True


@pytest.mark.parametrize("speed", [0.5, 30, "fastest", "slow-start"])
def test_speed_notes_questions_and_setup_round_trip(speed):
    text = _with(training__speed=speed, lesson__notes="Point at unit A's kink.",
                 lesson__questions=["Where is the kink?", "Which unit is dead?"],
                 view__panels=["notes", "walkthrough"], view__loss_log_scale=False)
    preset = preset_from_json(text)
    assert preset.teaching == Teaching(speed, "Point at unit A's kink.", ("Where is the kink?", "Which unit is dead?"),
                                       ("notes", "walkthrough"), False)
    assert preset_from_json(preset_to_json(preset)).teaching == preset.teaching


@pytest.mark.parametrize(("fields", "where", "words"), [
    ({"training__speed": 0}, "training.speed", "0.1 to 10000 steps per second"),
    ({"training__speed": "slow"}, "training.speed", "'slow-start'"),
    ({"training__speed": True}, "training.speed", "expected a number"),
    ({"lesson__notes": 3}, "lesson.notes", "expected a string"),
    ({"lesson__questions": "Why?"}, "lesson.questions", "expected a list of strings"),
    ({"lesson__questions": ["ok", 2]}, "lesson.questions[1]", "expected a string"),
    ({"lesson__questions": ["?"] * 21}, "lesson.questions", "at most 20 questions"),
    ({"lesson__teacher": "x"}, "lesson.teacher", "unknown field"),
    ({"view__panels": ["editor"]}, "view.panels[0]", "unknown panel 'editor'"),
    ({"view__loss_log_scale": "yes"}, "view.loss_log_scale", "expected true or false"),
])
def test_bad_lesson_fields_are_named(fields, where, words):
    with pytest.raises(PresetError) as info:
        preset_from_json(_with(**fields), "lesson.json")
    assert info.value.field == where
    assert words in str(info.value)


def test_every_builtin_lesson_has_a_pace_a_class_can_watch():
    for slug in LESSON_ORDER:
        speed = load_preset(slug).teaching.speed
        assert speed == SLOW_START or (isinstance(speed, float) and speed <= 60), (slug, speed)
