"""HTML for the team selector: a model's or a type's card (the kit's topic cards), the facts two
set-ups are compared by, and a ranking. All escaped."""

from __future__ import annotations

from html import escape

from .. import cards
from ..content import Content
from ..content.models import ManagementType, ProcessModel
from ..logic.team_choice import Ranking, Suggestion


def process_card(model: ProcessModel, content: Content) -> str:
    return cards.render(content, "team_process_models", only=model.id, detail="full", heading=2)


def management_card(mtype: ManagementType, content: Content) -> str:
    return cards.render(content, "team_management_types", only=mtype.id, detail="full", heading=2)


def principle_card(content: Content) -> str:
    return cards.render(content, "team_management_principle", heading=2)


def route_facts(model: ProcessModel, content: Content) -> str:
    """One line for side-by-side comparison: the steps of the route."""
    labels = {s.id: s.label for s in content.team_choice.stages}
    lanes = " (one pathway per profession)" if model.pathway_per_profession else ""
    steps = " → ".join(labels[s] for s in model.referral_path)
    return f"<p><strong>Route:</strong> {escape(steps)}{lanes}</p>"


def line_facts(mtype: ManagementType, content: Content) -> str:
    """Budget and accountability, for side-by-side comparison, each with its own source."""
    return (f"<p><strong>Budget:</strong> {_cited(mtype.budget_holder, content)}<br>"
            f"<strong>Accountability:</strong> {_cited(mtype.accountability, content)}</p>")


def ranking_card(ranking: Ranking, content: Content) -> str:
    """Two ranked lists side by side, each suggestion with its reasons and sources."""
    columns = (("Team process models", ranking.process), ("Management types", ranking.management))
    body = "".join(f'<div style="flex:1;min-width:300px"><h2>{title}</h2><ol>'
                   + "".join(_suggestion(s, content) for s in ranked) + "</ol></div>"
                   for title, ranked in columns)
    return f'<div class="ickit-ranking" style="display:flex;gap:24px;flex-wrap:wrap">{body}</div>'


def _suggestion(s: Suggestion, content: Content) -> str:
    flags = " — <strong>a poor fit</strong>" if s.poor_fit else ""
    flags += " <small>(tied)</small>" if s.tied else ""
    reasons = "".join(f"<li>{r.signed} {_cited(r, content)}</li>" for r in s.reasons)
    reasons = reasons or "<li>None of your answers bears on this one.</li>"
    return (f'<li class="ickit-suggestion" data-id="{escape(s.id)}"><strong>{escape(s.name)}</strong> '
            f"score {s.score:+d}{flags}<ul>{reasons}</ul></li>")


def _cited(point, content: Content) -> str:
    """A statement (anything with a text and a source) followed by its own citation."""
    return f"{escape(point.text)} <small>– {escape(content.citation(point.source))}</small>"
