"""Every id that one part of ``data/`` names in another, listed once for ``loader.cross_check``.

Each :class:`Names` row holds ids given somewhere in the content (each with its location), what
they name, and the ids they may name. With ``every``, the ids must name each known id exactly once
(a weight for each checklist, a prompt for each lesson, a cost for each integration level).
A few needs that are not plain membership are yielded as ready ``(location, message)`` problems.

Workshop blocks' decks and questions are checked by ``workshops.py`` as the content validates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Collection, Iterator, Mapping

from pydantic import BaseModel

from .plans import CHECK_IDS

Loc = tuple
Given = list[tuple[Loc, str]]


@dataclass(frozen=True)
class Names:
    where: Loc  # the list or mapping that holds the ids; missing ones are reported here
    given: Given
    noun: str
    known: Collection[str]
    every: str | None = None  # what each known id must be given, e.g. "weight"


def problems(content) -> Iterator[tuple[Loc, str]]:
    """``(location, message)`` for every reference that names nothing, or misses or repeats one."""
    for row in references(content):
        if not isinstance(row, Names):
            yield row
            continue
        choices = f", expected one of: {', '.join(row.known)}" if len(row.known) <= 12 else ""
        seen = set()
        for loc, key in row.given:
            if key not in row.known:
                yield loc, f"unknown {row.noun} {key!r}{choices}"
            elif row.every and key in seen:
                yield loc, f"a second {row.every} for {row.noun} {key!r}"
            seen.add(key)
        if row.every:
            yield from ((row.where, f"no {row.every} for {row.noun} {key!r}")
                        for key in row.known if key not in seen)


def references(c) -> Iterator[Names | tuple[Loc, str]]:
    timescales = {t.id: t for t in c.timescales}
    levels = _ids(c.integration_levels)

    # assessment.yaml: a weight for each checklist, a prompt for each lesson
    loc = ("assessment", "readiness", "weights")
    yield Names(loc, _keys(loc, c.assessment.readiness.weights), "checklist",
                _ids(c.checklists()), every="weight")
    loc = ("assessment", "lessons_check", "prompts")
    yield Names(loc, _each(loc, c.assessment.lessons_check.prompts, "lesson"), "lesson",
                _ids(c.lessons), every="prompt")

    # plans.yaml: checks the planner knows, resting on timescales with years or checklist items
    loc = ("plans", "checks")
    checks = c.plans.checks
    yield Names(loc, _each(loc, checks, "id"), "plan check", CHECK_IDS)
    yield Names(loc, _each(loc, checks, "timescale"), "timescale", list(timescales))
    yield from _need_years(_each(loc, checks, "timescale"), timescales)
    requirements = [f"{cl.id}/{r.id}" for cl in c.checklists() for r in cl.requires]
    yield Names(loc, _each(loc, checks, "requirement"), "checklist item", requirements)

    # team_choice.yaml: answers to its questions, targets of each kind, a diagram per management type
    tc = c.team_choice
    options = {q.id: [o.id for o in q.options] for q in tc.questions}
    for section in ("contradictions", "rules"):
        for i, entry in enumerate(getattr(tc, section)):
            loc = ("team_choice", section, i, "when")
            yield Names(loc, _keys(loc, entry.when), "question", list(options))
            for question, answer in entry.when.items():
                if question in options:
                    yield Names(loc, [(loc + (question,), answer)], "answer", options[question])
    kinds = {"process": ("process model", _ids(c.team_process_models)),
             "management": ("management type", _ids(c.team_management_types))}
    for i, rule in enumerate(tc.rules):
        loc = ("team_choice", "rules", i, "targets")
        yield Names(loc, [(loc, t) for t in rule.targets], *kinds[rule.kind])
    loc = ("team_choice", "management_diagrams")
    yield Names(loc, _each(loc, tc.management_diagrams, "id"), *kinds["management"], every="diagram")

    # simulations.yaml: each explorer's law; every integration level costed and valued; marks made
    # of timescales
    for explorer in ("targeting", "costs"):
        loc = ("simulations", explorer, "law")
        yield Names(loc, [(loc, getattr(c.simulations, explorer).law)], "law", _ids(c.laws))
    t = c.simulations.targeting
    loc = ("simulations", "targeting", "cost")
    yield Names(loc, _keys(loc, t.cost), "integration level", levels, every="cost")
    for i, group in enumerate(t.groups):
        loc = ("simulations", "targeting", "groups", i, "benefit")
        yield Names(loc, _keys(loc, group.benefit), "integration level", levels, every="benefit")
    loc = ("simulations", "targeting", "plan")
    yield Names(loc, [(loc + (g,), lvl) for g, lvl in t.plan.items() if lvl], "integration level", levels)
    for i, chain in enumerate(c.simulations.costs.marks):
        loc = ("simulations", "costs", "marks", i)
        given = [(loc, key) for key in chain]
        yield Names(loc, given, "timescale", list(timescales))
        yield from _need_years(given, timescales)

    # quizzes.yaml: each question belongs to a part of the course
    yield Names(("quizzes",), _each(("quizzes",), c.quizzes, "part"), "course part", _ids(c.course))

    # notebooks.yaml: a layout for each part of the course; the views to try are dashboards
    loc = ("notebooks", "layouts")
    yield Names(loc, _each(loc, c.notebooks.layouts, "part"), "course part", _ids(c.course), every="layout")
    for i, layout in enumerate(c.notebooks.layouts):
        loc = ("notebooks", "layouts", i, "sections")
        yield Names(loc, _each(loc, layout.sections, "widget"), "dashboard", _ids(c.dashboards))

    # workshops.yaml: the dashboard a block opens is one the kit serves
    for i, workshop in enumerate(c.workshops):
        loc = ("workshops", i, "blocks")
        yield Names(loc, _each(loc, workshop.blocks, "dashboard"), "dashboard",
                    [d.notebook.removesuffix(".ipynb") for d in c.dashboards])


def _need_years(given: Given, timescales: Mapping) -> Iterator[tuple[Loc, str]]:
    for loc, key in given:
        if key in timescales and timescales[key].years is None:
            yield loc, f"timescale {key!r} gives no figure in years, and one is needed here"


def _ids(items) -> list[str]:
    return [item.id for item in items]


def _each(loc: Loc, items: list[BaseModel], attr: str) -> Given:
    """The ``attr`` of each item that gives one, located at that item's field."""
    return [(loc + (i, attr), getattr(x, attr)) for i, x in enumerate(items)
            if getattr(x, attr) is not None]


def _keys(loc: Loc, mapping: Mapping) -> Given:
    return [(loc + (key,), key) for key in mapping]
