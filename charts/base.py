"""What every chart shares: one colour per activation, downsampling, and a floor for log scales."""
import numpy as np

MAX_POINTS = 2000
LOG_FLOOR = 1e-30
"""Log-scale charts clip values below this, so an exactly-zero gradient still draws (at the floor)."""

ACTIVATION_COLORS = {
    "sigmoid": "#d62728", "tanh": "#1f77b4", "relu": "#2ca02c", "leaky_relu": "#9467bd",
    "elu": "#8c564b", "softplus": "#e377c2", "gelu": "#17becf", "linear": "#7f7f7f",
}

LABELS = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "ReLU", "leaky_relu": "leaky ReLU", "elu": "ELU",
          "softplus": "softplus", "gelu": "GELU", "linear": "linear"}
"""Each activation's one display spelling (issue 14), by its sigcore name."""


def label_expr(labels=LABELS):
    """A legend's labelExpr showing each sigcore name by its display label (other labels as they are)."""
    return " || ".join([f"{dict(labels)}[datum.label]", "datum.label"])


def downsample(df, max_points=MAX_POINTS):
    """Every k-th row so that at most max_points remain (the first and last rows kept)."""
    if len(df) <= max_points:
        return df
    idx = np.unique(np.r_[np.linspace(0, len(df) - 1, max_points - 1).astype(int), len(df) - 1])
    return df.iloc[idx]


def log_floor(values):
    """Values clipped below at LOG_FLOOR, for a log axis."""
    return np.maximum(np.nan_to_num(np.asarray(values, dtype=np.float64), nan=LOG_FLOOR), LOG_FLOOR)
