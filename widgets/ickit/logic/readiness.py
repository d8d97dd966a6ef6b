"""Six-dimension readiness: rate every "delivery requires" item, score each list, rank the gaps.

Ratings are a mapping from :func:`item_key` to a scale value, or ``None`` for an item nobody has
rated yet. Unrated items never count as zero: scores use rated items only and say how many are
missing. The scale, target and weights come from ``data/assessment.yaml``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Mapping

from ..content import Content
from ..errors import KitInputError
from . import markdown as md
from .csv_rows import csv_row, is_rating, rating, read_rows

Ratings = Mapping[str, "int | None"]


def item_key(list_id: str, item_id: str) -> str:
    return f"{list_id}/{item_id}"


@dataclass(frozen=True)
class ListScore:
    """The score of outcomes or of one dimension: percent of the top of the scale, rated items only."""

    id: str
    name: str
    rated: int
    total: int
    score: float | None

    @property
    def unrated(self) -> int:
        return self.total - self.rated


@dataclass(frozen=True)
class Action:
    rank: int
    list_id: str
    list_name: str
    item_id: str
    item_text: str
    rating: int
    priority: float
    text: str


@dataclass(frozen=True)
class Readiness:
    """The ratings given, the score of each list and the ranked actions: what every export of one
    assessment reads, so the scoring runs once a change."""

    ratings: Mapping[str, int | None]
    scores: list[ListScore]
    actions: list[Action]

    @property
    def unrated(self) -> int:
        return sum(s.unrated for s in self.scores)

    @property
    def total(self) -> int:
        return sum(s.total for s in self.scores)

    @property
    def overall(self) -> float | None:
        """The mean of the list scores that exist: each list counts once, as on the radar."""
        known = [s.score for s in self.scores if s.score is not None]
        return sum(known) / len(known) if known else None


def blank(content: Content) -> dict[str, None]:
    """Every item, unrated, in checklist order."""
    return {item_key(c.id, i.id): None for c in content.checklists() for i in c.requires}


def check_ratings(content: Content, ratings: Ratings) -> None:
    """Raise :class:`KitInputError` for an unknown item or a rating off the scale."""
    known = blank(content)
    top = content.assessment.readiness.top
    for key, value in ratings.items():
        if key not in known:
            raise KitInputError(f"There is no checklist item called '{key}'.")
        if not is_rating(value, top):
            raise KitInputError(f"A rating must be a whole number from 0 to {top}; "
                                f"'{key}' has {value!r}.")


def assess(content: Content, ratings: Ratings) -> Readiness:
    """Score each list and turn the gaps into a ranked action list."""
    check_ratings(content, ratings)
    settings = content.assessment.readiness
    scores, gaps = [], []
    for order, checklist in enumerate(content.checklists()):
        values = [ratings.get(item_key(checklist.id, i.id)) for i in checklist.requires]
        rated = [v for v in values if v is not None]
        score = 100 * sum(rated) / (settings.top * len(rated)) if rated else None
        scores.append(ListScore(checklist.id, checklist.name, len(rated), len(values), score))
        for position, (item, value) in enumerate(zip(checklist.requires, values)):
            if value is not None and value < settings.target:
                priority = (settings.target - value) * settings.weights[checklist.id]
                gaps.append(((-priority, score, order, position), checklist, item, value, priority))
    gaps.sort(key=lambda gap: gap[0])
    actions = [Action(rank, checklist.id, checklist.name, item.id, item.text, value, priority,
                      f"{settings.verb(value)}: {item.text} ({checklist.name})")
               for rank, (_, checklist, item, value, priority) in enumerate(gaps, start=1)]
    return Readiness(dict(ratings), scores, actions)


def percent(score: float | None, unrated: str = "not rated yet") -> str:
    """A score or the overall score as people read it: ``62%``, or ``unrated`` when there is none."""
    return unrated if score is None else f"{score:.0f}%"


def weighting(content: Content) -> str:
    """How the action list is ordered: the rule, each list's weight and why (from the data)."""
    s = content.assessment.readiness
    weights = "; ".join(f"{c.name} {s.weights[c.id]:g}" for c in content.checklists())
    return (f"A gap's priority is how far its rating falls short of {s.target} ({s.label(s.target)}), "
            f"times the weight of its list: {weights}. {s.weights_reason}")


def describe_score(score: ListScore) -> str:
    missing = f", {score.unrated} of {score.total} not rated" if score.unrated else ""
    return f"{percent(score.score)}{missing}"


def to_markdown(content: Content, result: Readiness, title: str = "") -> str:
    """A report to keep of an assessment: scores, the action list and every rating."""
    settings = content.assessment.readiness
    lines = [f"# Readiness self-assessment{': ' + md.paragraph(title) if title.strip() else ''}", "",
             f"Overall: {percent(result.overall)}. Items not rated: {result.unrated} of "
             f"{result.total}.", "",
             "| Area | Score | Rated | Not rated |", "|---|---|---|---|"]
    lines += [f"| {s.name} | {percent(s.score, '-')} | {s.rated} | {s.unrated} |"
              for s in result.scores]
    lines += ["", "## Actions, most pressing first", "", weighting(content), ""]
    lines += [f"{a.rank}. {a.text}" for a in result.actions] or ["No gaps among the rated items."]
    for checklist in content.checklists():
        lines += ["", f"## {checklist.name}", ""]
        lines += [f"- {i.text}: {settings.label(result.ratings.get(item_key(checklist.id, i.id)))}"
                  for i in checklist.requires]
    return "\n".join(lines) + "\n"


def to_csv(content: Content, result: Readiness) -> str:
    """One row per item: where it sits, its rating and, for a gap, its place on the action list."""
    settings = content.assessment.readiness
    ranks = {item_key(a.list_id, a.item_id): a for a in result.actions}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["list", "item_id", "item", "rating", "rating_label", "action_rank", "priority"])
    for checklist in content.checklists():
        for item in checklist.requires:
            key = item_key(checklist.id, item.id)
            value, action = result.ratings.get(key), ranks.get(key)
            writer.writerow(csv_row([checklist.id, item.id, item.text, "" if value is None else value,
                                     settings.label(value), action.rank if action else "",
                                     f"{action.priority:g}" if action else ""]))
    return out.getvalue()


def from_csv(content: Content, data: bytes) -> dict[str, int | None]:
    """Ratings read back from a CSV saved by :func:`to_csv`; items not in the file stay unrated."""
    ratings = blank(content)
    top = content.assessment.readiness.top
    for line, row in read_rows(data, ("list", "item_id", "rating"), "a readiness CSV"):
        key = item_key(row["list"], row["item_id"])
        if key not in ratings:
            raise KitInputError(f"Line {line}: there is no checklist item '{key}'.")
        ratings[key] = rating(row["rating"], top, f"Line {line}")
    return ratings
