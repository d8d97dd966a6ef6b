"""Rank Ovretveit's team process models and management types against a team's answers.

The questions, the scoring rules and the answers that cannot go together all live in
``data/team_choice.yaml``; this module only applies them. Ties keep the order of ``data/teams.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content import Content
from ..content.team_choice import Rule
from ..errors import KitInputError

KINDS = {"process": "team_process_models", "management": "team_management_types"}


@dataclass(frozen=True)
class Reason:
    text: str
    source: str
    weight: int
    rule: str

    @property
    def signed(self) -> str:
        """The weight as '+2' or '−3' (a true minus sign)."""
        return f"{'+' if self.weight > 0 else '−'}{abs(self.weight)}"


@dataclass(frozen=True)
class Suggestion:
    id: str
    name: str
    score: int
    reasons: tuple[Reason, ...]
    poor_fit: bool
    tied: bool


@dataclass(frozen=True)
class Ranking:
    process: tuple[Suggestion, ...]
    management: tuple[Suggestion, ...]


def check_answers(answers: dict, content: Content) -> dict[str, str]:
    """The answers as a plain dict, or a KitInputError naming what is missing, unknown or at odds."""
    if not isinstance(answers, dict):
        raise KitInputError("The answers must be a set of question and answer pairs.")
    questions = {q.id: q for q in content.team_choice.questions}
    unknown = sorted(str(k) for k in answers if k not in questions)
    if unknown:
        raise KitInputError(f"Unknown question: {', '.join(unknown)}.")
    for qid, answer in answers.items():
        if answer is not None and answer not in [o.id for o in questions[qid].options]:
            raise KitInputError(f"{answer!r} is not an answer to: {questions[qid].prompt}")
    missing = [q.prompt for q in content.team_choice.questions if answers.get(q.id) is None]
    if missing:
        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        raise KitInputError(f"Please answer every question first. Still open: {missing[0]}{more}")
    for clash in content.team_choice.contradictions:
        if all(answers[q] == a for q, a in clash.when.items()):
            raise KitInputError(clash.message)
    return dict(answers)


def rank(answers: dict, content: Content) -> Ranking:
    """Process models and management types, best fit first, each with its sourced reasons."""
    answers = check_answers(answers, content)
    fired = [r for r in content.team_choice.rules
             if all(answers[q] == a for q, a in r.when.items())]
    return Ranking(*(_rank_kind(kind, fired, content) for kind in KINDS))


def _rank_kind(kind: str, fired: list[Rule], content: Content) -> tuple[Suggestion, ...]:
    items = getattr(content, KINDS[kind])
    reasons = {item.id: [] for item in items}
    for rule in fired:
        if rule.kind == kind:
            for target in rule.targets:
                reasons[target].append(Reason(rule.reason, rule.source, rule.weight, rule.id))
    scores = {i: sum(r.weight for r in rs) for i, rs in reasons.items()}
    order = sorted(items, key=lambda item: -scores[item.id])  # stable: ties keep the data order
    counts = [scores[i.id] for i in items]
    threshold = content.team_choice.poor_fit_below
    return tuple(
        Suggestion(item.id, item.name, scores[item.id],
                   tuple(sorted(reasons[item.id], key=lambda r: -r.weight)),
                   poor_fit=scores[item.id] < threshold,
                   tied=counts.count(scores[item.id]) > 1)
        for item in order)

