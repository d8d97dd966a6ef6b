"""The learner notebooks, written from the content (``ickit notebooks``).

A notebook's narrative is Markdown made from ``data/``: the part in ``data/course.yaml``, its layout
in ``data/notebooks.yaml`` and the content's cards as ``ickit.cards`` draws them. It reads before
anything runs, in JupyterLab (with its table of contents and search), on GitHub and in nbviewer. A
code cell comes only where a learner tries something, calls one view, and has its source collapsed.
The notebook ends with the references of what it shows, from ``data/sources.yaml``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from pydantic import BaseModel

from . import cards
from .content.course import Part
from .content.loader import walk
from .content.notebooks import Layout, Section
from .content.schema import Content
from .errors import KitInputError
from .kit_files import CHECKOUT
from .logic import course
from .logic import markdown as md
from .logic.quiz import questions_for
from .logic.text import slug

FOLDER = CHECKOUT / "notebooks"  # the checkout's: a kit installed from its wheel ships none
LAYOUTS = "data/notebooks.yaml"
METADATA = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {"codemirror_mode": {"name": "ipython", "version": 3}, "file_extension": ".py",
                      "mimetype": "text/x-python", "name": "python", "nbconvert_exporter": "python",
                      "pygments_lexer": "ipython3", "version": "3.11.7"},
}
COLLAPSED = {"jupyter": {"source_hidden": True}}  # JupyterLab shows the cell's output, not its code

# the view each dashboard shows, as (module of ickit.views, function): a notebook calls the same
VIEWS = {
    "contents": ("contents", "contents_view"),
    "law1-targeting": ("law1_targeting", "law1_targeting"),
    "law2-costs": ("law2_costs", "law2_costs"),
    "stakeholder-map": ("stakeholders", "stakeholder_map"),
    "timeline-planner": ("timeline_planner", "TimelinePlanner"),
    "readiness": ("readiness", "readiness_view"),
    "lessons-check": ("lessons_check", "lessons_check_view"),
    "team-selector": ("team_selector", "team_selector"),
    "room": ("room_join", "room_join_view"),
    "room-facilitator": ("room_facilitator", "room_facilitator_view"),
}

CASE_FIGURES = "case-figures"  # the worked case's figures, worked out by ickit.logic.course
NOTEBOOK_NAME = re.compile(r"`?(\d\d_[a-z0-9_]+\.ipynb)`?")


def notebook(content: Content, part_id: str) -> nbformat.NotebookNode:
    """The learner notebook of one part of the course."""
    part = course.part(content, part_id)
    layout = _layout(content, part_id)
    shared = content.notebooks
    cells = [_markdown(part, "opening", _opening(part, shared.reading))]
    for section in layout.sections:
        name = slug(section.heading, "section")[:40]
        cells.append(_markdown(part, name, _section(content, section)))
        if section.widget:
            module, function = VIEWS[section.widget]
            cells.append(_code(part, f"{name}-widget", f"ickit.views.{module}", function, ""))
    cells += [_markdown(part, "check", f"## Check your understanding\n\n{md.paragraph(shared.check)}"),
              _code(part, "check-widget", "ickit.views.quiz", "knowledge_check", json.dumps(part.id))]
    log = ", learning_log=True" if layout.learning_log else ""
    cells += [_markdown(part, "reflect", f"## Reflect\n\n{md.paragraph(layout.learning_log or shared.reflect)}"),
              _code(part, "reflect-widget", "ickit.views.reflection", "reflect", json.dumps(part.id) + log),
              _markdown(part, "closing", f"## Key points\n\n{md.bullets(part.key_points)}\n\n"
                                         f"## What next\n\n{md.paragraph(part.what_next)}"),
              _markdown(part, "references", "## References\n\n" + md.bullets(references(content, part.id)))]
    for cell in cells:
        if cell.cell_type == "markdown":
            cell.source = link_notebooks(content, cell.source)
    nb = new_notebook(cells=cells, metadata=METADATA)
    nbformat.validate(nb)
    return nb


def references(content: Content, part_id: str) -> list[str]:
    """The full reference of every source the part's notebook shows or names, and of the source
    texts through which the kit knows them, in the order of their authors."""
    part = course.part(content, part_id)
    layout = _layout(content, part_id)
    shown = [part, *questions_for(content.quizzes, part_id)]
    shown += [_shows(content, s) for s in layout.sections]
    keys = {node.source for shown_item in shown for _, node in walk(shown_item)
            if isinstance(node, BaseModel) and "source" in type(node).model_fields}
    said = " ".join([*part.objectives, *part.introduction, *part.key_points, part.what_next])
    keys |= {s.id for s in content.sources if s.id != "kit" and s.short() in said}  # works it names
    keys |= {content.source(key).cited_in for key in keys} - {None}  # the work that cites them, too
    found = []
    for source in sorted((content.source(key) for key in keys), key=lambda s: s.short().casefold()):
        via = f" Cited in {content.source(source.cited_in).short()}." if source.cited_in else ""
        found.append(source.reference() + via)
    return found


def write_notebooks(content: Content, folder: Path = FOLDER) -> list[Path]:
    """Write every part's notebook into ``folder``; the paths of those that changed."""
    written = []
    for part in sorted(content.course, key=lambda p: p.order):
        path, text = folder / part.notebook, _text(notebook(content, part.id))
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def differences(content: Content, folder: Path = FOLDER) -> list[str]:
    """The notebooks in ``folder`` that differ from what the content writes, or are missing."""
    return [part.notebook for part in sorted(content.course, key=lambda p: p.order)
            if not (folder / part.notebook).is_file()
            or (folder / part.notebook).read_text(encoding="utf-8") != _text(notebook(content, part.id))]


