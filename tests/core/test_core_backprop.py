"""The backward pass reads like the chain rule: each layer's named values, against a plain reference."""
import numpy as np
import pytest

from reluplay.core import Network, Pass, get_activation


def reference_gradient(net: Network, x, y) -> np.ndarray:
    """Backprop written out as in a textbook: no buffers, no shortcuts."""
    a, zs, inputs = x[None, :], [], []
    for lay in net.layers:
        inputs.append(a)
        z = lay.weights @ a + lay.biases[:, None]
        a = get_activation(lay.activation).value(z, net.context)
        zs.append(z)
    dL_da = 2.0 * (a - y[None, :]) / x.size
    grads = []
    for lay, z, below in reversed(list(zip(net.layers, zs, inputs))):
        dL_dz = dL_da * get_activation(lay.activation).derivative(z, net.context)
        grads.append(np.concatenate([(dL_dz @ below.T).ravel(), dL_dz.sum(axis=1)]))
        dL_da = lay.weights.T @ dL_dz
    return np.concatenate(grads[::-1])


@pytest.mark.parametrize("hidden", [[7], [5, 4], [3, 6, 2], [1, 4]])
@pytest.mark.parametrize("act", ["relu", "tanh", "identity"])
@pytest.mark.parametrize("out", ["identity", "relu"])
def test_one_backward_pass_for_every_depth_matches_the_textbook(hidden, act, out):
    net = Network.initialized(hidden, activation=act, output_activation=out, seed=3)
    net.output_layer.biases[0] = 1.5  # a ReLU output unit switched on for most points
    x = np.linspace(-1.3, 1.1, 29)
    y = np.sin(3.0 * x)
    loss, grad = net.gradient(x, y)
    np.testing.assert_allclose(grad, reference_gradient(net, x, y), rtol=1e-12, atol=1e-15)
    assert loss == pytest.approx(np.mean((net(x) - y) ** 2), rel=1e-15)


def test_each_layer_keeps_its_named_values():
    net = Network.initialized([4, 3], activation="tanh", seed=1)
    x = np.linspace(-1.0, 1.0, 9)
    work = Pass(net, x.size)
    work.run_backward(x, x**2)
    first, middle, top = work.caches
    assert first.above is middle and middle.above is top and top.above is None
    np.testing.assert_array_equal(first.inputs, x[None, :])
    assert middle.inputs is first.a and top.inputs is middle.a
    np.testing.assert_array_equal(work.output, top.a[0])
    np.testing.assert_allclose(top.dL_da[0], 2.0 * (work.output - x**2) / x.size, rtol=1e-15)
    for c in work.caches:
        np.testing.assert_allclose(c.z, c.W @ c.inputs + c.b, rtol=1e-14)
        np.testing.assert_allclose(c.dL_dW, c.dL_dz @ c.inputs.T, rtol=1e-13, atol=1e-16)
        np.testing.assert_allclose(c.dL_db, c.dL_dz.sum(axis=1), rtol=1e-13, atol=1e-16)
        if c.above is not None:
            np.testing.assert_allclose(c.dL_da, c.above.W.T @ c.above.dL_dz, rtol=1e-13, atol=1e-16)
            np.testing.assert_allclose(c.dL_dz, c.dL_da * (1.0 - c.a**2), rtol=1e-13, atol=1e-16)
    # the named gradients are the flat gradient vector, laid out like the parameters
    flat = np.concatenate([np.concatenate([c.dL_dW.ravel(), c.dL_db]) for c in work.caches])
    np.testing.assert_array_equal(flat, work.grad)
