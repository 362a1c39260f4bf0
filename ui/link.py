"""Links: every setup lives in the URL; this shows it for copying, and says what a bad link had that was ignored."""
import re
from urllib.parse import urlencode

import streamlit as st

RAW = "_url_on_arrival"
SHOWN = 40
"""Characters of a link's setting name or value the notice quotes (a 100 kB link makes no 100 kB notice)."""
LISTED = 5
"""Settings the notice names; it counts the rest."""
LABELS = "_url_labels"
"""{key: {option: label}}: widgets whose options a URL states by label (Streamlit writes the label there)."""


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


def labelled(key, names):
    """Say that the widget `key` shows its options by these labels ({option: label}), so a link states them so."""
    st.session_state.setdefault(LABELS, {})[key] = names


def _same(raw, value, names=None):
    values = value if isinstance(value, (list, tuple)) else [value]
    values = [names.get(v, v) for v in values] if names else values
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


def _code(text):
    """A Markdown code span showing `text` as it is: fenced by more backticks than any run in it, and padded where
    it starts or ends with a space or backtick (a span drops one space at each end)."""
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    pad = " " if text.strip(" ") and (text[0] in " `" or text[-1] in " `") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _quote(text):
    """Markdown that shows a link's `text` literally, on one line, cut to SHOWN characters; "(empty)" for nothing."""
    if not text:
        return "(empty)"
    line = "".join(c if c.isprintable() else " " for c in text[:SHOWN])  # a line break would end the code span
    # Streamlit turns ":material/" into ":material_" even inside code, so those slashes stand between two spans
    spans = "/".join(_code(part) if part else "" for part in re.split(r"(?<=:material)/", line))
    return spans + ("…" if len(text) > SHOWN else "")


def notice_ignored(page):
    """Call after `page` ran: a short notice naming what the arriving link had that no widget accepted.

    A link is untrusted input: the notice quotes it as literal text (no Markdown or HTML of its own renders), names
    at most LISTED settings and cuts each name and value to SHOWN characters."""
    raw = st.session_state[RAW][page]
    if not raw:
        return
    st.session_state[RAW][page] = {}
    names = st.session_state.get(LABELS, {})
    bad = [k for k, v in raw.items()  # a labelled option may be stated by its label or (older links) itself
           if k not in st.session_state or not (_same(v, st.session_state[k], names.get(k))
                                                or _same(v, st.session_state[k]))]
    if bad:
        named = [f"{_quote(k)} = {_quote(raw[k][-1])}" if k in st.session_state else f"{_quote(k)} (unknown setting)"
                 for k in bad[:LISTED]]
        more = f", and {len(bad) - LISTED} more" if len(bad) > LISTED else ""
        st.toast("This link had settings the page could not use, so it uses defaults instead: " + ", ".join(named)
                 + more, icon=":material/link_off:")
