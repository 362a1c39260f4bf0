"""Home: the sigmoid and its slope, an operating point you drag, and the two drawbacks the other pages show."""
import streamlit as st

import ui
from charts.curves import curve_chart
from sigcore import SATURATION, activations
from experiments.curves import curves, operating_point
from sigcore import saturation_edge

ui.header("Sigmoid Lab", "Why the sigmoid fell out of favour in hidden layers, by experiment. Drag *z* and watch "
          "how little slope the sigmoid has left once |z| grows: that slope is what backpropagation multiplies by.")


def reading(v):
    """Four decimals, or three significant digits where four decimals would read 0.0000 (σ'(10) = 4.54e-05)."""
    return f"{v:.4f}" if v == 0 or abs(v) >= 1e-3 else f"{v:.2e}"


@st.fragment
def curve_section():
    left, right = st.columns([3, 2])
    z = left.slider("Operating point z", -10.0, 10.0, 2.0, 0.1, key="z", bind="query-params")
    overlay = right.multiselect("Compare with", ["tanh", "relu", "leaky_relu"], key="overlay", bind="query-params")
    p = operating_point("sigmoid", z)
    ceiling = activations.REGISTRY["sigmoid"].max_slope
    chart = curve_chart(curves(["sigmoid", *overlay], -10.0, 10.0), p, ceiling)
    if ui.lecture():
        ui.chart(chart, "curve")
    else:
        left, right = st.columns(2)
        with left:
            ui.chart(chart, "curve")
        with right:
            st.caption("sigcore's sigmoid and its derivative, as the library has them (sigcore/activations.py):")
            ui.code(activations.sigmoid, activations.sigmoid_grad)
    a, b, c = st.columns(3)
    a.metric("σ(z)", reading(p["value"]))
    b.metric("σ'(z)", reading(p["slope"]))
    below = ceiling / p["slope"] if p["slope"] > 0 else float("inf")
    c.metric("σ'(z) is below its ceiling of 1/4 by", f"{below:,.1f}×" if below < 1e6 else f"{below:.1e}×")
    edge = saturation_edge()
    if p["saturated"]:
        st.warning(f"Saturated: |z| > {edge:.2f}, so σ' is under {SATURATION:.0%} of its maximum. "
                   "A gradient passing back through this unit is all but stopped.")
    else:
        st.info(f"Not saturated: σ' is {p['share_of_max']:.0%} of its maximum. Saturation starts at |z| > {edge:.2f}.")
    ui.explain(r"Even at its best, z = 0, the sigmoid passes back only a quarter of the gradient: "
               r"$\sigma'(z) = \sigma(z)(1-\sigma(z)) \le \tfrac14$. Stack layers and those quarters multiply.")


curve_section()

st.subheader("The two drawbacks (CS231n)")
left, right = st.columns(2)
with left:
    st.markdown("**Sigmoids saturate and kill gradients.** When a unit sits near 0 or 1 its slope is almost zero, "
                "so almost no signal flows back to its weights; weights initialised too large saturate most units.")
    st.page_link("views/saturation.py", label="See it: Saturation", icon=":material/compress:")
    st.page_link("views/initialization.py", label="See it: Initialization", icon=":material/tune:")
with right:
    st.markdown("**Sigmoid outputs are not zero-centred.** A neuron fed only positive inputs gets weight gradients "
                "that all share one sign, so gradient descent can only zig-zag towards some goals.")
    st.page_link("views/zero_centred.py", label="See it: Not zero-centred", icon=":material/swap_calls:")
    st.page_link("views/compare.py", label="Compare: tanh, ReLU & friends", icon=":material/compare_arrows:")
