"""The shipped lessons load, and reproduce the seed examples' numbers exactly from the files."""
import re

import numpy as np
import pytest

from reluplay.core import Trainer, dead_units, kinks_in_range, linear_pieces
from reluplay.presets import (
    DEFAULT_PRESET,
    LESSON_ORDER,
    PresetError,
    builtin_path,
    builtin_presets,
    find_builtin,
    load_preset,
)
from reluplay.resources import resources_dir

EXPECTED_NAMES = {
    "relu-in-action": "ReLU in action",
    "softplus-squiggle": "Softplus squiggle",
    "linear-in-disguise": "Linear in disguise",
    "dead-unit": "Dead unit",
    "leaky-vs-relu": "Leaky vs ReLU",
    "universal-approximation": "Universal approximation",
    "step-by-step": "Step by step",
    "folding-the-plane": "Folding the plane",
    "bumps": "Bumps",
    "two-gaussians": "Two gaussians",
    "xor-with-two-units": "XOR with two units",
    "xor": "XOR",
    "circle": "Circle",
    "circle-with-squared-inputs": "Circle with squared inputs",
    "depth-multiplies-pieces": "Depth multiplies pieces",
    "spiral": "Spiral",
    "three-gaussians": "Three gaussians",
}


def test_every_builtin_loads_with_a_readable_description():
    records = builtin_presets()
    assert [r.slug for r in records] == list(LESSON_ORDER)
    assert {r.slug: r.name for r in records} == EXPECTED_NAMES
    for r in records:
        assert r.path.parent == resources_dir() / "presets"
        preset = load_preset(r.slug)
        assert preset.name == r.name and find_builtin(r.name) == r.path  # `reluplay "Two gaussians"` opens it
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", r.description.strip()) if s]
        assert 2 <= len(sentences) <= 4, (r.slug, sentences)
        # every data point and the whole network are inside the view, so the lesson is visible
        (x0, x1), (y0, y1) = preset.view.x_range, preset.view.y_range
        if preset.n_inputs == 2:  # the file's view.x_range and view.y_range: x1's and x2's (the box)
            assert preset.view.x2_range == (y0, y1), r.slug
            points = np.concatenate([preset.x, preset.test_x])
            assert np.all((points[:, 0] >= x0) & (points[:, 0] <= x1) & (points[:, 1] >= y0) & (points[:, 1] <= y1))
            assert preset.teaching.notes and len(preset.teaching.questions) >= 3, r.slug
            continue
        assert np.all((preset.x >= x0) & (preset.x <= x1)), r.slug
        assert np.all((preset.y >= y0) & (preset.y <= y1)), r.slug


@pytest.mark.parametrize("query", ["ReLU in action", "relu in action", "relu-in-action", "relu-in-action.json"])
def test_builtins_are_found_by_name_or_slug(query):
    assert find_builtin(query) == builtin_path(DEFAULT_PRESET)
    assert load_preset(query).name == "ReLU in action"


def test_unknown_builtin_lists_the_known_ones():
    assert find_builtin("no such lesson") is None
    with pytest.raises(PresetError) as info:
        builtin_path("no such lesson")
    assert info.value.source == "no such lesson"
    assert "relu-in-action" in str(info.value)


def test_relu_in_action_reproduces_the_seed_exactly():
    preset = load_preset("ReLU in action")
    hidden, out = preset.network.layers
    assert hidden.activation == "relu" and out.activation == "relu"
    assert hidden.weights[:, 0].tolist() == [1.70, 12.6]
    assert hidden.biases.tolist() == [-0.85, 0.0]
    assert out.weights[0].tolist() == [-40.8, 2.70] and out.biases.tolist() == [-16.0]
    assert preset.x.tolist() == [0.0, 0.5, 1.0] and preset.y.tolist() == [0.0, 1.0, 0.0]
    assert preset.view.x_range == (0.0, 1.0)
    np.testing.assert_allclose(preset.network(preset.x), [0.0, 1.01, 0.0], rtol=0, atol=1e-12)


