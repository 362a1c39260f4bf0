"""The ReLU & friends page through app.py: defaults, presets, links, extremes, the player and lecture mode."""
import re

import pytest

from charts.base import LOG_FLOOR
from experiments.zigzag import race
from support import assert_healthy, charts, run_page

PAGE = "views/compare.py"


def _race_table(at):
    return next(df.value for df in at.dataframe if "status" in df.value.columns).set_index("activation")


def _race_chart(at):
    """The race chart's spec and its tables (curves, surface, points)."""
    return next((spec, frames) for spec, frames in charts(at) if "vconcat" in spec)


def _race_step(at):
    """The frame the race chart opens on."""
    return _race_chart(at)[0]["vconcat"][0]["hconcat"][0]["params"][0]["value"][0]["step"]


@pytest.fixture(scope="module")
def default():
    return run_page(PAGE)


def test_defaults_draw_every_section(default):
    at = default
    assert_healthy(at)
    assert [h.value for h in at.subheader] == [
        "1. The line-up", "2. Gradient flow through depth", "3. Training race", "4. Dying ReLU",
        "5. When sigmoid is still right", "6. The verdict: which drawback costs more", "7. Check yourself"]
    assert len(charts(at)) == 6
    assert len(at.radio) == 3


def _prose(at):
    return [m.value for m in at.markdown]


def _race_text(at):
    """The race's takeaway and its prose, one string."""
    md = _prose(at)
    i = next(i for i, v in enumerate(md) if v.startswith("Same data, seed"))
    return " ".join(md[i - 1:i + 2])


ALL_SEVEN = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "gelu"]


def test_default_race_names_the_plateau_it_measures(default):
    """Issue 14: at the default the sigmoid sits at chance and the page names the cause the run shows, a plateau
    (loss near ln 2 for all epochs, weights barely moved, a near-linear start), not its slope."""
    table = _race_table(default)
    assert table.loc["sigmoid", "loss"] > 0.66 and (table.epoch == 200).all()
    assert table.loc["ReLU", "loss"] < 0.1 * table.loc["sigmoid", "loss"]
    assert list(table.columns) == ["epoch", "loss", "accuracy", "status"], "no NumPy timing column: it measures " \
        "Python's overhead per epoch, not what an activation costs"
    text = _race_text(default)
    assert "stuck on a plateau at chance" in text and "for all 200 epochs" in text and "near-linear" in text
    assert "moves the weights further but does not end it here" in text, "the largest rate's run, measured"
    assert "slope" not in text.split("near-linear")[0], "the takeaway does not blame the slope"


def test_in_lecture_mode_the_race_takeaway_still_names_the_near_linear_start():
    """Lecture mode hides the prose, so the one line that stays names the cause, measured: a near-linear start."""
    at = run_page(PAGE, {"lecture": "true"})
    text = next(m.value for m in at.markdown if m.value.startswith("The sigmoid net is stuck"))
    assert "plateau at chance" in text and "started near-linear" in text
    assert re.search(r"a straight line fits all but 0\.0\d+% of its output", text)


def test_at_the_largest_rate_it_suggests_no_larger_rate():
    text = _race_text(run_page(PAGE, {"cmp_race_lr": "3.0"}))
    assert "stuck on a plateau" in text and "larger learning rate" not in text


def test_all_at_chance_says_so_and_names_no_winner():
    at = run_page(PAGE, {"cmp_race_lr": "3.0", "cmp_race_data": "spiral", "cmp_race_width": "4",
                         "cmp_race_depth": "3", "cmp_race_epochs": "25", "cmp_race_noise": "0.5"})
    text = _race_text(at)
    assert "every net is still at chance" in text and "ln 2 ≈ 0.693" in text
    assert "lower than" not in text and "larger learning rate" not in text and "more epochs" in text


def test_small_differences_are_a_tie_not_a_ranking():
    text = _race_text(run_page(PAGE, {"cmp_race_data": "blobs"}))
    assert text.startswith("A tie") and "too close to name a winner" in text and "lower than" not in text
    assert "ReLU and leaky ReLU" in text, "equal to three decimals: named together"


