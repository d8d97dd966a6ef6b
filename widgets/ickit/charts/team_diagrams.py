"""Diagrams of a team: the route a referral takes through it, and who manages whom.

Pure functions from content items to ``go.Figure``. Boxes are shapes; their names are one text
trace; arrows are traces too, a line per arrow with plotly's ``arrow`` marker at its end, one trace
a colour; annotations are left for the few notes that need their own place or background. Drawn as
annotations, each arrow and name cost the browser 1-2 ms, most of the time a diagram took.
Each has a ``*_spec`` twin returning the same figure as a plain dict, which the team selector shows
(see ``ickit.charts``): no plotly validation, so a diagram is built in well under a millisecond.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import plotly.graph_objects as go

from ..content.models import ManagementType, ProcessModel
from ..content.team_choice import ManagementDiagram, StageLabel
from .room import legend_below, legend_rows
from .text import Table, describe

STAGE_COLOURS = {"referral": "#e8eef7", "reception": "#fde9c8", "allocation": "#e4d7f5",
                 "assessment": "#d6f0e0", "long-term-work": "#cfe3f7", "review": "#f7d9d9"}
LINK_STYLES = {"manages": ("#1f4e79", "solid", "manages"),
               "supervises": ("#6a6a6a", "dot", "supervises practice"),
               "coordinates": ("#2e7d32", "dash", "co-ordinates"),
               "contracts": ("#b35c00", "dashdot", "contracts"),
               "agrees": ("#7b1fa2", "longdash", "agreement on roles")}  # each its own dash too
TEAM_ONLY = {"reception", "allocation", "review"}
BOX_W, BOX_H = 1.5, 0.5
HEAD = 15  # arrowhead size, px
FONT = dict(family="Arial, sans-serif", size=13, color="#1a1a1a")


def referral_route(model: ProcessModel, stages: list[StageLabel], professions: list[str],
                   vertical: bool = False) -> go.Figure:
    """Boxes and arrows for each step a referral takes; one lane per profession if it has its own.

    ``vertical`` runs the route down the page, for narrow columns.
    """
    return go.Figure(referral_route_spec(model, stages, professions, vertical))


def referral_route_spec(model: ProcessModel, stages: list[StageLabel], professions: list[str],
                        vertical: bool = False) -> dict:
    """:func:`referral_route` as a plain dict."""
    labels = {s.id: s for s in stages}
    steps = list(model.referral_path[1:])
    if not model.pathway_per_profession:
        lanes = [("", steps, False)]
    elif any(s in TEAM_ONLY for s in steps):
        direct = [s for s in steps if s not in TEAM_ONLY]
        lanes = [("Shared team route", steps, False)]
        lanes += [(f"Direct route: {p}", direct, True) for p in professions]
    else:
        lanes = [(f"{p} pathway", steps, False) for p in professions]
    n = len(lanes)

    def at(step: float, lane: float) -> tuple[float, float]:
        return (2.2 * lane, -0.9 * step) if vertical else (2.1 * step, n - 1 - lane)

    font = dict(FONT, size=11) if vertical else FONT
    fig = _Parts(label_font=font)
    start = at(0, (n - 1) / 2)
    _box(fig, *start, labels["referral"])
    for lane, (name, path, aligned) in enumerate(lanes):
        points = [at(1 + (steps.index(s) if aligned else i), lane) for i, s in enumerate(path)]
        if name and vertical:
            x, y = points[-1]
            fig.notes.append(dict(x=x, y=y - BOX_H / 2 - 0.06, text=f"<b>{name.replace(': ', ':<br>')}</b>",
                                  showarrow=False, yanchor="top", font=dict(font, size=10)))
        elif name:
            x, y = points[0]
            fig.notes.append(dict(x=x - BOX_W / 2, y=y + BOX_H / 2 + 0.08, text=f"<b>{name}</b>",
                                  showarrow=False, xanchor="left", yanchor="bottom", font=dict(font)))
        for a, b in zip([start, *points], points):
            _arrow(fig, *_ports(a, b, vertical), "#444")
        for point, stage in zip(points, path):
            _box(fig, *point, labels[stage])
        if path[-1] == "review" and "allocation" in path:
            back = len(path) - 1 - path[::-1].index("allocation")
            _loop_back(fig, points[-1], points[back], vertical)
    title = f"{model.name}: the route of a referral"
    if vertical:
        spec = fig.build(title, 170 + 80 * len(steps), [-BOX_W / 2 - 0.1, 2.2 * (n - 1) + BOX_W / 2 + 1.3],
                         [-0.9 * len(steps) - BOX_H / 2 - 0.6, BOX_H / 2 + 0.1])
    else:
        spec = fig.build(title, 190 + 105 * n, [-BOX_W / 2 - 0.2, 2.1 * len(steps) + BOX_W / 2 + 0.2],
                         [-0.6, n - 0.2])
    return describe(spec, *_route_text(model, labels, lanes))


def _route_text(model: ProcessModel, labels: dict[str, StageLabel], lanes) -> tuple[str, Table, Table]:
    """The route in words, each lane's steps, and what happens at each stage it passes."""
    start, steps = labels["referral"].label, model.referral_path[1:]
    several = f", with {len(lanes)} routes side by side" if len(lanes) > 1 else ""
    back = (" What review finds goes back to the team's allocation."
            if steps[-1] == "review" and "allocation" in steps else "")
    summary = f"{model.name}: a diagram of the route a referral takes, in boxes joined by arrows{several}.{back}"
    routes = Table("Routes", ["Route", "Steps"],
                   [[name or "The route", " → ".join([start, *(labels[s].label for s in path)])]
                    for name, path, _ in lanes])
    stages = Table("Stages", ["Stage", "What happens"],
                   [[labels[s].label, labels[s].explanation] for s in dict.fromkeys(model.referral_path)])
    return summary, routes, stages


