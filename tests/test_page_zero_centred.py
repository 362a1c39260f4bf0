"""The not-zero-centred page through app.py: defaults, presets, links, extremes, lecture mode and its story, the
played paths, the quiz."""
import json
import re

import pytest

from experiments.zigzag import conditioning, race
from support import assert_healthy, charts, run_page

PAGE = "views/zero_centred.py"


def metric(at, label):
    """The value of the metric whose label starts with `label`."""
    return next(m.value for m in at.metric if m.label.startswith(label))


def steps(value):
    return int(re.match(r"(\d+)", value).group(1))


def texts(at):
    return " ".join(m.value for m in at.markdown)


def played(at, column):
    """(spec, frames) of the first played chart (it holds the player's selection) with a table holding `column`."""
    return next((s, f) for s, f in charts(at) if '"player"' in json.dumps(s.get("hconcat", s))
                and any(column in df for df in f))


@pytest.fixture(scope="module")
def default():
    return run_page(PAGE)


def test_defaults_tell_the_story(default):
    at = default
    assert_healthy(at)
    assert len(charts(at)) == 6
    own = race.race()["paths"]["own"]
    assert steps(metric(at, "steps to w*, sigmoid")) == own["none"].reached_at
    assert steps(metric(at, "steps to w*, centred")) == own["centre"].reached_at
    assert steps(metric(at, "steps to w*, sigmoid")) > 4 * steps(metric(at, "steps to w*, centred"))
    assert metric(at, "steps NW or SE, sigmoid") == "0%" and metric(at, "steps NW or SE, centred") != "0%"
    assert "**6 of 6 rows have one sign**" in texts(at)
    assert "4 of the 16 sign patterns" in at.info[-1].value
    assert not at.warning


def test_the_race_takeaway_says_what_the_straighter_path_buys_and_what_not(default):
    r = race.race()
    own, same = r["paths"]["own"], r["paths"]["same"]
    ratio = r["inputs"]["centre"]["safe_lr"] / r["inputs"]["none"]["safe_lr"]
    line = texts(default)
    assert (f"**Each at its own safe η, centred inputs reach w\\* in {own['centre'].reached_at} steps, sigmoid inputs "
            f"in {own['none'].reached_at}: without the one-sign zig-zag a step can be {ratio:.1f}× larger.**") in line
    assert (f"At one η (1) centred inputs reach w\\* in {same['centre'].reached_at} steps, sigmoid inputs in "
            f"{same['none'].reached_at}: the straighter path alone is not faster.") in line


def test_the_race_chart_draws_the_cone_for_sigmoid_inputs_only(default):
    _, frames = played(default, "y2")
    cone = next(df for df in frames if "y2" in df)
    assert len(set(cone["panel"])) == 1 and cone["panel"].iloc[0].startswith("sigmoid:")


def test_presets(default):
    at = default
    labels = [b.label for b in at.button if b.key.startswith("zz_preset_")]
    offsets = [b.label for b in at.button if b.key.startswith("zz_offset_")]
    assert labels[0] == "Fair race" and "LeCun's offset inputs (c = 2)" in offsets
    at.button(key=f"zz_offset_{offsets.index('LeCun' + chr(39) + 's offset inputs (c = 2)')}").click().run()
    assert_healthy(at)
    assert at.slider(key="zz_c").value == 2.0
    assert metric(at, "κ = λmax / λmin") == f"{conditioning.conditioning(2.0)['kappa']:,.1f}"
    at.button(key=f"zz_preset_{labels.index('η = 4 for both')}").click().run()
    assert_healthy(at)
    assert any("diverged" in w.value for w in at.warning)
    assert metric(at, "steps to w*, sigmoid") == "diverged" and metric(at, "steps to w*, centred") != "diverged"
    at.button(key=f"zz_preset_{labels.index('Same η: straighter, not faster')}").click().run()
    assert_healthy(at)
    assert at.slider(key="zz_lr").value == 1.0 and not at.warning
    assert steps(metric(at, "steps to w*, centred")) == race.race()["paths"]["same"]["centre"].reached_at
    at.button(key=f"zz_preset_{labels.index('tanh at one η: mostly scale')}").click().run()
    assert_healthy(at)
    assert "tanh outputs vary 9× more than sigmoid outputs" in texts(at)
    at.button(key=f"zz_preset_{labels.index('NE target: no zig-zag needed')}").click().run()
    assert_healthy(at)
    assert (at.slider(key="zz_w1t").value, at.slider(key="zz_w2t").value) == (1.2, 1.0)
    at.button(key=f"zz_preset_{labels.index('ReLU: one sign too')}").click().run()
    assert_healthy(at)
    assert metric(at, "steps NW or SE, ReLU") == "0%"
    at.button(key=f"zz_preset_{labels.index('Fair race')}").click().run()
    assert_healthy(at)
    assert metric(at, "steps to w*, sigmoid") == metric(run_page(PAGE), "steps to w*, sigmoid")


def test_a_link_reproduces_a_setup():
    # button groups put their label in the URL
    at = run_page(PAGE, {"zz_vs": "tanh", "zz_rate": "one η for both", "zz_src": "tanh (centred)", "zz_c": "1",
                         "zz_bias": "false", "zz_path_step": "5", "zz_layer_src": "tanh (centred)", "zz_m": "3",
                         "zz_k": "2"})
    assert_healthy(at)
    assert at.segmented_control(key="zz_vs").value == "tanh"
    assert at.segmented_control(key="zz_rate").value == "same"
    assert "both signs" in texts(at)
    assert metric(at, "κ = λmax / λmin") == f"{conditioning.conditioning(1.0, bias=False)['kappa']:,.1f}"
    spec, _ = played(at, "y2")
    assert '"value": [{"step": 5}]' in json.dumps(spec), "the player opens on the link's step"
    assert "16 of the 64 sign patterns" in at.info[-1].value  # 2^(m+n-1)


