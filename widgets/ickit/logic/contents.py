"""The kit at a glance: the content of ``data/`` as short cards, by topic, with a text filter."""

from __future__ import annotations

from typing import Callable, NamedTuple

from ..content import Content
from ..errors import KitInputError


class Card(NamedTuple):
    heading: str
    text: str
    source: str  # the bibliography key


def _laws(c: Content) -> list[Card]:
    return [Card(f"Law {x.number}: {x.name}", x.explanation, x.source)
            for x in sorted(c.laws, key=lambda x: x.number)]


def _levels(c: Content) -> list[Card]:
    return [Card(x.name, f"{x.summary} Suits: {x.suits}", x.source)
            for x in sorted(c.integration_levels, key=lambda x: x.order)]


def _lessons(c: Content) -> list[Card]:
    return [Card(f"Lesson {x.number}: {x.heading}", x.explanation, x.source)
            for x in sorted(c.lessons, key=lambda x: x.number)]


def _dimensions(c: Content) -> list[Card]:
    return [Card(x.name, x.summary, x.source) for x in c.checklists()]


def _teams(c: Content) -> list[Card]:
    return ([Card(x.name, x.summary, x.source) for x in c.team_process_models]
            + [Card(x.name, x.summary, x.source) for x in c.team_management_types])


def _leadership(c: Content) -> list[Card]:
    return ([Card(x.name, x.summary, x.source) for x in c.boundary_spanner_roles]
            + [Card(x.name, x.summary, x.source) for x in c.leadership_styles])


def _timescales(c: Content) -> list[Card]:
    return [Card(x.name, f"{x.claim} Applies to: {x.applies_to}", x.source) for x in c.timescales]


def _questions(c: Content) -> list[Card]:
    return [Card(f"Question {x.number}: {x.question}", x.explanation, x.source)
            for x in sorted(c.systemic_questions, key=lambda x: x.number)]


TOPICS: dict[str, Callable[[Content], list[Card]]] = {
    "Leutz's laws": _laws,
    "Levels of integration": _levels,
    "Lessons from experience": _lessons,
    "Outcomes and the dimensions": _dimensions,
    "Team models": _teams,
    "Leadership and boundary spanners": _leadership,
    "Realistic timescales": _timescales,
    "Systemic questions": _questions,
}


def cards(content: Content, topic: str, query: str = "") -> list[Card]:
    """The cards of ``topic`` whose heading or text holds every word of ``query``."""
    if topic not in TOPICS:
        raise KitInputError(f"Choose a topic from the list ({topic!r} is not one of them).")
    words = query.lower().split()
    return [card for card in TOPICS[topic](content)
            if all(w in f"{card.heading} {card.text}".lower() for w in words)]

