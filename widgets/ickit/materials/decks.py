"""One reveal.js deck per part, each slide a step of the arrow keys, with speaker notes."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..content import Content
from ..content.workshops import Deck
from ..upstream import plotly_js_file
from .pages import Page, Segment, paginate
from .render import render, write
from .sections import slides_for
from .slide import Slide

VENDOR = "vendor"
PLOTLY_JS = Path(VENDOR, "plotly.js", "plotly.min.js")
KIT = "Integrated Care Workshop Kit"


def build_decks(content: Content, out: Path) -> list[Path]:
    """Write ``<deck id>.html`` for every deck; copy plotly.js beside them for their charts."""
    written = [write(out / f"{deck.id}.html", deck_html(content, deck.title, deck_pages(content, deck)))
               for deck in sorted(content.decks, key=lambda d: d.order)]
    return [*written, copy_plotly_js(out / PLOTLY_JS)]


def deck_pages(content: Content, deck: Deck) -> list[Page]:
    segments = [Segment(deck.title, 0, [title_slide(deck)], id="title"), *deck_segments(content, deck)]
    return paginate(segments, lambda a, b: f"minutes {whole(a)} to {whole(b)} of {deck.minutes}")


def deck_segments(content: Content, deck: Deck) -> list[Segment]:
    return [Segment(g.title, g.minutes, slides_for(content, g), g.prompt, g.id) for g in deck.groups]


def title_slide(deck: Deck, kind: str = "title") -> Slide:
    parts = "; ".join(f"{g.title}, {g.minutes} min" for g in deck.groups)
    return Slide(deck.title, kind=kind, lines=(deck.subtitle, f"about {deck.minutes} minutes"),
                 notes=(f"{deck.title} takes about {deck.minutes} minutes in {len(deck.groups)} parts: "
                        f"{parts}.",))


def deck_html(content: Content, title: str, pages: list[Page], lang: str = "en") -> str:
    return render("deck.html.jinja2", content, title=title, pages=pages, kit=KIT, vendor=VENDOR,
                  plotly_js=PLOTLY_JS.as_posix(), lang=lang,
                  charts=any(p.kind == "figure" for page in pages for p in page.slide.parts))


def whole(minutes: float) -> int:
    """Minutes rounded half up (``format`` would round 2.5 to 2)."""
    return int(minutes + 0.5)


def copy_plotly_js(target: Path) -> Path:
    """plotly.js from the installed plotly package, so the decks' charts need no network."""
    source = plotly_js_file()
    if not target.exists() or target.stat().st_size != source.stat().st_size:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return target
