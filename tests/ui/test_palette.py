"""Unit styles: 16+ distinguishable ones, and a projector palette with 3:1 contrast (issue 13, item 2)."""
from __future__ import annotations

import json

import pytest

from reluplay.presets import load_preset, preset_to_json
from reluplay.ui import palette


def test_sixteen_units_get_sixteen_different_styles():
    for scheme in palette.PALETTES:
        styles = {(palette.unit_colour(i, scheme).name(), palette.unit_dash(i)) for i in range(16)}
        assert len(styles) == 16
    assert palette.unit_dash(7) is None and palette.unit_dash(8) is not None  # units 9-16 dashed
    pen = palette.unit_pen(9)
    assert list(pen.dashPattern()) == list(palette.unit_dash(9))


@pytest.mark.parametrize("colour", palette.PROJECTOR_UNIT_COLOURS)
def test_every_projector_colour_has_3_to_1_contrast_against_the_plot(colour):
    assert palette.contrast_ratio(colour, palette.BACKGROUND) >= 3.0


def test_contrast_ratio_follows_wcag():
    assert palette.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert palette.contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    # The complaint: the standard orange and sky blue are too pale for a projector.
    assert palette.contrast_ratio("#E69F00", palette.BACKGROUND) < 3.0


def test_the_projector_palette_is_a_view_toggle_saved_with_the_lesson(relu_window, qtbot):
    window = relu_window
    action = window.unit_focus.projector_action
    assert action in window.menus["view"].actions() and not action.isChecked()
    action.trigger()
    assert window.session.view.palette == "projector" and window.session.dirty
    window.plots.redraw_now()
    projector = [palette.unit_colour(i, "projector").name() for i in range(2)]
    assert [c.opts["pen"].color().name() for c in window.plots.unit_curves] == projector
    assert [card.colour for card in window.editor.cards] == projector
    assert json.loads(preset_to_json(window.session.to_preset()))["view"]["palette"] == "projector"
    # Opening a lesson puts its own palette back.
    window.session.load(load_preset("relu-in-action"))
    assert not action.isChecked()
    assert window.plots.unit_curves[0].opts["pen"].color().name() == palette.unit_colour(0).name()
