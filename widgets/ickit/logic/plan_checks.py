"""Realism checks of a plan against the evidence on how long integration takes.

Each check's wording and evidence live in ``data/plans.yaml``; its threshold is read from the
timescale it names in ``data/timescales.yaml``, never typed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

from ..content.plans import PlanCheck
from ..content.schema import Content
from .timeline import Plan, add_months, bars, describe_length, describe_months, milestone_date

Finding = tuple[str, str]  # (name of the workstream or milestone, what the plan allows)


@dataclass(frozen=True)
class PlanWarning:
    """One way the plan runs against the evidence, with where that evidence comes from."""

    check: str
    title: str
    message: str
    evidence: str
    source: str


def threshold_months(content: Content, timescale_id: str) -> int:
    """The figure of a timescale in ``data/`` as whole months."""
    years = content.by_id("timescales")[timescale_id].years
    if years is None:
        raise ValueError(f"timescale {timescale_id!r} gives no figure in years")
    return round(years * 12)


def _of_kind(plan: Plan, kind: str):
    return [b for b in bars(plan) if b.workstream.kind == kind]


def _culture_short(plan: Plan, needed: int) -> Iterator[Finding]:
    for bar in _of_kind(plan, "culture-change"):
        if bar.end < add_months(bar.start, needed):
            yield bar.workstream.name, describe_length(bar.start, bar.end)


def _no_culture(plan: Plan, needed: int) -> Iterator[Finding]:
    if not _of_kind(plan, "culture-change"):
        yield "", ""


def _live_early(plan: Plan, needed: int) -> Iterator[Finding]:
    for bar in _of_kind(plan, "live-working"):
        if bar.start < add_months(plan.start, needed):
            yield bar.workstream.name, describe_length(plan.start, bar.start)


def _results_early(plan: Plan, needed: int) -> Iterator[Finding]:
    live_start = min((b.start for b in _of_kind(plan, "live-working")), default=None)
    for milestone in (m for m in plan.milestones if m.kind == "results"):
        day = milestone_date(plan, milestone)
        if live_start is None or day < live_start:
            yield milestone.name, "before any live working has started"
        elif day < add_months(live_start, needed):
            yield milestone.name, f"after {describe_length(live_start, day)} of live working"


def _missing(workstream_kind: str | None, milestone_kind: str) -> Callable[[Plan, int], Iterator[Finding]]:
    def check(plan: Plan, needed: int) -> Iterator[Finding]:
        if not _of_kind(plan, workstream_kind) and not any(
                m.kind == milestone_kind for m in plan.milestones):
            yield "", ""
    return check


CHECKS: dict[str, Callable[[Plan, int], Iterator[Finding]]] = {
    "culture-change-short": _culture_short,
    "no-culture-change": _no_culture,
    "live-too-early": _live_early,
    "results-too-early": _results_early,
    "no-review": _missing(None, "review"),
    "no-quick-wins": _missing("quick-wins", "quick-win"),
    "no-timescales-briefing": _missing("communication", "communication"),
}


def evidence(content: Content, check: PlanCheck) -> tuple[str, str]:
    """The statement a check rests on and its short citation, e.g. "Ling et al (2012)"."""
    if check.timescale:
        item = content.by_id("timescales")[check.timescale]
        text = f"{item.name}: {item.claim}"
    else:
        checklist_id, item_id = check.requirement.split("/")
        checklist = {c.id: c for c in content.checklists()}[checklist_id]
        item = {r.id: r for r in checklist.requires}[item_id]
        text = f"{checklist.name}, what delivery requires: {item.text}"
    return text, content.citation(item.source)


def check_plan(plan: Plan, content: Content) -> list[PlanWarning]:
    """Every warning the plan earns, in the order the checks are listed in ``data/``."""
    warnings = []
    for check in content.plans.checks:
        needed = threshold_months(content, check.timescale) if check.timescale else 0
        text, source = evidence(content, check)
        for name, planned in CHECKS[check.id](plan, needed):
            message = check.message.format(name=name, planned=planned, needed=describe_months(needed))
            warnings.append(PlanWarning(check.id, check.title, message, text, source))
    return warnings
