"""How long integration takes: the evidence on timescales as a bar chart of years."""

from __future__ import annotations

import plotly.graph_objects as go

from ..content.models import Timescale

BOUND_WORDS = {"at-least": "at least", "about": "about", "exactly": "exactly"}


def timescales_figure(timescales: list[Timescale], width: int = 900, height: int = 420) -> go.Figure:
    """One horizontal bar per timescale that gives a figure in years, labelled with its bound."""
    shown = [t for t in timescales if t.years is not None]
    fig = go.Figure(go.Bar(
        x=[t.years for t in shown], y=[t.name for t in shown], orientation="h",
        text=[f"{BOUND_WORDS.get(t.bound, '')} {t.years:g} year{'' if t.years == 1 else 's'}".strip()
              for t in shown],
        textposition="auto", marker_color="#2b6f77",
        hovertext=[t.applies_to for t in shown], hoverinfo="text"))
    fig.update_layout(width=width, height=height, margin=dict(l=10, r=10, t=10, b=40),
                      xaxis_title="years", yaxis_autorange="reversed",
                      font=dict(family="Atkinson Hyperlegible, sans-serif", size=16),
                      plot_bgcolor="white", paper_bgcolor="white")
    return fig
