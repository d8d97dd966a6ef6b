"""What a workshop room asks: the items of its activity, read from the content, never retyped.

A readiness room asks every "delivery requires" item on the readiness scale, a lessons room each
lesson's question on the lessons scale, a team room the team selector's guided questions, and a
poll the knowledge checks it was opened with. Answers are kept as text: a rating's value ("0" to
"3"), a choice's id, or for a tick-all-that-apply question the ticked answers' numbers ("0,2").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..content import Content
from ..errors import KitInputError
from .readiness import item_key

Kind = Literal["rating", "choice", "choices"]


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    correct: bool | None = None  # polls only
    feedback: str = ""


@dataclass(frozen=True)
class RoomItem:
    id: str
    group: str  # the radar axis or section it belongs to (a checklist, a lesson, a question)
    group_name: str
    text: str
    kind: Kind
    options: tuple[Option, ...]

    def label(self, value: str | None, blank: str = "no answer") -> str:
        """The words for a stored answer."""
        if value is None:
            return blank
        if self.kind == "choices":
            return "; ".join(self.options[int(n)].label for n in value.split(",")) if value else "none"
        return {o.value: o.label for o in self.options}[value]

    def check(self, value: str | None) -> str | None:
        """``value`` if it answers this item, else a KitInputError (``None`` takes an answer back)."""
        if value is None:
            return None
        values = [o.value for o in self.options]
        if self.kind == "choices":
            picked = value.split(",") if value else []
            if all(p in values for p in picked) and picked == sorted(set(picked), key=values.index):
                return value
        elif value in values:
            return value
        raise KitInputError(f"That is not an answer to: {self.text}")


@dataclass(frozen=True)
class Activity:
    id: str
    title: str
    prompt: str
    items: tuple[RoomItem, ...]
    top: int | None  # the top of a rating scale; None when the items are choices

    @property
    def rated(self) -> bool:
        return self.top is not None

    def item(self, item_id: str) -> RoomItem:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KitInputError(f"This room asks nothing called '{item_id[:40]}'.")

    def groups(self) -> list[tuple[str, str]]:
        """The items' groups in order, as ``(id, name)``: a readiness radar's axes, say."""
        return list(dict.fromkeys((i.group, i.group_name) for i in self.items))


def scale_options(points) -> tuple[Option, ...]:
    return tuple(Option(str(p.value), f"{p.value} {p.label}") for p in points)


def activity_items(content: Content, activity: str, quizzes: tuple[str, ...] = ()) -> Activity:
    """The items a room of ``activity`` asks; a poll asks the knowledge checks named in ``quizzes``."""
    known = {a.id: a for a in content.rooms.activities}
    if activity not in known:
        raise KitInputError(f"There is no room activity called '{activity[:40]}' "
                            f"(choose from {', '.join(known)}).")
    title = known[activity].title
    if activity == "readiness":
        scale = content.assessment.readiness
        items = tuple(RoomItem(item_key(c.id, i.id), c.id, c.name, i.text, "rating",
                               scale_options(scale.scale))
                      for c in content.checklists() for i in c.requires)
        return Activity(activity, title, scale.prompt, items, scale.top)
    if activity == "lessons":
        scale = content.assessment.lessons_check
        items = tuple(RoomItem(lesson.id, lesson.id, f"{lesson.number}. {lesson.heading}", lesson.question,
                               "rating", scale_options(scale.scale))
                      for lesson in sorted(content.lessons, key=lambda lesson: lesson.number))
        return Activity(activity, title, scale.prompt, items, scale.top)
    if activity == "team":
        items = tuple(RoomItem(q.id, q.id, f"Question {n}", q.prompt, "choice",
                               tuple(Option(o.id, o.label) for o in q.options))
                      for n, q in enumerate(content.team_choice.questions, start=1))
        return Activity(activity, title, "Choose the answer that fits your team best.", items, None)
    questions = content.by_id("quizzes")
    unknown = [q for q in quizzes if q not in questions]
    if unknown or not quizzes:
        raise KitInputError("Choose at least one knowledge check for the poll"
                            + (f"; there is none called '{unknown[0][:40]}'." if unknown else "."))
    items = tuple(RoomItem(q.id, q.id, q.part, q.question,
                           "choice" if q.type == "multiple_choice" else "choices",
                           tuple(Option(str(n), a.answer, a.correct, a.feedback)
                                 for n, a in enumerate(q.answers)))
                  for q in (questions[name] for name in dict.fromkeys(quizzes)))
    return Activity(activity, title, "Choose your answer.", items, None)
