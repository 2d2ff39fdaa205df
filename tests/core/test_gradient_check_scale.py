"""The gradient check measures errors against the gradients' scale (issue 9, item 11).

softplus-squiggle sits at its optimum: some gradient entries are ~1e-8, where central differences
see only the loss's rounding. With a fixed 1e-8 floor that read as a relative error of 1.7e-4.
"""
import numpy as np
import pytest

from reluplay.core import Network, gradient_check
from reluplay.core.analysis import GRADCHECK_SCALE_FLOOR
from reluplay.presets import load_preset


def test_a_smooth_network_at_its_optimum_checks_clean():
    preset = load_preset("softplus-squiggle")
    assert gradient_check(preset.network, preset.x, preset.y) < 1e-6


@pytest.mark.parametrize("factor", [1.01, 2.0])
def test_a_wrong_entry_far_below_the_largest_still_shows(monkeypatch, factor):
    preset = load_preset("softplus-squiggle")
    network, x, y = preset.network, preset.x, preset.y
    _, grad = network.gradient(x, y)
    # the entry just above the floor: small next to the largest, but not rounding noise
    size = 2.0 * np.abs(grad)
    small = int(np.argmin(np.where(size > GRADCHECK_SCALE_FLOOR * size.max(), size, np.inf)))
    real = Network.gradient

    def wrong(self, xx, yy, loss="mse"):
        loss, g = real(self, xx, yy, loss)
        g = g.copy()
        g[small] *= factor
        return loss, g

    monkeypatch.setattr(Network, "gradient", wrong)
    assert gradient_check(network, x, y) == pytest.approx((factor - 1.0) / (factor + 1.0), rel=1e-3)
