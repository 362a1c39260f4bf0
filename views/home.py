"""Home: the sigmoid and its slope at an operating point you drag, and the map of the questions the other pages
answer, each linked to the story step that shows the answer."""
import streamlit as st

import ui
from charts.base import LABELS
from charts.curves import curve_chart
from experiments.curves import curves, operating_point
from sigcore import SATURATION, activation, activations, saturation_edge

SIGMOID = activation("sigmoid")
SETTINGS = ui.Settings(
    ui.Setting("z", "Operating point z", 2.0, range=(-10.0, 10.0, 0.1)),
    ui.Setting("overlay", "Compare with", (), "multiselect", options=("tanh", "relu", "leaky_relu"), names=LABELS),
)
# The seed questions of shared/seeds, each with the page and the step of its lecture story that answers it (the link
# opens the story there: that step's section under its takeaway)
QUESTIONS = [
    ("Why does σ' ≤ 1/4 make the gradient vanish in a deep sigmoid net?", "views/saturation.py", "sat_story", 2),
    ("How do large initial weights saturate neurons?", "views/initialization.py", "init_story", 2),
    ("Do a trained deep sigmoid net's hidden activations end up near 0 or 1?", "views/saturation.py", "sat_story", 4),
    ("Why do all-positive inputs make a neuron's weight gradients share one sign?", "views/zero_centred.py",
     "zz_story", 1),
    ("Two weights, only NE or SW steps: why does a north-west goal need a zig-zag?", "views/zero_centred.py",
     "zz_story", 2),
    ("A layer's upstream gradients differ in sign: why zig-zag at all?", "views/zero_centred.py", "zz_story", 5),
    ("Which drawback is worse, and what should a hidden layer use instead?", "views/compare.py", "cmp_story", 5),
]


def reading(v):
    """Four decimals, or a power of ten where four decimals would read 0.0000 (σ'(10) = 4.5 × 10⁻⁵)."""
    return f"{v:.4f}" if v == 0 or abs(v) >= 1e-3 else ui.sci(v)


def times_below(p):
    """How many times the slope at p is below the sigmoid's ceiling of 1/4, in words."""
    below = SIGMOID.max_slope / p["slope"] if p["slope"] > 0 else float("inf")
    return ui.times(below)


@st.fragment
def slope():
    ui.section("The slope is what backpropagation multiplies by", "slope")
    left, right = st.columns([3, 2])
    z = SETTINGS.show("z", left)
    overlay = SETTINGS.show("overlay", right)
    p = operating_point("sigmoid", z)
    chart = curve_chart(curves(["sigmoid", *overlay], -10.0, 10.0), p, SIGMOID.max_slope)
    view, side = st.columns([3, 2], gap="medium")
    with view:
        ui.chart(chart, "curve")
    with side:
        st.latex(r"\sigma'(z) = \sigma(z)\,\bigl(1 - \sigma(z)\bigr) \le \tfrac14")
        a, b = st.columns(2)
        a.metric("σ(z)", reading(p["value"]))
        b.metric("σ'(z)", reading(p["slope"]))
        st.metric("σ'(z) is below its ceiling of 1/4 by", times_below(p))
        edge = saturation_edge()
        if p["saturated"]:
            st.warning(f"Saturated: |z| > {edge:.2f}, so σ' is under {SATURATION:.0%} of its maximum. "
                       "A gradient passing back through this unit is all but stopped.")
        else:
            st.info(f"Not saturated: σ' is {p['share_of_max']:.0%} of its maximum. Saturation starts at "
                    f"|z| > {edge:.2f}.")
    ui.takeaway("home", f"At z = {z:g} the sigmoid passes back σ'(z) = {reading(p['slope'])} of the gradient, "
                f"{times_below(p)} less than its best (1/4, at z = 0): stack layers and those factors multiply.")
    ui.source("home_code", "sigcore's sigmoid and its derivative, as the library has them", activations.sigmoid,
              activations.sigmoid_grad)


def questions():
    ui.section("The questions this app answers", "questions")
    for question, page, story, step in QUESTIONS:
        st.page_link(page, label=question, icon=":material/arrow_forward:", query_params={story: step})


def drawbacks():
    ui.section("The two drawbacks (CS231n)", "drawbacks")
    left, right = st.columns(2)
    with left:
        st.markdown("**Sigmoids saturate and kill gradients.** When a unit sits near 0 or 1 its slope is almost "
                    "zero, so almost no signal flows back to its weights; weights initialised too large saturate "
                    "most units.")
        st.page_link("views/saturation.py", label="See it: Saturation", icon=":material/compress:")
        st.page_link("views/initialization.py", label="See it: Initialization", icon=":material/tune:")
    with right:
        st.markdown("**Sigmoid outputs are not zero-centred.** A neuron fed only positive inputs gets weight "
                    "gradients that all share one sign, so gradient descent can only zig-zag towards some goals.")
        st.page_link("views/zero_centred.py", label="See it: Not zero-centred", icon=":material/swap_calls:")
        st.page_link("views/compare.py", label="Compare: tanh, ReLU & friends", icon=":material/compare_arrows:")


ui.header("Sigmoid Lab", "Why the sigmoid fell out of favour in hidden layers, by experiment. Drag *z* and watch "
          "how little slope the sigmoid has left once |z| grows: that slope is what backpropagation multiplies by.")
ui.run([slope, questions, drawbacks])
