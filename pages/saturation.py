"""Saturation: being built; this page will show how sigmoid units saturate and kill the gradient, with the single-neuron, deep-chain and trained-net experiments."""
import streamlit as st

st.title("Saturation")
st.info("This page is being built. It will show how sigmoid units saturate and kill the gradient, with the single-neuron, deep-chain and trained-net experiments.")
