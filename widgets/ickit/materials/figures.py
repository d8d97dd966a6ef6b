"""The kit's charts and team diagrams sized for a slide, with their text alternatives.

A slide shows the same figures the dashboards draw (``ickit.charts``), as plain dicts that the
deck's vendored plotly.js draws in the page, with their type enlarged to be read across a room.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from plotly.utils import PlotlyJSONEncoder

from ..charts.room import text_width
from ..charts.team_diagrams import BOX_W, FONT, management_lines_spec, referral_route_spec
from ..charts.timescales import SUMMARY, timescales_figure, years_label
from ..content import Content
from ..content.models import ManagementType, ProcessModel

WIDTH, HEIGHT = 1180, 500  # the room a figure has under a slide's heading, in the deck's pixels
TYPE = 1.6  # how much larger a figure's type is on a slide than on a dashboard, at most


@dataclass(frozen=True)
class Figure:
    spec: dict
    alt: str  # what the figure shows, for whoever cannot see it
    sources: tuple[str, ...]
    words = 0  # a picture: its labels are not counted against the slide's words

    def json(self) -> str:
        return json.dumps(self.spec, cls=PlotlyJSONEncoder)


def for_slide(spec: dict, scale: float = TYPE, height: int = HEIGHT) -> dict:
    """``spec`` drawn ``WIDTH`` by ``height`` pixels with its type and margins ``scale`` times
    larger, and without its own title (the slide's heading says it)."""
    layout = dict(spec["layout"], width=WIDTH, height=height, title=dict(text=""))
    layout["margin"] = {k: v * scale if k in "lrtb" else v for k, v in layout.get("margin", {}).items()}
    layout["margin"]["t"] = 10
    layout["legend"] = dict(layout.get("legend", {}), font=dict(size=12))  # plotly's default, enlarged
    return {"data": _enlarged(spec["data"], scale), "layout": _enlarged(layout, scale)}


def _enlarged(node, scale: float, under_font: bool = False):
    """A copy of ``node`` whose every font size (and arrowhead) is ``scale`` times larger."""
    if isinstance(node, dict):
        return {k: (_times(v, scale) if k == "size" and (under_font or "symbol" in node)
                    else _enlarged(v, scale, k in ("font", "textfont", "tickfont")))
                for k, v in node.items()}
    if isinstance(node, list):
        return [_enlarged(v, scale, under_font) for v in node]
    return node


def _times(size, scale: float):
    return [s * scale for s in size] if isinstance(size, list) else size * scale


def referral_route(content: Content, model: ProcessModel) -> Figure:
    choice = content.team_choice
    labels = {s.id: s.label for s in choice.stages}
    route = " → ".join(labels[s] for s in model.referral_path)
    lanes = (f", in a pathway for each profession ({', '.join(choice.example_professions)})"
             if model.pathway_per_profession else "")
    spec = referral_route_spec(model, choice.stages, choice.example_professions)
    span = spec["layout"]["xaxis"]["range"][1] - spec["layout"]["xaxis"]["range"][0]
    box = BOX_W / span * WIDTH  # a box's width on the slide, in pixels
    widest = max(text_width(f"<b>{line}</b>", FONT["size"])
                 for s in choice.stages for line in s.label.split(" ", 1 if len(s.label) > 12 else 0))
    scale = min(TYPE, 0.9 * box / widest)  # every name inside its box
    return Figure(for_slide(spec, scale), f"{model.name}, the route of a referral: {route}{lanes}.",
                  (model.source,))


def management_lines(content: Content, mtype: ManagementType) -> Figure:
    diagram = next(d for d in content.team_choice.management_diagrams if d.id == mtype.id)
    spec = management_lines_spec(mtype, diagram)
    return Figure(for_slide(spec), f"{mtype.name}, who manages whom: {mtype.who_manages_whom}",
                  (mtype.source,))


def timescales(content: Content) -> Figure:
    shown = [t for t in content.timescales if t.years is not None]
    spec = json.loads(timescales_figure(content.timescales).to_json())
    alt = "; ".join(f"{t.name}: {years_label(t)}" for t in shown)
    return Figure(for_slide(spec, scale=1.4), f"{SUMMARY}. {alt}.",
                  tuple(dict.fromkeys(t.source for t in shown)))
