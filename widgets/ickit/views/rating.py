"""A dropdown over a rating scale whose first choice means "no answer yet".

The blank choice carries the value -1, not ``None``: ipywidgets shows a dropdown whose value
becomes ``None`` as having no selection at all, rather than showing the blank choice.
"""

from __future__ import annotations

import ipywidgets as widgets

from ..content.assessment import Scale

BLANK = -1


def rating_dropdown(scale: Scale, blank: str, width: str = "190px") -> widgets.Dropdown:
    """A dropdown of ``blank`` then every step of ``scale``, showing ``blank``."""
    options = [(blank, BLANK)] + [(f"{p.value} {p.label}", p.value) for p in scale.scale]
    return widgets.Dropdown(options=options, value=BLANK, layout={"width": width})


def set_rating(dropdown: widgets.Dropdown, value: int | None) -> None:
    dropdown.value = BLANK if value is None else value


def rating_of(value: int) -> int | None:
    """The rating a dropdown value stands for: ``None`` for the blank choice."""
    return None if value == BLANK else value
