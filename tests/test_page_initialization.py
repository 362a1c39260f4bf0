"""The Initialization page through app.py: every section tab, its presets, links, extremes and the quiz."""
import json

import numpy as np
import pytest

from fuzz import inputs, set_random
from experiments import initialization as init
from ui import work
from support import assert_healthy, charts, run_page

PAGE = "views/initialization.py"
SIGNAL, SPREAD, FORMULAS, TRAIN, QUIZ = ["1 · The signal at init", "2 · Why large weights saturate",
                                         "3 · The formulas", "4 · Does it train?", "5 · Check yourself"]


def open_tab(tab, **query):
    return run_page(PAGE, {"init_section": tab, **query})


def messages(at):
    return " ".join(m.value for m in [*at.warning, *at.success, *at.info])


def test_defaults_open_section_1_with_its_charts_and_an_honest_verdict():
    at = run_page(PAGE)
    assert_healthy(at)
    assert len(charts(at)) == 4  # histograms, % saturated, spread, gradient: the other tabs do not run
    assert "washed out" in messages(at) and "vanishes" in messages(at)
    assert [m.label for m in at.metric][0] == "Saturated (layer mean)"


def test_section_1_presets_each_tell_their_story():
    at = run_page(PAGE)
    stories = ["Collapsed to 0.5", "Saturated", "Neither collapsed nor saturated", "washed out", "Second moment",
               "Second moment"]
    for i, story in enumerate(stories):
        at.button(key=f"init_p1_{i}").click().run()
        assert_healthy(at)
        assert story in messages(at), (i, messages(at))
        assert at.slider(key="init_width").value == 256


def test_too_small_preset_says_layer_1_reaches_past_0_1_and_a_link_gives_the_same_charts():
    at = run_page(PAGE)
    at.button(key="init_p1_0").click().run()
    text = messages(at)
    assert "layers 2–10 lies within 0.100 of 0.5" in text and "98.8% of them within 0.1" in text
    link = run_page(PAGE, {"init_hidden": "sigmoid", "init_scheme": "too small", "init_depth": "10",
                           "init_width": "256"})
    assert [f[0].to_dict() for _, f in charts(link)] == [f[0].to_dict() for _, f in charts(at)]


def test_too_large_preset_says_the_gradient_grows_through_saturated_units_per_layer_not_per_unit():
    at = run_page(PAGE)
    at.button(key="init_p1_1").click().run()
    text = messages(at)
    ratios = init.summary(init.signal("sigmoid", 10, 256, "too_large")[0])
    assert ratios["gradient"] > 1
    assert at.warning and "Saturated" in text and f"on its way down to layer 1 (×{ratios['gradient_per_layer']:.2f} " \
                                                  f"per layer)" in text
    assert "not a vanished gradient" in text and "vanishes" not in text and "almost no gradient back;" in text
    assert "per unit, a saturated unit's slope is near 0" in text and "per layer, the gradient is multiplied" in text


def test_too_large_takeaway_in_lecture_mode_says_per_unit_and_per_layer_both():
    """Lecture mode hides the verdict, so the takeaway beside the layer-1 ÷ top metric must reconcile the two."""
    at = open_tab(SIGNAL, lecture="true", init_scheme="too large", init_width="256")
    ratios = init.summary(init.signal("sigmoid", 10, 256, "too_large")[0])
    takeaway = at.markdown.values
    assert not at.warning and any("each passing almost no gradient back; yet per layer the large weights grow the "
                                  f"gradient ×{ratios['gradient_per_layer']:.2f}" in t for t in takeaway), takeaway


def test_section_1_radio_shows_relu_by_its_display_name_and_old_links_still_select_it():
    at = run_page(PAGE)
    assert at.radio(key="init_hidden").options == ["sigmoid", "tanh", "ReLU"]
    for spelling in ("relu", "ReLU"):  # links made before the display names, and after
        link = open_tab(SIGNAL, init_hidden=spelling)
        assert link.radio(key="init_hidden").value == "relu" and "Second moment" in messages(link)
        assert not link.toast, "the link's setting is used, so nothing is reported as ignored"


