"""Issue 13 item 8 in the window: a first-run hint from the lesson's description, jargon in plain words,
small losses written out."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reluplay.presets import load_preset
from reluplay.teach.plain_words import JARGON, try_hint
from reluplay.ui.features.plain_words import forget_shown_hints


@pytest.fixture(autouse=True)
def fresh_run():
    forget_shown_hints()  # as if the app had just started
    yield
    forget_shown_hints()


def test_the_first_screen_shows_the_lessons_hint_once_and_it_can_be_closed(open_window, qtbot):
    lesson = load_preset("universal-approximation")
    window = open_window(lesson)
    hint = window.first_hint
    assert hint.isVisible()
    assert hint.label.text() == try_hint(lesson.description) == (
        "Try: Press Play and watch Adam slide the kinks along until the linear pieces trace the sine.")
    plots = window.plots
    assert hint.mapTo(window, hint.rect().bottomLeft()).y() <= plots.mapTo(window, plots.rect().topLeft()).y()
    qtbot.mouseClick(hint.close_button, Qt.MouseButton.LeftButton)
    assert not hint.isVisible()
    # Another lesson: its own hint; back to the first one: once per run was enough.
    window.session.load(load_preset("dead-unit"))
    assert hint.isVisible() and hint.label.text().startswith("Try: Train it: units A and B move")
    window.session.load(lesson)
    assert not hint.isVisible()
    assert not open_window(lesson).first_hint.isVisible()


def test_jargon_has_plain_words_on_the_label_and_the_field(open_window):
    window = open_window(load_preset("step-by-step"))
    training, editor = window.training_panel, window.editor
    for widget, term in ((training.learning_rate_spin, "learning rate"), (training.batch_spin, "batch size"),
                         (training.l2_spin, "L2 penalty"), (editor.grad_at_zero_combo, "ReLU′(0)")):
        assert widget.toolTip() == JARGON[term]
        label = widget.parentWidget().layout().labelForField(widget)
        assert label.toolTip() == JARGON[term]
    assert "Mean squared error" in training.loss_label.toolTip()
    assert "Mean squared error" in window.status_loss.toolTip()
    assert window.status_pieces.toolTip() == JARGON["linear pieces"]


def test_a_small_loss_is_written_out(open_window):
    window = open_window(load_preset("relu-in-action"))  # loss 0.01² / 3 = 3.333e-05
    assert window.training_panel.loss_label.text() == "0.00003333"
    assert window.status_loss.text().strip() == "Loss (MSE): 0.00003333"
