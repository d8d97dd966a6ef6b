"""Pydantic models for every kind of item the kit keeps in ``data/``.

Each content item has an ``id`` (a lower-case slug, unique in its list) and a ``source`` (a key of
the bibliography in ``data/sources.yaml``). Models forbid unknown fields so that a typo in a data
file is reported rather than silently ignored.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
SourceKey = Slug


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Item(Strict):
    id: Slug
    source: SourceKey


class Point(Strict):
    """One sourced statement: a strength, a risk, an enabler, a recommendation."""

    text: Text
    source: SourceKey


# --- bibliography -----------------------------------------------------------------------------

class Source(Strict):
    id: Slug
    authors: Text | None = Field(None, description="left out when the copy held names no author")
    year: int | None = None
    title: Text
    published_in: Text | None = None
    note: Text | None = None
    cited_in: Slug | None = Field(None, description="the source text through which the kit knows it")
    beyond_sources: bool = Field(False, description="a work the kit adds that no source text cites")

    def short(self) -> str:
        """The one short citation the kit shows: 'Petch (2014)', 'Freeman and Peck (2006)',
        'Ling et al (2012)'; the title when no author is named; 'kit commentary' for the kit."""
        if self.id == "kit":
            return "kit commentary"
        who = self.title
        if self.authors:
            names = [_surname(n) for n in re.split(r",| and ", self.authors.replace(" et al", ", ")) if n.strip()]
            many = len(names) > 2 or "et al" in self.authors
            who = f"{names[0]} et al" if many else " and ".join(names)
        return f"{who} ({self.year})" if self.year else who

    def reference(self) -> str:
        """The full reference: 'Petch A. Delivering integrated care and support (2014). Iriss
        Insight 24 (3 Feb 2014), Glasgow: Iriss.' The year comes after the title, so that no long
        run of words repeats a reference list of the source texts."""
        titled = f"{self.title} ({self.year or 'no date'})"
        return " ".join(p if p[-1] in ".?!…" else f"{p}." for p in (self.authors, titled, self.published_in) if p)


def _surname(name: str) -> str:
    """'Øvretveit J' -> 'Øvretveit'; a body such as 'Integrated Care Network' stays whole."""
    words = name.split()
    initials = len(words) > 1 and re.fullmatch(r"[A-Z]+(?:-[A-Z]+)*", words[-1])
    return " ".join(words[:-1]) if initials else " ".join(words)


# --- Leutz ------------------------------------------------------------------------------------

class Law(Item):
    number: Annotated[int, Field(ge=1, le=5)]
    name: Text
    explanation: Text
    example: Text
    question: Text


class IntegrationLevel(Item):
    order: Annotated[int, Field(ge=1, le=3)]
    name: Text
    summary: Text
    suits: Text


class Reflection(Item):
    name: Text
    explanation: Text
    is_law: Literal[False] = False


# --- ten lessons ------------------------------------------------------------------------------

class Lesson(Item):
    number: Annotated[int, Field(ge=1, le=10)]
    heading: Text
    explanation: Text
    question: Text


class Thread(Item):
    name: Text
    explanation: Text


# --- outcomes and the six dimensions ----------------------------------------------------------

class ChecklistItem(Item):
    text: Text


class Outcomes(Item):
    name: Text
    summary: Text
    evidence: list[Point] = Field(default_factory=list)
    distinctions: list[Point] = Field(min_length=1)
    cycle: list[Text] = Field(min_length=2)
    requires: list[ChecklistItem] = Field(min_length=1)


class Dimension(Item):
    order: Annotated[int, Field(ge=1, le=6)]
    name: Text
    summary: Text
    evidence: list[Point] = Field(default_factory=list, description="sourced points beyond the summary")
    requires: list[ChecklistItem] = Field(min_length=1)


# --- Ovretveit's teams ------------------------------------------------------------------------

class TeamDimension(Item):
    name: Text
    explanation: Text
    in_petch_list: bool


Stage = Literal["referral", "reception", "assessment", "allocation", "long-term-work", "review"]


class ProcessModel(Item):
    name: Text
    also_called: Text | None = None
    summary: Text
    referral_path: list[Stage] = Field(min_length=2)
    pathway_per_profession: bool
    strengths: list[Point] = Field(min_length=1)
    risks: list[Point] = Field(min_length=1)


class ManagementType(Item):
    name: Text
    summary: Text
    who_manages_whom: Text
    budget_holder: Point = Field(description="with a source of its own: few sources say who holds it")
    accountability: Point
    strengths: list[Point] = Field(min_length=1)
    risks: list[Point] = Field(min_length=1)


class CoLocation(Item):
    does: list[Point] = Field(min_length=1)
    does_not: list[Point] = Field(min_length=1)


# --- leadership and boundary spanners ---------------------------------------------------------

class BoundarySpannerRole(Item):
    name: Text
    summary: Text
    skills: list[Text] = Field(min_length=1)


class LeadershipStyle(Item):
    name: Text
    summary: Text
    features: list[Text] = Field(default_factory=list)


# --- culture ----------------------------------------------------------------------------------

class Named(Item):
    name: Text
    explanation: Text


class CultureQuestion(Item):
    name: Text
    question: Text
    options: list[Named] = Field(min_length=2)


class Culture(Item):
    sources_of_culture: list[Named] = Field(min_length=3, max_length=3)
    layers: list[Named] = Field(min_length=3, max_length=3)
    melting_pot_question: CultureQuestion
    one_kettle_test: Named
    enablers: list[Point] = Field(min_length=1)
    hindrances: list[Point] = Field(min_length=1)


# --- time -------------------------------------------------------------------------------------

class Timescale(Item):
    name: Text
    claim: Text
    years: float | None = Field(None, ge=0)
    bound: Literal["at-least", "about", "exactly"] | None = None
    applies_to: Text


# --- the editorial and the panel --------------------------------------------------------------

class SystemicQuestion(Item):
    number: Annotated[int, Field(ge=1, le=4)]
    question: Text
    explanation: Text


class Argument(Item):
    name: Text
    points: list[Point] = Field(min_length=1)


class PanelTheme(Item):
    name: Text
    summary: Text
    points: list[Text] = Field(min_length=1)


# --- the seminar server -----------------------------------------------------------------------

class Dashboard(Strict):
    """A dashboard notebook in ``notebooks/dashboards/`` as the landing page lists it."""

    id: Slug
    title: Text
    purpose: Text
    notebook: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+\.ipynb$")]
    icon: Text
