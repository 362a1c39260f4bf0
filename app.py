"""Sigmoid Lab: the entry point. Page config, the sidebar (lecture mode, link), and the navigation."""
import streamlit as st
from threadpoolctl import threadpool_limits

import ui

# Small matrices and many sessions at once: one BLAS thread per call is faster than threads fighting for two cores.
threadpool_limits(1)

LECTURE_LINK = st.query_params.get("lecture") == "true"
st.set_page_config(page_title="Sigmoid Lab", page_icon="∫", layout="wide",
                   initial_sidebar_state="collapsed" if LECTURE_LINK else "auto")

# URL paths differ from the file names on purpose: a pages/ folder also triggers Streamlit's legacy discovery, which,
# on a server's first run, would run a page whose URL matches its file name without this script around it.
PAGES = [
    st.Page("pages/home.py", title="Home", icon=":material/home:", default=True),
    st.Page("pages/saturation.py", title="Saturation", icon=":material/compress:", url_path="saturate"),
    st.Page("pages/zero_centred.py", title="Not zero-centred", icon=":material/swap_calls:", url_path="zigzag"),
    st.Page("pages/initialization.py", title="Initialization", icon=":material/tune:", url_path="init"),
    st.Page("pages/compare.py", title="ReLU & friends", icon=":material/compare_arrows:", url_path="relu"),
]

page = st.navigation(PAGES)
st.session_state["_page"] = page.url_path or "home"
ui.remember_arrival(st.session_state["_page"])
with st.sidebar:
    st.toggle("Lecture mode", key="lecture", bind="query-params",
              help="Hides the prose and exports, folds secondary controls away, and enlarges chart text.")
    ui.share_link()
if ui.lecture():
    st.html("<style>[data-testid='stMainBlockContainer'] { padding-top: 2rem; }</style>")
page.run()
ui.notice_ignored(st.session_state["_page"])
