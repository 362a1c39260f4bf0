"""sigcore.losses: chance level and the two ways the pages call a loss "at chance"."""
import numpy as np
import pytest

from sigcore import MLP, losses


def test_chance_is_the_cross_entropy_of_answering_one_half_everywhere():
    net = MLP([2, 1])
    net.weights[0][:] = 0.0
    y = np.array([[0.0], [1.0], [1.0]])
    assert net.loss_and_grads(np.ones((3, 2)), y)[0] == pytest.approx(losses.CHANCE)


def test_the_absolute_margin_is_inside_the_relative_band():
    assert 0 < losses.CHANCE_MARGIN < losses.CHANCE_BAND * losses.CHANCE
