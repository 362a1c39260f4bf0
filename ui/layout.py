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


def controls(table, main, more=(), presets=None, fold_presets=False):
    """A section's controls column beside its view: its presets ((key, {name: settings}) or None, e.g. during a story
    step, which sets them itself), its `main` settings, then the `more` ones folded away in lecture mode. main, more:
    rows of setting keys from `table` (a ui.Settings), side by side normally, one under another in lecture mode's
    narrow column. A row may be {key: relative column width}, or a function of the values drawn so far that returns
    the row (a setting shown only for some value of another). fold_presets: in lecture mode the presets fold into a
    closed expander too, so that a section with many keeps its main settings beside the chart. Returns
    ({key: value}, view)."""
    narrow = lecture()
    panel, view = beside()
    values = {}

    def rows(keys):
        for row in keys:
            row = row(values) if callable(row) else row
            row = (row,) if isinstance(row, str) else row
            widths = list(row.values()) if isinstance(row, dict) else len(row)
            places = [st.container() for _ in row] if narrow or len(row) == 1 else st.columns(widths)
            values.update({key: table.show(key, where) for key, where in zip(row, places)})

    with panel:
        if presets and narrow and fold_presets:
            with st.expander("Presets"):
                preset_buttons(*presets, stacked=True)
        elif presets:
            preset_buttons(*presets, stacked=narrow)
        rows(main)
        if more:
            with more_controls():
                rows(more)
    return values, view
