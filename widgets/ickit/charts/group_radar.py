"""The group's radar in a workshop room: the median score per area with its range, a line per
role, and (on a participant's screen) their own scores. Each line has its own dash pattern as
well as its colour, and its name in the legend, so no line is known by colour alone."""

from __future__ import annotations

import plotly.graph_objects as go

from ..logic.readiness import percent
from ..logic.room_results import Radar
from .export import figure_to_png
from .readiness import FILL, LINE, wrap_label
from .text import Table, describe

RANGE = "#595959"
FEW = "too few answers"  # the score of an area too few people have answered
# Okabe and Ito's palette, distinguishable with the common colour-vision deficiencies
ROLE_COLOURS = ("#D55E00", "#009E73", "#CC79A7", "#0072B2", "#E69F00", "#56B4E9")
ROLE_DASHES = ("dash", "dashdot", "longdash", "longdashdot", "5px,3px,1px,3px", "1px,4px")
OWN = "#000000"


def _closed(values: list) -> list:
    return values + values[:1]


def _line(name: str, theta: list[str], values: list[float | None], **style) -> dict:
    text = [f"{name}: {percent(v, FEW)}" for v in values]
    return dict(type="scatterpolar", r=_closed(values), theta=_closed(theta), text=_closed(text),
                hoverinfo="text", name=name, mode="lines+markers", connectgaps=False, **style)


def group_radar_spec(radar: Radar, role_labels: dict[str, str], title: str,
                     own: dict[str, float] | None = None) -> dict:
    """:func:`group_radar` as a plain dict, for the dashboards (see ``ickit.charts``)."""
    theta = [wrap_label(name, 16) for _, name in radar.axes]
    data = [
        _line("Group median", theta, radar.median, fill="toself", fillcolor=FILL,
              line={"color": LINE, "width": 3}, marker={"size": 8}),
        _line("Lowest", theta, radar.low, line={"color": RANGE, "width": 1.5, "dash": "dot"},
              marker={"size": 5, "symbol": "triangle-down"}),
        _line("Highest", theta, radar.high, line={"color": RANGE, "width": 1.5, "dash": "dot"},
              marker={"size": 5, "symbol": "triangle-up"}),
    ]
    for n, (role, line) in enumerate(sorted(radar.roles.items())):
        data.append(_line(role_labels.get(role, role), theta, line,
                          line={"color": ROLE_COLOURS[n % 6], "width": 2, "dash": ROLE_DASHES[n % 6]},
                          marker={"size": 6, "symbol": "square"}))
    if own is not None:
        data.append(_line("You", theta, [own.get(axis) for axis, _ in radar.axes],
                          line={"color": OWN, "width": 2}, marker={"size": 7, "symbol": "diamond"}))
    spec = dict(data=data, layout=dict(
        title={"text": title}, height=560, showlegend=True,
        legend={"orientation": "h", "y": -0.12, "x": 0.5, "xanchor": "center"},
        margin={"l": 90, "r": 90, "t": 80, "b": 110},
        polar={"radialaxis": {"range": [0, 100], "ticksuffix": "%", "angle": 90, "tickangle": 90},
               "angularaxis": {"direction": "clockwise", "rotation": 90}}))
    lines = {"Median": radar.median, "Lowest": radar.low, "Highest": radar.high}
    lines.update((role_labels.get(role, role), line) for role, line in sorted(radar.roles.items()))
    if own is not None:
        lines["You"] = [own.get(axis) for axis, _ in radar.axes]
    return describe(spec, f"{title}. A radar of the group's median score in each area, from 0 to 100%, "
                          f"with its lowest and highest, a line for each role with enough people"
                          f"{', and your own scores' if own is not None else ''}.",
                    Table("Scores by area", ["Area", *lines],
                          [[name, *(percent(values[i], FEW) for values in lines.values())]
                           for i, (_, name) in enumerate(radar.axes)]))


def group_radar(radar: Radar, role_labels: dict[str, str], title: str,
                own: dict[str, float] | None = None) -> go.Figure:
    return go.Figure(group_radar_spec(radar, role_labels, title, own))


def png(fig: go.Figure) -> bytes:
    """The radar as a 900 x 700 PNG; a failure is a :class:`~ickit.errors.KitInputError`."""
    return figure_to_png(fig, width=900, height=700)
