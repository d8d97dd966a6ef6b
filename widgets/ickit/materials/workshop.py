"""A workshop plan as one deck: title, agenda, each block's deck and activity, breaks and close.

Built from ``data/workshops.yaml``; the trainer's name, organisation and date and the address
participants join are what the trainer types, and the template escapes them like any text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from ..content import Content
from ..content.workshops import Block, Workshop
from ..errors import KitInputError
from .decks import deck_html, deck_segments, title_slide
from .guide import questions
from .handouts import HANDOUTS
from .pages import Page, Segment, paginate
from .render import clock, write
from .slide import BUDGET, Entry, Part, Slide, leading, listing, words


AGENDA_LINES = 8  # short lines: a clock time and a block's title


@dataclass(frozen=True)
class Details:
    """What the trainer gives ``ickit slides`` for a session; any of it may be left out."""

    trainer: str = ""
    organisation: str = ""
    date: str = ""
    join: str = ""  # the address ``ickit serve --public`` printed, with its token


@dataclass(frozen=True)
class Join:
    """A dashboard to open: its title, and its address and QR code when the address is known."""

    title: str
    url: str = ""
    sources = ()

    @property
    def text(self) -> str:
        where = "at" if self.url else "from the address the trainer gives"
        return f"Open the dashboard “{self.title}” {where}"

    @property
    def words(self) -> int:
        return words(self.text) + (1 if self.url else 0)

    @property
    def qr(self) -> str:
        return qr_svg(self.url) if self.url else ""


def join_address(text: str) -> str:
    """``text`` if it is a web address participants can open, else a :class:`KitInputError`."""
    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise KitInputError("--join must be a web address starting with http:// or https://, "
                            "such as the one `ickit serve --public` prints")
    if parts.hostname.upper() == "HOST":
        raise KitInputError("--join: replace HOST in the address with this machine's name or its "
                            "address on the network participants join")
    return text.strip()


def dashboard_address(join: str, notebook: str) -> str:
    """The address of dashboard ``notebook`` on the server ``join`` points to, keeping its token."""
    parts = urlsplit(join)
    path = f"{parts.path.rstrip('/')}/voila/render/{notebook}.ipynb"
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


@lru_cache(maxsize=64)
def qr_svg(url: str) -> str:
    """A QR code of ``url`` as inline SVG, drawn here by segno: nothing is fetched."""
    import segno

    return segno.make(url, error="m").svg_inline(border=2, omitsize=True, title=url)


def build_workshops(content: Content, out: Path, details: dict[str, Details]) -> list[Path]:
    """Write ``workshop-<id>.html`` for every plan, with ``details`` for the plans named in it."""
    return [write(out / f"workshop-{w.id}.html",
                  deck_html(content, w.name, workshop_pages(content, w, details.get(w.id, Details()))))
            for w in content.workshops]


def workshop_pages(content: Content, w: Workshop, details: Details) -> list[Page]:
    decks = content.by_id("decks")
    segments = [Segment(w.name, 0, [title(w, details)], id="title"),
                Segment("Agenda", 0, agenda(w), id="agenda")]
    elapsed = 0
    for block in w.blocks:
        deck = decks.get(block.deck)
        if deck:
            segments.append(Segment(deck.title, 0, [title_slide(deck, kind="section")], id=f"{block.id}-deck"))
            segments += deck_segments(content, deck)
        left = block.minutes - (deck.minutes if deck else 0)
        ends = clock(w.starts, elapsed + block.minutes)
        segments.append(Segment(block.title, left, block_slides(content, w, block, left, ends, details),
                                id=block.id))
        elapsed += block.minutes
    return paginate(segments, lambda a, b: f"{clock(w.starts, a)} to {clock(w.starts, b)}")


def title(w: Workshop, details: Details) -> Slide:
    when = f"{w.starts} to {clock(w.starts, w.minutes)}"
    lines = [details.trainer, details.organisation, f"{details.date}, {when}" if details.date else when]
    return Slide(w.name, kind="title", lines=tuple(filter(None, lines)), notes=(w.purpose,))


def agenda(w: Workshop) -> list[Slide]:
    starts, elapsed = [], 0
    for block in w.blocks:
        starts.append(clock(w.starts, elapsed))
        elapsed += block.minutes
    return listing("Agenda", [Entry(b.title, label=t) for b, t in zip(w.blocks, starts)], "agenda",
                   notes=[f"Ends at {clock(w.starts, w.minutes)}."], most=AGENDA_LINES)


def block_slides(content: Content, w: Workshop, block: Block, minutes: int, ends: str,
                 details: Details) -> list[Slide]:
    """The slide that sets a block's activity going (or a break's, or the close's)."""
    if block.kind == "break":
        meta = Part("meta", f"{minutes} minutes: back at {ends}")
    else:
        meta = Part("meta", f"Activity: {minutes} minutes, until {ends}")
    fixed = [meta]
    if block.dashboard:
        address = dashboard_address(details.join, block.dashboard) if details.join else ""
        fixed.append(Part("join", figure=Join(dashboard_title(content, block.dashboard), address)))
    room = BUDGET - words(block.title) - sum(p.words for p in fixed)
    shown = leading(block.activity, room)
    lead = (Part("lead", shown),) if shown else ()
    parts = tuple(fixed) + lead if block.kind == "break" else lead + tuple(fixed)
    slide = Slide(block.title, parts=parts, kind=block.kind,
                  notes=tuple(filter(None, [block.activity if shown != block.activity else "",
                                            *activity_notes(content, block)])))
    if block.kind != "close":
        return [slide]
    thanks = Slide("Thank you", kind="section", lines=tuple(filter(None, [details.trainer, details.organisation])))
    return [slide, *listing("What you take away", [Entry(t) for t in w.takeaways]), thanks]


def activity_notes(content: Content, block: Block) -> list[str]:
    asked = questions(content)
    notes = [f"Discussion question, {asked[q][0]}: {asked[q][1]}" for q in block.questions]
    if block.handouts:
        notes.append("Hand out: " + "; ".join(HANDOUTS[h].title(content) for h in block.handouts) + ".")
    if block.paper:
        notes.append(f"Without the dashboard: {block.paper}")
    return notes


def dashboard_title(content: Content, notebook: str | None) -> str:
    return next((d.title for d in content.dashboards if d.notebook == f"{notebook}.ipynb"), notebook or "")
