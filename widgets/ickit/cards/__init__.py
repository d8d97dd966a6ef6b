"""Topic cards: the one renderer of the kit's content as short sourced cards.

Notebooks, dashboards and slides all draw a section of ``data/`` through the macros of
``templates/cards.html.jinja2``, one per section and named as the section is in
:class:`~ickit.content.schema.Content` (``laws``, ``integration_levels``, ``dimensions``...).
``render`` gives a section's cards as HTML, ``items`` each item's card with its plain text.
Every card ends with its source; a listed point from another source names its own. The Jinja
environment autoescapes, so nothing here escapes by hand.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import unescape
from typing import Literal, NamedTuple

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined, select_autoescape
from pydantic import BaseModel

from ..content.schema import Content
from ..errors import KitInputError
from ..logic.words import number_word

Detail = Literal["gist", "card", "full"]
LIBRARY = "cards.html.jinja2"
# How a notebook or dashboard lays the cards out (the slides style them in deck.css).
STYLE = ("<style>.ickit-card{border-left:4px solid #3c7d8c;padding:.2em .8em;margin:.5em 0;"
         "background:rgba(60,125,140,.06)}.ickit-card :is(h2,h3,h4){margin:.6em 0 .2em}"
         ".ickit-card .cite{color:#555}.ickit-card .label{font-weight:600}</style>")


class Card(NamedTuple):
    """One item's card: its section, its id, its HTML and its text (for filtering)."""

    section: str
    id: str
    html: str
    text: str


def new_environment(*packages: str) -> Environment:
    """An autoescaping environment that finds this library and the templates of ``packages``."""
    loader = ChoiceLoader([PackageLoader(p, "templates") for p in (*packages, "ickit.cards")])
    env = Environment(loader=loader, autoescape=select_autoescape(["jinja2"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["words"] = number_word
    return env


@lru_cache(maxsize=1)
def _library():
    return new_environment().get_template(LIBRARY).module


def sections() -> list[str]:
    """Every section the library draws, in the order of the content's fields."""
    library = _library()
    return [name for name in Content.model_fields if hasattr(library, name)]


def render(content: Content, *names: str, only: str | None = None, detail: Detail = "card",
           heading: int = 4) -> str:
    """The HTML of the cards of each named section (``only``: just the item with that id), each
    card's title an ``h`` of level ``heading``: a page that shows cards under its h1 gives 2, so
    that no heading level is skipped (a screen reader's outline of the page)."""
    library = _library()
    html = "".join(str(getattr(library, _section(name))(content, content.citation, only, detail))
                   for name in names)
    if only is not None and "ickit-card" not in html:
        raise KitInputError(f"There is no item '{only}' in {', '.join(names)}.")
    # the template's tags only: what the content holds is escaped
    return html if heading == 4 else re.sub(r"<(/?)h4>", rf"<\1h{heading}>", html)


def items(content: Content, *names: str, detail: Detail = "gist", heading: int = 4) -> list[Card]:
    """Each item of the named sections as a card of its own, in order."""
    found = []
    for name in map(_section, names):
        for item_id in _ids(content, name):
            html = render(content, name, only=item_id, detail=detail, heading=heading)
            text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
            found.append(Card(name, item_id, html, text))
    return found


def _section(name: str) -> str:
    section = name.replace("-", "_")
    if section not in sections():
        raise KitInputError(f"There is no topic '{name}'; the topics are: {', '.join(sections())}.")
    return section


def _ids(content: Content, section: str) -> list[str]:
    value = getattr(content, section)
    return [x.id for x in value] if isinstance(value, list) else [value.id] if isinstance(value, BaseModel) else []