def _text(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb) + "\n"  # as nbformat.write saves it


def _layout(content: Content, part_id: str) -> Layout:
    layout = next(x for x in content.notebooks.layouts if x.part == part_id)  # one each: validated
    known = [name.replace("_", "-") for name in cards.sections()]
    for section in layout.sections:
        where = f"{LAYOUTS}: the layout of '{part_id}', section '{section.heading}'"
        if CASE_FIGURES in section.cards and len(section.cards) > 1:
            raise KitInputError(f"{where}: {CASE_FIGURES} stands alone, not with other cards.")
        for name in section.cards:
            if name not in known and name != CASE_FIGURES:
                raise KitInputError(f"{where}: there are no cards '{name}'; the sections with cards "
                                    f"are: {', '.join([*known, CASE_FIGURES])}.")
        if section.widget and section.widget not in VIEWS:
            raise KitInputError(f"{where}: the kit has no view for the dashboard '{section.widget}'.")
    return layout


def _shows(content: Content, section: Section) -> list:
    """The content a section's cards show, for its sources."""
    shown = []
    for name in section.cards:
        if name == CASE_FIGURES:
            shown += course.case_evidence(content)
        elif section.only:
            shown.append(content.by_id(name.replace("-", "_"))[section.only])
        else:
            shown.append(getattr(content, name.replace("-", "_")))
    return shown


def _opening(part: Part, reading: str) -> str:
    return "\n\n".join([f"# {part.order:02d}. {md.escape(part.title)}",
                        f"**Time:** about {part.minutes} minutes",
                        "**By the end you will be able to:**", md.bullets(part.objectives),
                        *map(md.paragraph, part.introduction), f"*{md.paragraph(reading)}*"])


def _section(content: Content, section: Section) -> str:
    blocks = [f"## {md.escape(section.heading)}", *map(md.paragraph, section.text)]
    if section.cards == [CASE_FIGURES]:
        blocks.append(md.bullets(course.case_summary(content).lines()))
    elif section.cards:
        blocks.append(md.from_html(cards.render(content, *section.cards, only=section.only), heading_shift=-1))
    return "\n\n".join(blocks)


def _markdown(part: Part, name: str, text: str) -> nbformat.NotebookNode:
    return new_markdown_cell(text, id=f"{part.id}-{name}")


def _code(part: Part, name: str, module: str, function: str, args: str) -> nbformat.NotebookNode:
    return new_code_cell(f"from {module} import {function}\n\n{function}({args})",
                         id=f"{part.id}-{name}", metadata=COLLAPSED)


def link_notebooks(content: Content, text: str) -> str:
    """``text`` with each name of a notebook of the course made a link to it."""
    names = {p.notebook for p in content.course}
    return NOTEBOOK_NAME.sub(lambda m: f"[`{m[1]}`]({m[1]})" if m[1] in names else m[0], text)