def management_lines(mtype: ManagementType, diagram: ManagementDiagram, small: bool = False) -> go.Figure:
    """Managers above, members below; lines for who manages whom, badges for budget and accountability.

    ``small`` uses smaller type, for narrow columns.
    """
    return go.Figure(management_lines_spec(mtype, diagram, small))


def management_lines_spec(mtype: ManagementType, diagram: ManagementDiagram, small: bool = False) -> dict:
    """:func:`management_lines` as a plain dict."""
    size = 10 if small else 13
    levels = {lvl: [n for n in diagram.nodes if n.level == lvl] for lvl in (0, 1)}
    span = 2.4 * max(len(v) for v in levels.values())
    at = {n.id: (span * (i + 0.5) / len(row), 1.6 * (1 - lvl))
          for lvl, row in levels.items() for i, n in enumerate(row)}
    fig = _Parts(label_font=dict(FONT, size=size))
    shown = set()
    for link in diagram.links:
        colour, dash, name = LINK_STYLES[link.kind]
        (x0, y0), (x1, y1) = at[link.source_node], at[link.to]
        if y0 == y1:
            start, end = (x0 + BOX_W / 2, y0), (x1 - BOX_W / 2, y1)
        else:
            start, end = (x0, y0 - BOX_H / 2), (x1, y1 + BOX_H / 2)
        fig.traces.append(dict(type="scatter", x=[start[0], end[0]], y=[start[1], end[1]], mode="lines",
                               line=dict(color=colour, dash=dash, width=2.5), name=name,
                               legendgroup=link.kind, showlegend=link.kind not in shown,
                               hoverinfo="skip"))
        shown.add(link.kind)
        _arrow(fig, start, end, colour, shaft=False)  # the head only: the line keeps its dashes
    for node in diagram.nodes:
        x, y = at[node.id]
        edge = "#b71c1c" if node.accountable else "#5b6770"
        _rect(fig, x, y, "#eef3f8" if node.level == 0 else "#ffffff", edge, 3.5 if node.accountable else 1.2)
        fig.labels.append((x, y, f"<b>{node.label}</b>"))
        badges = [(f"£ {node.budget}", "#fff3c4", "#7a5f00")] if node.budget else []
        badges += [(f"Accountable: {node.accountable}", "#fde0e0", "#b71c1c")] if node.accountable else []
        for k, (text, fill, ink) in enumerate(badges):
            fig.notes.append(dict(x=x, y=y + BOX_H / 2 + 0.12 + 0.3 * k, text=text, showarrow=False,
                                  bgcolor=fill, bordercolor=ink, borderpad=3,
                                  font=dict(FONT, size=size - 2, color=ink)))
    out = fig.build(f"{mtype.name}: who manages whom", 470, [-0.2, span + 0.2], [-0.6, 2.6])
    kinds = dict.fromkeys(link.kind for link in diagram.links)  # as the legend lists them
    rows = legend_rows([LINK_STYLES[kind][2] for kind in kinds], 440 if small else 540)  # plot width
    out["layout"].update(legend=dict(orientation="h", x=0, y=-0.02, yanchor="top"),
                         margin=dict(l=10, r=10, t=50, b=legend_below(470, 50, -0.02, rows)))
    names = {n.id: n.label for n in diagram.nodes}
    return describe(out, f"{mtype.name}: a diagram of who manages whom, managers above and team members "
                         "below, joined by lines of each kind of link; budgets and accountability are "
                         "marked on the boxes.",
                    Table("Links", ["From", "Link", "To"], [[names[link.source_node], LINK_STYLES[link.kind][2],
                                                             names[link.to]] for link in diagram.links]),
                    Table("Budget and accountability", ["Who", "Budget", "Accountable for"],
                          [[n.label, n.budget or "", n.accountable or ""] for n in diagram.nodes]))