def test_extremes_stay_readable():
    worst = {"zz_lr": "0.05", "zz_spread": "0.25", "zz_n": "200", "zz_batch": "1", "zz_c": "4", "zz_lecun_n": "1000",
             "zz_m": "6", "zz_k": "8", "zz_rows": "10", "zz_cols": "8", "zz_w1s": "3", "zz_w2s": "-3",
             "zz_w1t": "-3", "zz_w2t": "3", "zz_rate": "one η for both"}
    at = run_page(PAGE, worst)
    assert_healthy(at)
    assert len(charts(at)) == 6
    at.slider(key="zz_lr").set_value(5.0).run()
    assert_healthy(at)
    assert any("too large" in w.value for w in at.warning)
    at.slider(key="zz_w1s").set_value(-3.0).run()
    at.slider(key="zz_w2s").set_value(3.0).run()
    assert_healthy(at)
    assert "Start and target coincide" in texts(at)
    at.slider(key="zz_m").set_value(1).run()
    at.slider(key="zz_k").set_value(1).run()
    assert_healthy(at)


def test_the_batch_shrinks_with_the_samples():
    at = run_page(PAGE)
    at.slider(key="zz_batch").set_value(40).run()
    at.slider(key="zz_n").set_value(20).run()
    assert_healthy(at)
    assert at.slider(key="zz_batch").value == 20
    assert any(m.label.endswith("batch 20") for m in at.metric)


def test_the_batch_takeaway_reads_its_own_runs(default):
    b = race.batch_race(8)
    s, c = (b["sweep"][b["sweep"]["fix"] == f].set_index("batch") for f in ("none", "centre"))
    assert (f"sigmoid outputs need {s.loc[1, 'updates']:.0f} → {s.loc[50, 'updates']:.0f} updates, centred ones "
            f"{c.loc[1, 'updates']:.0f} → {c.loc[50, 'updates']:.0f}") in texts(default)
    assert "a batch lifts the sign restriction" in texts(default)


def test_lecture_mode_hides_the_prose_and_keeps_the_charts_and_takeaways():
    at = run_page(PAGE, {"lecture": "true"})
    assert_healthy(at)
    assert len(charts(at)) == 6
    assert not any("chain rule" in m.value for m in at.markdown)
    assert "Each at its own safe η" in texts(at) and "A subset of dimensions" in texts(at)
    assert at.expander, "secondary controls fold away"


@pytest.mark.parametrize("step", [1, 2, 3, 4, 5])
def test_each_story_step_shows_its_section_under_its_takeaway(step):
    at = run_page(PAGE, {"lecture": "true", "zz_story": str(step)})
    assert_healthy(at)
    assert f"**{step} / 5 ·" in texts(at)
    assert len(charts(at)) == 1
    if step == 2:
        assert at.segmented_control(key="zz_rate").value == "same"
        assert "straighter path alone is not faster" in texts(at)
    if step == 3:
        assert at.segmented_control(key="zz_rate").value == "own"


def test_garbage_in_the_url_falls_back_to_defaults():
    junk = {k: "<script>alert(1)</script>" for k in ["zz_lr", "zz_vs", "zz_rate", "zz_src", "zz_c", "zz_neg",
                                                    "zz_bias", "zz_path_step", "zz_seed", "zz_q1", "zz_story"]}
    at = run_page(PAGE, junk)
    assert_healthy(at)
    assert at.slider(key="zz_lr").value == 1.0 and at.slider(key="zz_c").value == 0.0


def test_check_yourself_explains_after_a_try(default):
    at = default
    at.radio(key="zz_q2").set_value("(+0.1, −0.2)").run()
    assert any("NE or SW" in e.value for e in at.error)
    at.radio(key="zz_q1").set_value("all negative").run()
    assert any(s.value.startswith("Right.") for s in at.success)


def test_the_fixes_summary_follows_its_own_runs(default):
    table = next(m.value for m in default.markdown if m.value.startswith("| inputs |"))
    t = race.fix_table((1.0, -1.0), (-1.0, 1.2)).set_index("fix")
    relu = t.loc["relu"]
    assert f"| {relu.sgd_safe_lr:.3g} | {relu.stable_lr:.3g} |" in table and "SGD max\u00a0η" in table
    assert f"sigmoid {t.loc['none', 'own_steps']:.0f}, centred {t.loc['centre', 'own_steps']:.0f}" in texts(default)
    at = run_page(PAGE, {"zz_w1s": "-1", "zz_w2s": "1.2"})  # the start is the target
    assert_healthy(at)
    assert "nothing to walk at any batch size" in texts(at)
    assert any(i.value.startswith("The start is the target: no input needs a step") for i in at.info)


def test_the_conditioning_note_reads_its_own_numbers():
    at = run_page(PAGE)
    r = conditioning.conditioning(0.0)
    assert metric(at, "GD stable for η <") == f"{r['stable_lr']:.3g}" and r["stable_lr"] == 2 / r["lam_max"]
    assert f"Even at c = 0 κ is {r['kappa']:,.0f}, not 1" in texts(at) and "rising at each." in texts(at)
    at = run_page(PAGE, {"zz_bias": "false", "zz_lecun_n": "20"})  # rises at the quoted offsets, dips in between
    assert "rising at each (between c = 0.25 and 0.75 the sweep dips" in texts(at)


def test_the_page_script_has_no_bare_string_that_streamlit_magic_would_draw():
    import ast
    from support import ROOT
    body = ast.parse((ROOT / PAGE).read_text()).body[1:]  # after the module docstring
    assert not [n.lineno for n in body if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)]
