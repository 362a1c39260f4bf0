"""Altair chart builders: plain functions from arrays or DataFrames to alt.Chart, no streamlit."""
