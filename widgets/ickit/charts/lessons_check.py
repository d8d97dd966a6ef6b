"""Ten-lessons chart: one traffic-light bar per lesson, each partner's answer as a dot on it."""

from __future__ import annotations

import html

import plotly.graph_objects as go

from ..content.assessment import LessonsCheckSettings
from ..logic.lessons_check import LessonResult, counts
from ..logic.words import counted
from .room import label_room, legend_below, legend_rows
from .text import Table, describe

COLOURS = {"red": "#c0392b", "amber": "#e6a100", "green": "#2e8b57", "unanswered": "#b0b0b0"}
# each light hatched its own way too, and named beside its bar: never told by colour alone
PATTERNS = {"red": "x", "amber": "/", "green": "", "unanswered": "."}
LEGEND_TITLE = "answers of"
WIDEST = 980  # pixels: the widest the dashboard shows the chart (a narrower legend may wrap more)
SYMBOLS = ("circle", "diamond", "square", "triangle-up", "cross", "x", "star", "hexagon",
           "pentagon", "triangle-down", "hourglass", "bowtie")


def headline(results: list[LessonResult]) -> str:
    """The chart's title: how many lessons show each light."""
    lights = ", ".join(f"{shade} {n}" for shade, n in counts(results).items())
    return f"{counted(results, 'lessons')}: {lights}"


def traffic_lights(results: list[LessonResult], settings: LessonsCheckSettings,
                   title: str | None = None) -> go.Figure:
    """Bars at each lesson's mean rating coloured by its light; dashed lines at the thresholds."""
    return go.Figure(traffic_lights_spec(results, settings, title))


def traffic_lights_spec(results: list[LessonResult], settings: LessonsCheckSettings,
                        title: str | None = None) -> dict:
    """:func:`traffic_lights` as a plain dict, for the dashboard (see ``ickit.charts``)."""
    rows = [f"{r.lesson.number}. {r.lesson.heading}" for r in results]
    means = [r.mean if r.mean is not None else 0.0 for r in results]
    labels = [r.light if r.mean is None else f"{r.light} · {r.mean:.1f}" for r in results]
    traces = [dict(
        type="bar", x=[m or 0.04 * settings.top for m in means], y=rows, orientation="h", showlegend=False,
        marker={"color": [COLOURS[r.light] for r in results],
                "pattern": {"shape": [PATTERNS[r.light] for r in results], "fillmode": "overlay",
                            "fgcolor": "#ffffff", "fgopacity": 0.6, "size": 7}},
        customdata=labels,
        hovertemplate="%{y}<br>%{customdata}<extra></extra>"), dict(
        type="scatter", x=[settings.top * 1.04] * len(rows), y=rows, mode="text", text=labels,
        showlegend=False, textposition="middle right", hoverinfo="skip")]
    partners = list(results[0].ratings) if results else []
    for n, partner in enumerate(partners):
        given = [(r.ratings[partner], row) for r, row in zip(results, rows) if r.ratings[partner] is not None]
        traces.append(dict(
            type="scatter", x=[v for v, _ in given], y=[row for _, row in given], mode="markers",
            name=html.escape(partner, quote=False),
            marker={"symbol": SYMBOLS[n % len(SYMBOLS)], "size": 10, "color": "#333",
                    "line": {"color": "white", "width": 1}},
            hovertemplate="%{fullData.name}: %{x}<extra></extra>"))
    ticks = [p.value for p in settings.scale]
    left = label_room(rows)
    answered = [t["name"] for t in traces[2:] if t["x"]]  # plotly's legend leaves out the others
    legend = legend_rows(answered, WIDEST - left - 40, LEGEND_TITLE)
    bottom = legend_below(520, 60, -0.15, legend) if answered else 60  # else the x axis's title only
    spec = dict(data=traces, layout=dict(
        shapes=[dict(type="line", x0=x, x1=x, xref="x", y0=0, y1=1, yref="y domain",
                     line={"dash": "dash", "color": "#666", "width": 1})  # as fig.add_vline draws it
                for x in (settings.red_below, settings.green_from)],
        title={"text": title or headline(results)}, height=520, margin={"l": left, "r": 40, "t": 60, "b": bottom},
        xaxis={"range": [0, settings.top * 1.4], "tickvals": ticks,
               "ticktext": [f"{p.value} {p.label}" for p in settings.scale], "title": {"text": "mean rating"}},
        yaxis={"autorange": "reversed", "automargin": True},
        legend={"title": {"text": LEGEND_TITLE}, "orientation": "h", "y": -0.15},
        bargap=0.35, showlegend=True))
    summary = (f"{title or headline(results)}. Each lesson's bar is the mean of the partners' answers on a "
               f"scale of 0 to {settings.top}: red below {settings.red_below:g}, green from "
               f"{settings.green_from:g}, amber between; a lesson nobody has answered is unanswered.")
    return describe(spec, summary, Table(
        "Lights and answers by lesson", ["Lesson", "Light", "Mean answer", "Partners disagree", *partners],
        [[row, r.light, "" if r.mean is None else f"{r.mean:.1f}",
          "yes" if r.disagreement else "no", *("not answered" if r.ratings[p] is None else str(r.ratings[p])
                                               for p in partners)]
         for r, row in zip(results, rows)]))
