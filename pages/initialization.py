"""Initialization: being built; this page will show how the initial weight scale saturates or collapses a deep sigmoid net, and what Xavier and He initialisation fix."""
import streamlit as st

st.title("Initialization")
st.info("This page is being built. It will show how the initial weight scale saturates or collapses a deep sigmoid net, and what Xavier and He initialisation fix.")
