"""A room's answers summed up: each item's spread and whether the room agrees on it, the items to
talk about first, and the group's scores per radar axis, overall and per role.

Answers are ``{participant: {item id: value}}`` as the store gives them; nothing here names a
participant in what it returns. The agreement rule and the smallest group shown come from
``data/rooms.yaml``.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from statistics import median
from typing import Literal, Mapping

from ..content.rooms import Agreement
from .room_activities import Activity, RoomItem

Answers = Mapping[str, Mapping[str, str]]
Flag = Literal["agreed", "split", "too few answers"]


@dataclass(frozen=True)
class ItemResult:
    item: RoomItem
    answered: int
    counts: dict[str, int]  # every option's value, in the options' order, with how many chose it
    median: float | None  # ratings only
    low: int | None
    high: int | None
    outside: int  # ratings outside the window that holds most; choices: not the top answer
    flag: Flag
    top: str | None  # the whole answer given most often (choices)
    top_count: int  # how many gave it

    @property
    def disagreement(self) -> float:
        """The share of answers away from the room's middle (ratings) or its top answer (choices)."""
        return self.outside / self.answered if self.answered else 0.0

    def describe(self) -> str:
        """'median 1.5, range 0-3, 2 of 6 far from it' or 'top: Yes (4 of 6)'."""
        if not self.answered:
            return "no answers yet"
        if self.median is not None:
            return (f"median {self.median:g}, range {self.low}-{self.high}, {self.outside} of "
                    f"{self.answered} away from where most answered")
        return f"most chose {self.item.label(self.top)} ({self.top_count} of {self.answered})"


def item_result(item: RoomItem, values: list[str], rule: Agreement) -> ItemResult:
    """Sum up the answers to one item by the room's agreement rule."""
    counts = {o.value: 0 for o in item.options}
    for value in values:
        for part in (value.split(",") if item.kind == "choices" else [value]):
            if part in counts:
                counts[part] += 1
    answered = len(values)
    mid = low = high = top = None
    most = 0
    if item.kind == "rating" and values:
        ratings = [int(v) for v in values]
        mid, low, high = median(ratings), min(ratings), max(ratings)
        outside = answered - window_count(ratings, rule.window)
        split = outside >= math.ceil(rule.split_share * answered) and outside > 0
    elif values:
        top, most = Counter(values).most_common(1)[0]
        outside = answered - most
        split = most < rule.choice_agreed_share * answered
    else:
        outside, split = 0, False
    flag: Flag = "too few answers" if answered < rule.min_answers else ("split" if split else "agreed")
    return ItemResult(item, answered, counts, mid, low, high, outside, flag, top, most)


def window_count(ratings: list[int], window: int) -> int:
    """How many ratings the best run of ``window`` neighbouring steps holds."""
    return max(sum(start <= r < start + window for r in ratings) for start in set(ratings))


def room_results(activity: Activity, answers: Answers, rule: Agreement) -> list[ItemResult]:
    """One result per item, in the activity's order."""
    return [item_result(item, [a[item.id] for a in answers.values() if item.id in a], rule)
            for item in activity.items]


FLAG_ORDER = {"split": 0, "agreed": 1, "too few answers": 2}


def talk_first(results: list[ItemResult]) -> list[ItemResult]:
    """The items ranked for discussion: split ones first, the most divided at the top; items with
    too few answers last. Ties keep the activity's order."""
    return sorted(results, key=lambda r: (FLAG_ORDER[r.flag], -r.disagreement))


def enough_to_show(result: ItemResult, min_group: int) -> bool:
    """Whether an item's answers may be shown on any screen, the projected one included: never
    for fewer than ``min_group`` answers, so that nobody's answer can be picked out."""
    return result.answered >= min_group


@dataclass(frozen=True)
class Radar:
    """The group's scores per axis, as percent of the top of the scale; ``None`` where too few
    people rated. ``roles`` holds a line per role given by at least ``min_group`` people."""

    axes: list[tuple[str, str]]
    median: list[float | None]
    low: list[float | None]
    high: list[float | None]
    roles: dict[str, list[float | None]]
    people: int


def person_scores(activity: Activity, given: Mapping[str, str]) -> dict[str, float]:
    """One person's score per axis: their rated items' mean, as percent of the top."""
    sums: dict[str, list[int]] = {}
    for item in activity.items:
        if item.id in given:
            sums.setdefault(item.group, []).append(int(given[item.id]))
    return {group: 100 * sum(v) / (activity.top * len(v)) for group, v in sums.items()}


def _median_per_axis(axes, people: list[dict[str, float]], min_group: int) -> list[float | None]:
    out = []
    for axis, _ in axes:
        values = [p[axis] for p in people if axis in p]
        out.append(median(values) if len(values) >= min_group else None)
    return out


def group_radar(activity: Activity, answers: Answers, roles: Mapping[str, str | None],
                min_group: int) -> Radar:
    """The radar of a rated activity: the median score per axis with its range, and a line per
    role. ``roles`` maps a participant to the role they gave (or ``None``)."""
    axes = activity.groups()
    people = {pid: person_scores(activity, given) for pid, given in answers.items()}
    everyone = [s for s in people.values() if s]
    low, high = [], []
    for axis, _ in axes:
        values = [p[axis] for p in everyone if axis in p]
        enough = len(values) >= min_group
        low.append(min(values) if enough else None)
        high.append(max(values) if enough else None)
    by_role: dict[str, list[dict[str, float]]] = {}
    for pid, scores in people.items():
        if scores and roles.get(pid):
            by_role.setdefault(roles[pid], []).append(scores)
    lines = {role: _median_per_axis(axes, group, min_group) for role, group in by_role.items()
             if len(group) >= min_group}
    return Radar(axes, _median_per_axis(axes, everyone, min_group), low, high,
                 {role: line for role, line in lines.items() if any(v is not None for v in line)},
                 len(everyone))


def agreed_drafts(results: list[ItemResult]) -> dict[str, str]:
    """A first draft of what the room agreed, for the room to check: each agreed rating whose
    median is a whole step, and each agreed question's most chosen answer."""
    drafts = {}
    for r in results:
        if r.flag != "agreed":
            continue
        if r.median is not None and float(r.median).is_integer():
            drafts[r.item.id] = str(int(r.median))
        elif r.median is None and r.item.kind == "choice":
            drafts[r.item.id] = r.top
    return drafts
