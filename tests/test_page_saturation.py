"""The Saturation page through app.py: defaults, presets, links, extremes, lecture mode and its story, the players
and the quiz."""
import pytest

from charts.player import SELECTION
from experiments import saturation as sat
from sigcore.train import epochs_to_show
from support import assert_healthy, charts, run_page

PAGE = "views/saturation.py"


def chart_data(at, x_field):
    """Every chart dataset on the page that has a column `x_field`."""
    return [frame for _, frames in charts(at) for frame in frames if x_field in frame]


def opened_on(at, i=0):
    """The frame the page's i-th browser-played chart opens on (its player selection's value) and its last frame."""
    def find(node):
        if isinstance(node, dict):
            if node.get("name") == SELECTION and "select" in node:
                return node
            node = list(node.values())
        if isinstance(node, list):
            return next((p for p in map(find, node) if p), None)
    param = [p for p in (find(spec) for spec, _ in charts(at)) if p][i]
    return param["value"][0]["step"], param["bind"]["step"]["max"]


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


@pytest.fixture(scope="module")
def page():
    return run_page(PAGE)


def test_defaults_show_every_section_with_sigcore_numbers(page):
    assert_healthy(page)
    assert len(charts(page)) == 5  # the neuron's panels and formulas are one played chart, section 4's another
    s = sat.sit(0.5, 0.0, 100, "positive")[2]
    assert metric(page, "mean σ'(z)") == f"{s['mean_slope']:.4f}"
    summary = sat.gradient_through_depth(10, 64, "standard")[1]
    assert metric(page, "sigmoid: per layer down") == f"÷ {summary['sigmoid']['per_layer']:.2f}"
    run = sat.nielsen(2.0, 2.0, 0.15, 300)
    quad = run[run["cost_fn"] == "quadratic"]
    ce = run[run["cost_fn"] == "cross-entropy"]
    assert metric(page, "quadratic: a at epoch 150") == f"{quad['a'].iloc[150]:.3f}"
    assert metric(page, "cross-entropy: a at epoch 150") == f"{ce['a'].iloc[150]:.3f}"
    end = sat.layers_at_end(sat.deep_run()["layers"])
    top = end.loc[4]
    table = page.table[0].value
    assert table.loc["layer 4"].tolist() == [f"{top['act_mean']:.2f}", f"{top['near']:.0%}", f"{top['saturated']:.0%}"]
    # the players open on their last frame: the whole run is drawn (the neuron's chart carries every epoch)
    assert max(frame["epoch"].max() for frame in chart_data(page, "head")) == 300
    assert [opened_on(page, i) for i in (0, 1)] == [(60, 60), (len(sat.deep_run()["epochs_shown"]) - 1,) * 2]


def test_every_section_states_its_takeaway_computed_from_its_run(page):
    text = " ".join(m.value for m in page.markdown)
    s = sat.sit(0.5, 0.0, 100, "positive")[2]
    assert f"std z = {s['z_std']:.2f}: {s['saturated']:.0%} of the units sit past" in text
    sig = sat.gradient_through_depth(10, 64, "standard")[1]["sigmoid"]
    assert f"shrinks {sig['per_layer']:.1f}× per layer" in text
    assert f"with no σ' factor, is {1 / sat.single_neuron()['slope'].iloc[0]:,.0f}× the quadratic's" in text


def test_section_4_answers_in_both_readings_of_near_0_or_1(page):
    """Issue 14: Glorot & Bengio's looser 'near 0' (yes, for the top layer) beside the strict slope threshold (no)."""
    top = sat.layers_at_end(sat.deep_run()["layers"]).loc[4]
    verdict = next(m.value for m in page.markdown if m.value.startswith("Near 0 or 1"))
    assert f"yes for the top hidden layer, {top['near']:.0%} of its units within 0.1 of 0 or 1" in verdict
    assert f"strict terms (σ' < 10% of its maximum): no, {top['saturated']:.0%}" in verdict


