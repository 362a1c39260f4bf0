"""experiments: one module per lesson, NumPy on sigcore, returning arrays and DataFrames (no streamlit, no page copy)."""
