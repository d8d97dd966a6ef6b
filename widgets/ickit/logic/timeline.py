"""A programme plan on a timeline: workstreams and milestones counted in months from a start date.

Dates are ``datetime.date``; a workstream's ``end`` is exclusive (the first day after it), so a
twelve-month workstream from 2026-01-01 ends on 2027-01-01. Months added to the 29th, 30th or
31st land on the last day of a shorter month (2028-02-29 plus twelve months is 2029-02-28).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated

from pydantic import Field, ValidationError, field_validator

from ..content.models import Strict
from ..errors import KitInputError
from ..content.plans import MAX_ROWS, Milestone, PlanName, PlanTemplate, Workstream

EARLIEST = date(1990, 1, 1)
LATEST = date(2100, 12, 31)


class Plan(Strict):
    """A whole plan as a person edits, saves and loads it."""

    name: PlanName
    start: date
    workstreams: Annotated[list[Workstream], Field(max_length=MAX_ROWS)] = []
    milestones: Annotated[list[Milestone], Field(max_length=MAX_ROWS)] = []

    @field_validator("start")
    @classmethod
    def _sensible_start(cls, value: date) -> date:
        if not EARLIEST <= value <= LATEST:
            raise ValueError(f"the start date must lie between {EARLIEST} and {LATEST}")
        return value


@dataclass(frozen=True)
class Bar:
    """One workstream placed on the calendar; ``end`` is exclusive."""

    row: int
    workstream: Workstream
    start: date
    end: date


def add_months(day: date, months: int) -> date:
    """``day`` moved on by whole months, kept within the target month."""
    year, month0 = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


def workstream_dates(plan: Plan, ws: Workstream) -> tuple[date, date]:
    """The first day of ``ws`` and the day after its last."""
    start = add_months(plan.start, ws.start_month)
    end = add_months(start, ws.duration) if ws.unit == "months" else start + timedelta(weeks=ws.duration)
    return start, end


def milestone_date(plan: Plan, milestone: Milestone) -> date:
    return add_months(plan.start, milestone.month)


def bars(plan: Plan) -> list[Bar]:
    """The workstreams in the plan's order, with their dates."""
    return [Bar(i, ws, *workstream_dates(plan, ws)) for i, ws in enumerate(plan.workstreams)]


def plan_end(plan: Plan) -> date:
    """The day after the plan's last workstream day or milestone; the start if it is empty."""
    ends = [b.end for b in bars(plan)] + [milestone_date(plan, m) + timedelta(days=1)
                                          for m in plan.milestones]
    return max(ends, default=plan.start)


def span_months(plan: Plan) -> int:
    """Whole months from the plan's start to its end, rounded up."""
    end, months = plan_end(plan), 0
    while add_months(plan.start, months) < end:
        months += 1
    return months


def kind_label(kind: str) -> str:
    """A workstream's or milestone's kind as people read it: "culture-change" is "culture change"."""
    return kind.replace("-", " ")


def describe_months(months: int) -> str:
    """"18 months", "3 years", "2 years 6 months"."""
    years, rest = divmod(months, 12)
    parts = [f"{years} year{'s' * (years != 1)}"] if years else []
    if rest or not years:
        parts.append(f"{rest} month{'s' * (rest != 1)}")
    return " ".join(parts)


def describe_length(start: date, end: date) -> str:
    """The time from ``start`` to ``end`` in whole months, or in weeks when under a month."""
    months = 0
    while add_months(start, months + 1) <= end:
        months += 1
    if months:
        return describe_months(months)
    days = (end - start).days
    if days <= 0:
        return "no time"
    weeks = days // 7
    return f"{weeks} week{'s' * (weeks != 1)}" if weeks else f"{days} day{'s' * (days != 1)}"


def from_template(template: PlanTemplate, start: date) -> Plan:
    """A plan that starts on ``start`` with the template's workstreams and milestones."""
    return Plan(name=template.name, start=start, workstreams=list(template.workstreams),
                milestones=list(template.milestones))


def first_of_next_month(today: date) -> date:
    """A sensible default start date: the first day of the month after ``today``."""
    return add_months(today.replace(day=1), 1)


def plan_from_dict(raw: dict) -> Plan:
    """A validated plan; the first problem found is a :class:`KitInputError` saying where."""
    try:
        return Plan.model_validate(raw)
    except ValidationError as err:
        raise KitInputError(_first_problem(err) + ".") from None


SINGULAR = {"workstreams": "workstream", "milestones": "milestone"}


def _first_problem(err: ValidationError) -> str:
    """The first validation problem in plain words: "workstream 2, name: ..."."""
    problem = err.errors()[0]
    loc = problem["loc"]
    parts = []
    for i, part in enumerate(loc):
        if isinstance(part, int):
            continue
        index = loc[i + 1] if i + 1 < len(loc) and isinstance(loc[i + 1], int) else None
        parts.append(f"{SINGULAR.get(part, part)} {index + 1}" if index is not None
                     else part.replace("_", " "))
    where = ", ".join(parts)
    kind = problem["type"]
    if kind == "string_pattern_mismatch":
        what = "names cannot contain < or > or control characters"
    elif kind == "extra_forbidden":
        what = "this is not part of a plan"
    elif kind == "missing":
        what = "this is missing"
    elif kind.startswith("date"):
        what = "give a date as YYYY-MM-DD"
    elif kind.startswith("int_"):  # "0.5", "1e308", "" and the like
        what = "give a whole number, such as 6"
    else:
        what = problem["msg"].removeprefix("Value error, ")
        what = what[0].lower() + what[1:]
    return f"{where}: {what}" if where else what
