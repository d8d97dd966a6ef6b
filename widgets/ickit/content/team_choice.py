"""Models of the team model selector in ``data/team_choice.yaml``: questions, rules, diagrams."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from .models import Item, Slug, SourceKey, Stage, Strict, Text

Answers = dict[Slug, Slug]


class Option(Strict):
    id: Slug
    label: Text


class Question(Strict):
    id: Slug
    prompt: Text
    options: list[Option] = Field(min_length=2)


class StageLabel(Strict):
    id: Stage
    label: Text
    explanation: Text


class Contradiction(Strict):
    """Answers that cannot all be true; ``message`` tells the person what to change."""

    id: Slug
    when: Answers = Field(min_length=2)
    message: Text
    source: SourceKey


class Rule(Strict):
    """When every answer in ``when`` is given, each target's score moves by ``weight``."""

    id: Slug
    when: Answers = Field(min_length=1)
    kind: Literal["process", "management"]
    targets: list[Slug] = Field(min_length=1)
    weight: Annotated[int, Field(ge=-3, le=3)]
    reason: Text
    source: SourceKey

    @model_validator(mode="after")
    def _nonzero(self):
        if self.weight == 0:
            raise ValueError("a rule's weight must not be 0")
        return self


class DiagramNode(Strict):
    id: Slug
    label: Text
    level: Annotated[int, Field(ge=0, le=1)]
    budget: Text | None = None
    accountable: Text | None = None


class DiagramLink(Strict):
    model_config = Strict.model_config | {"populate_by_name": True}

    source_node: Slug = Field(alias="from")
    to: Slug
    kind: Literal["manages", "supervises", "coordinates", "contracts", "agrees"]


class ManagementDiagram(Strict):
    id: Slug
    nodes: list[DiagramNode] = Field(min_length=2)
    links: list[DiagramLink] = Field(min_length=1)

    @model_validator(mode="after")
    def _links_name_nodes(self):
        known = {n.id for n in self.nodes}
        for link in self.links:
            if {link.source_node, link.to} - known:
                raise ValueError(f"link {link.source_node} -> {link.to} names a node not in this diagram")
        return self


class TeamChoice(Item):
    poor_fit_below: int
    example_professions: list[Text] = Field(min_length=2)
    stages: list[StageLabel] = Field(min_length=6)
    questions: list[Question] = Field(min_length=1)
    contradictions: list[Contradiction] = Field(default_factory=list)
    rules: list[Rule] = Field(min_length=1)
    management_diagrams: list[ManagementDiagram] = Field(min_length=1)
    # questions, answers, targets and diagrams named here are checked by references.py
