"""Check yourself: a question, a choice, and the answer explained once the student has tried."""
import streamlit as st


def check_yourself(key, question, options, answer, why):
    """A radio question bound to the URL; after a choice, says right or wrong and explains `why`. Its container
    (class st-key-quiz_<key>) is what lecture mode enlarges."""
    with st.container(key=f"quiz_{key}"):
        choice = st.radio(question, options, index=None, key=key, bind="query-params")
        if choice is None:
            return
        if choice == answer:
            st.success(f"Right. {why}")
        else:
            st.error(f"Not quite: the answer is **{answer}**. {why}")
