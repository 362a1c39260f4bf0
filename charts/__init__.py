"""Chart builders: plain functions from arrays or DataFrames to Vega-Lite charts (charts.spec.Spec), no streamlit."""
