"""Ten-lessons partnership check: partners rate how well they can answer each lesson's question.

Answers map a partner's name to ``{lesson id: scale value or None}``. Each lesson gets a traffic
light from the mean of the ratings given (unanswered ones are left out and counted), a flag when
partners disagree widely, and its conversation prompt when it is weak. Scale, thresholds and
prompts come from ``data/assessment.yaml``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Mapping

from ..content import Content
from ..content.assessment import LessonsCheckSettings
from ..content.models import Lesson
from ..errors import KitInputError
from . import markdown as md
from .csv_rows import csv_row, is_rating, rating, read_rows

Answers = Mapping[str, Mapping[str, "int | None"]]
LIGHTS = ("red", "amber", "green", "unanswered")
MAX_PARTNERS = 12
MAX_NAME = 40
NO_ANSWER = "not answered"


@dataclass(frozen=True)
class LessonResult:
    lesson: Lesson
    ratings: dict[str, int | None]
    mean: float | None
    light: str
    disagreement: bool
    prompt: str | None

    @property
    def answered(self) -> int:
        return sum(v is not None for v in self.ratings.values())


def parse_partners(text: str) -> list[str]:
    """Partner names from a comma-separated line: trimmed, first spelling kept, none repeated."""
    names: list[str] = []
    for raw in text.split(","):
        name = " ".join(raw.split())
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    if not names:
        raise KitInputError("Name at least one partner, separated by commas.")
    if len(names) > MAX_PARTNERS:
        raise KitInputError(f"Up to {MAX_PARTNERS} partners, please; you named {len(names)}.")
    long = [n for n in names if len(n) > MAX_NAME]
    if long:
        raise KitInputError(f"Keep each partner's name under {MAX_NAME} characters: '{long[0][:MAX_NAME]}...'.")
    return names


def light(mean: float | None, settings: LessonsCheckSettings) -> str:
    """Red below ``red_below``, green from ``green_from``, amber between; none without answers."""
    if mean is None:
        return "unanswered"
    if mean < settings.red_below:
        return "red"
    return "green" if mean >= settings.green_from else "amber"


def check_answers(content: Content, answers: Answers) -> None:
    """Raise :class:`KitInputError` for no partners, an unknown lesson or a rating off the scale."""
    if not answers:
        raise KitInputError("Name at least one partner before answering.")
    known = {lesson.id for lesson in content.lessons}
    top = content.assessment.lessons_check.top
    for partner, ratings in answers.items():
        for lesson_id, value in ratings.items():
            if lesson_id not in known:
                raise KitInputError(f"There is no lesson called '{lesson_id}'.")
            if not is_rating(value, top):
                raise KitInputError(f"{partner}'s answer to lesson '{lesson_id}' must be a whole "
                                    f"number from 0 to {top}.")


def evaluate(content: Content, answers: Answers) -> list[LessonResult]:
    """One result per lesson, in the lessons' order."""
    check_answers(content, answers)
    settings = content.assessment.lessons_check
    prompts = {p.lesson: p.text for p in settings.prompts}
    results = []
    for lesson in sorted(content.lessons, key=lambda lesson: lesson.number):
        ratings = {partner: given.get(lesson.id) for partner, given in answers.items()}
        values = [v for v in ratings.values() if v is not None]
        mean = sum(values) / len(values) if values else None
        shade = light(mean, settings)
        split = len(values) > 1 and max(values) - min(values) >= settings.disagreement_from
        prompt = prompts[lesson.id] if shade in ("red", "amber") or split else None
        results.append(LessonResult(lesson, ratings, mean, shade, split, prompt))
    return results


def counts(results: list[LessonResult]) -> dict[str, int]:
    return {shade: sum(r.light == shade for r in results) for shade in LIGHTS}


def partners(results: list[LessonResult]) -> list[str]:
    """The partners of an evaluation, in the order they were named."""
    return list(results[0].ratings) if results else []


def _mean_text(result: LessonResult) -> str:
    return "-" if result.mean is None else f"{result.mean:.1f}"


def to_markdown(content: Content, results: list[LessonResult]) -> str:
    """A record of a check (:func:`evaluate`): the lights, the prompts for weak lessons and every
    answer."""
    settings = content.assessment.lessons_check
    tally = counts(results)
    names = partners(results)
    lines = ["# Ten-lessons partnership check", "",
             f"Partners: {', '.join(map(md.paragraph, names))}.", "",
             f"Green {tally['green']}, amber {tally['amber']}, red {tally['red']}, "
             f"unanswered {tally['unanswered']}.", "",
             "| Lesson | Light | Mean | " + " | ".join(map(md.paragraph, names)) + " |",
             "|---|---|---|" + "---|" * len(names)]
    for r in results:
        given = [md.paragraph(settings.label(r.ratings[p], NO_ANSWER)) for p in names]
        lines.append(f"| {r.lesson.number}. {r.lesson.heading} | {r.light} | {_mean_text(r)} | "
                     + " | ".join(given) + " |")
    lines += ["", "## To talk about", ""]
    talk = [r for r in results if r.prompt]
    for r in talk:
        why = r.light + (", partners disagree" if r.disagreement else "")
        lines += [f"### {r.lesson.number}. {r.lesson.heading} ({why})", "",
                  f"Question: {r.lesson.question}", "", f"Prompt: {r.prompt}", ""]
    if not talk:
        lines.append("No lesson is weak among those answered.")
    return "\n".join(lines).rstrip() + "\n"


def to_csv(content: Content, results: list[LessonResult]) -> str:
    """One row per lesson and partner of a check (:func:`evaluate`), with the lesson's light and
    mean repeated on each row."""
    settings = content.assessment.lessons_check
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["lesson", "number", "partner", "rating", "rating_label", "mean", "light",
                     "disagreement"])
    for r in results:
        for partner, value in r.ratings.items():
            writer.writerow(csv_row([r.lesson.id, r.lesson.number, partner, "" if value is None else value,
                                     settings.label(value, NO_ANSWER),
                                     "" if r.mean is None else f"{r.mean:.2f}",
                                     r.light, "yes" if r.disagreement else "no"]))
    return out.getvalue()


def from_csv(content: Content, data: bytes) -> dict[str, dict[str, int | None]]:
    """Answers read back from a CSV saved by :func:`to_csv`, partners in the file's order."""
    known = {lesson.id for lesson in content.lessons}
    top = content.assessment.lessons_check.top
    rows = read_rows(data, ("lesson", "partner", "rating"), "a ten-lessons CSV")
    if not rows:
        raise KitInputError("That file holds no answers.")
    names = parse_partners(",".join(dict.fromkeys(row["partner"].replace(",", " ") for _, row in rows)))
    answers: dict[str, dict[str, int | None]] = {name: {} for name in names}
    spelling = {name.casefold(): name for name in names}
    for line, row in rows:
        if row["lesson"] not in known:
            raise KitInputError(f"Line {line}: there is no lesson called '{row['lesson'][:40]}'.")
        partner = spelling.get(" ".join(row["partner"].replace(",", " ").split()).casefold())
        if partner is None:
            raise KitInputError(f"Line {line}: the partner's name is missing.")
        answers[partner][row["lesson"]] = rating(row["rating"], top, f"Line {line}")
    return answers