def test_xavier4_preset_says_what_the_sigmoid_scale_fixes_and_what_it_does_not():
    at = run_page(PAGE)
    at.button(key="init_p1_2").click().run()
    layers = init.signal("sigmoid", 10, 256, "xavier4")[0]
    ratios = init.summary(layers)
    assert ratios["gradient_per_layer"] < 1 / init.HOLDS  # the backward factor still shrinks
    text = messages(at)
    assert f"still spread with std {layers.act_std.iloc[-1]:.2f}" in text
    assert f"still multiplies the gradient by ×{ratios['gradient_per_layer']:.2f}" in text


def test_relu_depth_30_he_against_one_over_n():
    he = open_tab(SIGNAL, init_hidden="relu", init_scheme="He", init_depth="30", init_width="256")
    lecun = open_tab(SIGNAL, init_hidden="relu", init_scheme="LeCun", init_depth="30", init_width="256")
    assert he.selectbox(key="init_scheme").value == "He"
    assert 0.25 < float(he.metric[2].value) < 4  # E[a^2], layer 30 / layer 1: seed 0 gives 2.3 ...
    assert he.success and not he.warning and "held steady" in messages(he)  # ... but x1.03 per layer: steady
    assert lecun.warning and not lecun.success and "Second moment fades" in messages(lecun)
    assert lecun.metric[2].value.endswith("10⁻⁹")  # 1/n halves it at each of 29 steps: 2^-29 = 1.9e-9
    assert [m.label for m in he.metric][0] == "Dead units (layer mean)"


@pytest.mark.parametrize("scheme", ["too small", "too large"])
def test_relu_depth_30_with_a_fixed_std_reads_as_bad(scheme):
    at = open_tab(SIGNAL, init_hidden="relu", init_scheme=scheme, init_depth="30", init_width="256")
    assert at.warning and not at.success and "Second moment" in messages(at)


@pytest.mark.parametrize("query", [
    {"init_scheme": "custom", "init_std": "10.0", "init_depth": "30", "init_width": "256"},
    {"init_hidden": "tanh", "init_scheme": "custom", "init_std": "10.0", "init_depth": "30", "init_width": "256"},
    {"init_scheme": "zeros", "init_depth": "30"},
    {"init_hidden": "relu", "init_scheme": "custom", "init_std": "0.001", "init_depth": "1", "init_width": "8"},
])
def test_section_1_extremes_stay_readable(query):
    at = open_tab(SIGNAL, **query)
    assert_healthy(at)
    assert at.selectbox(key="init_scheme").value == query["init_scheme"]
    assert len(charts(at)) == 4 and messages(at)


def test_the_sweep_opens_from_a_link_and_says_where_sigmoid_is_steady():
    at = open_tab(SIGNAL, init_sweep="true", init_width="256")
    assert_healthy(at)
    assert len(charts(at)) == 6
    text = " ".join(m.value for m in at.markdown)
    assert "no s from 0.01 to 10 brings the input spread to ×1 per layer" in text and "saturated" in text


def test_zero_init_names_the_symmetry_trap():
    at = open_tab(SIGNAL, init_scheme="zeros")
    assert "Every weight is 0" in messages(at) and "no gradient gets below the top layer" in messages(at)


def test_section_2_numbers_follow_the_sigma_slider():
    at = open_tab(SPREAD)
    assert_healthy(at)
    assert len(charts(at)) == 1
    before = [m.value for m in at.metric]
    at.select_slider(key="init_z_sigma").set_value(5.0).run()
    after = [m.value for m in at.metric]
    assert float(after[0].rstrip("%")) > float(before[0].rstrip("%")) and after[0] != after[1]
    assert at.latex and "64" in at.latex[0].value


def test_section_3_leaves_a_one_entry_draws_variance_out_and_says_why():
    at = open_tab(FORMULAS, init_fan_in="1", init_fan_out="1")
    assert_healthy(at)
    assert set(at.table[0].value["Var of one draw"]) == {"n/a"}
    assert "fewer than 100 entries" in " ".join(m.value for m in at.markdown)
    at = open_tab(FORMULAS, init_fan_in="10", init_fan_out="10")
    assert "n/a" not in set(at.table[0].value["Var of one draw"])


