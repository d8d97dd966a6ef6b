"""The plan as a Gantt chart: a bar per workstream, then a row with a diamond per milestone."""

from __future__ import annotations

import html
from datetime import timedelta

import plotly.graph_objects as go

from . import plotly_template
from .room import label_room, legend_room
from ..logic.timeline import Plan, bars, describe_months, milestone_date, plan_end, span_months

DAY_MS = 86_400_000
LEGEND_TITLE = "kind"


def _label(text: str) -> str:
    """Plotly reads a little HTML in labels: show what a person typed as plain text."""
    return html.escape(text, quote=False)


def row_labels(plan: Plan) -> list[str]:
    """One label per workstream, then per milestone, top to bottom; a repeated name gets a number
    so that rows stay apart."""
    seen: dict[str, int] = {}
    labels = []
    for item in [*plan.workstreams, *plan.milestones]:
        seen[item.name] = seen.get(item.name, 0) + 1
        labels.append(_label(item.name) + (f" ({seen[item.name]})" if seen[item.name] > 1 else ""))
    return labels


def timeline_figure(plan: Plan) -> go.Figure:
    """Bars in the plan's order from the top; bar ends are exclusive, as the plan's dates are."""
    return go.Figure(timeline_spec(plan))


def timeline_spec(plan: Plan) -> dict:
    """:func:`timeline_figure` as a plain dict, for the dashboard (see ``ickit.charts``)."""
    labels = row_labels(plan)
    traces = []
    for kind in dict.fromkeys(ws.kind for ws in plan.workstreams):
        rows = [(labels[b.row], b) for b in bars(plan) if b.workstream.kind == kind]
        traces.append(dict(
            type="bar", name=kind.replace("-", " "), orientation="h",
            y=[label for label, _ in rows],
            base=[b.start.isoformat() for _, b in rows],
            x=[(b.end - b.start).days * DAY_MS for _, b in rows],
            customdata=[[b.start.isoformat(), (b.end - timedelta(days=1)).isoformat()]
                        for _, b in rows],
            hovertemplate="%{y}<br>%{customdata[0]} to %{customdata[1]}<extra></extra>"))
    if plan.milestones:
        days = [milestone_date(plan, m).isoformat() for m in plan.milestones]
        traces.append(dict(
            type="scatter", name="milestone", mode="markers", x=days, y=labels[len(plan.workstreams):],
            marker=dict(symbol="diamond", size=14, color="#222", line=dict(color="white", width=1)),
            hovertemplate="%{y}<br>%{x}<extra></extra>"))
    layout = dict(shapes=[], annotations=[], xaxis={}, yaxis={})
    _span(layout, plan)
    layout["yaxis"].update(categoryorder="array", categoryarray=labels, autorange="reversed", title={})
    layout["xaxis"].update(type="date", title={})
    layout.update(
        barmode="overlay", height=max(320, 90 + 30 * len(labels)), template=plotly_template("plotly_white"),
        title=dict(text=_title(plan), x=0, font=dict(size=16)), legend=dict(title=dict(text=LEGEND_TITLE)),
        margin=dict(l=label_room(labels), t=60, b=30,
                    r=legend_room([LEGEND_TITLE, *(t["name"] for t in traces)]) if len(traces) > 1 else 10))
    return dict(data=traces, layout=layout)


def _title(plan: Plan) -> str:
    last = plan_end(plan) - timedelta(days=1)
    if last < plan.start:
        return f"{_label(plan.name)}: starts {plan.start.isoformat()}, nothing planned yet"
    return (f"{_label(plan.name)}: {plan.start.isoformat()} to {last.isoformat()} "
            f"({describe_months(span_months(plan))})")


def _span(layout: dict, plan: Plan) -> None:
    """Shade the plan's span and mark where it starts and ends; an empty plan shows its start."""
    empty = not plan.workstreams and not plan.milestones
    end = plan_end(plan)
    if not empty:
        layout["shapes"].append(dict(type="rect", xref="x", yref="paper", x0=plan.start.isoformat(),
                                     x1=end.isoformat(), y0=0, y1=1, fillcolor="rgba(90,120,160,0.08)",
                                     line=dict(width=0), layer="below"))
    for day, text in ((plan.start, "start"),) if empty else ((plan.start, "start"), (end, "end")):
        layout["shapes"].append(dict(type="line", xref="x", yref="paper", x0=day.isoformat(),
                                     x1=day.isoformat(), y0=0, y1=1,
                                     line=dict(color="#5a78a0", width=1, dash="dot")))
        layout["annotations"].append(dict(x=day.isoformat(), y=1, xref="x", yref="paper", text=text,
                                          showarrow=False, yanchor="bottom",
                                          font=dict(size=11, color="#5a78a0")))
    if empty:
        layout["annotations"].append(dict(x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                                          text="Add a workstream or a milestone to see it here"))
        layout["yaxis"]["visible"] = False
        layout["xaxis"]["range"] = [(plan.start - timedelta(days=30)).isoformat(),
                                    (plan.start + timedelta(days=365)).isoformat()]
