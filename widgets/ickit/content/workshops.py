"""Trainer materials as data: the slide decks' groups with facilitation prompts, and workshop plans.

A deck is a sequence of slide groups; each group shows one section of the content (or some of its
items, named by id), with the minutes it takes and the prompt the trainer reads in the speaker
notes. A workshop is a timed sequence of blocks; each block may present a deck, open a dashboard,
hand out printed sheets and ask the laws' and lessons' questions (all named by id, never retyped).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, ValidationInfo, model_validator

from .models import Item, Slug, Strict, Text

# What a slide group can show: each has a builder in ickit/materials/sections.py.
DeckSection = Literal[
    "systemic_questions", "shared_values", "panel_themes",
    "laws_commentary", "laws", "integration_levels", "leutz_reflections",
    "lessons", "lessons_thread", "lessons_check_scale",
    "outcomes", "dimensions", "readiness_scale",
    "leadership_styles", "boundary_spanner_roles", "boundary_spanner_attributes",
    "leadership_components",
    "culture_sources", "culture_layers", "melting_pot_question", "one_kettle_test",
    "culture_enablers", "culture_hindrances",
    "team_dimensions", "team_process_models", "team_management_types",
    "team_management_principle", "team_recommendations", "co_location",
    "timescales",
]
# The printed handouts `ickit slides` writes (ickit/materials/handouts.py), by file name.
Handout = Literal["six-dimensions-checklist", "ten-lessons-check", "team-models", "law-summaries"]
Minutes = Annotated[int, Field(ge=1, le=480)]
Clock = Annotated[str, Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
NotebookStem = Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]


class SlideGroup(Strict):
    id: Slug
    title: Text
    shows: DeckSection
    items: list[Slug] | None = Field(None, description="only these items of the section, in this order")
    overview: Literal["none", "first", "only"] = Field(
        "none", description="a slide listing the items' names: before their own slides, or instead")
    minutes: Minutes
    prompt: Text = Field(description="the facilitation prompt, in the notes of the group's first slide")


class Deck(Item):
    order: int
    title: Text
    subtitle: Text
    groups: list[SlideGroup] = Field(min_length=1)

    @property
    def minutes(self) -> int:
        return sum(g.minutes for g in self.groups)


# The sections, lists of items with ids, whose items a group may pick (``items``).
PICKABLE = frozenset({"systemic_questions", "panel_themes", "laws", "integration_levels",
                      "leutz_reflections", "lessons", "dimensions", "leadership_styles",
                      "boundary_spanner_roles", "team_dimensions", "team_process_models",
                      "team_management_types"})


def _check_group_items(decks: list[Deck], info: ValidationInfo) -> list[Deck]:
    """A group's ``items`` are ids in the section it shows, and only lists of items can be picked
    (a section that failed its own validation is not there to check against, and is reported)."""
    problems = []
    for d in decks:
        for g in d.groups:
            where = f"deck {d.id!r}, group {g.id!r}"
            if g.items is not None and g.shows not in PICKABLE:
                problems.append(f"{where}: the section {g.shows!r} has no items to pick")
            elif g.items is not None and g.shows in info.data:
                known = [i.id for i in info.data[g.shows]]
                problems += [f"{where}: {i!r} is not an item of {g.shows!r}" for i in g.items if i not in known]
    if problems:
        raise ValueError("; ".join(problems))
    return decks


Decks = Annotated[list[Deck], AfterValidator(_check_group_items)]


class Block(Strict):
    id: Slug
    title: Text
    minutes: Minutes
    kind: Literal["activity", "break", "close"] = "activity"
    activity: Text = Field(description="what people do; its first sentence is shown on the slide")
    deck: Slug | None = None
    dashboard: NotebookStem | None = Field(None, description="a notebook in notebooks/dashboards/")
    paper: Text | None = Field(None, description="how to run the activity without the dashboard")
    handouts: list[Handout] = Field(default_factory=list, description="one copy per participant")
    questions: list[Slug] = Field(default_factory=list, description="ids of laws or lessons")

    @model_validator(mode="after")
    def _paper_for_every_dashboard(self) -> "Block":
        if self.dashboard and not self.paper:
            raise ValueError("a block that opens a dashboard needs a paper fallback ('paper')")
        return self


class Workshop(Item):
    name: Text
    starts: Clock
    minutes: Minutes
    purpose: Text
    takeaways: list[Text] = Field(min_length=1)
    materials: list[Text] = Field(min_length=1, description="what the room needs besides print")
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
