"""Issue 13 item 3: a lesson's speed is what Play trains at, and the speed chosen is saved with it."""
from dataclasses import replace

from reluplay.presets import SLOW_START, load_preset, read_preset_file
from reluplay.state.training_controller import SPEEDS


def test_a_builtin_lesson_opens_at_its_own_watchable_speed(open_window):
    window = open_window(load_preset("universal-approximation"))
    assert window.controller.speed == SLOW_START
    assert window.training_panel.speed_combo.currentText() == "Slow start"
    window.files.open_path("dead-unit", ask_to_save=False, builtin=True)
    assert window.controller.speed == 10
    assert window.training_panel.speed_combo.currentText() == "10 steps / second"


def test_a_speed_not_in_the_list_gets_its_own_entry(open_window, sine_preset):
    sine_preset.teaching = replace(sine_preset.teaching, speed=42.0)
    window = open_window(sine_preset)
    assert window.controller.speed == 42.0
    assert window.training_panel.speed_combo.currentText() == "42 steps / second"


def test_the_chosen_speed_is_saved_with_the_lesson(sine_window, tmp_path):
    combo = sine_window.training_panel.speed_combo
    combo.setCurrentIndex(SPEEDS.index(SLOW_START))
    assert sine_window.session.dirty
    assert sine_window.files.save_to(tmp_path / "paced.json")
    assert read_preset_file(tmp_path / "paced.json").teaching.speed == SLOW_START
    combo.setCurrentIndex(SPEEDS.index(20))
    assert sine_window.files.save_to(tmp_path / "paced.json")
    assert read_preset_file(tmp_path / "paced.json").teaching.speed == 20
