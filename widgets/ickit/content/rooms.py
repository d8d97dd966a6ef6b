"""Models of ``data/rooms.yaml``: what a workshop room can run, the roles participants may give,
the rule that says when a room agrees, and the limits that keep a room small and private."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from .models import Item, Slug, SourceKey, Strict, Text

ACTIVITIES = ("readiness", "lessons", "team", "poll")


class Activity(Strict):
    id: Literal[ACTIVITIES]
    title: Text
    explanation: Text


class Role(Strict):
    id: Slug
    label: Text


class Agreement(Strict):
    """When an item's answers count as agreed, split, or too few to say."""

    source: SourceKey
    min_answers: Annotated[int, Field(ge=1)]
    window: Annotated[int, Field(ge=1)]
    split_share: Annotated[float, Field(gt=0, le=1)]
    choice_agreed_share: Annotated[float, Field(gt=0.5, le=1)]
    explanation: Text


class RoomLimits(Strict):
    title: Annotated[int, Field(ge=10)]
    name: Annotated[int, Field(ge=10)]
    note: Annotated[int, Field(ge=10)]
    participants: Annotated[int, Field(ge=2)]
    open_rooms: Annotated[int, Field(ge=1)]


class Rooms(Item):
    activities: list[Activity] = Field(min_length=1)
    roles: list[Role] = Field(min_length=1)
    agreement: Agreement
    min_group: Annotated[int, Field(ge=1)]
    keep_days: Annotated[int, Field(ge=1)]
    limits: RoomLimits

    @model_validator(mode="after")
    def _every_activity_once(self):
        ids = [a.id for a in self.activities]
        if sorted(ids) != sorted(ACTIVITIES):
            raise ValueError(f"activities must list each of {', '.join(ACTIVITIES)} once")
        return self

    @model_validator(mode="after")
    def _flags_only_for_groups_shown(self):
        # a flag on fewer answers than min_group would show a small group's answers on the screen
        if self.agreement.min_answers < self.min_group:
            raise ValueError(f"agreement.min_answers ({self.agreement.min_answers}) must be at least "
                             f"min_group ({self.min_group})")
        return self

    def activity(self, activity_id: str) -> Activity:
        return {a.id: a for a in self.activities}[activity_id]

    def role_label(self, role_id: str | None) -> str:
        return {r.id: r.label for r in self.roles}.get(role_id or "", "No role given")
