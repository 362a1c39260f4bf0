"""Streamlit pieces every page shares: lecture mode, prose, charts, check-yourself questions."""
from .layout import explain, header, lecture
from .quiz import check_yourself
from .show import chart, source

__all__ = ["explain", "header", "lecture", "check_yourself", "chart", "source"]
