"""The first-run hint comes from the lesson's own description; the jargon has plain words."""
import pytest

from reluplay.presets import builtin_presets
from reluplay.teach.plain_words import JARGON, try_hint


@pytest.mark.parametrize("record", builtin_presets(), ids=lambda r: r.slug)
def test_every_built_in_lesson_has_a_hint_from_its_description(record):
    hint = try_hint(record.description)
    assert hint is not None and hint.startswith("Try: ")
    assert hint[len("Try: "):].split(" (the ReLU′(0) setting")[0].rstrip(".") in record.description


def test_a_hint_says_where_a_setting_is_when_the_description_does_not():
    hint = try_hint("The bend has no derivative at exactly 0, so training picks one: try them, it rarely matters.")
    assert hint.endswith("it rarely matters (the ReLU′(0) setting, under Output and rules).")


def test_the_hint_is_the_first_sentence_that_asks_for_something():
    assert try_hint("Two units. Drag unit A's bias to the right. Then press Play.") == \
        "Try: Drag unit A's bias to the right."
    assert try_hint("A bump made of two units; try another ReLU′(0).") == "Try: A bump made of two units; try another ReLU′(0)."
    assert try_hint("Just a description of a network.") is None
    assert try_hint("") is None


def test_the_jargon_is_explained_without_jargon():
    for term in ("ReLU′(0)", "L2 penalty", "MSE", "learning rate", "batch size"):
        assert len(JARGON[term]) > 60
    assert "average" in JARGON["MSE"] and "square" in JARGON["MSE"]
