"""The "kit at a glance" dashboard: pick a topic, filter by words, read short sourced cards."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..content import Content, load_content
from ..logic.contents import TOPICS, cards
from .common import Message, guarded


def render_cards(content: Content, topic: str, query: str) -> str:
    """The HTML of the matching cards, or a note that nothing matches."""
    found = cards(content, topic, query)
    if not found:
        return f"<p>Nothing under {html.escape(topic)} mentions “{html.escape(query)}”.</p>"
    items = "".join(
        f"<li><strong>{html.escape(c.heading)}</strong><br>{html.escape(c.text)}"
        f"<br><small>Source: {html.escape(content.source(c.source).short())}</small></li>"
        for c in found)
    return f'<ul class="ickit-cards">{items}</ul>'


def contents_view(content: Content | None = None) -> widgets.VBox:
    """The dashboard's root widget."""
    content = content or load_content()
    topic = widgets.Dropdown(options=list(TOPICS), description="Topic")
    query = widgets.Text(description="Filter", placeholder="words to look for, e.g. budget",
                         continuous_update=False)
    message = Message()
    shown = widgets.HTML()

    @guarded(message)
    def update(_change=None):
        message.clear()
        shown.value = render_cards(content, topic.value, query.value)

    topic.observe(update, names="value")
    query.observe(update, names="value")
    update()
    return widgets.VBox([widgets.HBox([topic, query]), message, shown])
