"""HTML cards for the team selector: a process model, a management type, a ranking. All escaped."""

from __future__ import annotations

from html import escape

from ..content import Content
from ..content.models import ManagementType, Point, ProcessModel
from ..logic.team_choice import Ranking, Suggestion


def process_card(model: ProcessModel, content: Content) -> str:
    also = f" <small>(also called {escape(model.also_called)})</small>" if model.also_called else ""
    return (f"<h4>{escape(model.name)}{also}</h4><p>{escape(model.summary)}</p>"
            + _points("Strengths", model.strengths, content) + _points("Watch for", model.risks, content)
            + _source(model.source, content))


def management_card(mtype: ManagementType, content: Content) -> str:
    facts = "".join(f"<li><strong>{k}:</strong> {escape(v)}</li>" for k, v in (
        ("Who manages whom", mtype.who_manages_whom), ("Budget", mtype.budget_holder),
        ("Accountability", mtype.accountability)))
    return (f"<h4>{escape(mtype.name)}</h4><p>{escape(mtype.summary)}</p><ul>{facts}</ul>"
            + _points("Strengths", mtype.strengths, content) + _points("Watch for", mtype.risks, content)
            + _source(mtype.source, content))


def route_facts(model: ProcessModel, content: Content) -> str:
    """One line for side-by-side comparison: the steps of the route."""
    labels = {s.id: s.label for s in content.team_choice.stages}
    lanes = " (one pathway per profession)" if model.pathway_per_profession else ""
    steps = " → ".join(labels[s] for s in model.referral_path)
    return f"<p><strong>Route:</strong> {escape(steps)}{lanes}</p>"


def line_facts(mtype: ManagementType, content: Content) -> str:
    """Budget and accountability, for side-by-side comparison."""
    return (f"<p><strong>Budget:</strong> {escape(mtype.budget_holder)}<br>"
            f"<strong>Accountability:</strong> {escape(mtype.accountability)}</p>")


def principle_card(content: Content) -> str:
    p = content.team_management_principle
    return (f'<div class="ickit-callout"><strong>{escape(p.name)}.</strong> {escape(p.explanation)} '
            f"<small>– {escape(content.source(p.source).short())}</small></div>")


def ranking_card(ranking: Ranking, content: Content) -> str:
    """Two ranked lists side by side, each suggestion with its reasons and sources."""
    columns = (("Team process models", ranking.process), ("Management types", ranking.management))
    body = "".join(f'<div style="flex:1;min-width:300px"><h4>{title}</h4><ol>'
                   + "".join(_suggestion(s, content) for s in ranked) + "</ol></div>"
                   for title, ranked in columns)
    return f'<div class="ickit-ranking" style="display:flex;gap:24px;flex-wrap:wrap">{body}</div>'


def _suggestion(s: Suggestion, content: Content) -> str:
    flags = " — <strong>a poor fit</strong>" if s.poor_fit else ""
    flags += " <small>(tied)</small>" if s.tied else ""
    reasons = "".join(
        f"<li>{r.signed} {escape(r.text)} "
        f"<small>– {escape(content.source(r.source).short())}</small></li>" for r in s.reasons)
    reasons = reasons or "<li>None of your answers bears on this one.</li>"
    return (f'<li class="ickit-suggestion" data-id="{escape(s.id)}"><strong>{escape(s.name)}</strong> '
            f"score {s.score:+d}{flags}<ul>{reasons}</ul></li>")


def _points(title: str, points: list[Point], content: Content) -> str:
    items = "".join(f"<li>{escape(p.text)} <small>– {escape(content.source(p.source).short())}</small></li>"
                    for p in points)
    return f"<p><strong>{title}</strong></p><ul>{items}</ul>"


def _source(key: str, content: Content) -> str:
    via = content.source(key).cited_in
    via = f", as summarised in {content.source(via).short()}" if via else ""
    return f"<p><small>Model from {escape(content.source(key).short() + via)}.</small></p>"
