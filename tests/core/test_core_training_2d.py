"""Training with two inputs and classes (issue 12): the loss setting, every optimizer, rewind, divergence."""
import numpy as np
import pytest

from reluplay.core import OPTIMIZERS, Network, Trainer, TrainingError, TrainingSettings, accuracy
from reluplay.core.datasets_2d import make_dataset_2d

CIRCLE_X, CIRCLE_Y = make_dataset_2d("circle", 200, seed=1)


def three_blobs(n=90, seed=0):
    rng = np.random.default_rng(seed)
    centres = np.array([[-3.0, -2.0], [3.0, -2.0], [0.0, 3.0]])
    labels = np.arange(n) % 3
    return centres[labels] + rng.normal(0.0, 0.8, size=(n, 2)), labels


def test_the_loss_setting_is_validated():
    assert TrainingSettings().loss == "mse"
    with pytest.raises(TrainingError, match="unknown loss 'hinge'"):
        TrainingSettings(loss="hinge").validated()
    assert TrainingSettings().with_changes(loss="cross_entropy").loss == "cross_entropy"


def test_cross_entropy_needs_a_sigmoid_or_softmax_output():
    net = Network.initialized([4], features=("x1", "x2"))
    with pytest.raises(TrainingError, match="cross-entropy needs class probabilities"):
        Trainer(net, CIRCLE_X, CIRCLE_Y, TrainingSettings(loss="cross_entropy"))


@pytest.mark.parametrize("x, y, words", [
    (np.ones((4, 3)), np.zeros(4), r"\(x1, x2\) pairs"),
    (np.ones((4, 2)), np.zeros(5), "same number of points"),
    (np.ones((2, 2)), [0, 3], "class labels must be whole numbers 0 to 1"),
    (np.empty((0, 2)), np.empty(0), "at least one data point"),
])
def test_bad_data_is_one_training_error(x, y, words):
    net = Network.initialized([4], "relu", "sigmoid", features=("x1", "x2"))
    with pytest.raises(TrainingError, match=words):
        Trainer(net, x, y, TrainingSettings(loss="cross_entropy"))


def test_a_small_net_learns_the_circle_with_cross_entropy():
    net = Network.initialized([8], "relu", "sigmoid", seed=0, features=("x1", "x2"))
    trainer = Trainer(net, CIRCLE_X, CIRCLE_Y, TrainingSettings(optimizer="adam", learning_rate=0.03, loss="cross_entropy"))
    before = trainer.loss()
    trainer.step(600)
    assert trainer.divergence is None
    assert trainer.loss() < 0.2 * before
    assert accuracy(trainer.network, CIRCLE_X, CIRCLE_Y) >= 0.95


def test_squared_features_make_the_circle_one_fold():
    net = Network.initialized([1], "relu", "sigmoid", seed=0, features=("x1^2", "x2^2"))
    trainer = Trainer(net, CIRCLE_X, CIRCLE_Y, TrainingSettings(optimizer="adam", learning_rate=0.05, loss="cross_entropy"))
    trainer.step(800)
    assert accuracy(trainer.network, CIRCLE_X, CIRCLE_Y) >= 0.95


@pytest.mark.parametrize("optimizer", sorted(OPTIMIZERS))
@pytest.mark.parametrize("loss", ["cross_entropy", "mse"])
def test_every_optimizer_trains_three_classes(optimizer, loss):
    x, labels = three_blobs()
    net = Network.initialized([6], "relu", "softmax", seed=2, features=("x1", "x2"), n_outputs=3)
    rate = {"gd": 0.1, "sgd": 0.1, "momentum": 0.02, "adam": 0.02}[optimizer]
    settings = TrainingSettings(optimizer=optimizer, learning_rate=rate, batch_size=30, l2=1e-3, loss=loss)
    trainer = Trainer(net, x, labels, settings)
    before = trainer.loss()
    assert trainer.step(300) == 300
    assert trainer.loss() < 0.5 * before
    assert accuracy(trainer.network, x, labels) >= 0.9


def test_full_batch_last_loss_is_the_loss_before_the_step():
    x, labels = three_blobs()
    net = Network.initialized([5], "tanh", "softmax", seed=4, features=("x1", "x2", "x1*x2"), n_outputs=3)
    trainer = Trainer(net, x, labels, TrainingSettings(optimizer="gd", learning_rate=0.1, loss="cross_entropy"))
    before = trainer.loss()
    assert before == pytest.approx(net.loss(x, labels, "cross_entropy"), rel=1e-15)
    trainer.step(1)
    assert trainer.last_loss == pytest.approx(before, rel=1e-14)
    loss, grad = trainer.gradient()
    assert loss == trainer.loss() and grad.shape == net.params.shape


def test_rewind_replays_mini_batches_exactly_on_the_plane():
    x, labels = three_blobs()
    net = Network.initialized([6, 4], "relu", "softmax", seed=5, features=("x1", "x2"), n_outputs=3)
    trainer = Trainer(net, x, labels, TrainingSettings(optimizer="adam", learning_rate=0.01, batch_size=7,
                                                       loss="cross_entropy"))
    trainer.step(13)
    saved = trainer.snapshot()
    trainer.step(20)
    first = trainer.network.params.copy()
    trainer.restore(saved)
    trainer.step(20)
    np.testing.assert_array_equal(trainer.network.params, first)


def test_divergence_on_the_plane_keeps_the_last_finite_state():
    y = CIRCLE_X[:, 0] * 1e3
    net = Network.initialized([8], "relu", seed=0, features=("x1", "x2"))
    trainer = Trainer(net, CIRCLE_X, y, TrainingSettings(optimizer="gd", learning_rate=500.0))
    taken = trainer.step(100)
    assert taken < 100 and trainer.divergence is not None and "diverged" in trainer.divergence
    assert np.isfinite(trainer.network.params).all() and trainer.step_count == taken


def test_one_input_training_with_a_sigmoid_output_and_cross_entropy():
    x = np.linspace(-1.0, 1.0, 40)
    labels = (x > 0.2).astype(float)
    net = Network.initialized([3], "relu", "sigmoid", seed=1)
    trainer = Trainer(net, x, labels, TrainingSettings(optimizer="adam", learning_rate=0.05, loss="cross_entropy"))
    trainer.step(400)
    assert accuracy(trainer.network, x, labels) >= 0.95
