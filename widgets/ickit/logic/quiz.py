"""Knowledge checks: mark a learner's choice and keep a running score per notebook."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..content.course import Question
from ..errors import KitInputError


@dataclass(frozen=True)
class Marked:
    """The verdict on one attempt, with one explanation per answer the learner chose."""

    correct: bool
    feedback: list[str]


def mark(question: Question, chosen: set[int] | list[int]) -> Marked:
    """Mark the answers (indexes into ``question.answers``) a learner chose."""
    chosen = set(chosen)
    if not chosen:
        raise KitInputError("Choose an answer first, then press Check.")
    if not chosen <= set(range(len(question.answers))):
        raise KitInputError("That answer is not one of the choices; pick from the list.")
    if question.type == "multiple_choice" and len(chosen) > 1:
        raise KitInputError("This question has one right answer: choose just one.")
    right = {i for i, a in enumerate(question.answers) if a.correct}
    feedback = [question.answers[i].feedback for i in sorted(chosen)]
    if question.type == "many_choice" and chosen < right:
        feedback.append(f"You found {len(chosen)} of the {len(right)} right answers; look again.")
    return Marked(chosen == right, feedback)


@dataclass
class Score:
    """A notebook's tally: the latest verdict for each question answered so far."""

    total: int
    latest: dict[str, bool] = field(default_factory=dict)

    def record(self, question_id: str, correct: bool) -> None:
        self.latest[question_id] = correct

    @property
    def right(self) -> int:
        return sum(self.latest.values())

    def describe(self) -> str:
        return (f"Your score: {self.right} of {self.total} right "
                f"({len(self.latest)} of {self.total} answered).")


def questions_for(questions: list[Question], part: str) -> list[Question]:
    """The knowledge checks of one part of the course, in the order they are kept."""
    chosen = [q for q in questions if q.part == part]
    if not chosen:
        raise KitInputError(f"There are no knowledge checks for the part '{part}'.")
    return chosen
