"""One neuron's per-sample gradients dL/dw = delta x: with all-positive inputs every row has the sign of delta."""
import numpy as np
import pandas as pd

from sigcore import activation, losses

SOURCES = ("sigmoid", "relu", "tanh")
"""What feeds the neuron: the outputs of a previous layer with this activation."""


def previous_layer(source, n, d, spread=1.0, seed=0):
    """Outputs of a previous layer, X = act(z) with z ~ N(0, spread^2): (n, d)."""
    rng = np.random.default_rng(seed)
    return activation(source)(spread * rng.normal(size=(n, d)))


def neuron_gradients(source, n=8, d=6, seed=0):
    """One sigmoid neuron f = w.x + b with BCE on n samples of d inputs from `source`.
    Returns X (n, d), delta (n,) = dL_n/df_n, and G (n, d) = per-sample dL_n/dw = delta_n x_n."""
    X = previous_layer(source, n, d, seed=seed)
    rng = np.random.default_rng(seed + 1)
    w, b = rng.normal(0.0, 1.0 / np.sqrt(d), d), 0.0
    y = (np.arange(n) % 2).astype(np.float64)[rng.permutation(n)].reshape(-1, 1)
    z = (X @ w + b).reshape(-1, 1)
    sigmoid = activation("sigmoid")
    _, delta = losses.bce(z, sigmoid(z), y, sigmoid)
    delta = n * delta[:, 0]  # bce returns the mean's gradient; x n gives each sample's own dL_n/df_n
    return X, delta, delta[:, None] * X


def sign_of(values):
    """'+', '−' or '0' per entry."""
    return np.where(values > 0, "+", np.where(values < 0, "−", "0"))


def one_signed_rows(G, delta):
    """Per row of G (n, d): True when every nonzero entry has the sign of delta (n,)."""
    return np.all((G == 0) | (np.sign(G) == np.sign(delta)[:, None]), axis=1)


def grid(source, n=6, d=5, seed=0):
    """Everything section 1 shows, from one call: the tidy sign grid frame (sign_grid_frame), X (n, d), delta (n,),
    the number of one-signed rows, and k, the sample with the largest |delta| (the one the page explains)."""
    X, delta, G = neuron_gradients(source, n, d, seed)
    return {"frame": sign_grid_frame(X, delta, G), "X": X, "delta": delta,
            "one_signed": int(one_signed_rows(G, delta).sum()), "k": int(np.argmax(np.abs(delta)))}


def sign_grid_frame(X, delta, G):
    """Tidy frame for the grid: row, column (δ, x1.., w1..), group (delta | input | gradient), value, sign."""
    n, d = X.shape
    rows = np.repeat(np.arange(1, n + 1), d)
    cols = np.tile(np.arange(1, d + 1), n)
    parts = [pd.DataFrame({"row": np.arange(1, n + 1), "column": "δ", "group": "delta", "value": delta})]
    parts.append(pd.DataFrame({"row": rows, "column": [f"x{j}" for j in cols], "group": "input",
                               "value": X.ravel()}))
    parts.append(pd.DataFrame({"row": rows, "column": [f"w{j}" for j in cols], "group": "gradient",
                               "value": G.ravel()}))
    frame = pd.concat(parts, ignore_index=True)
    frame["sign"] = sign_of(frame["value"].to_numpy())
    return frame
