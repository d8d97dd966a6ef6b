"""The slides of each section of the content a slide group can show (``DeckSection``).

Every text on a slide or in its notes comes from ``data/``; the few headings the kit adds are
counts and joining words. A list section names its items, so that a group can pick some of them
(``items``) and list their names first or instead (``overview``); a single section builds its
slides as a whole.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable

from ..content import Content
from ..content.assessment import Scale
from ..content.models import Point
from ..content.workshops import SlideGroup
from ..logic.words import counted
from . import figures
from .slide import Entry, Part, Slide, listing, statement

Build = Callable[[Content, Any], list[Slide]]


@dataclass(frozen=True)
class ListSection:
    """A section that is a list of items with ids."""

    items: Callable[[Content], list]
    name: Callable[[Any], str]
    note: Callable[[Any], str]  # what an overview's notes say of the item
    detail: Build  # the item's own slides
    label: Callable[[Any], str] = lambda item: ""


def slides_for(content: Content, group: SlideGroup) -> list[Slide]:
    """The slides of ``group``: its section's, or those of the items it picks, with an overview."""
    section = SECTIONS[group.shows]
    if not isinstance(section, ListSection):
        return section(content, group)
    by_id = {item.id: item for item in section.items(content)}
    items = [by_id[i] for i in group.items] if group.items else list(by_id.values())
    overview = [] if group.overview == "none" else listing(group.title, [
        Entry(section.name(i), i.source, i.id, section.label(i),
              section.note(i) if group.overview == "only" else "") for i in items])
    if group.overview == "only":
        return overview
    return overview + [s for item in items for s in section.detail(content, item)]


def points(items: list[Point]) -> list[Entry]:
    return [Entry(p.text, p.source) for p in items]


def cited(content: Content, label: str, point: Point) -> str:
    """A note quoting a point with its citation: the notes name sources the slide does not show."""
    return f"{label}: {point.text} ({content.citation(point.source)})"


def lead(text: str, source: str) -> Part:
    return Part("lead", text, source=source)


def scale_slides(scale: Scale, group: SlideGroup) -> list[Slide]:
    steps = tuple(Entry(p.label, label=str(p.value), note=p.meaning) for p in scale.scale)
    return [statement(scale.prompt, [Part("scale", entries=steps), lead(scale.note, scale.source)],
                      notes=[f"{p.value} {p.label}: {p.meaning}" for p in scale.scale],
                      sources=[scale.source], items=[scale.id])]


def evidence(x) -> list[Slide]:
    """What the evidence adds to a dimension or to outcomes, when the data gives any."""
    return listing(f"{x.name}: what the evidence adds", points(x.evidence)) if x.evidence else []


def law(content: Content, law) -> list[Slide]:
    return [statement(law.name, [Part("ask", law.question, source=law.source)], number=f"Law {law.number}",
                      notes=[law.explanation, f"Example: {law.example}"], sources=[law.source],
                      items=[law.id])]


def lesson(content: Content, lesson) -> list[Slide]:
    return [statement(lesson.heading, [Part("ask", lesson.question, source=lesson.source)],
                      number=f"Lesson {lesson.number}", notes=[lesson.explanation],
                      sources=[lesson.source], items=[lesson.id])]


def named(text: str = "explanation") -> Build:
    """Slides of an item with a name and one paragraph (its ``text``)."""
    def build(content: Content, item) -> list[Slide]:
        return [statement(item.name, [lead(getattr(item, text), item.source)], sources=[item.source],
                          items=[item.id])]
    return build


def dimension(content: Content, d) -> list[Slide]:
    return [statement(d.name, [lead(d.summary, d.source)], number=str(d.order), sources=[d.source],
                      items=[d.id]),
            *evidence(d),
            *listing(f"{d.name}: delivery requires", [Entry(r.text, r.source, r.id) for r in d.requires],
                     "checklist")]


