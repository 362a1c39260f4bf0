"""Sigmoid Lab: the entry point. Page config, the sidebar (lecture mode, link), and the navigation."""
import streamlit as st
from threadpoolctl import threadpool_limits

import ui

# Small matrices and many sessions at once: one BLAS thread per call is faster than threads fighting for two cores.
threadpool_limits(1)

LECTURE_LINK = st.query_params.get("lecture") == "true"
st.set_page_config(page_title="Sigmoid Lab", page_icon="∫", layout="wide",
                   initial_sidebar_state="collapsed" if LECTURE_LINK else "auto")

# The pages live in views/, not pages/: a pages/ folder beside app.py switches on Streamlit's legacy discovery, and a
# fresh server's first request to a page link would then show "Page not found" (or run the page without app.py).
PAGES = [
    st.Page("views/home.py", title="Home", icon=":material/home:", default=True),
    st.Page("views/saturation.py", title="Saturation", icon=":material/compress:", url_path="saturate"),
    st.Page("views/zero_centred.py", title="Not zero-centred", icon=":material/swap_calls:", url_path="zigzag"),
    st.Page("views/initialization.py", title="Initialization", icon=":material/tune:", url_path="init"),
    st.Page("views/compare.py", title="ReLU & friends", icon=":material/compare_arrows:", url_path="relu"),
]

page = st.navigation(PAGES)
st.session_state["_page"] = page.url_path or "home"
ui.remember_arrival(st.session_state["_page"])
with st.sidebar:
    st.toggle("Lecture mode", key="lecture", bind="query-params",
              help="Hides the prose and exports, folds secondary controls away, and enlarges chart text.")
    ui.share_link()
st.html("<style>[class*='st-key-takeaway_'] { border-left: 4px solid #c0392b; padding-left: 0.8rem; }</style>")
if ui.lecture():  # less top padding; every word on the page readable from the back of a hall
    st.html("<style>[data-testid='stMainBlockContainer'] { padding-top: 2rem; } "

            "h1 { font-size: 2.25rem !important; } "
            "[data-testid='stWidgetLabel'] p, [data-testid='stMetricLabel'] p, [data-testid='stCaptionContainer'], "
            "[data-testid='stCaptionContainer'] p, .stButton button p, [data-testid='stMarkdownContainer'] p "
            "{ font-size: max(1.125rem, 1em); } "
            ".vega-bind span { font-size: 1.125rem !important; } .vega-bind input[type='checkbox'] { transform: scale(1.5); } "
            "[class*='st-key-quiz_'] [data-testid='stMarkdownContainer'] p { font-size: 1.3rem; } "
            "[class*='st-key-takeaway_'] [data-testid='stMarkdownContainer'] p { font-size: 1.4rem; line-height: 1.4; }"
            "</style>")
page.run()
ui.notice_ignored(st.session_state["_page"])
