"""Charts for Leutz's law explorers: targeting, cumulative net cost, and the stakeholder grid."""

from __future__ import annotations

import html

import plotly.graph_objects as go

from ..logic.stakeholders import quadrant_of
from .room import legend_below
from .text import Table, describe, number

COST, BENEFIT, LINE = "#c0504d", "#4f81bd", "#555555"
# law 2's title sits at the top of the figure and its timescale marks in rows above the plot, each
# row a pixel height of its own, so neither reaches the other at any plot height (pixels)
TITLE_PAD, TITLE_ROOM = 12, 44
MARK_ROW, MARK_GAP = 18, 4
# cost bars are hatched as well as red, so that cost and benefit differ in more than colour
COST_PATTERN = dict(shape="/", fillmode="overlay", fgcolor="#ffffff", fgopacity=0.7, size=8)


def targeting(mine, everyone, unit: str) -> go.Figure:
    """Cost and benefit by need group for the user's plan, then both plans' totals side by side."""
    return go.Figure(targeting_spec(mine, everyone, unit))


def targeting_spec(mine, everyone, unit: str) -> dict:
    """:func:`targeting` as a plain dict, for the dashboard (see ``ickit.charts``): two plots side
    by side, laid out as ``make_subplots(cols=2, column_widths=[0.6, 0.4], horizontal_spacing=0.12)``."""
    (left, right), titles = _columns([0.6, 0.4], 0.12), ("Your plan, by need group",
                                                         "Your plan beside full integration for everyone")
    groups = [f"{g.name}<br>{g.reached} of {g.people} reached" for g in mine.groups]
    plans = [f"Your plan<br>{mine.reached} reached", f"Everyone fully integrated<br>{everyone.reached} reached"]
    traces = []
    for name, marker, mine_y, totals in (
            ("Cost", dict(color=COST, pattern=COST_PATTERN), [g.cost for g in mine.groups], [mine.cost, everyone.cost]),
            ("Benefit", dict(color=BENEFIT), [g.benefit for g in mine.groups], [mine.benefit, everyone.benefit])):
        traces.append(dict(type="bar", name=name, x=groups, y=mine_y, marker=marker,
                           legendgroup=name, xaxis="x", yaxis="y"))
        traces.append(dict(type="bar", name=name, x=plans, y=totals, marker=marker,
                           legendgroup=name, showlegend=False, xaxis="x2", yaxis="y2"))
    notes = [dict(text=title, x=(x0 + x1) / 2, y=1.0, xref="paper", yref="paper", xanchor="center",
                  yanchor="bottom", showarrow=False, font=dict(size=16))
             for title, (x0, x1) in zip(titles, (left, right))]
    for x, result in zip(plans, (mine, everyone)):
        value = "nothing spent" if result.value is None else f"{result.value:.2f} back per 1 spent"
        notes.append(dict(x=x, y=max(result.cost, result.benefit), text=value, showarrow=False,
                          yshift=12, xref="x2", yref="y2"))
    spec = dict(data=traces, layout=dict(
        xaxis=dict(anchor="y", domain=left), yaxis=dict(anchor="x", domain=[0.0, 1.0], title=dict(text=unit)),
        xaxis2=dict(anchor="y2", domain=right), yaxis2=dict(anchor="x2", domain=[0.0, 1.0]),
        annotations=notes, title=dict(text="Law 1: reach, cost and benefit"), barmode="group",
        height=460, legend=dict(orientation="h", y=-0.2), margin=dict(t=80, b=legend_below(460, 80, -0.2))))
    return describe(spec, _targeting_summary(mine, everyone, unit), Table(
        titles[0], ["Need group", "People reached", f"Cost ({unit})", f"Benefit ({unit})"],
        [[g.name, f"{g.reached:,} of {g.people:,}", number(g.cost), number(g.benefit)] for g in mine.groups]),
        Table(titles[1], ["Plan", "People reached", f"Cost ({unit})", f"Benefit ({unit})", "Back for each 1 spent"],
              [[name, f"{r.reached:,}", number(r.cost), number(r.benefit), _back(r)]
               for name, r in (("Your plan", mine), ("Everyone fully integrated", everyone))]))


def _back(result) -> str:
    return "nothing spent" if result.value is None else f"{result.value:.2f}"


def _targeting_summary(mine, everyone, unit: str) -> str:
    return (f"Bars of cost and benefit in {unit}, for each need group under your plan, then your plan's "
            f"totals beside full integration for everyone. Your plan reaches {mine.reached:,} people and "
            f"gets back {_back(mine)} for every 1 spent; full integration for everyone reaches "
            f"{everyone.reached:,} and gets back {_back(everyone)}.")


def _columns(widths: list[float], spacing: float) -> list[list[float]]:
    """The x domains of plots side by side, as ``make_subplots`` gives them."""
    room = 1 - spacing * (len(widths) - 1)
    domains, start = [], 0.0
    for w in widths:
        domains.append([start, start + room * w / sum(widths)])
        start = domains[-1][1] + spacing
    return domains


def net_cost(years, break_even: int | None, marks, unit: str) -> go.Figure:
    """Cumulative net cost by year, the break-even point if any, and the timescales from the data."""
    return go.Figure(net_cost_spec(years, break_even, marks, unit))


