"""Training: optimizers, mini-batches, L2, the ReLU-at-0 setting, rewind, divergence."""
import numpy as np
import pytest

from reluplay.core import (
    OPTIMIZERS,
    Network,
    Trainer,
    TrainingError,
    TrainingSettings,
    make_dataset,
)

SINE = make_dataset("sine", 40, seed=0)


def kinked_at_half(g0):
    """One unit with its kink exactly at x = 0.5 (w = 2, b = -1)."""
    return Network([([[2.0], [1.0]], [-1.0, 0.25], "relu"), ([[1.5, -0.5]], [0.1], "identity")],
                   relu_grad_at_zero=g0)


# --- the derivative of ReLU at 0 -------------------------------------------------------------

@pytest.mark.parametrize("optimizer", ["gd", "sgd"])
def test_grad_at_zero_setting_changes_an_update_only_on_a_kink(optimizer):
    x = np.array([0.5, 0.9, -0.3])  # 0.5 sits exactly on unit 0's kink
    y = np.array([1.0, 0.0, 0.5])
    after = {}
    for g0 in (0.0, 0.5, 1.0):
        trainer = Trainer(kinked_at_half(g0), x, y, TrainingSettings(optimizer=optimizer, learning_rate=0.1))
        _, grad = trainer.gradient()
        assert trainer.step(1) == 1
        after[g0] = (grad.copy(), trainer.network.params.copy())
    g = {k: v[0] for k, v in after.items()}
    # unit 0's weight and bias gradients depend on the choice; the point contributes g0 times its share
    assert g[0.0][0] != g[1.0][0] and g[0.0][2] != g[1.0][2]
    assert g[0.5][0] == pytest.approx((g[0.0][0] + g[1.0][0]) / 2.0, rel=1e-12)
    assert not np.array_equal(after[0.0][1], after[1.0][1])
    # the other unit and the output layer do not care
    np.testing.assert_array_equal(np.delete(g[0.0], [0, 2]), np.delete(g[1.0], [0, 2]))
    # g0 = 0 drops the point from unit 0's gradient: as if the point were just left of the kink
    left = Trainer(kinked_at_half(0.0), x - np.array([1e-300, 0, 0]), y).gradient()[1]
    assert g[0.0][0] == pytest.approx(left[0], rel=1e-12)

    # no data point on any kink: the choice changes nothing, bit for bit
    x_off = np.array([0.5 + 1e-9, 0.9, -0.3])
    params = [Trainer(kinked_at_half(g0), x_off, y, TrainingSettings(optimizer=optimizer, learning_rate=0.1))
              for g0 in (0.0, 0.5, 1.0)]
    for t in params:
        t.step(3)
    assert np.array_equal(params[0].network.params, params[1].network.params)
    assert np.array_equal(params[0].network.params, params[2].network.params)


def test_grad_at_zero_matters_for_leaky_relu_too():
    x, y = np.array([0.5]), np.array([2.0])
    grads = []
    for g0 in (0.0, 1.0):
        net = kinked_at_half(g0).with_changes(layers=[
            ([[2.0], [1.0]], [-1.0, 0.25], "leaky_relu"), ([[1.5, -0.5]], [0.1], "identity")])
        grads.append(net.gradient(x, y)[1])
    # d/dw of unit 0: residual * out weight * slope * x; slope 0.01 on the left, 1 on the right
    assert grads[1][0] == pytest.approx(grads[0][0] / 0.01)


# --- optimizers ------------------------------------------------------------------------------

def test_sixteen_relu_units_learn_a_sine_with_adam():
    x, y = SINE
    net = Network.initialized([16], seed=0)
    trainer = Trainer(net, x, y, TrainingSettings(optimizer="adam", learning_rate=0.01, seed=0))
    assert trainer.loss() > 0.1
    trainer.step(3000)
    assert trainer.divergence is None
    assert trainer.loss() < 0.01


@pytest.mark.parametrize("optimizer", list(OPTIMIZERS))
def test_every_optimizer_reduces_the_loss(optimizer):
    x, y = SINE
    net = Network.initialized([8], seed=2)
    trainer = Trainer(net, x, y, TrainingSettings(optimizer=optimizer, learning_rate=0.02, batch_size=10))
    before = trainer.loss()
    assert trainer.step(300) == 300
    assert trainer.step_count == 300
    assert trainer.loss() < 0.5 * before
    assert np.isfinite(trainer.last_loss)


def test_gradient_descent_step_by_hand():
    x, y = SINE
    net = Network.initialized([4], seed=1)
    trainer = Trainer(net, x, y, TrainingSettings(optimizer="gd", learning_rate=0.05))
    loss, grad = net.gradient(x, y)
    trainer.step(1)
    np.testing.assert_allclose(trainer.network.params, net.params - 0.05 * grad, rtol=1e-15, atol=1e-15)
    assert trainer.last_loss == pytest.approx(loss, rel=1e-15)
    assert net.params is not trainer.network.params  # the trainer trains its own copy


