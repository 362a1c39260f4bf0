"""The not-zero-centred page through app.py: defaults, presets, links, extremes, lecture mode, player, quiz."""
import re

import pytest

from experiments import zigzag as zz
from support import assert_healthy, charts, run_page

PAGE = "views/zero_centred.py"


def metric(at, label):
    """The value of the metric whose label starts with `label`."""
    return next(m.value for m in at.metric if m.label.startswith(label))


def steps(value):
    return int(re.match(r"(\d+)", value).group(1))


def chart(at, field, value):
    """(spec, frames) of the first chart whose datasets have a column `field` holding `value`."""
    return next((s, f) for s, f in charts(at) if any(field in df and (df[field] == value).any() for df in f))


@pytest.fixture(scope="module")
def default():
    return run_page(PAGE)


def test_defaults_tell_the_story(default):
    at = default
    assert_healthy(at)
    assert len(charts(at)) == 6
    assert steps(metric(at, "steps to w*, sigmoid")) > 5 * steps(metric(at, "steps to w*, tanh"))
    assert metric(at, "steps NW or SE, sigmoid") == "0%"
    assert metric(at, "steps NW or SE, tanh") != "0%"
    assert at.info[0].value.startswith("**6 of 6 rows have one sign**")
    assert metric(at, "κ = λmax / λmin") == f"{zz.conditioning(0.0)['kappa']:,.1f}"
    assert "4 of the 16 sign patterns" in at.info[-1].value
    assert not at.warning


def test_the_race_chart_draws_the_cone_for_sigmoid_inputs_only(default):
    _, frames = chart(default, "kind", "cone")
    race = frames[0]
    panels = race[race["kind"] == "cone"]["panel"].unique()
    assert len(panels) == 1 and panels[0].startswith("sigmoid:")


def test_presets(default):
    at = default
    labels = [b.label for b in at.button if b.key.startswith("zz_preset_")]
    offsets = [b.label for b in at.button if b.key.startswith("zz_offset_")]
    assert "NW-target zig-zag" in labels and "LeCun's offset inputs (c = 2)" in offsets
    at.button(key=f"zz_offset_{offsets.index('LeCun' + chr(39) + 's offset inputs (c = 2)')}").click().run()
    assert_healthy(at)
    assert at.slider(key="zz_c").value == 2.0
    assert metric(at, "κ = λmax / λmin") == f"{zz.conditioning(2.0)['kappa']:,.1f}"
    at.button(key=f"zz_preset_{labels.index('η too large')}").click().run()
    assert_healthy(at)
    assert any("diverged" in w.value for w in at.warning)
    assert metric(at, "steps to w*, sigmoid") == "diverged"
    at.button(key=f"zz_preset_{labels.index('Centring alone')}").click().run()
    assert_healthy(at)
    assert at.slider(key="zz_lr").value == 1.0 and not at.warning
    assert any(m.label == "steps to w*, centred" for m in at.metric)
    at.button(key=f"zz_preset_{labels.index('NE target')}").click().run()
    assert_healthy(at)
    assert (at.slider(key="zz_w1t").value, at.slider(key="zz_w2t").value) == (1.2, 1.0)
    at.button(key=f"zz_preset_{labels.index('NW-target zig-zag')}").click().run()
    assert_healthy(at)
    assert metric(at, "steps to w*, sigmoid") == metric(run_page(PAGE), "steps to w*, sigmoid")


def test_a_link_reproduces_a_setup():
    # button groups put their label in the URL
    at = run_page(PAGE, {"zz_vs": "centred", "zz_src": "tanh (centred)", "zz_c": "1", "zz_bias": "false",
                         "zz_path_step": "5", "zz_layer_src": "tanh (centred)", "zz_m": "3", "zz_k": "2"})
    assert_healthy(at)
    assert at.segmented_control(key="zz_vs").value == "centre"
    assert "both signs" in at.info[0].value
    assert metric(at, "κ = λmax / λmin") == f"{zz.conditioning(1.0, bias=False)['kappa']:,.1f}"
    _, frames = chart(at, "kind", "cone")
    path = frames[0].query("kind == 'line' and series == 'path'")
    assert path["order"].max() == 5
    assert "16 of the 64 sign patterns" in at.info[-1].value  # 2^(m+n-1)


