"""The kit's chart widget: a plotly figure that the browser draws with the kit's own extension,
ickit-charts (built from ``widgets/labextension``), in the dashboards and in JupyterLab alike."""

from __future__ import annotations

import json
from html import escape

import ipywidgets as widgets
import plotly.graph_objects as go
from traitlets import Dict, Unicode

from ..charts import plotly_template
from ..charts.text import Table, text_alternative
from .common import Looks, table_box

# plotly's bar of tools over a chart, without its logo and its button that sends the chart to a
# web service: both lead to outside addresses
PLOT_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["sendDataToCloud"]}
MODULE = "ickit-charts"
MODULE_VERSION = "^0.1.0"  # widgets/labextension/package.json's version


def figure_json(fig: go.Figure | dict) -> dict:
    """``fig`` (a ``go.Figure`` or a chart's plain dict, its ``*_spec``) as the JSON plotly.js
    draws. A dict is sent as it is, with plotly's default template when it names none, as
    ``go.Figure`` would add it, so no plotly validator is loaded for it (see ``ickit.charts``)."""
    if isinstance(fig, dict):
        layout = fig.get("layout", {})
        if "template" not in layout:
            layout = {**layout, "template": plotly_template()}
        return json.loads(json.dumps({**fig, "layout": layout}))
    return json.loads(fig.to_json())


class Plot(widgets.DOMWidget):
    """A plotly chart, drawn once its place on the page has a width; a new ``figure`` and the
    browser updates the plot already there (plotly redraws what changed).

    One trait carries the figure, so a change is one message from the kernel and no more: an
    ``Output`` showing the figure would also have the browser rebuild its output area each time.
    """

    _model_name = Unicode("ChartModel").tag(sync=True)
    _model_module = Unicode(MODULE).tag(sync=True)
    _model_module_version = Unicode(MODULE_VERSION).tag(sync=True)
    _view_name = Unicode("ChartView").tag(sync=True)
    _view_module = Unicode(MODULE).tag(sync=True)
    _view_module_version = Unicode(MODULE_VERSION).tag(sync=True)
    figure = Dict().tag(sync=True)


class Chart(widgets.VBox):
    """A chart and, under it, its text alternative: the summary its builder wrote into the figure
    (``ickit.charts.text``), and the data as tables in a ``details`` element a screen reader
    reads. ``show`` a figure and both change with it."""

    def __init__(self, figure: dict | None = None, looks: Looks | None = None, **kwargs):
        """``kwargs`` go to the box holding plot and text (a ``layout`` to hide both, say)."""
        looks = looks or Looks()
        self.plot = Plot(figure=figure or {}, layout=looks.layout())
        self.text = looks.make(widgets.HTML, text_html(self.plot.figure))
        super().__init__([self.plot, self.text], **{"layout": looks.layout(), **kwargs})
        self.add_class("ickit-chart-box")

    @property
    def figure(self) -> dict:
        """The figure drawn, as plotly.js gets it."""
        return self.plot.figure

    def show(self, fig: go.Figure | dict) -> None:
        """Draw ``fig`` (a ``go.Figure`` or a chart's plain dict) in place of the chart shown;
        its text first, which the browser shows while plotly draws."""
        figure = figure_json(fig)
        self.text.value = text_html(figure)
        self.plot.figure = {**figure, "config": PLOT_CONFIG}


def text_html(figure: dict) -> str:
    """The text alternative of ``figure`` as HTML, every text escaped; nothing for a figure
    without one (every chart of the kit has one: ``tests/test_chart_text.py``)."""
    found = text_alternative(figure)
    if found is None:
        return ""
    tables = "".join(_table(t) for t in found.tables)
    details = (f"<details><summary>The chart's data as {'a table' if len(found.tables) == 1 else 'tables'}"
               f"</summary>{tables}</details>") if tables else ""
    return f'<div class="ickit-chart-text"><p class="ickit-chart-summary">{escape(found.summary)}</p>{details}</div>'


def _table(table: Table) -> str:
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in table.columns)
    rows = "".join("<tr>" + "".join((f'<th scope="row">{escape(cell)}</th>' if i == 0 else f"<td>{escape(cell)}</td>")
                                    for i, cell in enumerate(row)) + "</tr>" for row in table.rows)
    return table_box(f'<table class="ickit-table"><caption>{escape(table.caption)}</caption>'
                     f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>", table.caption)
