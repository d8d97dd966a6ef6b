"""The plan as a Gantt chart: a bar per workstream, then a row with a diamond per milestone.

The bars are one trace, each coloured by its kind, and a line of text under the plot is the key:
plotly redraws that in about two thirds of the time it took over a trace and a legend entry per
kind (25 against 37 ms, median, in a page of its own here), and the chart is redrawn at every
edit of the plan.
"""

from __future__ import annotations

import html
from datetime import timedelta
from typing import get_args

import plotly.graph_objects as go

from . import plotly_template
from .room import LEGEND_ROW, label_room, text_width
from .text import Table, describe
from ..content.plans import WorkstreamKind
from ..logic.timeline import (Plan, bars, describe_months, kind_label, milestone_date, plan_end,
                              span_months)

DAY_MS = 86_400_000
# a colour per kind, kept when other rows change kind: plotly's default colours, in the plan
# schema's order of kinds
KIND_COLOURS = dict(zip(get_args(WorkstreamKind), ("#636efa", "#EF553B", "#00cc96", "#ab63fa", "#FFA15A",
                                                   "#19d3f3", "#FF6692", "#B6E880", "#FF97FF"), strict=True))
MILESTONE_COLOUR = "#222"
KEY_WIDTH = 600  # pixels a line of the key may take before the next begins
KEY_GAP = 3  # spaces between entries of the key
RIGHT = 24  # pixels right of the plot: half the last date label, centred on its edge, in a
# narrow chart (a projector's, beside the controls) that labels that edge
TICKS_BELOW = 42  # pixels under the plot for the date labels above the key: two lines, as a
# short plan's labels take (days or weeks, and the year under the first of them)


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
    if plan.workstreams:
        shown = bars(plan)
        traces.append(dict(
            type="bar", name="workstreams", orientation="h",
            y=[labels[b.row] for b in shown],
            base=[b.start.isoformat() for b in shown],
            x=[(b.end - b.start).days * DAY_MS for b in shown],
            marker=dict(color=[KIND_COLOURS[b.workstream.kind] for b in shown]),
            # each bar names its kind: the colour is not the only sign of it
            text=[kind_label(b.workstream.kind) for b in shown], textposition="auto",
            textfont=dict(size=11), cliponaxis=False,
            customdata=[[b.start.isoformat(), (b.end - timedelta(days=1)).isoformat(),
                         kind_label(b.workstream.kind)] for b in shown],
            hovertemplate="%{y} (%{customdata[2]})<br>%{customdata[0]} to %{customdata[1]}<extra></extra>"))
    if plan.milestones:
        days = [milestone_date(plan, m).isoformat() for m in plan.milestones]
        traces.append(dict(
            type="scatter", name="milestone", mode="markers", x=days, y=labels[len(plan.workstreams):],
            marker=dict(symbol="diamond", size=14, color=MILESTONE_COLOUR,
                        line=dict(color="white", width=1)),
            hovertemplate="%{y}<br>%{x}<extra></extra>"))
    layout = dict(shapes=[], annotations=[], xaxis={}, yaxis={})
    _span(layout, plan)
    layout["yaxis"].update(categoryorder="array", categoryarray=labels, autorange="reversed", title={})
    layout["xaxis"].update(type="date", title={})
    left = label_room(labels)
    key, below = _key(plan, left)
    layout["annotations"] += [key] if key else []
    layout.update(
        showlegend=False, template=plotly_template("plotly_white"),
        height=max(320, 90 + 30 * len(labels)) + below,
        title=dict(text=_title(plan), x=0, font=dict(size=16)),
        margin=dict(l=left, t=60, b=30 + below, r=RIGHT))
    return describe(dict(data=traces, layout=layout), _summary(plan), *_tables(plan))


def _summary(plan: Plan) -> str:
    return (f"A timeline of the plan {plan.name}, {_dates(plan)}: "
            f"{len(plan.workstreams)} workstream(s) as bars from their start to their end, and "
            f"{len(plan.milestones)} milestone(s) as diamonds on their dates.")


def _tables(plan: Plan) -> list[Table]:
    tables = []
    if plan.workstreams:
        tables.append(Table("Workstreams", ["Workstream", "Kind", "From", "To"], [
            [b.workstream.name, kind_label(b.workstream.kind), b.start.isoformat(),
             (b.end - timedelta(days=1)).isoformat()] for b in bars(plan)]))
    if plan.milestones:
        tables.append(Table("Milestones", ["Milestone", "Kind", "Date"], [
            [m.name, kind_label(m.kind), milestone_date(plan, m).isoformat()] for m in plan.milestones]))
    return tables


def _key(plan: Plan, left: int) -> tuple[dict | None, int]:
    """The key under the plot, as one annotation: each kind the plan uses in its colour, then the
    milestones' mark, in lines of at most :data:`KEY_WIDTH` pixels; and the pixels it takes.
    ``None`` and 0 for an empty plan."""
    entries = [f'<span style="color:{KIND_COLOURS[kind]}">■</span> {kind_label(kind)}'
               for kind in dict.fromkeys(ws.kind for ws in plan.workstreams)]
    entries += [f'<span style="color:{MILESTONE_COLOUR}">◆</span> milestone'] if plan.milestones else []
    if not entries:
        return None, 0
    gap = "&nbsp;" * KEY_GAP
    lines, width = [[]], 0.0
    for entry in entries:
        wide = text_width(entry + gap)
        if lines[-1] and width + wide > KEY_WIDTH:
            lines, width = [*lines, []], 0.0
        lines[-1].append(entry)
        width += wide
    key = dict(text="<br>".join(gap.join(line) for line in lines), xref="paper", yref="paper",
               x=0, y=0, xanchor="left", yanchor="top", xshift=-left, yshift=-TICKS_BELOW,
               align="left", showarrow=False, font=dict(size=12))
    return key, TICKS_BELOW + LEGEND_ROW * len(lines) - 10


def _title(plan: Plan) -> str:
    return f"{_label(plan.name)}: {_dates(plan)}"


def _dates(plan: Plan) -> str:
    last = plan_end(plan) - timedelta(days=1)
    if last < plan.start:
        return f"starts {plan.start.isoformat()}, nothing planned yet"
    return f"{plan.start.isoformat()} to {last.isoformat()} ({describe_months(span_months(plan))})"


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
