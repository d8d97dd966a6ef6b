"""A dropdown over a rating scale whose first choice means "no answer yet" (``common.NO_CHOICE``)."""

from __future__ import annotations

import html
from typing import Callable

import ipywidgets as widgets

from ..content.assessment import Scale
from .common import NO_CHOICE, Looks, long_label


def rating_dropdown(scale: Scale, blank: str, label: str, looks: Looks) -> widgets.Dropdown:
    """A dropdown of ``blank`` then every step of ``scale``, showing ``blank``, with ``label``
    (HTML: the question it answers) shown whole as its label; read it with ``common.chosen`` and
    set it with ``common.choice``."""
    options = [(blank, NO_CHOICE)] + [(f"{p.value} {p.label}", p.value) for p in scale.scale]
    return long_label(looks.make(widgets.Dropdown, options=options, value=NO_CHOICE, description=label,
                                 description_allow_html=True))


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
