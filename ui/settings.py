"""A page's settings, declared once (TensorFlow Playground's state.ts): each setting's URL key, default, range or
options, label and help. The widgets, their URL binding, the presets and the lecture story's steps come from it."""
from dataclasses import dataclass
from typing import Callable

import streamlit as st

from .link import labelled, restate


@dataclass(frozen=True)
class Setting:
    """One control. kind: slider (range = (lo, hi, step)), select_slider / selectbox / radio / segmented /
    multiselect / pills (options; pills: choose any number), toggle, or seed (a whole number 0-999).
    names: option -> the label shown for it (links carry the label; one that states the option itself still works).
    on_change: a callback run when the widget is moved (e.g. to set another setting)."""

    key: str
    label: str
    default: object
    kind: str = "slider"
    range: tuple = ()
    options: tuple = ()
    help: str | None = None
    names: dict | None = None
    captions: tuple | None = None
    on_change: Callable | None = None

    def show(self, where=st):
        """Draw the widget in `where` (st, a column, a container), bound to the URL under the key; its value."""
        if self.names:
            labelled(self.key, self.names)  # a link states an option by its label
            restate(self.key, self.names)  # or, made before the labels, by its id
        common = dict(key=self.key, help=self.help, bind="query-params")
        if self.on_change:
            common["on_change"] = self.on_change
        shown = {"format_func": lambda o: self.names.get(o, o)} if self.names else {}
        options = list(self.options)
        if self.kind == "slider":
            return where.slider(self.label, *self.range[:2], self.default, self.range[2], **common)
        if self.kind == "select_slider":
            return where.select_slider(self.label, options, value=self.default, **shown, **common)
        if self.kind == "selectbox":
            return where.selectbox(self.label, options, index=options.index(self.default), **shown, **common)
        if self.kind == "radio":
            return where.radio(self.label, options, index=options.index(self.default), horizontal=True,
                               captions=self.captions, **shown, **common)
        if self.kind == "segmented":
            value = where.segmented_control(self.label, options, default=self.default, **shown, **common)
            return self.default if value is None else value  # a click on the chosen option empties it
        if self.kind == "multiselect":
            return where.multiselect(self.label, options, default=list(self.default), **shown, **common)
        if self.kind == "pills":
            return where.pills(self.label, options, selection_mode="multi", default=list(self.default), **shown,
                               **common)
        if self.kind == "toggle":
            return where.toggle(self.label, self.default, **common)
        if self.kind == "seed":  # a float input: an int number_input bound to the URL crashes on a 5000-digit value
            return int(where.number_input(self.label, 0.0, 999.0, float(self.default), 1.0, "%.0f", **common))
        raise ValueError(f"unknown kind {self.kind!r} for setting {self.key!r}")


class Settings:
    """A page's (or a section's) table of settings, by key."""

    def __init__(self, *settings):
        self.by_key = {s.key: s for s in settings}

    def __getitem__(self, key):
        return self.by_key[key]

    def __iter__(self):
        return iter(self.by_key.values())

    def show(self, key, where=st):
        """The widget of `key`, drawn in `where`; its value."""
        return self.by_key[key].show(where)

    def defaults(self):
        """{key: default} for every setting in the table."""
        return {s.key: s.default for s in self}

    def preset(self, **changes):
        """Every setting at its default but `changes` ({key: value}); an unknown key is an error, not a silent no-op."""
        unknown = set(changes) - set(self.by_key)
        if unknown:
            raise KeyError(f"no setting {', '.join(sorted(unknown))} in this table")
        return {**self.defaults(), **changes}
