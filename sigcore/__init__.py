"""sigcore: a tiny NumPy neuron library for seeing why sigmoid hidden units fell out of favour."""
from . import data, initializers, losses
from .activations import REGISTRY as ACTIVATIONS, SATURATION, Activation, activation, saturation_edge
from .mlp import MLP, Grads, Trace, classifier
from .train import History, train

__all__ = ["ACTIVATIONS", "SATURATION", "Activation", "activation", "saturation_edge", "MLP", "Grads", "Trace",
           "classifier", "History", "train", "data", "initializers", "losses"]