def test_extremes_stay_readable():
    worst = {"zz_lr": "0.05", "zz_spread": "0.25", "zz_n": "200", "zz_batch": "1", "zz_c": "4", "zz_lecun_n": "1000",
             "zz_m": "6", "zz_k": "8", "zz_rows": "10", "zz_cols": "8", "zz_w1s": "3", "zz_w2s": "-3",
             "zz_w1t": "-3", "zz_w2t": "3"}
    at = run_page(PAGE, worst)
    assert_healthy(at)
    assert len(charts(at)) == 6
    at.slider(key="zz_lr").set_value(5.0).run()
    assert_healthy(at)
    assert any("too large" in w.value for w in at.warning)
    at.slider(key="zz_w1s").set_value(-3.0).run()
    at.slider(key="zz_w2s").set_value(3.0).run()
    assert_healthy(at)
    assert any("coincide" in i.value for i in at.info)
    at.slider(key="zz_m").set_value(1).run()
    at.slider(key="zz_k").set_value(1).run()
    assert_healthy(at)


def test_the_batch_shrinks_with_the_samples():
    at = run_page(PAGE)
    at.slider(key="zz_batch").set_value(40).run()
    at.slider(key="zz_n").set_value(20).run()
    assert_healthy(at)
    assert at.slider(key="zz_batch").value == 20
    assert metric(at, "updates NW or SE, batch") and any(m.label.endswith("batch 20") for m in at.metric)


def test_lecture_mode_hides_the_prose_and_keeps_the_charts():
    at = run_page(PAGE, {"lecture": "true"})
    assert_healthy(at)
    assert len(charts(at)) == 6
    assert not any("chain rule" in m.value for m in at.markdown)
    assert at.expander, "secondary controls fold away"


def test_garbage_in_the_url_falls_back_to_defaults():
    junk = {k: "<script>alert(1)</script>" for k in ["zz_lr", "zz_vs", "zz_src", "zz_c", "zz_neg", "zz_bias",
                                                    "zz_path_step", "zz_seed", "zz_q1"]}
    at = run_page(PAGE, junk)
    assert_healthy(at)
    assert at.slider(key="zz_lr").value == 1.0 and at.slider(key="zz_c").value == 0.0


def test_stepping_the_player(default):
    at = default
    at.slider(key="zz_path_step").set_value(3).run()
    at.button(key="zz_path_next").click().run()
    assert at.slider(key="zz_path_step").value == 4
    _, frames = chart(at, "kind", "cone")
    assert frames[0].query("series == 'path'")["order"].max() == 4
    at.button(key="zz_path_reset").click().run()
    assert at.slider(key="zz_path_step").value == 0
    assert_healthy(at)


def test_check_yourself_explains_after_a_try(default):
    at = default
    at.radio(key="zz_q2").set_value("(+0.1, −0.2)").run()
    assert any("NE or SW" in e.value for e in at.error)
    at.radio(key="zz_q1").set_value("all negative").run()
    assert any(s.value.startswith("Right.") for s in at.success)


def texts(at):
    return " ".join(m.value for m in at.markdown)


def test_the_batch_and_fixes_summaries_follow_their_own_runs():
    at = run_page(PAGE, {"zz_lr": "4"})
    assert "At η = 4 these runs diverge: sigmoid outputs at batch 1" in texts(at)
    assert "Batches lift the sign restriction" not in texts(at)
    table = next(m.value for m in at.markdown if m.value.startswith("| inputs |"))
    relu = zz.fix_table((1.0, -1.0), (-1.0, 1.2), 4.0).set_index("fix").loc["relu"]
    assert f"| {relu.sgd_safe_lr:.3g} | {relu.stable_lr:.3g} |" in table and "SGD max\u00a0η" in table
    at = run_page(PAGE, {"zz_w1s": "-1", "zz_w2s": "1.2"})  # the start is the target
    assert_healthy(at)
    assert "nothing to walk at any batch size" in texts(at)
    assert any(i.value.startswith("The start is the target: no input needs a step") for i in at.info)


def test_the_conditioning_note_reads_its_own_numbers():
    at = run_page(PAGE)
    r = zz.conditioning(0.0)
    assert metric(at, "GD stable for η <") == f"{r['stable_lr']:.3g}" and r["stable_lr"] == 2 / r["lam_max"]
    assert f"Even at c = 0 κ is {r['kappa']:,.0f}, not 1" in texts(at) and "rising at each." in texts(at)
    at = run_page(PAGE, {"zz_bias": "false", "zz_lecun_n": "20"})  # rises at the quoted offsets, dips in between
    assert "rising at each (between c = 0.25 and 0.75 the sweep dips" in texts(at)
