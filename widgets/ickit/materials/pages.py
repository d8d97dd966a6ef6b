"""Slides in order, each with speaker notes that say where the trainer is and how long is left.

A segment is a run of slides sharing its minutes and a facilitation prompt (a slide group of a
deck, or a workshop block's own slides). The notes of each slide start with its place in the
segment and its share of the minutes, on the deck's clock or the workshop's; the prompt is in the
notes of the segment's first slide only; then come what to ask and the detail moved off the slide.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .slide import Slide


@dataclass(frozen=True)
class Segment:
    title: str
    minutes: float
    slides: list[Slide] = field(default_factory=list)
    prompt: str = ""
    id: str = ""  # the slide group's or block's id, on each of its slides


@dataclass(frozen=True)
class Page:
    slide: Slide
    segment: str  # its segment's id
    where: str
    prompt: str


def paginate(segments: list[Segment], when: Callable[[float, float], str]) -> list[Page]:
    """Every slide of ``segments`` with its notes' first line; ``when(start, end)`` says when a
    slide's share of the time falls, from minutes since the start."""
    pages, elapsed = [], 0.0
    for segment in segments:
        n = len(segment.slides)
        share = segment.minutes / n if n else 0
        for i, slide in enumerate(segment.slides):
            start = elapsed + share * i
            where = f"{segment.title}: slide {i + 1} of {n}" if n > 1 or segment.minutes else segment.title
            if segment.minutes:
                where += f", about {minutes(share)} min ({when(start, start + share)})"
            pages.append(Page(slide, segment.id, where, segment.prompt if i == 0 else ""))
        elapsed += segment.minutes
    return pages


def minutes(value: float) -> str:
    """``2.4`` -> ``'2½'``: minutes to the nearest half, never nought."""
    halves = max(1, round(value * 2))
    return f"{halves // 2 or ''}{'½' if halves % 2 else ''}"
