"""A dropdown over a rating scale whose first choice means "no answer yet".

The blank choice carries the value -1, not ``None``: ipywidgets shows a dropdown whose value
becomes ``None`` as having no selection at all, rather than showing the blank choice.
"""

from __future__ import annotations

import html
from typing import Callable

import ipywidgets as widgets

from ..content.assessment import Scale
from .common import Looks

BLANK = -1


def rating_dropdown(scale: Scale, blank: str, looks: Looks, width: str = "190px") -> widgets.Dropdown:
    """A dropdown of ``blank`` then every step of ``scale``, showing ``blank``."""
    options = [(blank, BLANK)] + [(f"{p.value} {p.label}", p.value) for p in scale.scale]
    return looks.make(widgets.Dropdown, options=options, value=BLANK, layout={"width": width})


def set_rating(dropdown: widgets.Dropdown, value: int | None) -> None:
    dropdown.value = BLANK if value is None else value


def rating_of(value: int) -> int | None:
    """The rating a dropdown value stands for: ``None`` for the blank choice."""
    return None if value == BLANK else value


def scale_intro(scale: Scale, how: str) -> widgets.HTML:
    """The scale's prompt, ``how`` (a sentence on how to answer), every step with its meaning, and
    whose scale it is."""
    steps = "".join(f"<li><b>{p.value} {html.escape(p.label)}</b>: {html.escape(p.meaning)}</li>"
                    for p in scale.scale)
    return widgets.HTML(f"<p>{html.escape(scale.prompt)} {html.escape(how)}</p><ul>{steps}</ul>"
                        f"<p><i>{html.escape(scale.note)}</i></p>")


def on_upload(upload: widgets.FileUpload, load: Callable[[bytes], None]) -> Callable:
    """A ``value`` observer for ``upload``: empties it, then hands the file's bytes to ``load``."""

    def uploaded(change) -> None:
        if change["new"]:
            data = bytes(change["new"][0]["content"])
            upload.value = ()
            load(data)

    return uploaded
