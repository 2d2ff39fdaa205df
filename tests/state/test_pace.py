"""The slow start: a few steps a second at first, doubling, then as fast as possible."""
import pytest

from reluplay.presets import FASTEST, SLOW_START
from reluplay.state import pace


def test_fixed_speeds_and_fastest():
    assert pace.due_time(None, 100) is None
    assert pace.due_time(20.0, 10) == pytest.approx(0.5)
    assert pace.from_lesson(FASTEST) is None and pace.to_lesson(None) == FASTEST
    assert pace.from_lesson(30.0) == 30.0 and pace.from_lesson(SLOW_START) == SLOW_START


def test_slow_start_starts_slowly_and_doubles():
    times = [pace.due_time(SLOW_START, k) for k in range(6)]
    assert times[0] == 0.0
    # the first steps come at about SLOW_START_RATE a second
    assert times[1] == pytest.approx(1 / pace.SLOW_START_RATE, rel=0.1)
    # steps due within the first doubling period vs the second: twice as many
    in_first = max(k for k in range(200) if pace.due_time(SLOW_START, k) <= pace.DOUBLING_S)
    in_second = max(k for k in range(200) if pace.due_time(SLOW_START, k) <= 2 * pace.DOUBLING_S) - in_first
    assert in_second == pytest.approx(2 * in_first, abs=2)
    assert pace.slow_start_rate(pace.DOUBLING_S) == pytest.approx(2 * pace.SLOW_START_RATE)


def test_slow_start_ends_as_fast_as_possible():
    assert pace.due_time(SLOW_START, 100_000) is None
    assert pace.slow_start_rate(60.0) is None
