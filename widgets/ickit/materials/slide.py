"""A slide as data, and the word budget that keeps it readable from the back of a room.

A slide shows at most :data:`BUDGET` words (its heading and body, not its footer or notes). Builders
offer its parts in order of priority; what does not fit is moved, whole, to the speaker notes, so
nothing is lost or reworded. A long paragraph or list entry keeps its leading sentence (or the clause
before its first colon, or its opening words and an ellipsis) on the slide, the whole text then
going to the notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Literal

BUDGET = 40
MOST_ENTRIES = 6
SPLIT_MARK = " (1 of 2)"  # the words a heading gains when its list runs over several slides
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")


def words(text: str) -> int:
    return len(text.split())


@dataclass(frozen=True)
class Entry:
    """One line of a list on a slide: its text, the source it comes from, its item id, and notes."""

    text: str
    source: str | None = None
    id: str | None = None
    label: str = ""  # a number, a time or a scale value shown before the text
    note: str = ""


@dataclass(frozen=True)
class Part:
    """A piece of a slide's body. ``kind``: lead (a paragraph), ask (a question to the room),
    list, numbered, checklist, scale (entries), figure (a chart) or join (an address and QR)."""

    kind: Literal["lead", "ask", "list", "numbered", "checklist", "scale", "figure", "join"]
    text: str = ""
    entries: tuple[Entry, ...] = ()
    source: str | None = None
    figure: object = None  # a figure.Figure or a workshop.Join

    @property
    def words(self) -> int:
        shown = [self.text, *(f"{e.label} {e.text}" for e in self.entries)]
        return sum(words(t) for t in shown) + (self.figure.words if self.figure is not None else 0)

    @property
    def sources(self) -> list[str]:
        found = [self.source] + [e.source for e in self.entries]
        found += list(getattr(self.figure, "sources", ()))
        return [s for s in found if s]


@dataclass(frozen=True)
class Slide:
    heading: str
    parts: tuple[Part, ...] = ()
    number: str = ""  # shown before the heading: "Law 2", "3"
    notes: tuple[str, ...] = ()  # detail for the trainer: text moved off the slide, examples
    sources: tuple[str, ...] = ()  # of what the heading names; the parts add their own
    items: tuple[str, ...] = ()  # ids of content items on the slide (data-item)
    kind: str = "content"  # a class for the slide's layout: title, section, agenda, activity, ...
    lines: tuple[str, ...] = ()  # short lines under a title slide's heading

    @property
    def words(self) -> int:
        return (words(self.heading) + words(self.number) + sum(words(line) for line in self.lines)
                + sum(p.words for p in self.parts))

    @property
    def cited(self) -> list[str]:
        """Every source the slide shows, first seen first."""
        return list(dict.fromkeys([*self.sources, *(s for p in self.parts for s in p.sources)]))

    @property
    def ask(self) -> str:
        return next((p.text for p in self.parts if p.kind == "ask"), "")


def leading(text: str, room: int) -> str:
    """The most of ``text`` that fits in ``room`` words: all of it, its leading sentences, the
    clause before its first colon or semicolon, or its words up to the last comma that fits (or as
    many as fit) marked with an ellipsis; empty only if ``room`` holds no word."""
    if words(text) <= room:
        return text
    shown = ""
    for sentence in SENTENCE.split(text):
        if words(shown) + words(sentence) > room:
            break
        shown = f"{shown} {sentence}".strip()
    clause = re.split(r"[:;]", text, maxsplit=1)[0].strip()
    if not shown and clause != text and words(clause) <= room:
        shown = clause
    if not shown and room > 0:
        cut = " ".join(text.split()[:room - 1 or 1])
        shown = (cut.rsplit(",", 1)[0] if "," in cut else cut).rstrip(" ,;:") + " …"
    return shown


def statement(heading: str, offered: Iterable[Part], *, number: str = "", notes: Iterable[str] = (),
              sources: Iterable[str] = (), items: Iterable[str] = (), kind: str = "content") -> Slide:
    """A slide of ``heading`` and each offered part, in order, that fits the budget; a lead
    paragraph may keep its leading sentences. What does not fit goes to the notes, first."""
    slide = Slide(heading, number=number, sources=tuple(s for s in sources if s), items=tuple(items),
                  kind=kind)
    moved: list[str] = []
    for part in offered:
        room = BUDGET - slide.words
        if part.words <= room:
            slide = replace(slide, parts=slide.parts + (part,))
        elif part.kind == "lead" and (shown := leading(part.text, room)):
            slide = replace(slide, parts=slide.parts + (replace(part, text=shown),))
            moved.append(part.text)
        elif part.entries:
            moved += [entry_note(e) for e in part.entries]
        elif part.text:
            moved.append(part.text)
    return replace(slide, notes=(*moved, *notes))


def entry_note(entry: Entry) -> str:
    return f"{entry.text}: {entry.note}" if entry.note else entry.text


def listing(heading: str, entries: Iterable[Entry], kind: str = "list", *,
            notes: Iterable[str] = (), sources: Iterable[str] = (), most: int = MOST_ENTRIES) -> list[Slide]:
    """``entries`` as a list under ``heading``, over as few slides as the budget allows (at most
    ``most`` a slide), shared out evenly. An entry too long for a slide of its own
    keeps its leading sentence or clause; its whole text, and every entry's note, go to the notes.
    ``notes`` go to the first slide's."""
    entries, notes = list(entries), tuple(notes)
    batches = _pack(heading, entries, most)
    if len(batches) > 1:
        batches = _pack(heading + SPLIT_MARK, entries, most)
    many = len(batches) > 1
    return [_slide(f"{heading} ({i} of {len(batches)})" if many else heading, batch, kind,
                   notes if i == 1 else (), sources)
            for i, batch in enumerate(batches, 1)]


