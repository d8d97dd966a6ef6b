"""Models of the self-assessment settings in ``data/assessment.yaml``: scales, weights, lights."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from .models import Item, Slug, SourceKey, Strict, Text


class ScalePoint(Strict):
    """One step of a rating scale: its value (0 is lowest), a short label and what it means."""

    value: Annotated[int, Field(ge=0)]
    label: Text
    meaning: Text


class Verb(Strict):
    value: Annotated[int, Field(ge=0)]
    text: Text


class Scale(Item):
    """A rating scale whose values run 0, 1, 2, ... in order."""

    prompt: Text
    note: Text = Field(description="whose scale it is, shown with it")
    scale: list[ScalePoint] = Field(min_length=2)

    @model_validator(mode="after")
    def _values_in_order(self):
        if [p.value for p in self.scale] != list(range(len(self.scale))):
            raise ValueError("scale values must run 0, 1, 2, ... in order")
        return self

    @property
    def top(self) -> int:
        return self.scale[-1].value

    def label(self, value: int | None, blank: str = "not rated") -> str:
        return blank if value is None else self.scale[value].label


class ReadinessSettings(Scale):
    target: Annotated[int, Field(ge=1)]
    weights: dict[Slug, Annotated[float, Field(gt=0)]]
    weights_reason: Text = Field(description="why these weights, shown wherever they order actions")
    action_verbs: list[Verb] = Field(min_length=1)

    @model_validator(mode="after")
    def _target_and_verbs_on_scale(self):
        if self.target > self.top:
            raise ValueError(f"target {self.target} is above the top of the scale ({self.top})")
        if sorted(v.value for v in self.action_verbs) != list(range(self.target)):
            raise ValueError("action_verbs needs one verb for each rating below the target")
        return self

    def verb(self, rating: int) -> str:
        return {v.value: v.text for v in self.action_verbs}[rating]


class Prompt(Strict):
    """A conversation prompt for one lesson, shown when that lesson is weak."""

    lesson: Slug
    text: Text
    source: SourceKey


class LessonsCheckSettings(Scale):
    red_below: float
    green_from: float
    disagreement_from: Annotated[int, Field(ge=1)]
    prompts: list[Prompt] = Field(min_length=1)

    @model_validator(mode="after")
    def _thresholds_in_order(self):
        if not 0 < self.red_below <= self.green_from <= self.top:
            raise ValueError("need 0 < red_below <= green_from <= the top of the scale")
        return self


class Assessment(Strict):
    readiness: ReadinessSettings
    lessons_check: LessonsCheckSettings
