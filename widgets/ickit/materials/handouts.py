"""Handouts to print, each a PDF from its own template and the content in ``data/``."""

from __future__ import annotations

from pathlib import Path

from typing import Callable

from ..content import Content
from ..logic.words import number_word
from .pdf import to_pdf
from .render import render, write

# file name -> (template, title from the content: counts follow the data)
HANDOUTS: dict[str, tuple[str, Callable[[Content], str]]] = {
    "six-dimensions-checklist": ("handout_dimensions.html.jinja2",
                                 lambda c: f"The {number_word(c.dimensions)} dimensions: a checklist"),
    "ten-lessons-check": ("handout_lessons.html.jinja2",
                          lambda c: f"The {number_word(c.lessons)} lessons: a check for your partnership"),
    "team-models": ("handout_teams.html.jinja2", lambda c: "Integrated teams: models and management"),
    "law-summaries": ("handout_laws.html.jinja2", lambda c: f"The {number_word(c.laws)} laws of integration"),
}


def build_handouts(content: Content, out: Path) -> list[Path]:
    """Write ``<name>.pdf`` for every handout into ``out``."""
    return [write(out / f"{name}.pdf",
                  to_pdf(render(template, content, title=title(content), vendor="../vendor"), out))
            for name, (template, title) in HANDOUTS.items()]
