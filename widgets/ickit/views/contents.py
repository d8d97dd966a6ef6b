"""The "kit at a glance" dashboard: pick a topic, filter by words, read short sourced cards."""

from __future__ import annotations

import html

import ipywidgets as widgets

from .. import cards
from ..content import Content, load_content
from ..logic.contents import TOPICS, matches, sections
from .common import Message, guarded, kit_view


def render_cards(content: Content, topic: str, query: str) -> str:
    """The HTML of the matching cards, or a note that nothing matches."""
    found = [c.html for c in cards.items(content, *sections(topic), heading=2) if matches(c.text, query)]
    if not found:
        return f"<p>Nothing under {html.escape(topic)} mentions “{html.escape(query)}”.</p>"
    return f'{cards.STYLE}<div class="ickit-cards">{"".join(found)}</div>'


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
    view = widgets.VBox([widgets.HBox([topic, query]), message, shown])
    kit_view(view, "ickit-contents")
    return view
