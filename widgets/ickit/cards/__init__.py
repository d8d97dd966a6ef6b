"""Topic cards: the one renderer of the kit's content as short sourced cards.

Notebooks, dashboards and slides all draw a section of ``data/`` through the macros of
``templates/cards.html.jinja2``, one per section and named as the section is in
:class:`~ickit.content.schema.Content` (``laws``, ``integration_levels``, ``dimensions``...).
Every card ends with its source; a listed point from another source names its own. The Jinja
environment autoescapes, so nothing here escapes by hand.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import unescape
from html.parser import HTMLParser
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
         "background:rgba(60,125,140,.06)}.ickit-card h4{margin:.6em 0 .2em}"
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


def render(content: Content, *names: str, only: str | None = None, detail: Detail = "card") -> str:
    """The HTML of the cards of each named section (``only``: just the item with that id)."""
    library = _library()
    html = "".join(str(getattr(library, _section(name))(content, content.citation, only, detail))
                   for name in names)
    if only is not None and "ickit-card" not in html:
        raise KitInputError(f"There is no item '{only}' in {', '.join(names)}.")
    return html


def items(content: Content, *names: str, detail: Detail = "gist") -> list[Card]:
    """Each item of the named sections as a card of its own, in order."""
    found = []
    for name in map(_section, names):
        for item_id in _ids(content, name):
            html = render(content, name, only=item_id, detail=detail)
            text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
            found.append(Card(name, item_id, html, text))
    return found


def markdown(content: Content, *names: str, only: str | None = None) -> str:
    """The same cards as Markdown, for a notebook's Markdown cells."""
    return _Markdown.of(render(content, *names, only=only))


def _section(name: str) -> str:
    section = name.replace("-", "_")
    if section not in sections():
        raise KitInputError(f"There is no topic '{name}'; the topics are: {', '.join(sections())}.")
    return section


def _ids(content: Content, section: str) -> list[str]:
    value = getattr(content, section)
    return [x.id for x in value] if isinstance(value, list) else [value.id] if isinstance(value, BaseModel) else []


class _Markdown(HTMLParser):
    """Markdown for the few tags the card library writes: headings, paragraphs, lists, tables."""

    HEADINGS = {"h2": "## ", "h3": "### ", "h4": "#### "}

    def __init__(self):
        super().__init__()
        self.lines: list[str] = []
        self.line, self.prefix = "", ""
        self.lists: list[list] = []  # each open list: its tag and how many items it has had
        self.spans: list[bool] = []  # each open span: whether it is a label (written bold)
        self.rows: list[list[str]] = []
        self.row: list[str] | None = None
        self.code = False

    def handle_starttag(self, tag, attrs):
        if tag in self.HEADINGS:
            self._flush(blank=True)
            self.prefix = self.HEADINGS[tag]
        elif tag in ("p", "div"):
            self._flush(blank=not self.lists)
        elif tag in ("ul", "ol"):
            self._flush(blank=not self.lists)
            self.lists.append([tag, 0])
        elif tag == "li":
            self._flush()
            self.lists[-1][1] += 1
            kind, n = self.lists[-1]
            self.prefix = "  " * (len(self.lists) - 1) + ("- " if kind == "ul" else f"{n}. ")
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.row.append("")
        elif tag == "span":
            self.spans.append(("class", "label") in attrs)
            self._bold(self.spans[-1])
        elif tag in ("strong", "b"):
            self._bold(True)
        elif tag == "code":
            self.handle_data("`", raw=True)
            self.code = True

    def handle_endtag(self, tag):
        if tag in self.HEADINGS or tag in ("p", "div"):
            self._flush(blank=not self.lists)
        elif tag in ("ul", "ol"):
            self._flush()
            self.lists.pop()
            if not self.lists:
                self._blank()
        elif tag == "li":
            self._flush()
        elif tag == "tr" and self.row is not None:
            self.rows.append(self.row)
            self.row = None
        elif tag == "table":
            self._flush(blank=True)
            for n, row in enumerate(self.rows):
                self.lines.append("| " + " | ".join(" ".join(c.split()) for c in row) + " |")
                if n == 0:
                    self.lines.append("|" + "---|" * len(row))
            self.rows = []
            self._blank()
        elif tag == "span" and self.spans:
            self._bold(self.spans.pop())
        elif tag in ("strong", "b"):
            self._bold(True)
        elif tag == "code":
            self.code = False
            self.handle_data("`", raw=True)

    def handle_data(self, data, raw=False):
        for ch in "" if raw or self.code else "\\*_`[]<>|":
            data = data.replace(ch, "\\" + ch)
        if self.row is None:
            self.line += data
        elif self.row:
            self.row[-1] += data

    def _bold(self, on: bool):
        if on:
            self.line += "**"

    def _flush(self, blank: bool = False):
        text = " ".join(self.line.split())
        if text:
            self.lines.append(self.prefix + text)
            self.prefix = ""
        self.line = ""
        if blank:
            self._blank()

    def _blank(self):
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    @classmethod
    def of(cls, html: str) -> str:
        parser = cls()
        parser.feed(html)
        parser._flush()
        return "\n".join(parser.lines).strip() + "\n"
