"""A part's opening, topics and closing as HTML widgets, drawn from ``data/course.yaml``."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from ..content import load_content
from ..logic import course
from . import topics

STYLE = ("<style>.ickit-part h4{margin:.6em 0 .2em}.ickit-card{border-left:4px solid #3c7d8c;"
         "padding:.2em .8em;margin:.5em 0;background:rgba(60,125,140,.06)}"
         ".ickit-part table td,.ickit-part th{padding:.2em .6em;text-align:left}</style>")


def _box(html: str) -> widgets.HTML:
    return widgets.HTML(f'{STYLE}<div class="ickit-part">{html}</div>')


def opening(part_id: str) -> widgets.HTML:
    """Title, estimated time, objectives and introduction of one part."""
    p = course.part(load_content(), part_id)
    return _box(f"<h2>{p.order:02d}. {escape(p.title)}</h2>"
                f"<p><b>Estimated time:</b> {p.minutes} minutes</p>"
                f"<h3>By the end you will be able to</h3>{topics.items(p.objectives)}"
                + "".join(f"<p>{escape(t)}</p>" for t in p.introduction))


def topic(name: str) -> widgets.HTML:
    """One topic of the content, e.g. ``laws`` or ``dimension-culture``."""
    return _box(topics.render(load_content(), name))


def closing(part_id: str) -> widgets.HTML:
    """Key points and what to do next."""
    p = course.part(load_content(), part_id)
    return _box(f"<h3>Key points</h3>{topics.items(p.key_points)}"
                f"<h3>What next</h3><p>{escape(p.what_next)}</p>")


def tally(*sections: str) -> None:
    """Print how many items the named sections hold (a checked output in the notebooks)."""
    print(course.tally(load_content(), *sections))


def requirements(*checklist_ids: str) -> None:
    """Print how long each named "delivery requires" checklist is (a checked output)."""
    for checklist_id in checklist_ids:
        print(course.requirements(load_content(), checklist_id))


def run_sheet() -> None:
    """Print the course in teaching order with its total time (a checked output in 00)."""
    for line in course.run_sheet(load_content()):
        print(line)


def case_summary() -> None:
    """Print the worked case's computed summary (a checked output in the capstone)."""
    for line in course.case_summary(load_content()).lines():
        print(line)
