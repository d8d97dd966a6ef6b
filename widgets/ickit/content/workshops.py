"""Trainer materials as data: the slide decks' groups with facilitation prompts, and workshop plans.

A deck is a sequence of slide groups; each group shows one section of the content, with the minutes
it takes and the prompt the trainer reads in the speaker notes. A workshop is a timed sequence of
blocks; each block may present a deck, open a dashboard and ask the laws' and lessons' questions
(named by id, never retyped).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, ValidationInfo, model_validator

from .models import Item, Slug, Strict, Text

# The content sections a slide group can show: each has a macro in ickit/materials/templates.
DeckSection = Literal[
    "systemic_questions", "shared_values", "panel_themes",
    "laws_commentary", "laws", "integration_levels", "leutz_reflections",
    "lessons", "lessons_thread",
    "outcomes", "dimensions",
    "team_dimensions", "team_process_models", "team_management_types",
    "team_management_principle", "team_recommendations", "co_location",
    "timescales",
]
Minutes = Annotated[int, Field(ge=1, le=480)]
Clock = Annotated[str, Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
NotebookStem = Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]


class SlideGroup(Strict):
    id: Slug
    title: Text
    shows: DeckSection
    minutes: Minutes
    prompt: Text = Field(description="the facilitation prompt shown in the speaker notes")


class Deck(Item):
    order: int
    title: Text
    subtitle: Text
    groups: list[SlideGroup] = Field(min_length=1)

    @property
    def minutes(self) -> int:
        return sum(g.minutes for g in self.groups)


class Block(Strict):
    id: Slug
    title: Text
    minutes: Minutes
    activity: Text
    deck: Slug | None = None
    dashboard: NotebookStem | None = Field(None, description="a notebook in notebooks/dashboards/")
    questions: list[Slug] = Field(default_factory=list, description="ids of laws or lessons")


class Workshop(Item):
    name: Text
    starts: Clock
    minutes: Minutes
    purpose: Text
    takeaways: list[Text] = Field(min_length=1)
    blocks: list[Block] = Field(min_length=1)

    @model_validator(mode="after")
    def _minutes_add_up(self) -> "Workshop":
        total = sum(b.minutes for b in self.blocks)
        if total != self.minutes:
            raise ValueError(f"the blocks add up to {total} minutes, not the {self.minutes} declared")
        return self


def _check_references(workshops: list[Workshop], info: ValidationInfo) -> list[Workshop]:
    """Every deck and question a block names exists, and its deck fits in it (its dashboard is
    checked with the other references, in ``references.py``)."""
    decks = {d.id: d for d in info.data.get("decks", [])}
    questions = {i.id for section in ("laws", "lessons") for i in info.data.get(section, [])}
    problems = []
    for w in workshops:
        for b in w.blocks:
            where = f"workshop {w.id!r}, block {b.id!r}"
            if b.deck and b.deck not in decks:
                problems.append(f"{where}: unknown deck {b.deck!r}")
            elif b.deck and decks[b.deck].minutes > b.minutes:
                problems.append(f"{where}: deck {b.deck!r} takes {decks[b.deck].minutes} minutes,"
                                f" more than the block's {b.minutes}")
            problems += [f"{where}: {q!r} is not the id of a law or lesson"
                         for q in b.questions if q not in questions]
    if problems:
        raise ValueError("; ".join(problems))
    return workshops


Workshops = Annotated[list[Workshop], AfterValidator(_check_references)]