def net_cost_spec(years, break_even: int | None, marks, unit: str) -> dict:
    """:func:`net_cost` as a plain dict, for the dashboard (see ``ickit.charts``)."""
    traces = [dict(type="scatter", x=[y.year for y in years], y=[y.cumulative for y in years],
                   mode="lines+markers", name="Cumulative net cost", line=dict(color=COST, width=3))]
    shapes, notes = [_hline(0, dict(color=LINE, width=1))], []
    if break_even is not None:
        traces.append(dict(type="scatter", x=[break_even], y=[years[break_even].cumulative],
                           mode="markers+text", name="Break-even", text=[f"Break-even: year {break_even}"],
                           textposition="top right", marker=dict(size=16, symbol="star", color=BENEFIT)))
    for i, mark in enumerate(marks):
        at_least = "at least " if mark.bound == "at-least" else ""
        shapes.append(_vline(mark.year, dict(color=LINE, dash="dot")))
        notes.append(dict(x=mark.year, y=1, yref="paper", yanchor="bottom", xanchor="left",
                          yshift=MARK_GAP + MARK_ROW * i, showarrow=False,
                          text=f"{mark.name}: {at_least}{mark.years:g} yr"))
    layout = dict(shapes=shapes, annotations=notes) if notes else dict(shapes=shapes)
    top = TITLE_ROOM + MARK_GAP + MARK_ROW * len(marks)
    title = dict(text="Law 2: cumulative net cost over the years", y=1, yref="container", yanchor="top",
                 pad=dict(t=TITLE_PAD))
    layout.update(title=title, height=500, showlegend=True,
                  margin=dict(t=top, b=legend_below(500, top, -0.2)), legend=dict(orientation="h", y=-0.2),
                  xaxis=dict(title=dict(text="years from the start"), dtick=1),
                  yaxis=dict(title=dict(text=unit)))
    paid = (f"it breaks even in year {break_even}" if break_even is not None else
            f"it does not break even within {years[-1].year} years" if years else "nothing is shown")
    evidence = "; ".join(note["text"] for note in notes)
    summary = (f"A line of the cumulative net cost in {unit}, year by year: {paid}."
               + (f" Dotted lines mark how long integration has taken elsewhere: {evidence}." if notes else ""))
    return describe(dict(data=traces, layout=layout), summary, Table(
        "Cumulative net cost by year", ["Year", f"Spent ({unit})", f"Saved ({unit})", f"Cumulative net cost ({unit})"],
        [[str(y.year), number(y.spent), number(y.saved), number(y.cumulative)] for y in years]))


def power_interest(people, quadrants, high_from: int) -> go.Figure:
    """The power and interest grid: each stakeholder a point, voices of people set apart.

    Labels sit above points of even interest and below odd ones, so neighbours do not overlap.
    """
    return go.Figure(power_interest_spec(people, quadrants, high_from))


def power_interest_spec(people, quadrants, high_from: int) -> dict:
    """:func:`power_interest` as a plain dict, for the dashboard (see ``ickit.charts``)."""
    traces = []
    for voice, name, symbol, color in ((False, "Organisations and professions", "circle", LINE),
                                       (True, "People who use services and communities", "diamond", BENEFIT)):
        group = [s for s in people if s.voice == voice]
        traces.append(dict(type="scatter", x=[s.interest for s in group], y=[s.power for s in group],
                           name=name, mode="markers+text", text=[html.escape(s.name) for s in group],
                           textposition=[("bottom", "top")[s.interest % 2 == 0] + " center" for s in group],
                           marker=dict(size=14, symbol=symbol, color=color)))
    split = high_from - 0.5
    notes = [dict(x=9.9 if q.high_interest else 0.6, y=10.4 if q.high_power else 0.6,
                  xanchor="right" if q.high_interest else "left", text=f"<b>{q.name}</b>",
                  showarrow=False, font=dict(color=LINE)) for q in quadrants]
    layout = dict(annotations=notes) if notes else {}
    layout.update(shapes=[_vline(split, dict(color=LINE, dash="dash")), _hline(split, dict(color=LINE, dash="dash"))],
                  title=dict(text="Laws 3 to 5: power and interest"), height=560,
                  legend=dict(orientation="h", y=-0.15), margin=dict(t=100, b=legend_below(560, 100, -0.15)),
                  xaxis=dict(title=dict(text="interest in the integration"), range=[0.5, 10.5], dtick=1),
                  yaxis=dict(title=dict(text="power over it"), range=[0.3, 10.8], dtick=1))
    voices = sum(s.voice for s in people)
    summary = (f"{len(people)} stakeholders placed by their interest in the integration (across) and "
               f"their power over it (up), each from 1 to 10; the grid splits at {high_from}. "
               f"{voices} of them speak for people who use services or communities.")
    return describe(dict(data=traces, layout=layout), summary, Table(
        "Stakeholders on the grid", ["Stakeholder", "Interest", "Power", "Part of the grid",
                                     "Speaks for people who use services"],
        [[s.name, str(s.interest), str(s.power), quadrant_of(s, quadrants, high_from).name, "yes" if s.voice else "no"] for s in people]))


def _hline(y: float, line: dict) -> dict:
    """A line across the plot at ``y``, as ``fig.add_hline`` draws it."""
    return dict(type="line", x0=0, x1=1, xref="x domain", y0=y, y1=y, yref="y", line=line)


def _vline(x: float, line: dict) -> dict:
    """A line up the plot at ``x``, as ``fig.add_vline`` draws it."""
    return dict(type="line", x0=x, x1=x, xref="x", y0=0, y1=1, yref="y domain", line=line)