def test_first_section_follows_its_controls(page):
    page.slider(key="sat_scale").set_value(2.0).run()
    page.slider(key="sat_inputs").set_value(500).run()
    assert_healthy(page)
    s = sat.sit(2.0, 0.0, 500, "positive")[2]
    assert metric(page, "saturated") == f"{s['saturated']:.0%}" and s["saturated"] > 0.8
    page.radio(key="sat_kind").set_value("centred").run()
    assert metric(page, "saturated if positive") == f"{s['saturated']:.0%}"


PRESETS = {
    "sat_sit_presets_1": {"sat_scale": 1.0, "sat_kind": "positive"},
    "sat_depth_presets_1": {"sat_init": "xavier"},
    "sat_neuron_presets_1": {"sat_w": 0.6, "sat_b": 0.9},
    "sat_neuron_presets_2": {"sat_w": 2.0, "sat_b": 2.0, "sat_lr": 0.005},
    "sat_neuron_presets_0": {"sat_w": 2.0, "sat_b": 2.0, "sat_lr": 0.15, "sat_epochs": 300},
    "sat_train_presets_1": {"sat_t_epochs": 300, "sat_t_act": "sigmoid"},
    "sat_train_presets_2": {"sat_t_lr": 0.3, "sat_t_act": "tanh"},
    "sat_train_presets_3": {"sat_t_lr": 10.0, "sat_t_act": "sigmoid"},
    "sat_train_presets_0": {"sat_t_lr": 3.0, "sat_t_epochs": 200, "sat_t_layers": 4, "sat_t_init": "standard",
                            "sat_t_act": "sigmoid"},
}


def test_presets_set_their_widgets():
    at = run_page(PAGE, {"sat_w": "-3", "sat_lr": "0.5", "sat_t_lr": "1.0", "sat_scale": "0.2"})
    for key, values in PRESETS.items():
        at.button(key=key).click().run()
        assert_healthy(at)
        assert {k: at.session_state[k] for k in values} == values, key


def test_a_link_reproduces_the_setup():
    at = run_page(PAGE, {"sat_scale": "1.5", "sat_kind": "centred", "sat_depth": "20", "sat_init": "xavier",
                         "sat_w": "0.6", "sat_b": "0.9", "sat_neuron_step": "10"})
    assert_healthy(at)
    assert at.slider(key="sat_scale").value == 1.5 and at.radio(key="sat_kind").value == "centred"
    s = sat.sit(1.5, 0.0, 100, "centred")[2]
    assert metric(at, "std z") == f"{s['z_std']:.2f}"
    depth = next(f for f in chart_data(at, "relative"))
    assert depth["layer"].max() == 20
    assert opened_on(at)[0] == 10


def test_extremes_stay_readable():
    at = run_page(PAGE, {"sat_scale": "2.0", "sat_bias": "10.0", "sat_inputs": "500", "sat_depth": "30",
                         "sat_width": "128", "sat_init": "he", "sat_w": "5.0", "sat_b": "5.0", "sat_lr": "3.0",
                         "sat_epochs": "500", "sat_t_lr": "10.0", "sat_t_layers": "4", "sat_t_epochs": "300"})
    assert_healthy(at)
    verdict = next(m.value for m in at.markdown if m.value.startswith("Near 0 or 1"))
    assert "strict terms (σ' < 10% of its maximum): yes" in verdict  # too large a rate saturates the top layer
    at = run_page(PAGE, {"sat_scale": "0.01", "sat_bias": "-10.0", "sat_inputs": "1", "sat_depth": "2",
                         "sat_width": "8", "sat_w": "-5.0", "sat_b": "-5.0", "sat_lr": "0.01", "sat_epochs": "10",
                         "sat_t_lr": "0.1", "sat_t_layers": "1", "sat_t_width": "4", "sat_t_epochs": "20",
                         "sat_t_act": "tanh", "sat_t_data": "spiral"})
    assert_healthy(at)


