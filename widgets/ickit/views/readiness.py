"""Readiness view: rate each "delivery requires" item; see the radar, the scores and the actions."""

from __future__ import annotations

import html

import ipywidgets as widgets
import plotly.graph_objects as go

from ..charts import readiness as charts
from ..content import Content, load_content
from ..logic import readiness as logic
from .chart import Chart
from .common import (Disclosure, Looks, Message, choice, chosen, download_link, guarded, kit_view, prepare_link,
                     side_by_side)
from .rating import on_upload, rating_dropdown, scale_intro

NOT_RATED = "— not rated —"


class ReadinessView(widgets.VBox):
    """The whole readiness self-assessment; ``controls`` maps each item key to its dropdown."""

    def __init__(self, content: Content | None = None):
        self.content = content or load_content()
        self.settings = self.content.assessment.readiness
        self.message = Message()
        self.title = widgets.Text(description="Partnership", placeholder="optional: a name for the report",
                                  continuous_update=False,
                                  style={"description_width": "initial"})
        self.controls: dict[str, widgets.Dropdown] = {}
        self.chart = Chart()
        self.summary = widgets.HTML()
        self.downloads = widgets.HTML()
        self.png_button = widgets.Button(description="Prepare PNG of the radar", icon="image",
                                         layout={"width": "auto"})
        self.png_link = widgets.HTML()
        self.upload = widgets.FileUpload(accept=".csv", multiple=False, description="Load ratings (CSV)",
                                         layout={"width": "220px"})
        self._loading = False
        super().__init__([self._intro(), widgets.HBox([self.title, self.upload]), side_by_side(
            [*self._checklists(), self.message],
            [self.chart, self.summary, widgets.HBox([self.downloads, self.png_button, self.png_link])])])
        kit_view(self, "ickit-readiness")
        self._wire()
        self.refresh()

    # --- layout ---------------------------------------------------------------------------------

    def _intro(self) -> widgets.HTML:
        return scale_intro(self.settings, f"Rate each item; leave it '{NOT_RATED}' if the group "
                                          "has not agreed yet.")

    def _checklists(self) -> list[Disclosure]:
        """A part that opens and closes for each checklist, the first one open."""
        parts, looks = [], Looks()
        for n, checklist in enumerate(self.content.checklists()):
            rows = []
            for item in checklist.requires:
                dropdown = rating_dropdown(self.settings, NOT_RATED, html.escape(item.text), looks)
                self.controls[logic.item_key(checklist.id, item.id)] = dropdown
                rows.append(dropdown)
            parts.append(Disclosure(checklist.name, widgets.VBox(rows), opened=n == 0))
        return parts

    # --- events and callbacks -------------------------------------------------------------------

    def _wire(self) -> None:
        refresh = guarded(self.message)(lambda change: self._loading or self.refresh())
        for dropdown in self.controls.values():
            dropdown.observe(refresh, names="value")
        self.title.observe(refresh, names="value")
        self.png_button.on_click(guarded(self.message)(lambda button: self.prepare_png()))
        self.upload.observe(guarded(self.message)(on_upload(self.upload, self.load_csv)), names="value")

    @property
    def ratings(self) -> dict[str, int | None]:
        return {key: chosen(dropdown.value) for key, dropdown in self.controls.items()}

    def refresh(self) -> None:
        """Recompute from the dropdowns and redraw everything but the PNG."""
        self.result = logic.assess(self.content, self.ratings)
        self.chart.show(charts.radar_spec(self.result))
        self.summary.value = self._summary_html()
        name = self.title.value.strip()
        self.downloads.value = " ".join([
            download_link("readiness.md", logic.to_markdown(self.content, self.result, name),
                          "text/markdown", "Download report (Markdown)"),
            download_link("readiness.csv", logic.to_csv(self.content, self.result),
                          "text/csv", "Download ratings (CSV)")])
        self.png_link.value = ""
        if self.result.unrated:
            self.message.show(f"{self.result.unrated} of {self.result.total} items not rated yet: "
                              "scores use the rated items only.")
        else:
            self.message.show("Every item is rated.")

    @property
    def figure(self) -> go.Figure:
        """The radar on screen as a ``go.Figure``, built when asked for (the PNG, tests)."""
        return charts.radar(self.result)

    def load_csv(self, data: bytes) -> None:
        """Put the ratings of a CSV saved earlier into the dropdowns, then redraw once."""
        ratings = logic.from_csv(self.content, data)
        self._loading = True
        try:
            for key, dropdown in self.controls.items():
                dropdown.value = choice(ratings[key])
        finally:
            self._loading = False
        self.refresh()

    def prepare_png(self) -> None:
        """A link to the radar as PNG; if it cannot be drawn, the link is cleared and
        :class:`~ickit.errors.KitInputError` says why (shown by the guarded button)."""
        prepare_link(self.png_button, self.png_link, "Drawing the PNG…", lambda: download_link(
            "readiness-radar.png", charts.png(self.figure), "image/png", "Download radar (PNG)"))

    def _summary_html(self) -> str:
        rows = "".join(f"<tr><th scope='row'>{html.escape(s.name)}</th><td>{html.escape(logic.describe_score(s))}</td></tr>"
                       for s in self.result.scores)
        actions = "".join(f"<li>{html.escape(a.text)}</li>" for a in self.result.actions)
        actions = f"<ol>{actions}</ol>" if actions else "<p>No gaps among the rated items yet.</p>"
        return (f"<h2>Overall: {logic.percent(self.result.overall)}</h2>"
                f"<table class='ickit-table'>{rows}</table>"
                f"<h2>Actions, most pressing first</h2>"
                f"<p><small>{html.escape(logic.weighting(self.content))}</small></p>{actions}")


def readiness_view(content: Content | None = None) -> ReadinessView:
    """The readiness self-assessment as one widget, for a notebook or a dashboard."""
    return ReadinessView(content)
