"""Play / pause / step / reset through the frames of a view that evolves (a path, a training run)."""
import streamlit as st


def _set(key, value):
    st.session_state[key] = value


def _from_the_start_if_done(play_key, step_key, last):
    """Play switched on at the last step starts again from the first."""
    if st.session_state.get(play_key) and int(st.session_state.get(step_key, last)) >= last:
        st.session_state[step_key] = 0


def player(key, n_steps, render, fps=5):
    """Frames 0..n_steps-1, drawn by render(step); the step is a URL-bound slider, play reruns only this fragment.

    Play is a toggle, not a button: its state travels with every rerun, so a pause clicked while the timer reruns
    the fragment is never lost (a button's one-shot click can be)."""
    step_key, play_key = f"{key}_step", f"{key}_playing"
    playing = bool(st.session_state.get(play_key, False))
    last = max(int(n_steps) - 1, 0)

    @st.fragment(run_every=1.0 / fps if playing else None)
    def frame():
        if bool(st.session_state.get(play_key, False)) != playing:
            st.rerun()  # play state changed: redefine the fragment with (or without) its timer
        step = min(max(int(st.session_state.get(step_key, last)), 0), last)
        if playing:
            if step >= last:
                st.session_state[play_key] = False
                st.rerun()
            step += 1
        if step != st.session_state.get(step_key, step if step_key not in st.session_state else None):
            st.session_state[step_key] = step
        cols = st.columns([2, 2, 2, 2, 7], vertical_alignment="bottom")
        cols[0].button("First", icon=":material/first_page:", key=f"{key}_reset", help="Back to the start", on_click=_set, args=(step_key, 0))
        cols[1].button("Back", icon=":material/chevron_left:", key=f"{key}_back", help="One step back", on_click=_set, args=(step_key, max(step - 1, 0)))
        cols[2].toggle("Play", key=play_key, bind="query-params", on_change=_from_the_start_if_done,
                       args=(play_key, step_key, last), help="Play through the steps; switch off to pause")
        cols[3].button("Next", icon=":material/chevron_right:", key=f"{key}_next", help="One step on", on_click=_set,
                       args=(step_key, min(step + 1, last)))
        if last > 0:
            cols[4].slider(f"Step (of {last})", 0, last, key=step_key, bind="query-params")
        render(int(st.session_state.get(step_key, step)))

    frame()