def test_xavier4_takes_the_sigmoid_off_the_plateau():
    at = run_page(PAGE, {"cmp_race_x4": "true"})
    assert_healthy(at)
    text = _race_text(at)
    assert "left chance after" in text and "plateau" not in text.split(".")[0]


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
    assert any("chart's floor of 1.0 × 10⁻³⁰" in c.value for c in at.caption)
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
    assert "NumPy cost" not in table.columns and "ns / element" not in table.columns
    assert table.set_index("activation").loc["ReLU", "can die"] == "yes: slope 0 for all z < 0"
    assert table.set_index("activation").loc["sigmoid", "saturates"] == "on both sides"


def test_gelu_is_flat_only_where_its_slope_is_small_in_size():
    at = run_page(PAGE, {"cmp_acts": ["sigmoid", "gelu"]})
    table = next(df.value for df in at.dataframe if "output range" in df.value.columns).set_index("activation")
    assert table.loc["GELU", "|slope| < 10% of max"] == "z < −1.74, −1.16 < z < −0.53"
    assert table.loc["sigmoid", "|slope| < 10% of max"] == "|z| > 3.64"


def test_dying_metrics_and_leaky_has_none(default):
    metrics = {m.label: m.value for m in default.metric}
    assert metrics["leaky ReLU units dead"] == "0%"
    assert metrics["leaky ReLU's smallest slope"] == "0.01"


def test_section_presets_set_their_widgets_and_the_first_resets_the_section():
    at = run_page(PAGE)
    at.button(key="cmp_die_presets_1").click().run()  # dying ReLU
    assert_healthy(at)
    assert at.select_slider(key="cmp_die_lr").value == 3.0
    assert int({m.label: m.value for m in at.metric}["ReLU units dead at the end"].rstrip("%")) >= 30
    at.button(key="cmp_flow_presets_1").click().run()  # deep nets, small init
    assert_healthy(at)
    assert at.slider(key="cmp_flow_depth").value == 30 and at.selectbox(key="cmp_flow_init").value == "standard"
    assert at.select_slider(key="cmp_die_lr").value == 3.0, "a section's preset leaves the other sections alone"
    at.button(key="cmp_race_presets_4").click().run()  # the spiral
    assert_healthy(at)
    assert at.selectbox(key="cmp_race_data").value == "spiral"
    at.button(key="cmp_race_presets_0").click().run()
    assert_healthy(at)
    assert at.selectbox(key="cmp_race_data").value == "circles" and _race_step(at) == 200


def test_a_link_reproduces_the_setup():
    at = run_page(PAGE, {"cmp_race_epochs": "100", "cmp_epoch_step": "25", "cmp_flow_depth": "8",
                         "cmp_acts": ["relu", "gelu"]})
    assert_healthy(at)
    assert _race_step(at) == 25
    flow = next(frames[0] for spec, frames in charts(at) if "layer" in spec and "shown" in frames[0].columns)
    assert set(flow.activation) == {"relu", "gelu"} and flow.layer.max() == 8
    assert set(_race_table(at).index) == {"ReLU"}


def test_activations_are_shown_by_their_spelling_and_links_by_id_still_work():
    """Issue 14's one spelling per activation, in the picker too; a link made when it showed ids still opens them."""
    for stated in (["relu", "leaky_relu", "gelu"], ["ReLU", "leaky ReLU", "GELU"]):
        at = run_page(PAGE, {"cmp_acts": stated})
        assert_healthy(at)
        picker = at.multiselect(key="cmp_acts")
        assert picker.value == ["relu", "leaky_relu", "gelu"] and not at.toast
        assert at.query_params["cmp_acts"] == ["ReLU", "leaky ReLU", "GELU"]
        assert "leaky ReLU" in picker.options and "leaky_relu" not in picker.options


