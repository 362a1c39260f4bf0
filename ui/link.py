"""Links: every setup lives in the URL; this shows it for copying, and says what a bad link had that was ignored."""
from urllib.parse import urlencode

import streamlit as st

RAW = "_url_on_arrival"


@st.fragment
def share_link():
    """A button that shows this page's link, with every setting in it, ready to copy."""
    if st.button("Link to this setup", icon=":material/link:", key="share_link", width="stretch"):
        query = urlencode([(k, v) for k in st.query_params for v in st.query_params.get_all(k)])
        st.code(f"{st.context.url}{'?' + query if query else ''}", language=None, wrap_lines=True)


def remember_arrival(page):
    """Call before `page` runs: keeps the URL's settings as they arrived, on the first visit to it this session."""
    arrivals = st.session_state.setdefault(RAW, {})
    if page not in arrivals:
        arrivals[page] = {k: st.query_params.get_all(k) for k in st.query_params}


def _same(raw, value):
    values = value if isinstance(value, (list, tuple)) else [value]
    if raw == [""] and values == []:  # an emptied multiselect: `key=` with nothing after it
        return True
    if len(raw) != len(values):
        return False
    for r, v in zip(raw, values):
        try:
            if isinstance(v, bool):
                ok = r.lower() == str(v).lower()
            elif isinstance(v, (int, float)):
                ok = float(r) == float(v)
            else:
                ok = r == str(v)
        except ValueError:
            ok = False
        if not ok:
            return False
    return True


def _quote(text):
    return "`" + text.replace("`", "'")[:40] + "`"


def notice_ignored(page):
    """Call after `page` ran: a short notice naming what the arriving link had that no widget accepted."""
    raw = st.session_state[RAW][page]
    if not raw:
        return
    st.session_state[RAW][page] = {}
    bad = [f"{_quote(k)} (unknown setting)" if k not in st.session_state else f"{_quote(k)} = {_quote(v[-1])}"
           for k, v in raw.items() if k not in st.session_state or not _same(v, st.session_state[k])]
    if bad:
        st.toast("This link had settings the page could not use, so it uses defaults instead: " + ", ".join(bad),
                 icon=":material/link_off:")
