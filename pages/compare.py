"""ReLU & friends: being built; this page will show the same experiments with tanh, ReLU and leaky ReLU side by side."""
import streamlit as st

st.title("ReLU & friends")
st.info("This page is being built. It will show the same experiments with tanh, ReLU and leaky ReLU side by side.")