def test_lecture_mode_hides_prose_and_exports():
    at = run_page(PAGE, {"lecture": "true"})
    assert_healthy(at)
    assert len(charts(at)) == 5
    text = " ".join(m.value for m in at.markdown)
    assert "Nielsen's single neuron" not in text and "everywhere on this page" not in text
    assert not at.get("popover")


@pytest.mark.parametrize("lr, whose", [("0.15", "Nielsen's quadratic rate"), ("0.005", "Nielsen's cross-entropy rate"),
                                       ("0.3", "ours")])
def test_section_3s_takeaway_says_whose_learning_rate_it_ran_even_in_lecture_mode(lr, whose):
    """Issue 14: the starts are Nielsen's, the one η for both costs is his for one figure or ours."""
    at = run_page(PAGE, {"lecture": "true", "sat_lr": lr})
    takeaway = next(m.value for m in at.markdown if "epochs at η" in m.value)
    assert f"epochs at η = {float(lr):g} ({whose}, for both costs)" in takeaway


def test_a_link_opens_the_neuron_on_its_step_and_nonsense_on_the_last():
    assert opened_on(run_page(PAGE, {"sat_neuron_step": "0"}))[0] == 0
    for nonsense in ("-5", "1e9", "abc"):
        step, last = opened_on(run_page(PAGE, {"sat_neuron_step": nonsense}))
        assert step == (0 if nonsense == "-5" else last), nonsense


def test_the_neuron_chart_carries_each_frames_formula(page):
    formulas = next(f for f in chart_data(page, "text"))
    assert len(formulas) == 2 * len(epochs_to_show(300, 60)) and formulas["text"].str.startswith("∂C/∂w").all()


def test_the_training_chart_plays_in_the_browser_from_its_linked_step():
    """Section 4 is a client-side player too: it carries every frame and opens where the link says."""
    at = run_page(PAGE, {"sat_train_step": "3"})
    assert_healthy(at)
    assert opened_on(at, 1)[0] == 3
    ridge = next(f for f in chart_data(at, "zone") if "base" in f)
    assert set(ridge["epoch"]) == set(sat.deep_run()["epochs_shown"])
    assert not {"sat_train_reset", "sat_train_next"} & {b.key for b in at.button}  # no server-side player


@pytest.mark.parametrize("step", [1, 2, 3, 4])
def test_each_story_step_runs_its_section_alone_under_its_takeaway(step):
    at = run_page(PAGE, {"lecture": "true", "sat_story": str(step)})
    assert_healthy(at)
    headings = [h.value for h in at.subheader]
    assert len(headings) == 1 and headings[0].startswith(f"{step}.")
    assert any(m.value.startswith(f"**{step} / 4 ·") for m in at.markdown)


def test_check_yourself_explains_after_a_try(page):
    page.radio(key="sat_q2").set_value("quadratic").run()
    assert any("cross-entropy" in e.value for e in page.error)
    page.radio(key="sat_q1").set_value("0.25").run()
    assert any(s.value.startswith("Right.") for s in page.success)


@pytest.mark.parametrize("query, says, never", [
    ({}, "was {gap}× smaller than the top hidden layer's", "nothing vanished"),
    ({"sat_t_layers": "1"}, "Activations near 0 or 1", "At init"),  # one hidden layer: nothing to compare
    ({"sat_t_act": "tanh", "sat_t_init": "xavier", "sat_t_width": "4"}, "the top hidden layer's gradient: nothing "
     "vanished", "smaller than"),
])
def test_training_prose_compares_the_layers_only_as_the_run_did(query, says, never):
    at = run_page(PAGE, query)
    layers = sat.deep_run(*[at.session_state[k] for k in ("sat_t_data", "sat_t_layers", "sat_t_width", "sat_t_init",
                                                           "sat_t_lr", "sat_t_epochs", "sat_t_act")])["layers"]
    gap = sat.gradient_gap(layers)
    text = " ".join(m.value for m in at.markdown)
    assert says.format(gap=f"{gap:,.0f}") in text and never not in text
    if len(layers["layer"].unique()) > 1:
        assert (gap > 1) == ("smaller than" in text)