def test_momentum_and_adam_by_hand_for_two_steps():
    x, y = SINE
    net = Network.initialized([3], seed=5)
    for opt in ("momentum", "adam"):
        s = TrainingSettings(optimizer=opt, learning_rate=0.01)
        trainer = Trainer(net, x, y, s)
        p = net.copy()
        v = np.zeros_like(p.params)
        m = np.zeros_like(p.params)
        for t in (1, 2):
            _, g = p.gradient(x, y)
            if opt == "momentum":
                v = s.momentum * v + g
                p.params[:] -= s.learning_rate * v
            else:
                m = s.beta1 * m + (1 - s.beta1) * g
                v = s.beta2 * v + (1 - s.beta2) * g * g
                m_hat, v_hat = m / (1 - s.beta1**t), v / (1 - s.beta2**t)
                p.params[:] -= s.learning_rate * m_hat / (np.sqrt(v_hat) + s.epsilon)
            trainer.step(1)
            np.testing.assert_allclose(trainer.network.params, p.params, rtol=1e-12, atol=1e-14)


def test_minibatch_sgd_is_reproducible_by_seed():
    x, y = SINE
    net = Network.initialized([8], seed=0)

    def run(seed):
        t = Trainer(net, x, y, TrainingSettings(optimizer="sgd", learning_rate=0.05, batch_size=7, seed=seed))
        t.step(50)
        return t.network.params.copy()

    assert np.array_equal(run(1), run(1))
    assert not np.array_equal(run(1), run(2))


def test_minibatches_cover_the_data_each_epoch():
    x = np.arange(12.0)
    trainer = Trainer(Network.initialized([2], seed=0), x, np.zeros(12),
                      TrainingSettings(optimizer="sgd", batch_size=4, learning_rate=1e-9))
    seen = []
    for _ in range(3):
        bx, _ = trainer._next_batch()
        seen.extend(bx.tolist())
    assert sorted(seen) == x.tolist()
    assert not trainer.full_batch


def test_batch_as_large_as_the_data_is_full_batch():
    x, y = SINE
    a = Trainer(Network.initialized([4]), x, y, TrainingSettings(optimizer="sgd", batch_size=1000))
    b = Trainer(Network.initialized([4]), x, y, TrainingSettings(optimizer="gd", batch_size=3))
    assert a.full_batch and b.full_batch
    a.step(5)
    b.step(5)
    assert np.array_equal(a.network.params, b.network.params)


def test_l2_shrinks_weights_and_not_biases():
    x = np.linspace(-1.0, 1.0, 9)
    net = Network.initialized([4], seed=3)
    y = net(x)  # a perfect fit: the data pulls nowhere, only the penalty does
    trainer = Trainer(net, x, y, TrainingSettings(optimizer="gd", learning_rate=0.1, l2=0.5))
    trainer.step(1)
    mask = net.weight_mask().astype(bool)
    after = trainer.network.params
    np.testing.assert_allclose(after[mask], net.params[mask] * (1.0 - 0.1 * 2 * 0.5), rtol=1e-14)
    np.testing.assert_array_equal(after[~mask], net.params[~mask])
    trainer.step(20)
    norm = np.sum(trainer.network.params[mask] ** 2)
    assert norm < 0.9 * np.sum(net.params[mask] ** 2)
    plain = Trainer(net, x, y, TrainingSettings(optimizer="gd", learning_rate=0.1))
    plain.step(21)
    assert np.array_equal(plain.network.params, net.params)  # without L2 a perfect fit stays put


# --- settings --------------------------------------------------------------------------------

@pytest.mark.parametrize("changes, message", [
    ({"optimizer": "lbfgs"}, "unknown optimizer"),
    ({"learning_rate": 0.0}, "learning rate"),
    ({"learning_rate": -1.0}, "learning rate"),
    ({"learning_rate": float("nan")}, "learning rate"),
    ({"learning_rate": 1e4}, "learning rate"),
    ({"batch_size": 0}, "batch size"),
    ({"l2": -0.1}, "L2"),
    ({"l2": float("inf")}, "L2"),
    ({"momentum": 1.0}, "momentum"),
    ({"beta1": 1.0}, "beta1"),
    ({"beta2": -0.5}, "beta2"),
    ({"epsilon": 0.0}, "epsilon"),
])
def test_bad_settings_are_training_errors(changes, message):
    with pytest.raises(TrainingError, match=message):
        TrainingSettings().with_changes(**changes)
    with pytest.raises(TrainingError, match=message):
        Trainer(Network.initialized([2]), [0.0], [0.0], TrainingSettings(**changes))


def test_bad_data_is_a_training_error():
    net = Network.initialized([2])
    with pytest.raises(TrainingError, match="same number"):
        Trainer(net, [0.0, 1.0], [0.0])
    with pytest.raises(TrainingError, match="at least one"):
        Trainer(net, [], [])
