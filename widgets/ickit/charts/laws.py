"""Charts for Leutz's law explorers: targeting, cumulative net cost, and the stakeholder grid."""

from __future__ import annotations

import html

import plotly.graph_objects as go
from plotly.subplots import make_subplots

COST, BENEFIT, LINE = "#c0504d", "#4f81bd", "#555555"


def targeting(mine, everyone, unit: str) -> go.Figure:
    """Cost and benefit by need group for the user's plan, then both plans' totals side by side."""
    fig = make_subplots(rows=1, cols=2, column_widths=[0.6, 0.4], horizontal_spacing=0.12,
                        subplot_titles=("Your plan, by need group", "Your plan beside full integration for everyone"))
    groups = [f"{g.name}<br>{g.reached} of {g.people} reached" for g in mine.groups]
    plans = [f"Your plan<br>{mine.reached} reached", f"Everyone fully integrated<br>{everyone.reached} reached"]
    for name, color, mine_y, totals in (
            ("Cost", COST, [g.cost for g in mine.groups], [mine.cost, everyone.cost]),
            ("Benefit", BENEFIT, [g.benefit for g in mine.groups], [mine.benefit, everyone.benefit])):
        fig.add_trace(go.Bar(name=name, x=groups, y=mine_y, marker_color=color, legendgroup=name), 1, 1)
        fig.add_trace(go.Bar(name=name, x=plans, y=totals, marker_color=color, legendgroup=name,
                             showlegend=False), 1, 2)
    for x, result in zip(plans, (mine, everyone)):
        value = "nothing spent" if result.value is None else f"{result.value:.2f} back per 1 spent"
        fig.add_annotation(x=x, y=max(result.cost, result.benefit), text=value, showarrow=False,
                           yshift=12, row=1, col=2)
    fig.update_layout(title="Law 1: reach, cost and benefit", barmode="group", height=460,
                      legend=dict(orientation="h", y=-0.2), margin=dict(t=80))
    fig.update_yaxes(title_text=unit, row=1, col=1)
    return fig


def net_cost(years, break_even: int | None, marks, unit: str) -> go.Figure:
    """Cumulative net cost by year, the break-even point if any, and the timescales from the data."""
    fig = go.Figure(go.Scatter(x=[y.year for y in years], y=[y.cumulative for y in years],
                               mode="lines+markers", name="Cumulative net cost",
                               line=dict(color=COST, width=3)))
    fig.add_hline(y=0, line=dict(color=LINE, width=1))
    if break_even is not None:
        fig.add_trace(go.Scatter(x=[break_even], y=[years[break_even].cumulative], mode="markers+text",
                                 name="Break-even", text=[f"Break-even: year {break_even}"],
                                 textposition="top right",
                                 marker=dict(size=16, symbol="star", color=BENEFIT)))
    for i, mark in enumerate(marks):
        at_least = "at least " if mark.bound == "at-least" else ""
        fig.add_vline(x=mark.year, line=dict(color=LINE, dash="dot"))
        fig.add_annotation(x=mark.year, y=1.02 + 0.07 * i, yref="paper", yanchor="bottom", xanchor="left",
                           showarrow=False, text=f"{mark.name}: {at_least}{mark.years:g} yr")
    fig.update_layout(title="Law 2: cumulative net cost over the years", height=500, showlegend=True,
                      margin=dict(t=70 + 18 * len(marks)),
                      legend=dict(orientation="h", y=-0.2),
                      xaxis=dict(title="years from the start", dtick=1), yaxis=dict(title=unit))
    return fig


def power_interest(people, quadrants, high_from: int) -> go.Figure:
    """The power and interest grid: each stakeholder a point, voices of people set apart.

    Labels sit above points of even interest and below odd ones, so neighbours do not overlap.
    """
    fig = go.Figure()
    for voice, name, symbol, color in ((False, "Organisations and professions", "circle", LINE),
                                       (True, "People who use services and communities", "diamond", BENEFIT)):
        group = [s for s in people if s.voice == voice]
        fig.add_trace(go.Scatter(x=[s.interest for s in group], y=[s.power for s in group], name=name,
                                 mode="markers+text", text=[html.escape(s.name) for s in group],
                                 textposition=[("bottom", "top")[s.interest % 2 == 0] + " center" for s in group],
                                 marker=dict(size=14, symbol=symbol, color=color)))
    split = high_from - 0.5
    for q in quadrants:
        fig.add_annotation(x=9.9 if q.high_interest else 0.6, y=10.4 if q.high_power else 0.6,
                           xanchor="right" if q.high_interest else "left", text=f"<b>{q.name}</b>",
                           showarrow=False, font=dict(color="#888888"))
    fig.add_vline(x=split, line=dict(color=LINE, dash="dash"))
    fig.add_hline(y=split, line=dict(color=LINE, dash="dash"))
    fig.update_layout(title="Laws 3 to 5: power and interest", height=560,
                      legend=dict(orientation="h", y=-0.15),
                      xaxis=dict(title="interest in the integration", range=[0.5, 10.5], dtick=1),
                      yaxis=dict(title="power over it", range=[0.3, 10.8], dtick=1))
    return fig
