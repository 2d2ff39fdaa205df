"""Issue 13 item 5: preparing a lesson in the app: properties, notes panel, teaching setup, start, own name."""
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from reluplay.presets import Teaching, load_preset, read_preset_file
from reluplay.ui.features.files import name_for_copy
from reluplay.ui.features.lesson_properties import LessonPropertiesDialog


def test_lesson_properties_set_title_description_notes_and_questions(sine_window, tmp_path):
    window = sine_window
    assert "&Lesson" in [m.title() for m in window.menuBar().findChildren(type(window.menus["lesson"]))]
    dialog = LessonPropertiesDialog(window.session, window)
    dialog.title_edit.setText("Bending a sine")
    dialog.description_edit.setPlainText("Eight units trace a sine.")
    dialog.notes_edit.setPlainText("Point at the kinks first.")
    dialog.questions_edit.setPlainText("Where will the kinks go?\n\nHow many pieces?\n")
    dialog.accept()
    s = window.session
    assert (s.name, s.description) == ("Bending a sine", "Eight units trace a sine.")
    assert s.teaching.notes == "Point at the kinks first."
    assert s.teaching.questions == ("Where will the kinks go?", "How many pieces?")
    assert s.dirty and window.windowTitle().startswith("Bending a sine")
    # The notes panel shows all of it.
    text = window.lesson.notes.toPlainText()
    for words in ("Bending a sine", "Eight units trace a sine.", "Point at the kinks first.", "How many pieces?"):
        assert words in text
    assert window.files.save_to(tmp_path / "sine.json")
    saved = read_preset_file(tmp_path / "sine.json")
    assert saved.name == "Bending a sine" and saved.teaching.questions == s.teaching.questions


def test_too_many_questions_are_refused_in_the_dialog_and_nothing_is_lost(sine_window):
    dialog = LessonPropertiesDialog(sine_window.session, sine_window)
    dialog.questions_edit.setPlainText("\n".join(f"Question {i}?" for i in range(25)))
    dialog.accept()
    assert dialog.problem.isVisibleTo(dialog) and "At most 20 questions" in dialog.problem.text()
    assert sine_window.session.teaching.questions == ()
    assert dialog.questions_edit.toPlainText().count("\n") == 24


def test_notes_panel_beside_the_plots_hidden_in_presentation_unless_wanted(sine_window, qtbot):
    window = sine_window
    lesson = window.lesson
    assert not lesson.dock.isVisible()
    plots_width = window.plots.width()
    lesson.toggle.trigger()
    assert lesson.dock.isVisible()
    # A tab beside the network editor: the plots keep their width.
    editor = window.findChild(type(lesson.dock), "network_dock")
    assert editor in window.tabifiedDockWidgets(lesson.dock)
    qtbot.waitUntil(lambda: window.plots.width() == plots_width, timeout=2_000)
    f5 = window.presentation.action
    f5.trigger()
    assert not lesson.dock.isVisible()
    lesson.notes_when_presenting.setChecked(True)
    assert lesson.dock.isVisible()
    f5.trigger()
    assert lesson.dock.isVisible()  # as it was before F5
    f5.trigger()
    assert lesson.dock.isVisible()
    f5.trigger()


def test_save_stores_the_teaching_setup_and_a_lesson_opens_with_it(sine_window, open_window, tmp_path, qtbot):
    window = sine_window
    window.walkthrough_dock.show()
    window.lesson.dock.show()
    window.training_panel.log_check.setChecked(False)
    window.plots.unit_plot.setXRange(-0.5, 0.75, padding=0)
    window.plots.output_plot.setYRange(-2.0, 2.0, padding=0)
    assert window.files.save_to(tmp_path / "setup.json")
    saved = read_preset_file(tmp_path / "setup.json")
    assert set(saved.teaching.panels) == {"walkthrough", "notes"}
    assert saved.teaching.loss_log_scale is False
    assert saved.view.y_range == pytest.approx((-2.0, 2.0))
    lo, hi = saved.view.x_range
    assert -0.5 < lo < hi < 0.75  # the lesson's range: shown with the plots' padding, it is what was on screen
    again = open_window(saved)
    qtbot.waitUntil(lambda: again.walkthrough_dock.isVisible() and again.lesson.dock.isVisible(), timeout=5_000)
    assert not again.backward_dock.isVisible()
    assert not again.training_panel.log_check.isChecked()
    assert again.plots.unit_plot.viewRange()[0] == pytest.approx((-0.5, 0.75), abs=1e-6)


@pytest.mark.parametrize(("answer", "from_start"), [(QMessageBox.StandardButton.Yes, False),
                                                     (QMessageBox.StandardButton.No, True)])
def test_save_after_training_asks_which_network_the_lesson_starts_from(sine_window, qtbot, monkeypatch, tmp_path,
                                                                      answer, from_start):
    window = sine_window
    start = window.session.network.copy()
    with qtbot.waitSignal(window.controller.steps_completed, timeout=10_000):
        window.controller.step(5)
    trained = window.session.network.copy()
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: asked.append(args[2]) or answer)
    assert window.files.save_to(tmp_path / "which.json")
    assert "trained for 5 steps" in asked[0]
    saved = read_preset_file(tmp_path / "which.json").network
    assert (saved.params == (start if from_start else trained).params).all()


def test_cancelling_the_question_saves_nothing(sine_window, qtbot, monkeypatch, tmp_path):
    with qtbot.waitSignal(sine_window.controller.steps_completed, timeout=10_000):
        sine_window.controller.step_once()
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Cancel)
    assert not sine_window.files.save_to(tmp_path / "no.json")
    assert not (tmp_path / "no.json").exists() and sine_window.session.dirty


def test_a_saved_copy_of_a_builtin_lesson_gets_its_own_name(open_window, tmp_path):
    window = open_window(load_preset("universal-approximation"))
    assert window.files.save_to(tmp_path / "my-abs-lesson.json")
    assert read_preset_file(tmp_path / "my-abs-lesson.json").name == "my-abs-lesson"
    assert window.session.name == "my-abs-lesson"
    assert name_for_copy("Universal approximation", Path("Universal approximation.json")) == \
        "Universal approximation (my copy)"
    assert name_for_copy("My own lesson", Path("x.json")) is None


def test_a_lesson_without_a_setup_opens_as_before(open_window, sine_preset):
    sine_preset.teaching = replace(Teaching(), loss_log_scale=True)
    window = open_window(sine_preset)
    assert not window.walkthrough_dock.isVisible() and not window.lesson.dock.isVisible()
    assert window.training_panel.log_check.isChecked()
