"""Streamlit pieces every page shares: lecture mode, prose, charts with export, presets, play/step, progress,
quizzes, links."""
from .layout import beside, explain, header, lecture, more_controls
from .link import notice_ignored, remember_arrival, share_link
from .player import player
from .presets import presets
from .progress import progress
from .quiz import check_yourself
from .show import chart, code, source

__all__ = ["beside", "explain", "header", "lecture", "more_controls", "notice_ignored", "remember_arrival",
           "share_link", "player", "presets", "progress", "check_yourself", "chart", "code", "source"]