def test_section_3_table_follows_the_fan_in():
    at = open_tab(FORMULAS, init_fan_in="100", init_fan_out="300")
    assert_healthy(at)
    table = at.table[0].value.set_index("scheme")
    assert table.loc["He", "Var(W)"] == "0.02" and table.loc["He", "Var(W) formula"] == "2/n_in"
    assert table.loc["standard · U[±1/√n]", "n_in · Var(W)"] == "0.333"
    assert table.loc["Xavier", "Var(W)"] == "0.005"
    assert table.loc["too large · N(0, 10²)", "n_in · Var(W)"] == "10,000"
    wide = open_tab(FORMULAS).table[0].value.set_index("scheme")  # n_in = 64
    assert wide.loc["too large · N(0, 10²)", "n_in · Var(W)"] == "6,400"  # a whole number, not 6.4e+03
    text = " ".join(m.value for m in at.markdown)
    assert "assuming the units work in tanh's linear regime" in text  # each formula's assumption, from the view
    assert "the scale s is 0.0707 for Xavier (tanh), 0.283 for Xavier ×4 (sigmoid) and 0.141 for He (ReLU)" in text


def test_section_4_trains_every_init_and_plays_through_the_epochs_in_the_browser():
    at = open_tab(TRAIN)
    assert_healthy(at)
    (spec, frames), (change, moved) = charts(at)
    assert len(charts(at)) == 2 and "vconcat" in spec  # one player chart (all its frames) and the weights moved
    top, bottom = spec["vconcat"][0]["hconcat"], spec["vconcat"][1]["hconcat"]
    assert top[0]["layer"][0]["params"][0]["value"] == [{"step": init.FRAMES - 1}]  # opens on the last frame
    names = set(init.SHORT[s] for s in init.TRAINED)
    assert set(frames[0].run) == names and len(frames[2]) == 7 * init.FRAMES  # every run's held-out loss at each frame
    assert "Xavier ×4, epoch " in bottom[0]["title"]["text"]["expr"] and len(frames[-1]) == init.FRAMES  # a sentence a frame
    assert set(moved[0].layer) == {"layer 1", "output"} and len(moved[0]) == 14  # each run's two layers
    at = open_tab(TRAIN, init_play_step="4")
    assert_healthy(at)
    spec, _ = charts(at)[0]
    assert spec["vconcat"][0]["hconcat"][0]["layer"][0]["params"][0]["value"] == [{"step": 4}]  # a link's step
    assert not at.toast or "init_play_step" not in at.toast[0].value


def explained(at):
    return " ".join(m.value for m in at.markdown)


def test_section_4_defaults_say_too_small_and_too_large_fail_on_fresh_points_and_the_scaled_inits_train():
    text = explained(open_tab(TRAIN))
    assert "After 100 epochs, too small and too large fail on fresh points" in text
    assert "standard, Xavier, Xavier ×4, He and LeCun train" in text
    assert "fresh points show it learned no pattern" in text and "worse than chance" in text
    assert "passes almost no gradient back" in text
    assert "When the textbook fails" not in text  # plain Xavier trains here


def test_section_4_when_the_textbook_fails_says_why_xavier_sits_at_chance():
    at = open_tab(TRAIN)
    at.button(key="init_p4_1").click().run()
    assert_healthy(at)
    text = explained(at)
    assert "Xavier ×4 and too large train" in text
    assert "**When the textbook fails:** Xavier is derived for a slope of 1 at 0" in text
    assert "starts nearly linear" in text and "slow to leave that plateau" in text


def test_section_4_player_keeps_its_loss_axis_and_draws_epoch_0():
    (spec, frames), _ = charts(open_tab(TRAIN))
    loss = spec["vconcat"][0]["hconcat"][0]
    curves = frames[0]
    low, high = loss["encoding"]["y"]["scale"]["domain"]
    assert low <= curves.loss.min() and curves.loss.max() <= high  # fixed from the whole run: playing never rescales
    now = frames[1]
    assert len(now[now.frame == 0]) == len(init.TRAINED) and (now[now.frame == 0].epoch == 0).all()  # epoch 0 drawn
    normal = charts(open_tab(TRAIN, init_data="circles"))[0][0]["vconcat"][1]["hconcat"][0]
    lecture = charts(open_tab(TRAIN, init_data="circles", lecture="true"))[0][0]["vconcat"][1]["hconcat"][0]
    for panel in (normal, lecture):  # the circles' box is square to within a pixel: they stay round
        assert abs(panel["width"] - panel["height"]) <= 1
    assert lecture["width"] > normal["width"]


