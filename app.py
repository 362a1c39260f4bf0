"""Sigmoid Lab: the entry point. Page config, the lecture-mode switch, and the navigation."""
import streamlit as st

st.set_page_config(page_title="Sigmoid Lab", page_icon="∫", layout="wide")

PAGES = [
    st.Page("pages/home.py", title="Home", icon=":material/home:", default=True),
    st.Page("pages/saturation.py", title="Saturation", icon=":material/compress:", url_path="saturation"),
    st.Page("pages/zero_centred.py", title="Not zero-centred", icon=":material/swap_calls:", url_path="zigzag"),
    st.Page("pages/initialization.py", title="Initialization", icon=":material/tune:", url_path="initialization"),
    st.Page("pages/compare.py", title="ReLU & friends", icon=":material/compare_arrows:", url_path="compare"),
]

page = st.navigation(PAGES)
with st.sidebar:
    st.toggle("Lecture mode", key="lecture", bind="query-params",
              help="Hides the prose and enlarges chart text for a projector.")
page.run()
