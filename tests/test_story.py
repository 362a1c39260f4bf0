"""ui.story: a lecture story steps through presets and sections; each step shows its takeaway and its section only."""
from streamlit.testing.v1 import AppTest


def _page():
    import streamlit as st

    import ui
    table = ui.Settings(ui.Setting("t_w", "w", 1.0, range=(0.0, 5.0, 0.5)))

    def first():
        st.session_state["shown"] = st.session_state.get("shown", []) + ["first"]
        table.show("t_w")

    def second():
        st.session_state["shown"] = st.session_state.get("shown", []) + ["second"]

    steps = [ui.Step("Start", "Small w learns.", first, table.preset()),
             ui.Step("Large w", "Large w stalls.", first, table.preset(t_w=4.0)),
             ui.Step("Other", "The other section.", second, table.preset())]
    st.session_state["shown"] = []
    ui.run([first, second], "t_story", steps)


def _takeaways(at):
    return [m.value for m in at.markdown if "·" in m.value]


def test_without_a_story_step_every_section_runs():
    at = AppTest.from_function(_page).run()
    assert at.session_state["shown"] == ["first", "second"]
    assert _takeaways(at) == []


def test_next_steps_on_sets_the_steps_preset_and_shows_only_its_section_with_its_takeaway():
    at = AppTest.from_function(_page).run()
    at.button(key="t_story_next").click().run()
    at.button(key="t_story_next").click().run()
    assert at.session_state["t_story"] == "2"
    assert at.session_state["t_w"] == 4.0
    assert at.session_state["shown"] == ["first"]
    assert _takeaways(at) == ["**2 / 3 · Large w.** Large w stalls."]
    at.button(key="t_story_back").click().run()
    assert at.session_state["t_w"] == 1.0 and at.session_state["t_story"] == "1"


def test_a_link_opens_the_story_at_its_step_and_keeps_the_settings_it_states():
    at = AppTest.from_function(_page)
    at.query_params["t_story"] = "2"
    at.query_params["t_w"] = "2.5"
    at.run()
    assert at.session_state["t_w"] == 2.5
    assert at.session_state["shown"] == ["first"]
    at = AppTest.from_function(_page)
    at.query_params["t_story"] = "2"
    at.run()
    assert at.session_state["t_w"] == 4.0


def test_the_story_buttons_have_keyboard_shortcuts():
    at = AppTest.from_function(_page).run()
    assert at.button(key="t_story_next").proto.shortcut.lower() == "right"
    assert at.button(key="t_story_back").proto.shortcut.lower() == "left"
