"""Models of the law explorers' content: illustrative defaults and the stakeholder map exercise."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from .models import Item, Slug, Strict, Text

LevelId = Literal["linkage", "coordination", "full-integration"]
Positive = Annotated[float, Field(gt=0)]
NonNegative = Annotated[float, Field(ge=0)]


class NeedGroup(Strict):
    """A need group of the synthetic population: its share and what each level is worth to it."""

    id: Slug
    name: Text
    share: Annotated[float, Field(gt=0, le=1)]
    benefit: dict[LevelId, NonNegative]


class TargetingDefaults(Item):
    """Law 1: illustrative defaults for the targeting explorer."""

    law: Slug = Field(description="the law the explorer shows")
    label: Text
    unit: Text
    population: Annotated[int, Field(gt=0)]
    seed: int
    groups: list[NeedGroup] = Field(min_length=2)
    cost: dict[LevelId, Positive]
    plan: dict[Slug, LevelId | None] = Field(description="the level each group starts with")

    @model_validator(mode="after")
    def _shares_sum_to_one(self):
        if abs(sum(g.share for g in self.groups) - 1) > 1e-6:
            raise ValueError("the groups' shares must add up to 1")
        if set(self.plan) != {g.id for g in self.groups}:
            raise ValueError("the plan must give a level (or null) for every group")
        return self


class CostDefaults(Item):
    """Law 2: illustrative defaults for the cumulative net-cost explorer."""

    law: Slug = Field(description="the law the explorer shows")
    label: Text
    unit: Text
    setup_cost: Positive
    running_cost: NonNegative
    full_saving: NonNegative
    delay_years: Annotated[int, Field(ge=0)]
    ramp_years: Annotated[int, Field(ge=1)]
    horizon_years: Annotated[int, Field(ge=1)]
    marks: list[list[Slug]] = Field(min_length=1, description="timescale ids laid end to end from year 0")
    marks_note: Text = Field(description="what the dotted lines mark, shown above their claims")


class Simulations(Strict):
    targeting: TargetingDefaults
    costs: CostDefaults


class StarterStakeholder(Item):
    name: Text
    power: Annotated[int, Field(ge=1, le=10)]
    interest: Annotated[int, Field(ge=1, le=10)]
    gains: Text
    loses: Text
    voice: bool = Field(False, description="speaks for people who use services or communities")


class Quadrant(Item):
    name: Text
    high_power: bool
    high_interest: bool
    advice: Text


class Circumstance(Item):
    name: Text
    question: Text


class StakeholderMapContent(Item):
    """Laws 3 to 5 as a stakeholder map: prompts, grid quadrants, starter stakeholders."""

    fragmentation_prompt: Text
    voice_prompt: Text
    voice_low_power: Text
    voice_high_power: Text
    voice_missing: Text
    circumstances_prompt: Text
    starter_note: Text = Field(description="says the starting stakeholders are the kit's examples")
    quadrants: list[Quadrant] = Field(min_length=4, max_length=4)
    starter: list[StarterStakeholder] = Field(min_length=3)
    circumstances: list[Circumstance] = Field(min_length=1)

    @field_validator("quadrants")
    @classmethod
    def _one_quadrant_each(cls, quadrants: list[Quadrant]) -> list[Quadrant]:
        if len({(q.high_power, q.high_interest) for q in quadrants}) != 4:
            raise ValueError("the four quadrants need one each of high and low power and interest")
        return quadrants