def outcomes(content: Content, group: SlideGroup) -> list[Slide]:
    o = content.outcomes
    return [statement(o.name, [lead(o.summary, o.source)], sources=[o.source], items=[o.id]),
            *listing(counted(o.distinctions, "distinctions"), points(o.distinctions)),
            *evidence(o),
            *listing("From one person to commissioning", [Entry(s, o.source) for s in o.cycle],
                     "numbered"),
            *listing("Delivering outcomes requires", [Entry(r.text, r.source, r.id) for r in o.requires],
                     "checklist")]


def leadership_style(content: Content, style) -> list[Slide]:
    if not style.features:
        return named("summary")(content, style)
    first, *rest = listing(style.name, [Entry(f, style.source) for f in style.features], notes=[style.summary])
    return [replace(first, items=(style.id,)), *rest]


def spanner(content: Content, role) -> list[Slide]:
    return [statement(role.name, [lead(role.summary, role.source),
                                  Part("list", entries=tuple(Entry(s, role.source) for s in role.skills))],
                      sources=[role.source], items=[role.id])]


def attributes(content: Content, group: SlideGroup) -> list[Slide]:
    a = content.boundary_spanner_attributes
    return [statement(group.title, [Part("list", entries=tuple(Entry(w, a.source) for w in a.words)),
                                    lead(a.challenge, a.source)], items=[a.id])]


def named_list(pick: Callable[[Content], list]) -> Build:
    """A list of named items (name on the slide, explanation in the notes) under the group's title."""
    def build(content: Content, group: SlideGroup) -> list[Slide]:
        return listing(group.title, [Entry(i.name, i.source, i.id, note=i.explanation)
                                     for i in pick(content)])
    return build


def point_list(pick: Callable[[Content], list], kind: str = "list") -> Build:
    def build(content: Content, group: SlideGroup) -> list[Slide]:
        return listing(group.title, [Entry(p.text, p.source, getattr(p, "id", None)) for p in pick(content)],
                       kind)
    return build


def melting_pot(content: Content, group: SlideGroup) -> list[Slide]:
    q = content.culture.melting_pot_question
    return [statement(q.name, [Part("ask", q.question, source=q.source)], sources=[q.source], items=[q.id]),
            *listing(counted(q.options, "answers"), [Entry(o.name, o.source, o.id, note=o.explanation)
                                                     for o in q.options])]


def team_model(content: Content, m) -> list[Slide]:
    name = f"{m.name} ({m.also_called})" if m.also_called else m.name
    notes = [m.summary, *(cited(content, "Strength", p) for p in m.strengths),
             *(cited(content, "Risk", p) for p in m.risks)]
    return [pictured(name, figures.referral_route(content, m), notes, m.id)]


def management_type(content: Content, m) -> list[Slide]:
    notes = [m.summary, f"Who manages whom: {m.who_manages_whom}", cited(content, "Budget", m.budget_holder),
             cited(content, "Accountability", m.accountability), *(cited(content, "Strength", p) for p in m.strengths),
             *(cited(content, "Risk", p) for p in m.risks)]
    return [pictured(m.name, figures.management_lines(content, m), notes, m.id)]


def pictured(heading: str, figure: figures.Figure, notes: list[str] = (), item: str | None = None) -> Slide:
    """A slide of a figure; its notes begin with what the figure shows, for whoever reads them."""
    return statement(heading, [Part("figure", figure=figure)], notes=[f"The figure: {figure.alt}", *notes],
                     items=[item] if item else [])


def co_location(content: Content, group: SlideGroup) -> list[Slide]:
    c = content.co_location
    return [*listing(f"{group.title}: what it does", points(c.does)),
            *listing(f"{group.title}: what it does not do", points(c.does_not))]


def timescales(content: Content, group: SlideGroup) -> list[Slide]:
    chart = pictured(group.title, figures.timescales(content))
    return [chart, *(statement(t.name, [lead(t.claim, t.source)], notes=[f"Applies to: {t.applies_to}"],
                               sources=[t.source], items=[t.id]) for t in content.timescales)]