def test_the_race_opens_on_its_last_epoch_and_a_link_to_epoch_0_on_epoch_0():
    assert _race_step(run_page(PAGE)) == 200
    at = run_page(PAGE, {"cmp_epoch_step": "0"})
    assert _race_step(at) == 0
    curves = _race_chart(at)[1][0]
    assert curves.epoch.max() == 200, "every epoch's rows are sent once: the browser plays them"


def test_an_old_link_to_a_race_frame_opens_that_frames_epoch():
    """Before the race played in the browser, cmp_race_step was a frame 0-20: frame 5 of 100 epochs is epoch 25."""
    at = run_page(PAGE, {"cmp_race_epochs": "100", "cmp_race_step": "5"})
    assert_healthy(at)
    assert _race_step(at) == 25 and at.query_params["cmp_epoch_step"] == "25" and "cmp_race_step" not in at.query_params


def test_a_hand_edited_step_opens_an_epoch_that_exists():
    for key, step, opened in [("cmp_epoch_step", "-3", 0), ("cmp_epoch_step", "999", 200),
                              ("cmp_epoch_step", "nonsense", 200), ("cmp_race_step", "nonsense", 200),
                              ("cmp_race_step", "1e999", 200)]:
        at = run_page(PAGE, {key: step})
        assert_healthy(at)
        assert _race_step(at) == opened


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


def test_lecture_mode_folds_each_sections_presets_so_its_settings_sit_beside_the_chart():
    at = run_page(PAGE, {"lecture": "true"})
    folds = [e for e in at.expander if e.label == "Presets"]
    assert [sorted({b.key.rsplit("_", 1)[0] for b in e.button}) for e in folds] == [
        ["cmp_flow_presets"], ["cmp_race_presets"], ["cmp_die_presets"]]
    assert at.slider(key="cmp_flow_depth").value == 20 and all(
        "cmp_flow_depth" not in [s.key for s in e.slider] for e in at.expander)


def test_the_verdict_states_the_measured_severity_and_the_recommendation(default):
    """Issue 15: the vanishing gradient against the zig-zag, measured; where the app differs from CS231n, by name."""
    text = " ".join(_prose(default))
    assert "The sigmoid's slope costs far more than its zig-zag" in text
    assert "layer 1 gets 2.2 × 10⁻⁶ of what the top layer gets" in text
    assert "a batch lifts the one-sign restriction, not the cost" in text
    assert "CS231n" in text and "section 3 says it too: batches lift the restriction, not the cost" in text
    sweep = race.batch_race(8)["sweep"].set_index(["fix", "batch"]).updates  # the Not zero-centred page's numbers
    assert (f"One sample per step: {sweep['none', 1]:.0f} updates against {sweep['centre', 1]:.0f}; the full batch: "
            f"{sweep['none', 50]:.0f} against {sweep['centre', 50]:.0f}") in text
    assert "watch the dead fraction" in text and "Prefer tanh" in text and "outputs and gates" in text
    table = next(frames[0] for spec, frames in charts(default) if "factor" in frames[0].columns)
    assert table.factor.iloc[0] > 1e5 and (table.factor.iloc[1:] < 100).all()


@pytest.mark.parametrize("step,anchor", [(1, "1. The line-up"), (2, "2. Gradient flow through depth"),
                                         (3, "3. Training race"), (4, "4. Dying ReLU"),
                                         (5, "6. The verdict: which drawback costs more")])
def test_a_story_link_opens_its_step_with_only_its_section(step, anchor):
    at = run_page(PAGE, {"lecture": "true", "cmp_story": str(step)})
    assert_healthy(at)
    assert [h.value for h in at.subheader] == [anchor]
    assert charts(at), "every step shows a chart"
    if step == 4:
        assert at.select_slider(key="cmp_die_lr").value == 3.0


@pytest.mark.parametrize("lecture", ["false", "true"])
def test_the_race_names_the_tanh_spike_its_default_shows_in_both_modes(lecture):
    at = run_page(PAGE, {"lecture": lecture})
    spikes = [c.value for c in at.caption if "jumped" in c.value]
    assert len(spikes) == 1 and spikes[0].startswith("tanh's loss jumped ×") and "came back down" in spikes[0]
