"""HTML for each topic a learner notebook shows, built from the content (every string escaped)."""

from __future__ import annotations

from html import escape
from typing import Callable, Iterable

from ..content.schema import Content
from ..errors import KitInputError
from ..logic.words import counted


def items(texts: Iterable[str], tag: str = "ul") -> str:
    return f"<{tag}>" + "".join(f"<li>{escape(t)}</li>" for t in texts) + f"</{tag}>"


def card(title: str, *paragraphs: str, extra: str = "") -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs if p)
    return f'<div class="ickit-card"><h4>{escape(title)}</h4>{body}{extra}</div>'


def _course_map(c: Content) -> str:
    rows = "".join(f"<tr><td>{p.order:02d}</td><td>{escape(p.title)}</td><td>{p.minutes} min</td>"
                   f"<td><code>{escape(p.notebook)}</code></td></tr>"
                   for p in sorted(c.course, key=lambda p: p.order))
    return ("<table><thead><tr><th>#</th><th>Part</th><th>Time</th><th>Notebook</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def _systemic_questions(c: Content) -> str:
    return "".join(card(f"{q.number}. {q.question}", q.explanation) for q in c.systemic_questions)


def _shared_values(c: Content) -> str:
    return card(c.shared_values.name, extra=items(p.text for p in c.shared_values.points))


def _laws(c: Content) -> str:
    return "".join(card(f"Law {law.number}: {law.name}", law.explanation, f"Example: {law.example}",
                        f"Ask: {law.question}") for law in sorted(c.laws, key=lambda x: x.number))


def _levels(c: Content) -> str:
    return "".join(card(f"{lvl.order}. {lvl.name}", lvl.summary, f"Suits: {lvl.suits}")
                   for lvl in sorted(c.integration_levels, key=lambda x: x.order))


def _leutz_reflections(c: Content) -> str:
    return "".join(card(r.name, r.explanation) for r in c.leutz_reflections)


def _lessons(c: Content) -> str:
    return "".join(card(f"Lesson {x.number}: {x.heading}", x.explanation, f"Ask: {x.question}")
                   for x in sorted(c.lessons, key=lambda x: x.number))


def _lessons_thread(c: Content) -> str:
    return card(c.lessons_thread.name, c.lessons_thread.explanation)


def _outcomes(c: Content) -> str:
    o = c.outcomes
    return (card(o.name, o.summary, extra=items(d.text for d in o.distinctions))
            + card("The outcomes cycle", extra=items(o.cycle, "ol")) + _requires(o.name, o.requires))


def _requires(name: str, requires) -> str:
    return card(f"{name}: delivery requires", extra=items(r.text for r in requires))


def _dimension(dimension_id: str) -> Callable[[Content], str]:
    def render(c: Content) -> str:
        d = c.by_id("dimensions")[dimension_id]
        return card(f"Dimension {d.order}: {d.name}", d.summary) + _requires(d.name, d.requires)
    return render


def _boundary_spanners(c: Content) -> str:
    roles = "".join(card(r.name, r.summary, extra=items(r.skills)) for r in c.boundary_spanner_roles)
    a = c.boundary_spanner_attributes
    return roles + card("What boundary spanners are like", ", ".join(a.words), a.challenge)


def _leadership_styles(c: Content) -> str:
    return "".join(card(s.name, s.summary, extra=items(s.features)) for s in c.leadership_styles)


def _leadership_components(c: Content) -> str:
    return card(counted(c.leadership_components, "components of collaborative leadership"),
                extra=items((x.text for x in c.leadership_components), "ol"))


def _culture(c: Content) -> str:
    k = c.culture
    q = k.melting_pot_question
    return (card("Where culture comes from", extra=items(f"{s.name}: {s.explanation}" for s in k.sources_of_culture))
            + card(counted(k.layers, "layers of culture"), extra=items(f"{s.name}: {s.explanation}" for s in k.layers))
            + card(q.name, q.question, extra=items(f"{o.name}: {o.explanation}" for o in q.options))
            + card(k.one_kettle_test.name, k.one_kettle_test.explanation)
            + card("What helps", extra=items(p.text for p in k.enablers))
            + card("What gets in the way", extra=items(p.text for p in k.hindrances)))


def _panel_themes(c: Content) -> str:
    return "".join(card(t.name, t.summary, extra=items(t.points)) for t in c.panel_themes)


def _team_dimensions(c: Content) -> str:
    return "".join(card(d.name, d.explanation) for d in c.team_dimensions)


def _team_process_models(c: Content) -> str:
    labels = {s.id: s.label for s in c.team_choice.stages}
    return "".join(card(m.name, m.summary, "Path: " + " → ".join(labels[s] for s in m.referral_path))
                   for m in c.team_process_models)


def _team_management(c: Content) -> str:
    p = c.team_management_principle
    return "".join(card(m.name, m.summary, f"Accountability: {m.accountability}")
                   for m in c.team_management_types) + card(p.name, p.explanation)


def _team_recommendations(c: Content) -> str:
    return card("Recommendations for integrated teams", extra=items(r.text for r in c.team_recommendations))


def _co_location(c: Content) -> str:
    x = c.co_location
    return (card("What sharing a building does", extra=items(p.text for p in x.does))
            + card("What it does not do", extra=items(p.text for p in x.does_not)))


def _timescales(c: Content) -> str:
    return "".join(card(t.name, t.claim, f"Applies to: {t.applies_to}") for t in c.timescales)


def _worked_case(c: Content) -> str:
    w = c.worked_case
    p = w.person
    partners = items(x.name for x in w.partners)
    contacts = items(f"{x.service}: {x.per_month} a month" for x in p.contacts)
    return (card(f"{w.name} (fictional)", w.place, f"Partnership formed in {w.started}.", extra=partners)
            + card(f"{p.name}, {p.age}", *p.story)
            + card(f"What matters to {p.name}", extra=items(p.what_matters))
            + card(f"Services {p.name} meets", extra=contacts)
            + card("Tensions in the partnership", extra=items(w.tensions)))


RENDERERS: dict[str, Callable[[Content], str]] = {
    "course-map": _course_map,
    "systemic-questions": _systemic_questions,
    "shared-values": _shared_values,
    "laws": _laws,
    "integration-levels": _levels,
    "leutz-reflections": _leutz_reflections,
    "lessons": _lessons,
    "lessons-thread": _lessons_thread,
    "outcomes": _outcomes,
    "boundary-spanners": _boundary_spanners,
    "leadership-styles": _leadership_styles,
    "leadership-components": _leadership_components,
    "culture": _culture,
    "panel-themes": _panel_themes,
    "team-dimensions": _team_dimensions,
    "team-process-models": _team_process_models,
    "team-management": _team_management,
    "team-recommendations": _team_recommendations,
    "co-location": _co_location,
    "timescales": _timescales,
    "worked-case": _worked_case,
}


def renderers(content: Content) -> dict[str, Callable[[Content], str]]:
    """Every topic by name: the fixed ones and ``dimension-<id>`` for each dimension in the data."""
    return {**RENDERERS, **{f"dimension-{d.id}": _dimension(d.id) for d in content.dimensions}}


def render(content: Content, name: str) -> str:
    """The HTML for one named topic; an unknown name gives a plain message."""
    found = renderers(content)
    if name not in found:
        raise KitInputError(f"There is no topic '{name}'; the topics are: {', '.join(found)}.")
    return found[name](content)
