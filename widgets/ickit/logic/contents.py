"""The kit at a glance: which sections of ``data/`` each topic shows, and the word filter."""

from __future__ import annotations

from ..errors import KitInputError

# Each topic of the dashboard and the content sections it shows, as cards (``ickit.cards``).
TOPICS: dict[str, tuple[str, ...]] = {
    "Leutz's laws": ("laws_commentary", "laws"),
    "Levels of integration": ("integration_levels",),
    "Lessons from experience": ("lessons",),
    "Outcomes and the dimensions": ("outcomes", "dimensions"),
    "Team models": ("team_process_models", "team_management_types"),
    "Leadership and boundary spanners": ("boundary_spanner_roles", "leadership_styles"),
    "Realistic timescales": ("timescales",),
    "Systemic questions": ("systemic_questions",),
}


def sections(topic: str) -> tuple[str, ...]:
    """The sections ``topic`` shows; an unknown topic gives a plain message."""
    if topic not in TOPICS:
        raise KitInputError(f"Choose a topic from the list ({topic!r} is not one of them).")
    return TOPICS[topic]


def matches(text: str, query: str) -> bool:
    """Whether ``text`` holds every word of ``query``, in any case."""
    text = text.lower()
    return all(word in text for word in query.lower().split())
