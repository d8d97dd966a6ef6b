"""The kit's chart widget: a plotly figure that the browser draws with the kit's own extension,
ickit-charts (built from ``widgets/labextension``), in the dashboards and in JupyterLab alike."""

from __future__ import annotations

import json

import ipywidgets as widgets
import plotly.graph_objects as go
from traitlets import Dict, Unicode

from ..charts import plotly_template

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


class Chart(widgets.DOMWidget):
    """A plotly chart, drawn once its place on the page has a width; ``show`` a new figure and
    the browser updates the plot already there (plotly redraws what changed).

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

    def show(self, fig: go.Figure | dict) -> None:
        """Draw ``fig`` (a ``go.Figure`` or a chart's plain dict) in place of the chart shown."""
        self.figure = figure_json(fig)
