"""Page layout: a title with its two-sentence intro, section headings, takeaways that stay in lecture mode, prose,
and a section's controls beside its view, with the secondary ones that lecture mode tucks away."""
import streamlit as st

from .presets import presets as preset_buttons


def lecture():
    """True when the sidebar's lecture mode (URL key `lecture`) is on."""
    return bool(st.session_state.get("lecture", False))


def header(title, intro):
    """The page title and, outside lecture mode, its short introduction."""
    st.title(title)
    explain(intro)


def section(title, anchor):
    """A section's heading, one style on every page; `anchor` is its #link and a story step's landing place."""
    st.subheader(title, anchor=anchor)


def takeaway(key, text):
    """The one sentence that answers the section's question (Markdown): it stays in lecture mode, in large type
    there (app.py styles .st-key-takeaway_<key>)."""
    with st.container(key=f"takeaway_{key}"):
        st.markdown(text)


def explain(text):
    """Markdown prose beside a chart; hidden in lecture mode, where the lecturer speaks it."""
    if not lecture():
        st.markdown(text)


def beside():
    """(controls, view): in lecture mode two columns, the controls beside the chart so both fit a 1280 x 720
    projector; otherwise two containers, the controls above the view."""
    return st.columns([1.25, 2.8], gap="medium") if lecture() else (st.container(), st.container())


def more_controls():
    """A container for secondary controls: inline normally, folded into a closed expander in lecture mode."""
    return st.expander("More controls") if lecture() else st.container()


def controls(table, main, more=(), presets=None, fold_presets=False, side=None, alone=False):
    """A section's controls column beside its view: its presets ((key, {name: settings}) or None, e.g. during a story
    step, which sets them itself; a third item, if any, is how many buttons a row holds), its `main` settings, then
    the `more` ones folded away in lecture mode. Returns ({key: value}, view), view None when `alone`.
    - main, more: rows of setting keys from `table` (a ui.Settings, or a function of the values drawn so far giving
      one: a setting whose options depend on another's value), side by side normally, one under another in lecture
      mode's narrow column. A row may be {key: relative column width}, or a function of the values drawn so far that
      returns the row (a setting shown only for some value of another).
    - fold_presets: in lecture mode the presets fold into a closed expander too, so that a section with many keeps
      its main settings beside the chart.
    - side: the widths of two columns that hold main and more side by side outside lecture mode (a section with one
      main control and a few small ones), instead of more under main.
    - alone: no view beside the controls, which run across the page (the setup of a view that a fragment below
      draws); in lecture mode the presets fold away with the more settings."""
    narrow = lecture()
    panel, view = (st.container(), None) if alone else beside()
    values = {}

    def rows(keys):
        for row in keys:
            row = row(values) if callable(row) else row
            row = (row,) if isinstance(row, str) else row
            widths = list(row.values()) if isinstance(row, dict) else len(row)
            places = [st.container() for _ in row] if narrow or len(row) == 1 else st.columns(widths)
            for key, where in zip(row, places):
                values[key] = (table(values) if callable(table) else table).show(key, where)

    def buttons():
        preset_buttons(*presets[:2], stacked=narrow, per_row=presets[2] if len(presets) > 2 else None)

    with panel:
        if presets and narrow and fold_presets:
            with st.expander("Presets"):
                buttons()
        elif presets and not (alone and narrow):
            buttons()
        first, second = st.columns(side, vertical_alignment="bottom") if side and not narrow else (panel, panel)
        with first:
            rows(main)
        if more:
            with second, more_controls():
                rows(more)
                if presets and alone and narrow:
                    buttons()
    return values, view
