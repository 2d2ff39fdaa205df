"""A view range narrower than the plots can draw is refused, naming the field (issue 9, item 6).

[0, 1e-322] crashed the window (segfault) and [0, 5e-324] gave a math-domain traceback.
"""
import json

import pytest

from reluplay.presets import PresetError, preset_from_json
from reluplay.presets.limits import MIN_VIEW_WIDTH, MIN_VIEW_WIDTH_RELATIVE


def _preset_text(**view):
    return json.dumps({
        "format": "reluplay-preset", "schema_version": 1,
        "network": {"layers": [{"weights": [[1.0]], "biases": [0.0]}, {"weights": [[1.0]], "biases": [0.0]}]},
        "view": view,
    })


@pytest.mark.parametrize("field", ["x_range", "y_range"])
@pytest.mark.parametrize("bounds", [[0, 1e-322], [0, 5e-324], [-1e-7, 1e-7], [1e6 - 1, 1e6], [-1000.0, -999.95]])
def test_a_range_too_narrow_to_draw_is_one_clear_error(field, bounds):
    with pytest.raises(PresetError) as info:
        preset_from_json(_preset_text(**{field: bounds}), "narrow.json")
    message = str(info.value)
    assert message.startswith(f"narrow.json: view.{field}: too narrow to draw: ")
    assert "\n" not in message


@pytest.mark.parametrize("field", ["x_range", "y_range"])
@pytest.mark.parametrize("bounds", [[0, MIN_VIEW_WIDTH], [-1, 1], [1e6 - 1e6 * MIN_VIEW_WIDTH_RELATIVE, 1e6],
                                    [999.9, 1000.0], [-1e6, 1e6]])
def test_ranges_at_or_above_the_limit_still_open(field, bounds):
    preset = preset_from_json(_preset_text(**{field: bounds}))
    assert getattr(preset.view, field) == tuple(float(b) for b in bounds)
