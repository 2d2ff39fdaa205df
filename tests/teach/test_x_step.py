"""The walkthrough's x step is a positive, finite power of ten for any finite view (issue 9, item 6).

A view [0, 5e-324] made x_step take log10(0): a math-domain traceback, then a Qt abort.
"""
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reluplay.teach import walkthrough_x

BIGGEST = 1.7976931348623157e308


@pytest.mark.parametrize("x_range", [(0.0, 5e-324), (0.0, 1e-322), (1.0, 1.0), (-BIGGEST, BIGGEST), (0.0, 1.0)])
@pytest.mark.parametrize("per_view", [20.0, 50.0])
def test_x_step_of_extreme_views(x_range, per_view):
    step = walkthrough_x.x_step(x_range, per_view)
    assert math.isfinite(step) and step > 0.0
    assert walkthrough_x.nice_x(x_range[1], x_range) is not None


def test_x_step_of_ordinary_views_is_unchanged():
    assert walkthrough_x.x_step((0.0, 1.0)) == 0.01
    assert walkthrough_x.x_step((-4.5, 4.5), 20.0) == 0.1


finite = st.floats(allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(low=finite, high=finite, per_view=st.sampled_from([20.0, 50.0]))
def test_x_step_for_any_finite_range(low, high, per_view):
    step = walkthrough_x.x_step((low, high), per_view)
    assert math.isfinite(step) and step > 0.0
    assert math.log10(step) == round(math.log10(step))  # a power of ten
    assert math.isfinite(walkthrough_x.nice_x(high, (low, high)))
