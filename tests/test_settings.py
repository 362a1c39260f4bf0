"""ui.settings: one table per page makes the widgets, their URL binding and the presets."""
import pytest
from streamlit.testing.v1 import AppTest


def _page():
    import streamlit as st

    from ui import Setting, Settings
    table = Settings(Setting("s_lr", "Learning rate", 0.5, range=(0.1, 2.0, 0.1)),
                     Setting("s_data", "Dataset", "moons", "selectbox", options=("moons", "circles")),
                     Setting("s_act", "Activation", "sigmoid", "segmented", options=("sigmoid", "tanh"),
                             names={"sigmoid": "σ", "tanh": "tanh"}),
                     Setting("s_seed", "Seed", 0, "seed"),
                     Setting("s_bias", "Bias", True, "toggle"))
    st.session_state["values"] = {s.key: s.show() for s in table}


def test_every_kind_of_setting_draws_its_widget_at_its_default():
    at = AppTest.from_function(_page).run()
    assert not at.exception
    assert at.session_state["values"] == {"s_lr": 0.5, "s_data": "moons", "s_act": "sigmoid", "s_seed": 0,
                                          "s_bias": True}


def test_a_link_sets_a_setting_through_its_url_key():
    at = AppTest.from_function(_page)
    at.query_params["s_lr"] = "1.5"
    at.query_params["s_data"] = "circles"
    at.run()
    assert at.session_state["values"]["s_lr"] == 1.5
    assert at.session_state["values"]["s_data"] == "circles"


def test_a_preset_is_the_defaults_with_its_changes_and_refuses_unknown_keys():
    from ui import Setting, Settings
    table = Settings(Setting("a", "A", 1.0, range=(0, 2, 1)), Setting("b", "B", "x", "selectbox", options=("x", "y")))
    assert table.preset(b="y") == {"a": 1.0, "b": "y"}
    with pytest.raises(KeyError, match="c"):
        table.preset(c=1)