def test_softplus_squiggle_reproduces_the_seed():
    preset = load_preset("softplus-squiggle")
    hidden, out = preset.network.layers
    assert hidden.activation == "softplus" and out.activation == "identity"
    assert hidden.weights[:, 0].tolist() == [-34.4, -2.52] and hidden.biases.tolist() == [2.14, 1.29]
    assert out.weights[0].tolist() == [-1.30, 2.28] and out.biases.tolist() == [-0.58]
    np.testing.assert_allclose(preset.network([0.0, 0.5, 1.0]), [-0.01, 1.03, 0.00], atol=0.01)


def test_linear_in_disguise_is_one_straight_piece_with_a_dead_unit_that_never_moves():
    preset = load_preset("linear-in-disguise")
    hidden = preset.network.layers[0]
    assert hidden.weights[:, 0].tolist() == [1.0, 1.0, 1.0]
    assert hidden.biases.tolist() == [-10.0, 10.0, 10.0]
    assert preset.x.min() == -4.0 and preset.x.max() == 4.0
    assert linear_pieces(preset.network, -4.0, 4.0) == 1
    assert dead_units(preset.network, preset.x) == [0]
    trainer = Trainer(preset.network, preset.x, preset.y, preset.training)
    trainer.step(500)
    assert trainer.divergence is None
    assert trainer.loss() < preset.network.loss(preset.x, preset.y)  # it learns...
    trained = trainer.network.layers[0]
    assert trained.weights[0, 0] == 1.0 and trained.biases[0] == -10.0  # ...but unit 0 never moves
    assert linear_pieces(trainer.network, -4.0, 4.0) == 1  # and it stays a straight line


def test_dead_unit_stays_dead_and_leaky_relu_revives_it_from_the_same_start():
    dead = load_preset("dead-unit")
    leaky = load_preset("leaky-vs-relu")
    assert dead_units(dead.network, dead.x) == [2]
    assert np.array_equal(dead.network.params, leaky.network.params)
    assert np.array_equal(dead.x, leaky.x) and np.array_equal(dead.y, leaky.y)
    assert leaky.network.layers[0].activation == "leaky_relu"
    relu_run = Trainer(dead.network, dead.x, dead.y, dead.training)
    leaky_run = Trainer(leaky.network, leaky.x, leaky.y, leaky.training)
    relu_run.step(1000)
    leaky_run.step(1000)
    assert relu_run.network.layers[0].weights[2, 0] == -1.0  # the dead unit did not move
    assert relu_run.network.layers[0].biases[2] == -1.5
    assert leaky_run.loss() < 0.2 * relu_run.loss()  # the leaky unit woke up and fixed the left arm
    assert leaky_run.network.layers[0].biases[2] != -1.5


def test_universal_approximation_is_16_untrained_relu_units_that_adam_fits_to_a_sine():
    preset = load_preset("universal-approximation")
    assert preset.network.sizes == [1, 16, 1]
    assert preset.training.optimizer == "adam"
    np.testing.assert_allclose(preset.y, np.sin(np.pi * preset.x), atol=1e-11)
    assert preset.network.loss(preset.x, preset.y) > 0.1  # untrained
    trainer = Trainer(preset.network, preset.x, preset.y, preset.training)
    trainer.step(1000)
    assert trainer.loss() < 0.01


def test_step_by_step_makes_visible_progress_every_step():
    preset = load_preset("step-by-step")
    assert preset.training.optimizer == "gd"
    assert 2 <= preset.network.sizes[1] <= 3 and preset.x.size <= 8
    trainer = Trainer(preset.network, preset.x, preset.y, preset.training)
    losses = [trainer.loss()]
    for _ in range(5):
        trainer.step(1)
        losses.append(trainer.loss())
    for before, after in zip(losses, losses[1:]):
        assert after < 0.97 * before
    lo, hi = preset.view.x_range
    assert kinks_in_range(preset.network, lo, hi)  # the kinks a class watches slide are on screen
