"""The home page's experiment: activation curves and their slopes, and one operating point read off them."""
import numpy as np
import pandas as pd

from sigcore import activation


def curves(names, lo=-8.0, hi=8.0, n=401):
    """Tidy frame z, activation, value, slope for each named activation over [lo, hi]."""
    z = np.linspace(lo, hi, n)
    return pd.concat([pd.DataFrame({"z": z, "activation": name, "value": activation(name)(z),
                                    "slope": activation(name).grad(z)}) for name in names], ignore_index=True)


def operating_point(name, z):
    """Value and slope of `name` at z, and the slope as a share of the activation's largest slope."""
    act = activation(name)
    value, slope = float(act(z)), float(act.grad(z))
    return {"z": float(z), "value": value, "slope": slope, "share_of_max": slope / act.max_slope,
            "saturated": bool(act.saturated(z))}

