"""Models of the timeline planner's content: plan templates and the realism checks' wording.

The same workstream and milestone models validate a plan a person loads from a file, so names
are kept short and free of markup, and every number has a ceiling.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from .models import Item, Slug, SourceKey, Strict, Text

WorkstreamKind = Literal["engagement", "governance", "team-development", "live-working",
                         "culture-change", "evaluation", "quick-wins", "communication", "other"]
MilestoneKind = Literal["review", "results", "quick-win", "communication", "other"]
MAX_MONTHS = 240
MAX_WEEKS = 1040
MAX_ROWS = 40

# The realism checks the planner knows (ickit.logic.plan_checks.CHECKS; a test keeps them equal).
CHECK_IDS = ("culture-change-short", "no-culture-change", "live-too-early", "results-too-early",
             "no-review", "no-quick-wins", "no-timescales-briefing")

PlanName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80,
                                            pattern=r"^[^<>\x00-\x1f\x7f]*$")]


class Workstream(Strict):
    """A strand of work: starts some months after the plan begins and lasts months or weeks."""

    name: PlanName
    kind: WorkstreamKind
    start_month: Annotated[int, Field(ge=0, le=MAX_MONTHS)]
    duration: Annotated[int, Field(ge=1, le=MAX_WEEKS)]
    unit: Literal["months", "weeks"] = "months"

    @model_validator(mode="after")
    def _months_ceiling(self):
        if self.unit == "months" and self.duration > MAX_MONTHS:
            raise ValueError(f"a duration in months can be at most {MAX_MONTHS}")
        return self


class Milestone(Strict):
    """A single day in the plan, some months after it begins."""

    name: PlanName
    kind: MilestoneKind
    month: Annotated[int, Field(ge=0, le=MAX_MONTHS)]


class PlanTemplate(Item):
    name: Text
    summary: Text
    based_on: SourceKey | None = Field(None, description="the evidence an illustrative template is shaped on")
    workstreams: list[Workstream] = Field(default_factory=list, max_length=MAX_ROWS)
    milestones: list[Milestone] = Field(default_factory=list, max_length=MAX_ROWS)


class PlanCheck(Strict):
    """The wording of one realism check and the evidence it rests on.

    ``timescale`` names an item of ``timescales``; ``requirement`` names a checklist item as
    ``<checklist id>/<item id>``. The check's thresholds come from that evidence.
    """

    id: Slug
    title: Text
    message: Text
    timescale: Slug | None = None
    requirement: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+/[a-z0-9-]+$")] | None = None

    @model_validator(mode="after")
    def _one_kind_of_evidence(self):
        if (self.timescale is None) == (self.requirement is None):
            raise ValueError("give exactly one of timescale and requirement")
        return self


class Plans(Strict):
    templates: list[PlanTemplate] = Field(min_length=1)
    checks: list[PlanCheck] = Field(min_length=1)
