"""Loss contours of a quadratic loss over two weights, and the square box a weight-space chart shows."""
import numpy as np
import pandas as pd


def ellipses(H, centre, levels, n_points=64):
    """Contours of L(w) = 1/2 (w - centre)^T H (w - centre) at each level: frame level, i, w1, w2 (closed loops).
    H: (2, 2) positive semi-definite; a near-zero eigenvalue is floored so the ellipse stays finite."""
    lam, V = np.linalg.eigh(np.asarray(H, dtype=np.float64))
    lam = np.maximum(lam, 1e-12 * max(lam.max(), 1e-300))
    t = np.linspace(0.0, 2 * np.pi, n_points)
    unit = np.stack([np.cos(t), np.sin(t)])  # (2, n_points)
    shape = V @ (unit / np.sqrt(lam)[:, None])  # points with 1/2 d^T H d = 1/2
    r = np.sqrt(2 * np.asarray(levels, dtype=np.float64))[:, None]
    return pd.DataFrame({"level": np.repeat(levels, n_points), "i": np.tile(np.arange(n_points), len(r)),
                         "w1": (centre[0] + r * shape[0]).ravel(), "w2": (centre[1] + r * shape[1]).ravel()})


def levels_by_extent(H, extents):
    """Loss levels whose contours reach `extents` along their long axis: 1/2 lambda_min e^2 (shape, not height)."""
    lam_min = max(np.linalg.eigvalsh(H)[0], 0.0)
    return 0.5 * lam_min * np.asarray(extents, dtype=np.float64) ** 2


def contour_levels(H, start, target, k=5):
    """k loss levels, geometric, from the start's loss down by factors of 3 (the start's own contour first)."""
    d = np.asarray(start, dtype=np.float64) - np.asarray(target, dtype=np.float64)
    top = 0.5 * d @ H @ d
    top = top if top > 0 else 1.0
    return top * 3.0 ** -np.arange(k)


def view_box(start, target, margin=0.35):
    """A square (lo, hi) range, the same for w1 and w2, that holds start and target with a margin."""
    pts = np.array([start, target], dtype=np.float64)
    centre = pts.mean(0)
    half = 0.5 * np.abs(pts[0] - pts[1]).max() * (1 + 2 * margin) + 0.5
    return (float(centre[0] - half), float(centre[0] + half)), (float(centre[1] - half), float(centre[1] + half))
