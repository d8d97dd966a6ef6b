"""How long integration takes: the evidence on timescales as a bar chart of years."""

from __future__ import annotations

import plotly.graph_objects as go

from ..content.models import Timescale
from .text import Table, meta

BOUND_WORDS = {"at-least": "at least", "about": "about", "exactly": "exactly"}
SUMMARY = "How long change took, in years"


def years_label(timescale: Timescale) -> str:
    """A timescale's years as its bar says them: ``at least 2 years``."""
    years = timescale.years
    return f"{BOUND_WORDS.get(timescale.bound, '')} {years:g} year{'' if years == 1 else 's'}".strip()


def timescales_figure(timescales: list[Timescale], width: int = 900, height: int = 420) -> go.Figure:
    """One horizontal bar per timescale that gives a figure in years, labelled with its bound."""
    shown = [t for t in timescales if t.years is not None]
    labels = [years_label(t) for t in shown]
    fig = go.Figure(go.Bar(
        x=[t.years for t in shown], y=[t.name for t in shown], orientation="h", text=labels,
        textposition="auto", marker_color="#2b6f77",
        hovertext=[t.applies_to for t in shown], hoverinfo="text"))
    fig.update_layout(width=width, height=height, margin=dict(l=10, r=10, t=10, b=40),
                      xaxis_title="years", yaxis_autorange="reversed",
                      font=dict(family="Atkinson Hyperlegible, sans-serif", size=16),
                      plot_bgcolor="white", paper_bgcolor="white",
                      meta=meta(f"{SUMMARY}: a bar for each timescale the evidence gives in years.", Table(
                          "Timescales", ["Timescale", "Years", "Applies to"],
                          [[t.name, label, t.applies_to] for t, label in zip(shown, labels)])))
    return fig
