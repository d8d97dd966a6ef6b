"""Readiness charts: a radar of the scores of outcomes and the six dimensions, and its PNG."""

from __future__ import annotations

import plotly.graph_objects as go

from ..logic.readiness import Readiness, percent
from .export import figure_to_png
from .text import Table, describe

FILL = "rgba(31, 119, 180, 0.25)"
LINE = "#1f77b4"


def wrap_label(text: str, width: int = 18) -> str:
    """Break a long axis name over lines so that it stays inside the figure."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) >= width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join(lines + [line])


def headline(result: Readiness) -> str:
    """The chart's title: the overall score and how many items are still unrated."""
    missing = f" ({result.unrated} of {result.total} items not rated)" if result.unrated else ""
    return f"Readiness by dimension: overall {percent(result.overall)}{missing}"


def radar(result: Readiness, title: str | None = None) -> go.Figure:
    """A closed radar polygon, 0-100%; a list nobody has rated sits at 0 and says so."""
    return go.Figure(radar_spec(result, title))


def radar_spec(result: Readiness, title: str | None = None) -> dict:
    """:func:`radar` as a plain dict, for the dashboard (see ``ickit.charts``)."""
    theta = [wrap_label(s.name) + ("" if s.score is not None else "<br>(not rated)") for s in result.scores]
    r = [s.score or 0.0 for s in result.scores]
    hover = [f"{s.name}: {percent(s.score)}"
             f" ({s.rated} of {s.total} items rated)" for s in result.scores]
    symbols = ["circle" if s.score is not None else "circle-open" for s in result.scores]
    scores = [percent(s.score, unrated="") for s in result.scores]  # written by each point
    trace = dict(
        type="scatterpolar", r=r + r[:1], theta=theta + theta[:1], hovertext=hover + hover[:1],
        hoverinfo="text", text=scores + [""], textposition="top center", textfont={"color": "#1a1a1a"},
        fill="toself", fillcolor=FILL, line={"color": LINE, "width": 2}, mode="lines+markers+text",
        marker={"size": 9, "symbol": symbols + symbols[:1]},
        name="score")
    spec = dict(data=[trace], layout=dict(
        title={"text": title or headline(result)}, showlegend=False, height=500, margin={"l": 90, "r": 90, "t": 100, "b": 40},
        polar={"radialaxis": {"range": [0, 100], "ticksuffix": "%", "angle": 90, "tickangle": 90},
               "angularaxis": {"direction": "clockwise", "rotation": 90}}))
    summary = (f"{title or headline(result)}. A radar of the score of outcomes and of each of the six "
               "dimensions, from 0 to 100%: the share of the best rating that the rated items reach.")
    return describe(spec, summary, Table(
        "Scores", ["Part", "Score", "Items rated"],
        [[s.name, percent(s.score), f"{s.rated} of {s.total}"]
         for s in result.scores]))


def png(fig: go.Figure) -> bytes:
    """The radar as an 800 x 600 PNG; a failure is a :class:`~ickit.errors.KitInputError`."""
    return figure_to_png(fig, width=800, height=600)
