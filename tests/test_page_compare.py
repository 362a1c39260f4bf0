"""The ReLU & friends page through app.py: defaults, presets, links, extremes, the player and lecture mode."""
import pytest

from charts.base import LOG_FLOOR
from support import assert_healthy, charts, run_page

PAGE = "views/compare.py"


def _race_table(at):
    return next(df.value for df in at.dataframe if "ms_per_epoch" in df.value.columns).set_index("activation")


def _race_curves(at):
    return next(df for spec, frames in charts(at) for df in frames if "loss" in df.columns and "accuracy" in df)


@pytest.fixture(scope="module")
def default():
    return run_page(PAGE)


def test_defaults_draw_every_section(default):
    at = default
    assert_healthy(at)
    assert [h.value for h in at.header] == ["1. The line-up", "2. Gradient flow through depth", "3. Training race",
                                            "4. Dying ReLU", "5. When sigmoid is still right", "6. Check yourself"]
    assert len(charts(at)) == 6
    assert len(at.radio) == 3


def test_default_race_shows_relu_and_tanh_ahead_of_sigmoid(default):
    table = _race_table(default)
    assert table.loc["ReLU", "loss"] < 0.5 * table.loc["sigmoid", "loss"]
    assert table.loc["tanh", "loss"] < 0.5 * table.loc["sigmoid", "loss"]
    assert (table.epoch == 200).all() and (table.ms_per_epoch > 0).all()
    assert any("lower" in m.value and "sigmoid" in m.value for m in default.markdown)


def _prose(at):
    return [m.value for m in at.markdown]


def _race_prose(at):
    return next(v for v in _prose(at) if v.startswith(("After", "Here the sigmoid")))


ALL_SEVEN = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "gelu"]


def test_default_race_suggests_only_controls_with_room_left(default):
    text = _race_prose(default)
    assert "still at chance" in text and "larger learning rate" in text
    assert "more epochs" not in text, "epochs are at their maximum, 200"


def test_all_at_chance_says_so_and_names_no_winner():
    at = run_page(PAGE, {"cmp_race_lr": "3.0", "cmp_race_data": "spiral", "cmp_race_width": "4",
                         "cmp_race_depth": "3", "cmp_race_epochs": "25", "cmp_race_noise": "0.5"})
    text = _race_prose(at)
    assert "every net is still at chance" in text and "ln 2 ≈ 0.693" in text
    assert "lower than" not in text and "larger learning rate" not in text and "more epochs" in text


def test_with_both_controls_at_their_maximum_it_suggests_neither():
    text = _race_prose(run_page(PAGE, {"cmp_race_lr": "3.0"}))
    assert "behind" in text and "both at this page's maximum" in text and "Try" not in text


def test_small_differences_are_called_close():
    text = _race_prose(run_page(PAGE, {"cmp_race_data": "blobs"}))
    assert "too close to name a winner" in text and "lower than" not in text and "about as well" in text
    text = _race_prose(run_page(PAGE, {"cmp_race_lr": "0.03", "cmp_race_epochs": "25"}))
    assert "too close to name a winner" in text and "None has got far yet" in text
    assert text.endswith("Give them a larger learning rate or more epochs.")


def test_sigmoid_flow_prose_follows_the_init_used():
    at = run_page(PAGE, {"cmp_flow_init": "xavier4"})
    assert_healthy(at)
    assert "xavier4" in at.selectbox(key="cmp_flow_init").options
    assert {m.label for m in at.metric} >= {"sigmoid · Xavier ×4", "ReLU · Xavier ×4"}
    text = next(v for v in _prose(at) if v.startswith("Going down one layer"))
    assert "Xavier ×4 init" in text and "√(n·Var(W)) = 4 " in text


def test_tiny_weights_at_depth_30_mark_the_charts_floor_and_keep_their_digits():
    at = run_page(PAGE, {"cmp_flow_depth": "30", "cmp_flow_init": "too_small", "cmp_acts": ALL_SEVEN})
    assert_healthy(at)
    flow = next(frames[0] for spec, frames in charts(at) if "floored" in frames[0].columns)
    assert flow.floored.any() and (flow[flow.floored == 1].grad_norm < LOG_FLOOR).all()
    assert any("chart's floor of 1e-30" in c.value for c in at.caption)
    text = next(v for v in _prose(at) if v.startswith("Going down one layer"))
    assert "0.00" not in text and "about 0.014 per layer" in text


def test_metric_labels_are_short_enough_for_a_1280_screen():
    """Long detail goes in help=; section 2 puts at most four metrics in a row."""
    at = run_page(PAGE, {"cmp_acts": ALL_SEVEN, "cmp_flow_init": "xavier4"})
    assert_healthy(at)
    assert max(len(m.label) for m in at.metric) <= 28
    assert all(m.help for m in at.metric if "·" in m.label or "z =" in m.label)


def test_properties_table_lists_the_chosen_activations(default):
    table = next(df.value for df in default.dataframe if "output range" in df.value.columns)
    assert table.activation.tolist() == ["sigmoid", "tanh", "ReLU", "leaky ReLU"]
    assert table.set_index("activation").loc["ReLU", "output range"] == "0 to ∞"
    assert not table.set_index("activation").loc["ReLU", "zero-centred"]
    assert "NumPy cost" in table.columns


def test_gelu_is_flat_only_where_its_slope_is_small_in_size():
    at = run_page(PAGE, {"cmp_acts": ["sigmoid", "gelu"]})
    table = next(df.value for df in at.dataframe if "output range" in df.value.columns).set_index("activation")
    assert table.loc["GELU", "|slope| < 10% of max"] == "z < −1.74, −1.16 < z < −0.53"
    assert table.loc["sigmoid", "|slope| < 10% of max"] == "|z| > 3.64"