SECTIONS: dict[str, ListSection | Callable[[Content, SlideGroup], list[Slide]]] = {
    "systemic_questions": ListSection(
        lambda c: sorted(c.systemic_questions, key=lambda q: q.number), lambda q: q.question,
        lambda q: q.explanation,
        lambda c, q: [statement(q.question, [lead(q.explanation, q.source)], number=str(q.number),
                                sources=[q.source], items=[q.id])],
        lambda q: str(q.number)),
    "shared_values": lambda c, g: listing(c.shared_values.name, points(c.shared_values.points)),
    "laws_commentary": lambda c, g: listing(c.laws_commentary.name, points(c.laws_commentary.points)),
    "panel_themes": ListSection(lambda c: c.panel_themes, lambda t: t.name, lambda t: t.summary,
                                lambda c, t: [statement(t.name, [lead(t.summary, t.source)], notes=t.points,
                                                        sources=[t.source], items=[t.id])]),
    "laws": ListSection(lambda c: sorted(c.laws, key=lambda x: x.number), lambda x: x.name,
                        lambda x: x.explanation, law, lambda x: str(x.number)),
    "integration_levels": ListSection(
        lambda c: sorted(c.integration_levels, key=lambda x: x.order), lambda x: x.name, lambda x: x.summary,
        lambda c, x: [statement(x.name, [lead(x.summary, x.source)], notes=[f"Suits: {x.suits}"],
                                sources=[x.source], items=[x.id])]),
    "leutz_reflections": ListSection(lambda c: c.leutz_reflections, lambda x: x.name,
                                     lambda x: x.explanation, named()),
    "lessons": ListSection(lambda c: sorted(c.lessons, key=lambda x: x.number), lambda x: x.heading,
                           lambda x: x.explanation, lesson, lambda x: str(x.number)),
    "lessons_thread": lambda c, g: named()(c, c.lessons_thread),
    "lessons_check_scale": lambda c, g: scale_slides(c.assessment.lessons_check, g),
    "outcomes": outcomes,
    "dimensions": ListSection(lambda c: sorted(c.dimensions, key=lambda x: x.order), lambda x: x.name,
                              lambda x: x.summary, dimension, lambda x: str(x.order)),
    "readiness_scale": lambda c, g: scale_slides(c.assessment.readiness, g),
    "leadership_styles": ListSection(lambda c: c.leadership_styles, lambda x: x.name, lambda x: x.summary,
                                     leadership_style),
    "boundary_spanner_roles": ListSection(lambda c: c.boundary_spanner_roles, lambda x: x.name,
                                          lambda x: x.summary, spanner),
    "boundary_spanner_attributes": attributes,
    "leadership_components": point_list(lambda c: c.leadership_components),
    "culture_sources": named_list(lambda c: c.culture.sources_of_culture),
    "culture_layers": named_list(lambda c: c.culture.layers),
    "melting_pot_question": melting_pot,
    "one_kettle_test": lambda c, g: named()(c, c.culture.one_kettle_test),
    "culture_enablers": point_list(lambda c: c.culture.enablers),
    "culture_hindrances": point_list(lambda c: c.culture.hindrances),
    "team_dimensions": ListSection(
        lambda c: c.team_dimensions,
        lambda x: x.name if x.in_petch_list else f"{x.name} (a later addition)", lambda x: x.explanation,
        named()),
    "team_process_models": ListSection(lambda c: c.team_process_models, lambda x: x.name,
                                       lambda x: x.summary, team_model),
    "team_management_types": ListSection(lambda c: c.team_management_types, lambda x: x.name,
                                         lambda x: x.summary, management_type),
    "team_management_principle": lambda c, g: named()(c, c.team_management_principle),
    "team_recommendations": point_list(lambda c: c.team_recommendations, "checklist"),
    "co_location": co_location,
    "timescales": timescales,
}
