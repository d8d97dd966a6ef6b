"""A dashboard's title and purpose, read from ``data/dashboards.yaml`` so no notebook retypes them."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from ..content import Content, load_content
from ..errors import KitInputError


def dashboard_header(dashboard_id: str, content: Content | None = None) -> widgets.HTML:
    """The dashboard's title as a heading and its purpose as the paragraph under it."""
    content = content or load_content()
    found = content.by_id("dashboards")
    if dashboard_id not in found:
        raise KitInputError(f"There is no dashboard '{dashboard_id}'; the dashboards are: {', '.join(found)}.")
    d = found[dashboard_id]
    return widgets.HTML(f"<h1>{escape(d.title)}</h1><p>{escape(d.purpose)}</p>")

