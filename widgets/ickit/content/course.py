"""Models of the learner course: its parts in teaching order, knowledge checks and the worked case."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from .models import Item, Slug, Strict, Text

NotebookFile = Annotated[str, StringConstraints(pattern=r"^\d\d_[a-z0-9_]+\.ipynb$")]


class Prompt(Strict):
    """A reflection prompt; the learner's answer is kept under the part's id and this id."""

    id: Slug
    prompt: Text


class Part(Item):
    """One notebook of the course: its anatomy, as a learner and a trainer see it."""

    order: Annotated[int, Field(ge=0)]
    title: Text
    notebook: NotebookFile
    minutes: Annotated[int, Field(ge=5, le=120)]
    objectives: list[Text] = Field(min_length=1)
    introduction: list[Text] = Field(min_length=1)
    key_points: list[Text] = Field(min_length=1)
    what_next: Text
    reflections: list[Prompt] = Field(min_length=1)
    trainer_notes: Text = Field(description="shown to trainers only, never in a learner view")


class Answer(Strict):
    answer: Text
    correct: bool
    feedback: Text


class Question(Item):
    """A knowledge check, with jupyterquiz's field names: question, type, answers."""

    part: Slug
    question: Text
    type: Literal["multiple_choice", "many_choice"]
    answers: list[Answer] = Field(min_length=2)

    @model_validator(mode="after")
    def _right_answers(self) -> "Question":
        right = sum(a.correct for a in self.answers)
        if self.type == "multiple_choice" and right != 1:
            raise ValueError(f"a multiple_choice question needs exactly one correct answer, not {right}")
        if right == 0:
            raise ValueError("a many_choice question needs at least one correct answer")
        return self


class Partner(Strict):
    id: Slug
    name: Text
    kind: Literal["nhs-trust", "council", "primary-care", "third-sector", "housing", "icb"]


class Contact(Strict):
    """A service the person meets, run by one partner, and how often in a typical month."""

    service: Text
    partner: Slug
    per_month: Annotated[int, Field(ge=0)]


class Person(Strict):
    name: Text
    age: Annotated[int, Field(ge=0, le=120)]
    needs: Literal["mild", "moderate", "severe"]
    story: list[Text] = Field(min_length=1)
    what_matters: list[Text] = Field(min_length=1)
    contacts: list[Contact] = Field(min_length=1)


class WorkedCase(Item):
    """The capstone's fictional partnership and one person it serves."""

    name: Text
    place: Text
    started: Annotated[int, Field(ge=2000, le=2100)]
    partners: list[Partner] = Field(min_length=2)
    person: Person
    tensions: list[Text] = Field(min_length=1)

    @model_validator(mode="after")
    def _known_partners(self) -> "WorkedCase":
        known = {p.id for p in self.partners}
        unknown = sorted({c.partner for c in self.person.contacts} - known)
        if unknown:
            raise ValueError(f"contacts name partners that are not listed: {', '.join(unknown)}")
        return self
