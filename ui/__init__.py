"""Streamlit pieces every page shares: the settings table, lecture stories, layout, a section's controls and
takeaways, charts with export, presets, play/step, progress, quizzes, links, caching, numbers in words."""
from .cache import cached
from .layout import beside, controls, explain, header, lecture, more_controls, section, takeaway
from .link import notice_ignored, remember_arrival, share_link
from .player import chart_player
from .numbers import pct, sci, times
from .presets import presets
from .progress import progress
from .quiz import check_yourself
from .settings import Setting, Settings
from .show import chart, code, source
from .story import Step, run, step_number, story

__all__ = ["cached", "beside", "controls", "explain", "header", "lecture", "more_controls", "section", "takeaway",
           "notice_ignored", "remember_arrival", "share_link", "chart_player", "presets", "progress",
           "check_yourself", "pct", "sci", "times",
           "Setting", "Settings", "chart", "code", "source", "Step", "run", "step_number", "story"]
