"""The trainer guide (both plans as run sheets, with a preparation page each) and index.html,
which shows the same plans and links every deck, the guide and the handouts."""

from __future__ import annotations

from pathlib import Path

from ..content import Content
from .handouts import HANDOUTS
from .pdf import to_pdf
from .render import render, write


def build_guide(content: Content, out: Path, pdf: bool = True) -> list[Path]:
    """Write ``trainer-guide.html`` into ``out`` and, with ``pdf``, ``handouts/trainer-guide.pdf``."""
    values = dict(plan_values(content), questions=questions(content), prints=prints(content))
    page = write(out / "trainer-guide.html", render("guide.html.jinja2", content, vendor="vendor",
                                                   decks_href="", **values))
    if not pdf:
        return [page]
    html = render("guide.html.jinja2", content, vendor="../vendor", decks_href="../", **values)
    return [page, write(out / "handouts" / "trainer-guide.pdf", to_pdf(html, out / "handouts"))]


def build_index(content: Content, out: Path, pdf: bool) -> Path:
    """``index.html``: the plans as in the guide, every deck, and what to print (with ``pdf``)."""
    used = {d.id: [w.name for w in content.workshops if any(b.deck == d.id for b in w.blocks)]
            for d in content.decks}
    return write(out / "index.html", render("index.html.jinja2", content, pdf=pdf, used=used,
                                            **plan_values(content)))


def plan_values(content: Content) -> dict:
    """What a run sheet needs: decks by id, dashboards by notebook name, the handouts."""
    return dict(decks=content.by_id("decks"), handouts=HANDOUTS,
                dashboards={d.notebook.removesuffix(".ipynb"): d for d in content.dashboards})


def questions(content: Content) -> dict[str, tuple[str, str]]:
    """Every law's and lesson's id mapped to its label and its discussion question."""
    found = {law.id: (f"Law {law.number}: {law.name}", law.question) for law in content.laws}
    found.update({lesson.id: (f"Lesson {lesson.number}: {lesson.heading}", lesson.question)
                  for lesson in content.lessons})
    return found


def prints(content: Content) -> dict[str, dict[str, list[str]]]:
    """For each workshop, the handouts it gives out and the blocks that use each."""
    found: dict[str, dict[str, list[str]]] = {}
    for w in content.workshops:
        sheets = found.setdefault(w.id, {})
        for b in w.blocks:
            for name in b.handouts:
                sheets.setdefault(name, []).append(b.title)
    return found