def test_dying_metrics_and_leaky_has_none(default):
    metrics = {m.label: m.value for m in default.metric}
    assert metrics["Leaky ReLU units dead"] == "0%"
    assert metrics["Leaky ReLU's smallest slope"] == "0.01"


def test_presets_set_their_widgets_and_start_here_resets():
    at = run_page(PAGE)
    at.button(key="cmp_preset_1").click().run()  # dying ReLU
    assert_healthy(at)
    assert at.select_slider(key="cmp_die_lr").value == 3.0
    assert int({m.label: m.value for m in at.metric}["ReLU units dead at the end"].rstrip("%")) >= 30
    at.button(key="cmp_preset_2").click().run()  # deep nets, small init
    assert_healthy(at)
    assert at.slider(key="cmp_flow_depth").value == 30 and at.selectbox(key="cmp_flow_init").value == "standard"
    for i in (3, 4):
        at.button(key=f"cmp_preset_{i}").click().run()
        assert_healthy(at)
    assert at.selectbox(key="cmp_race_data").value == "spiral"
    at.button(key="cmp_preset_0").click().run()  # start here
    assert_healthy(at)
    assert at.selectbox(key="cmp_race_data").value == "circles" and at.select_slider(key="cmp_die_lr").value == 0.3
    assert at.slider(key="cmp_race_step").value == 20


def test_a_link_reproduces_the_setup():
    at = run_page(PAGE, {"cmp_race_epochs": "100", "cmp_race_step": "5", "cmp_flow_depth": "8",
                         "cmp_acts": ["relu", "gelu"]})
    assert_healthy(at)
    assert _race_curves(at).epoch.max() == 25  # frame 5 of 20 over 100 epochs
    flow = next(frames[0] for spec, frames in charts(at) if "layer" in spec and "shown" in frames[0].columns)
    assert set(flow.activation) == {"relu", "gelu"} and flow.layer.max() == 8
    assert set(_race_table(at).index) == {"ReLU"}


def test_play_at_the_finish_starts_again_from_epoch_0():
    at = run_page(PAGE)
    assert at.slider(key="cmp_race_step").value == 20
    at.toggle(key="cmp_race_playing").set_value(True).run()
    assert at.session_state["cmp_race_playing"] and at.slider(key="cmp_race_step").value <= 1
    at.toggle(key="cmp_race_playing").set_value(False).run()
    assert not at.session_state["cmp_race_playing"]


def test_a_link_to_epoch_0_arrives_at_epoch_0():
    at = run_page(PAGE, {"cmp_race_step": "0"})
    assert at.slider(key="cmp_race_step").value == 0 and _race_curves(at).epoch.max() == 0


def test_player_steps_and_resets(default):
    at = default
    at.button(key="cmp_race_reset").click().run()
    assert at.slider(key="cmp_race_step").value == 0 and _race_curves(at).epoch.max() == 0
    at.button(key="cmp_race_next").click().run()
    assert at.slider(key="cmp_race_step").value == 1
    assert_healthy(at)


def test_nothing_selected_says_so():
    at = run_page(PAGE, {"cmp_acts": []})
    at.multiselect(key="cmp_acts").set_value([]).run()
    assert_healthy(at)
    assert len(at.info) == 3


def test_extremes():
    at = run_page(PAGE)
    at.multiselect(key="cmp_acts").set_value(list(at.multiselect(key="cmp_acts").options)).run()
    at.slider(key="cmp_flow_depth").set_value(30)
    at.selectbox(key="cmp_flow_init").set_value("standard")
    at.slider(key="cmp_flow_width").set_value(64)
    at.selectbox(key="cmp_race_data").set_value("spiral")
    at.select_slider(key="cmp_race_lr").set_value(3.0)
    at.select_slider(key="cmp_race_epochs").set_value(200)
    at.select_slider(key="cmp_race_width").set_value(32)
    at.select_slider(key="cmp_race_depth").set_value(3)
    at.select_slider(key="cmp_race_noise").set_value(0.5)
    at.select_slider(key="cmp_die_lr").set_value(10.0)
    at.select_slider(key="cmp_die_bias").set_value(-1.0)
    at.run()
    assert_healthy(at)
    at.select_slider(key="cmp_die_bias").set_value(0.0).run()
    assert_healthy(at)
    assert any("diverged" in w.value for w in at.warning), "lr 10 diverges and the page says so"
    at.select_slider(key="cmp_race_lr").set_value(0.03)
    at.select_slider(key="cmp_race_epochs").set_value(25)
    at.select_slider(key="cmp_race_width").set_value(4)
    at.select_slider(key="cmp_race_depth").set_value(1)
    at.select_slider(key="cmp_die_bias").set_value(0.5)
    at.select_slider(key="cmp_die_lr").set_value(0.03)
    at.run()
    assert_healthy(at)


def test_check_yourself_explains_after_a_try(default):
    at = default
    radio = at.radio(key="cmp_q2")
    right = next(o for o in radio.options if o.startswith("Its slope"))
    radio.set_value(right).run()
    assert any(s.value.startswith("Right.") for s in at.success)
    at.radio(key="cmp_q3").set_value("Nowhere any more").run()
    assert any("cross-entropy" in e.value for e in at.error)


def test_lecture_mode_hides_prose_and_exports():
    at = run_page(PAGE, {"lecture": "true"})
    assert_healthy(at)
    normal = run_page(PAGE)
    assert len(at.markdown) < len(normal.markdown)
    assert len(at.expander) > len(normal.expander)
    assert len(charts(at)) == len(charts(normal))
