"""Not zero-centred: being built; this page will show why all-positive inputs give one-signed weight gradients and a zig-zag path, live on two weights."""
import streamlit as st

st.title("Not zero-centred")
st.info("This page is being built. It will show why all-positive inputs give one-signed weight gradients and a zig-zag path, live on two weights.")
