"""Figures about the course and its worked case, computed from the content."""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from ..content.course import Part, Person, WorkedCase
from ..content.schema import Content
from ..errors import KitInputError

SIGNIFICANT_CHANGE = ("pilot-development", "pilot-live-working")
CULTURE_CHANGE = "culture-change"


def level_for_needs(content: Content, needs: str):
    """Leutz's rule of thumb: milder needs, looser integration. The levels come from data/leutz.yaml
    in their order (linkage first); the needs in the order the worked case's model lists them."""
    order = get_args(Person.model_fields["needs"].annotation)
    return sorted(content.integration_levels, key=lambda lvl: lvl.order)[order.index(needs)]


def part(content: Content, part_id: str) -> Part:
    """One part of the course by id, with a plain message if there is none."""
    parts = content.by_id("course")
    if part_id not in parts:
        raise KitInputError(f"There is no part '{part_id}' in the course; choose one of: "
                            + ", ".join(parts) + ".")
    return parts[part_id]


def run_sheet(content: Content) -> list[str]:
    """The course in teaching order: notebook, minutes and title, with the total time."""
    parts = sorted(content.course, key=lambda p: p.order)
    lines = [f"{p.notebook:28} {p.minutes:3d} min  {p.title}" for p in parts]
    lines.append(f"{len(parts)} parts, {sum(p.minutes for p in parts)} minutes in all")
    return lines


@dataclass(frozen=True)
class CaseSummary:
    partners: int
    services: int
    organisations_met: int
    contacts_per_month: int
    level: str
    significant_change_year: int
    culture_change_year: int

    def lines(self) -> list[str]:
        return [
            f"Partners in the partnership: {self.partners}",
            f"Services the person meets: {self.services}, run by {self.organisations_met} organisations",
            f"Visits and appointments in a typical month: {self.contacts_per_month}",
            f"Level of integration that fits their needs: {self.level}",
            f"Earliest year to expect significant change: {self.significant_change_year}",
            f"Earliest year a new culture may be embedded: {self.culture_change_year}",
        ]


def case_summary(content: Content, case: WorkedCase | None = None) -> CaseSummary:
    """The worked case's figures, with level and timescales taken from Leutz and the evidence."""
    case = case or content.worked_case
    figures = content.by_id("timescales")
    contacts = case.person.contacts
    return CaseSummary(
        partners=len(case.partners),
        services=len(contacts),
        organisations_met=len({c.partner for c in contacts}),
        contacts_per_month=sum(c.per_month for c in contacts),
        level=level_for_needs(content, case.person.needs).name,
        significant_change_year=case.started + int(sum(figures[k].years for k in SIGNIFICANT_CHANGE)),
        culture_change_year=case.started + int(figures[CULTURE_CHANGE].years),
    )


def case_evidence(content: Content, case: WorkedCase | None = None) -> list:
    """What the case's summary is worked out from: the case, the level of integration that fits its
    person's needs, and the timescales its years rest on."""
    case = case or content.worked_case
    figures = content.by_id("timescales")
    return [case, level_for_needs(content, case.person.needs),
            *(figures[k] for k in (*SIGNIFICANT_CHANGE, CULTURE_CHANGE))]