def _pack(heading: str, entries: list[Entry], most: int) -> list[list[tuple[Entry, Entry]]]:
    """Entries, each as (shown, whole), in the fewest slides that keep to the budget, sharing the
    words out as evenly as they go: the fullest slide as light as it can be, then the next."""
    room = BUDGET - words(heading)
    shown = [replace(e, text=leading(e.text, room - words(e.label))) for e in entries]
    sizes = [words(e.label) + words(e.text) for e in shown]

    def fits(i: int, j: int) -> bool:  # entries i to j-1 on one slide
        return j - i <= most and (sum(sizes[i:j]) <= room or j - i == 1)

    @lru_cache(maxsize=None)
    def best(i: int, k: int) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
        """For entries i.. on k slides: the slides' words, fullest first, and where they break."""
        if k == 1:
            return ((sum(sizes[i:]),), ()) if fits(i, len(sizes)) else None
        options = [(tuple(sorted((sum(sizes[i:j]), *rest[0]), reverse=True)), (j, *rest[1]))
                   for j in range(i + 1, len(sizes) - k + 2) if fits(i, j) and (rest := best(j, k - 1))]
        return min(options, default=None)

    k = next(k for k in range(1, len(sizes) + 1) if best(0, k))
    cuts = (0, *best(0, k)[1], len(sizes))
    return [list(zip(shown[a:b], entries[a:b])) for a, b in zip(cuts, cuts[1:])]


def _slide(heading: str, batch: list[tuple[Entry, Entry]], kind: str, notes: tuple[str, ...],
           sources: Iterable[str]) -> Slide:
    shown = tuple(s for s, _ in batch)
    moved = [entry_note(whole) for s, whole in batch if s.text != whole.text or whole.note]
    return Slide(heading, parts=(Part(kind, entries=shown),), notes=(*notes, *moved),
                 sources=tuple(s for s in sources if s), items=tuple(e.id for e in shown if e.id))


def with_notes(slide: Slide, *notes: str) -> Slide:
    return replace(slide, notes=(*slide.notes, *filter(None, notes)))