def _loop_back(fig: _Parts, review: tuple[float, float], allocation: tuple[float, float],
               vertical: bool) -> None:
    """A dashed arc beside the route: what review finds goes back to the team's allocation."""
    (x0, y0), (x1, y1) = review, allocation
    colour, font = "#8e2c2c", dict(FONT, size=11, color="#8e2c2c")
    if vertical:
        side, bulge = x0 + BOX_W / 2, x0 + BOX_W / 2 + 0.5
        arc = f"M {side},{y0} C {bulge},{y0} {bulge},{y1} {side + 0.04},{y1}"
        _arrow(fig, (side + 0.14, y1 + 0.02), (side, y1), colour, shaft=False)
        fig.notes.append(dict(x=bulge - 0.1, y=(y0 + y1) / 2, text="back to<br>the team", showarrow=False,
                              xanchor="left", font=font))
    else:
        top, peak = y0 + BOX_H / 2, y0 + BOX_H / 2 + 0.45
        arc = f"M {x0},{top} C {x0},{peak} {x1},{peak} {x1},{top + 0.04}"
        _arrow(fig, (x1 + 0.02, top + 0.12), (x1, top), colour, shaft=False)
        fig.notes.append(dict(x=(x0 + x1) / 2, y=peak - 0.08, text="back to the team", showarrow=False,
                              yanchor="bottom", font=font))
    fig.shapes.append(dict(type="path", path=arc, line=dict(color=colour, width=2, dash="dash")))


def _ports(a: tuple[float, float], b: tuple[float, float], vertical: bool) -> tuple[tuple, tuple]:
    """Where an arrow from box ``a`` to box ``b`` leaves and arrives: bottom to top, or side to side."""
    if vertical:
        return (a[0], a[1] - BOX_H / 2), (b[0], b[1] + BOX_H / 2)
    return (a[0] + BOX_W / 2, a[1]), (b[0] - BOX_W / 2, b[1])


@dataclass
class _Parts:
    """Shapes, annotations and traces gathered first, then put together as one figure dict."""

    label_font: dict  # the boxes' names
    shapes: list[dict] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)
    traces: list[dict] = field(default_factory=list)
    hover: list[tuple[float, float, str]] = field(default_factory=list)
    labels: list[tuple[float, float, str]] = field(default_factory=list)
    arrows: dict[tuple[str, bool], list[tuple[tuple, tuple]]] = field(default_factory=dict)

    def build(self, title: str, height: int, x_range: list[float], y_range: list[float]) -> dict:
        if self.hover:  # invisible markers that explain each box on hover
            x, y, text = (list(column) for column in zip(*self.hover))
            self.traces.append(dict(type="scatter", x=x, y=y, hovertext=text, mode="markers",
                                    hoverinfo="text", marker=dict(size=40, opacity=0), showlegend=False))
        for (colour, shaft), ends in self.arrows.items():  # start, end and a gap for each arrow
            self.traces.append(dict(
                type="scatter", x=[v for s, e in ends for v in (s[0], e[0], None)],
                y=[v for s, e in ends for v in (s[1], e[1], None)],
                mode="lines+markers" if shaft else "markers", line=dict(color=colour, width=2),
                marker=dict(symbol="arrow", angleref="previous", color=colour, opacity=1, line=dict(width=0),
                            size=[0, HEAD, 0] * len(ends)),  # opacity and line: not a bubble chart's
                hoverinfo="skip", showlegend=False))
        if self.labels:
            x, y, text = (list(column) for column in zip(*self.labels))
            self.traces.append(dict(type="scatter", x=x, y=y, text=text, mode="text",
                                    textfont=dict(self.label_font), hoverinfo="skip", showlegend=False))
        return dict(data=self.traces, layout=dict(
            title=dict(text=title, x=0.01, font=dict(FONT, size=16)), height=height,
            plot_bgcolor="white", paper_bgcolor="white", hovermode="closest",
            margin=dict(l=10, r=10, t=50, b=10), shapes=self.shapes,
            **({"annotations": self.notes} if self.notes else {}),  # as go.Figure sends it: no empty list
            xaxis=dict(visible=False, fixedrange=True, range=x_range),
            yaxis=dict(visible=False, fixedrange=True, range=y_range)))


def _box(fig: _Parts, x: float, y: float, stage: StageLabel) -> None:
    _rect(fig, x, y, STAGE_COLOURS[stage.id], "#5b6770", 1.2)
    label = stage.label.replace(" ", "<br>", 1) if len(stage.label) > 12 else stage.label
    fig.labels.append((x, y, f"<b>{label}</b>"))
    fig.hover.append((x, y, stage.explanation))


def _rect(fig: _Parts, x: float, y: float, fill: str, edge: str, width: float) -> None:
    fig.shapes.append(dict(type="rect", x0=x - BOX_W / 2, x1=x + BOX_W / 2, y0=y - BOX_H / 2, y1=y + BOX_H / 2,
                           fillcolor=fill, line=dict(color=edge, width=width), layer="below"))


def _arrow(fig: _Parts, start: tuple[float, float], end: tuple[float, float], colour: str,
           shaft: bool = True) -> None:
    """An arrow from ``start`` to ``end``; without ``shaft`` only its head, pointing the same way."""
    fig.arrows.setdefault((colour, shaft), []).append((start, end))
