"""The trainer guide: both workshop plans as timed run sheets, in HTML and as a PDF."""

from __future__ import annotations

from pathlib import Path

from ..content import Content
from .render import render, write
from .pdf import to_pdf


def build_guide(content: Content, out: Path, pdf: bool = True) -> list[Path]:
    """Write ``trainer-guide.html`` into ``out`` and, with ``pdf``, ``handouts/trainer-guide.pdf``."""
    values = dict(questions=questions(content), dashboards=dashboards(content),
                  decks=content.by_id("decks"))
    page = write(out / "trainer-guide.html", render("guide.html.jinja2", content, vendor="vendor",
                                                   decks_href="", **values))
    if not pdf:
        return [page]
    html = render("guide.html.jinja2", content, vendor="../vendor", decks_href="../", **values)
    return [page, write(out / "handouts" / "trainer-guide.pdf", to_pdf(html, out / "handouts"))]


def questions(content: Content) -> dict[str, tuple[str, str]]:
    """Every law's and lesson's id mapped to its label and its discussion question."""
    found = {law.id: (f"Law {law.number}: {law.name}", law.question) for law in content.laws}
    found.update({lesson.id: (f"Lesson {lesson.number}: {lesson.heading}", lesson.question)
                  for lesson in content.lessons})
    return found


def dashboards(content: Content) -> dict[str, str]:
    """Registered dashboards' titles by notebook name (``team_selector``)."""
    return {d.notebook.removesuffix(".ipynb"): d.title for d in content.dashboards}
