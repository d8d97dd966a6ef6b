"""Handouts to print, each a PDF from its own template and the content in ``data/``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..content import Content
from ..logic.words import number_word
from .pdf import to_pdf
from .render import render, write


@dataclass(frozen=True)
class Sheet:
    template: str
    title: Callable[[Content], str]  # from the content, so counts follow the data
    pages: int  # the printed length it is laid out for, sides of A4


# by file name, the names workshop blocks hand out (content.workshops.Handout; a test keeps them alike)
HANDOUTS: dict[str, Sheet] = {
    "six-dimensions-checklist": Sheet("handout_dimensions.html.jinja2",
                                      lambda c: f"The {number_word(c.dimensions)} dimensions: a checklist", 2),
    "ten-lessons-check": Sheet("handout_lessons.html.jinja2",
                               lambda c: f"The {number_word(c.lessons)} lessons: a check for your partnership", 2),
    "team-models": Sheet("handout_teams.html.jinja2", lambda c: "Integrated teams: models and management", 2),
    "law-summaries": Sheet("handout_laws.html.jinja2", lambda c: f"The {number_word(c.laws)} laws of integration", 2),
}


def build_handouts(content: Content, out: Path) -> list[Path]:
    """Write ``<name>.pdf`` for every handout into ``out``."""
    return [write(out / f"{name}.pdf",
                  to_pdf(render(sheet.template, content, title=sheet.title(content), vendor="../vendor"), out))
            for name, sheet in HANDOUTS.items()]
