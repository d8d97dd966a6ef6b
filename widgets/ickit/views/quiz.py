"""Knowledge checks in widgets: choose, press Check, read why; the notebook's score updates."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from ..content import load_content
from ..content.course import Question
from ..logic import quiz
from .choices import Choices
from .common import Message, guarded, kit_view, live


class QuestionBox(widgets.VBox):
    """One question: radio buttons or tick boxes, a Check button and explained feedback."""

    def __init__(self, question: Question, on_marked):
        self.question = question
        self.message = Message()
        self.feedback = live(widgets.HTML())
        labels = [a.answer for a in question.answers]
        if question.type == "multiple_choice":
            self.choice = Choices(options=[(t, i) for i, t in enumerate(labels)], value=None,
                                  question=question.question, layout={"width": "auto"})
            hint = "Choose one answer."
        else:
            self.choice = widgets.VBox([widgets.Checkbox(description=t, indent=False) for t in labels])
            hint = "Tick every answer that applies."
        self.check = widgets.Button(description="Check", button_style="primary", icon="check")
        self.on_marked = on_marked
        self.check.on_click(guarded(self.message)(self._check))
        title = widgets.HTML(f"<b>{escape(question.question)}</b><br><i>{hint}</i>")
        super().__init__([title, self.choice, self.check, self.message, self.feedback],
                         layout={"margin": "0 0 1em 0"})

    def chosen(self) -> set[int]:
        if isinstance(self.choice, widgets.RadioButtons):
            return set() if self.choice.value is None else {self.choice.value}
        return {i for i, box in enumerate(self.choice.children) if box.value}

    def _check(self, _button=None) -> quiz.Marked:
        self.message.clear()
        result = quiz.mark(self.question, self.chosen())
        verdict = "Correct." if result.correct else "Not yet."
        colour = "#1b7a3a" if result.correct else "#a3471b"
        source = load_content().citation(self.question.source)
        self.feedback.value = (f'<div role="status"><div style="color:{colour}"><b>{verdict}</b></div>'
                               + "".join(f"<div>{escape(f)}</div>" for f in result.feedback)
                               + f"<div><small>Source: {escape(source)}</small></div></div>")
        self.on_marked(self.question.id, result.correct)
        return result


class Quiz(widgets.VBox):
    """All the knowledge checks of one part, with the notebook's score underneath (the notebook's
    Markdown gives the heading and how to answer)."""

    def __init__(self, part_id: str):
        questions = quiz.questions_for(load_content().quizzes, part_id)
        self.score = quiz.Score(total=len(questions))
        self.score_line = live(widgets.HTML(self._score_html()))
        self.boxes = [QuestionBox(q, self._marked) for q in questions]
        super().__init__([*self.boxes, self.score_line])
        kit_view(self, "ickit-quiz")

    def _marked(self, question_id: str, correct: bool) -> None:
        self.score.record(question_id, correct)
        self.score_line.value = self._score_html()

    def _score_html(self) -> str:
        return f'<div role="status"><b>{escape(self.score.describe())}</b></div>'


def knowledge_check(part_id: str) -> Quiz:
    """The knowledge check widget for one part of the course."""
    return Quiz(part_id)