def test_section_4_glorot_bengio_preset_and_a_diverging_setting():
    at = open_tab(TRAIN)
    at.button(key="init_p4_3").click().run()
    assert_healthy(at)
    (spec, frames), *_ = charts(at)
    assert set(frames[0].run) == {"sigmoid · standard", "sigmoid · Xavier", "tanh · standard", "tanh · Xavier"}
    assert spec["vconcat"][0]["hconcat"][1]["encoding"]["y"]["field"] == "top_mean"
    assert "the normalized init trains further" in explained(at)
    at = open_tab(TRAIN, init_train_hidden="relu", init_lr="5.0", init_train_depth="3", init_train_width="32",
                  init_epochs="30")
    assert_healthy(at)
    assert "diverged" in messages(at)


def test_section_4_calls_a_tie_to_three_decimals_a_tie():
    at = open_tab(TRAIN, init_view="Sigmoid vs tanh (Glorot & Bengio)", init_data="circles", init_train_depth="4",
                  init_train_width="32", init_lr="1.0", init_epochs="150")
    assert_healthy(at)
    text = explained(at)
    result = init.outcomes(init.train_runs((("sigmoid", "standard"), ("sigmoid", "xavier"), ("tanh", "standard"),
                                            ("tanh", "xavier")), "circles", 4, 32, 1.0, 150), range(4))
    tie = f"{result.loss[2]:.3f}" == f"{result.loss[3]:.3f}"
    assert ("tie at a training loss of" in text) == tie and ("trains further" in text) != tie


def test_quiz_explains_after_an_answer():
    at = open_tab(QUIZ)
    assert_healthy(at)
    at.radio(key="init_q1").set_value("Almost all near 0 or 1").run()
    assert at.error and "0.5" in at.error[0].value
    at.radio(key="init_q3").set_value("It shrinks by many orders of magnitude").run()
    assert at.success and "1/n" in at.success[0].value


def test_garbage_links_fall_back_to_defaults():
    junk = {k: "<script>alert(1)</script>" for k in ["init_section", "init_hidden", "init_scheme", "init_depth",
                                                      "init_width", "init_std", "init_seed", "init_z_sigma"]}
    at = run_page(PAGE, junk)
    assert_healthy(at)
    assert at.slider(key="init_depth").value == 10 and at.selectbox(key="init_scheme").value == "standard"


def test_section_4_caps_the_work_of_its_largest_nets_and_says_so():
    at = open_tab(TRAIN, init_train_depth="4", init_train_width="64", init_epochs="200")
    assert_healthy(at)
    capped = work.epochs_within_cap(200, 4, 64, 50, len(init.TRAINED))
    assert 10 < capped < 200 and f"stop at epoch {capped}" in messages(at)
    (_, frames), *_ = charts(at)
    assert frames[0].epoch.max() == capped


@pytest.mark.parametrize("tab, ends", [(SPREAD, ["low", "high", None]), (FORMULAS, ["low", "high", None]),
                                       (TRAIN, ["low", "high", None]), (QUIZ, ["low", "high"])])
def test_every_widget_of_the_other_tabs_at_its_ends(tab, ends):
    """tests/test_fuzz.py reaches the open tab's widgets; this sets those of the others (not the story's: it would
    leave the tabs for a story step)."""
    at = open_tab(tab)
    rng = np.random.default_rng(5)
    for end in ends:
        for w in list(inputs(at.tabs[[t.label for t in at.tabs].index(tab)])):
            set_random(w, rng, end)
        at.run()
        assert_healthy(at)
        assert at.tabs[[t.label for t in at.tabs].index(tab)].children, (tab, end)

