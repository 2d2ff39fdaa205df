"""The numbers of one training step (no Qt): the gradient a Step uses and the update it applied."""
from __future__ import annotations

import numpy as np

from reluplay.core import Trainer, TrainingSettings
from reluplay.presets import load_preset
from reluplay.teach import step_update


def test_training_gradient_is_the_trainers_and_a_gd_step_subtracts_lr_times_it_exactly():
    preset = load_preset("step-by-step")
    settings_ = TrainingSettings(optimizer="gd", learning_rate=0.2, l2=0.05)
    trainer = Trainer(preset.network, preset.x, preset.y, settings_)
    _, grad = step_update.training_gradient(preset.network, preset.x, preset.y, settings_.l2)
    trainer.step(1)
    update = step_update.step_update(preset.network, trainer.network.params, preset.x, preset.y, settings_, 0, 1)
    assert np.array_equal(update.gradient, grad)
    assert np.array_equal(update.old + update.scaled_gradient, trainer.network.params)
    assert np.array_equal(update.change, trainer.network.params - preset.network.params)


def test_step_update_knows_when_the_gradient_is_not_the_one_used():
    preset = load_preset("universal-approximation")
    minibatch = TrainingSettings(optimizer="sgd", batch_size=8, learning_rate=0.1)
    update = step_update.step_update(preset.network, preset.network.params, preset.x, preset.y, minibatch, 3, 4)
    assert update.gradient is None
    assert "random batch of 8 of the 40 points" in step_update.update_caption(update, minibatch, 40)
    full = TrainingSettings(optimizer="adam")
    ten = step_update.step_update(preset.network, preset.network.params, preset.x, preset.y, full, 0, 10)
    assert ten.gradient is None and ten.n_steps == 10
    assert "each of these 10 steps used its own gradient" in step_update.update_caption(ten, full, 40)
    one = step_update.step_update(preset.network, preset.network.params, preset.x, preset.y, full, 0, 1)
    assert one.gradient is not None
    assert "Adam does not step by learning rate × gradient" in step_update.update_caption(one, full, 40)
