"""The MLP: shapes, and every gradient against central finite differences (activation x loss x depth)."""
import numpy as np
import pytest

from sigcore import ACTIVATIONS, MLP, classifier

OUTPUT_FOR = {"bce": ["sigmoid"], "mse": ["sigmoid", "linear", "tanh"]}
CASES = [(h, loss, out, depth) for h in ACTIVATIONS for loss, outs in OUTPUT_FOR.items() for out in outs
         for depth in (1, 2, 4)]


def numeric_grad(net, X, y, loss, param, h=1e-6):
    g = np.zeros_like(param)
    for i in np.ndindex(param.shape):
        old = param[i]
        param[i] = old + h
        up = net.loss_and_grads(X, y, loss)[0]
        param[i] = old - h
        down = net.loss_and_grads(X, y, loss)[0]
        param[i] = old
        g[i] = (up - down) / (2 * h)
    return g


@pytest.mark.parametrize("hidden,loss,output,depth", CASES)
def test_gradients_match_central_differences(hidden, loss, output, depth):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(7, 3)) + 0.01
    y = rng.integers(0, 2, size=(7, 2)).astype(float)
    net = MLP([3] + [4] * depth + [2], hidden=hidden, output=output, init="xavier", seed=2)
    for b in net.biases:
        b += rng.normal(scale=0.1, size=b.shape)  # keep ReLU units off their kink
    _, grads = net.loss_and_grads(X, y, loss)
    for l in range(len(net.weights)):
        np.testing.assert_allclose(grads.dW[l], numeric_grad(net, X, y, loss, net.weights[l]), rtol=1e-5, atol=1e-8)
        np.testing.assert_allclose(grads.db[l], numeric_grad(net, X, y, loss, net.biases[l]), rtol=1e-5, atol=1e-8)


def test_shapes_and_trace():
    net = MLP([2, 5, 3, 1], seed=0)
    assert [W.shape for W in net.weights] == [(2, 5), (5, 3), (3, 1)]
    assert [b.shape for b in net.biases] == [(5,), (3,), (1,)]
    X = np.ones((4, 2))
    trace = net.forward(X)
    assert trace.a[0] is not None and np.array_equal(trace.a[0], X)
    assert [z.shape for z in trace.z] == [(4, 5), (4, 3), (4, 1)]
    assert trace.output.shape == (4, 1)
    _, grads = net.loss_and_grads(X, np.zeros((4, 1)))
    assert [g.shape for g in grads.dW] == [(2, 5), (5, 3), (3, 1)]
    assert [d.shape for d in grads.delta] == [(4, 5), (4, 3), (4, 1)]


def test_weight_gradient_is_delta_times_input():
    """dL/dW = a_prev^T delta: per sample, each neuron's incoming gradients are delta times the inputs."""
    net = MLP([3, 1], hidden="sigmoid", seed=0)
    X = np.array([[0.2, 0.5, 0.9]])
    _, grads = net.loss_and_grads(X, np.array([[1.0]]))
    np.testing.assert_allclose(grads.dW[0][:, 0], grads.delta[0][0, 0] * X[0])


def test_weights_may_be_assigned():
    net = MLP([1, 1], seed=0)
    net.weights[0] = np.array([[2.0]])
    net.biases[0] = np.array([2.0])
    assert net.predict(np.array([[1.0]]))[0, 0] == pytest.approx(1 / (1 + np.exp(-4.0)))


def test_bce_is_stable_at_confident_outputs():
    net = MLP([1, 1], seed=0)
    net.weights[0] = np.array([[1e3]])
    loss, grads = net.loss_and_grads(np.array([[1.0]]), np.array([[0.0]]), "bce")
    assert loss == pytest.approx(1e3) and np.isfinite(grads.dW[0]).all()


def test_bad_arguments_say_what_is_valid():
    with pytest.raises(ValueError, match="xavier"):
        MLP([2, 1], init="huge")
    with pytest.raises(ValueError, match="bce"):
        MLP([2, 1]).loss_and_grads(np.ones((1, 2)), np.ones((1, 1)), "hinge")
    with pytest.raises(ValueError, match="sizes"):
        MLP([2])


def test_classifier_has_two_inputs_depth_hidden_layers_of_width_and_one_sigmoid_output():
    net = classifier(5, 3, hidden="tanh", init="he", seed=1)
    assert net.sizes == [2, 5, 5, 5, 1] and net.hidden.name == "tanh" and net.output.name == "sigmoid"
    np.testing.assert_array_equal(net.weights[0], MLP([2, 5, 5, 5, 1], "tanh", "sigmoid", "he", seed=1).weights[0])
