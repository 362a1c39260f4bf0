"""Per-layer statistics of a forward/backward pass: what the pages chart about each layer."""
import numpy as np


def activation_stats(net, trace, grads=None):
    """Per layer l = 1..L: activation mean/std and saturated share (what a training chart of the layers needs)."""
    return [{"layer": l, "act_mean": float(a.mean()), "act_std": float(a.std()),
             "saturated": float(act.saturated(z, a).mean())}
            for l, (act, z, a) in enumerate(zip(net.acts, trace.z, trace.a[1:]), start=1)]


def dead_units(net, trace, grads=None):
    """Per layer l = 1..L, the dead share: units whose slope is 0 on every sample."""
    return [{"layer": l, "dead": float(np.all(act.grad(z, a) == 0, axis=0).mean())}
            for l, (act, z, a) in enumerate(zip(net.acts, trace.z, trace.a[1:]), start=1)]


def layer_stats(net, trace, grads):
    """Per layer l = 1..L: activation_stats and dead_units, whether the layer is hidden, |dW| and |delta|
    (Frobenius)."""
    stats = activation_stats(net, trace)
    for row, dead, dW, delta in zip(stats, dead_units(net, trace), grads.dW, grads.delta):
        row.update(hidden=row["layer"] < len(net.weights), dead=dead["dead"], grad_norm=float(np.linalg.norm(dW)),
                   delta_norm=float(np.linalg.norm(delta)))
    return stats


def histograms(trace, acts, bins=40, **labels):
    """Per layer l = 1..L, the share of activations in each of `bins` bins over the activation's range (or the
    data's, where the range is unbounded): rows of labels, layer, left, right, share."""
    out = []
    for l, (act, a) in enumerate(zip(acts, trace.a[1:]), start=1):
        lo, hi = span(act.output_range, a)
        edges, share = np.linspace(lo, hi, bins + 1), shares(a.reshape(-1), lo, hi, bins)
        out += [{**labels, "layer": l, "left": edges[i], "right": edges[i + 1], "share": share[i]}
                for i in range(bins)]
    return out


def span(output_range, a):
    """(lo, hi) to bin activations a over: the activation's output range, or a's own where it is unbounded (0 for
    no values)."""
    lo, hi = output_range
    lo = lo if np.isfinite(lo) else (float(a.min()) if a.size else 0.0)
    hi = hi if np.isfinite(hi) else max(float(a.max()) if a.size else 0.0, lo + 1e-9)
    return lo, hi


def shares(a, lo, hi, bins=40):
    """a: (..., m) -> (..., bins): the share of each row's m values in each of `bins` equal bins over [lo, hi]
    (np.histogram's bins: the last one closed, values outside in none), every row in one pass."""
    a = np.asarray(a, dtype=np.float64)
    rows = a.reshape(int(np.prod(a.shape[:-1])), a.shape[-1])
    inside = (rows >= lo) & (rows <= hi)  # NaN is neither
    with np.errstate(invalid="ignore"):
        k = np.clip(np.floor((rows - lo) * (bins / (hi - lo))), 0, bins - 1)  # clip: rounding at the ends
    k += np.arange(len(rows))[:, None] * bins  # each row's own bins
    counts = np.bincount(k[inside].astype(np.int64), minlength=len(rows) * bins)
    return (counts / max(a.shape[-1], 1)).reshape(a.shape[:-1] + (bins,))
