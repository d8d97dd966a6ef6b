"""Law 2 view: set-up cost, running cost and savings; the cumulative net cost and break-even year."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..charts import laws as charts
from ..content import Content, load_content
from ..logic import law2_costs as logic
from .chart import Chart
from .common import (Message, download_link, guarded, kit_view, side_by_side, whole_number_box,
                     whole_or_as_typed)

WIDE = {"description_width": "initial"}
LABELS = {"setup_cost": "Set-up cost (year 1)", "running_cost": "Running cost a year",
          "full_saving": "Savings a year at full strength", "delay_years": "Years before savings start",
          "ramp_years": "Years to reach full savings", "horizon_years": "Years to show"}


class CostsView(widgets.VBox):
    """The law 2 explorer; ``controls`` maps each assumption's name to its control."""

    def __init__(self, content: Content | None = None):
        self.content = content or load_content()
        self.defaults = self.content.simulations.costs
        self.marks = logic.marks(self.defaults.marks, self.content.timescales)
        start = logic.CostAssumptions.from_defaults(self.defaults)
        self.controls = {name: (whole_number_box if name.endswith("years") else widgets.FloatText)(
            getattr(start, name), description=label, style=WIDE, layout={"width": "340px"})
            for name, label in LABELS.items()}
        self.message = Message()
        self.chart, self.verdict, self.download = Chart(), widgets.HTML(), widgets.HTML()
        super().__init__([self._intro(), side_by_side([*self.controls.values(), self.message],
                                                      [self.chart, self.verdict, self.download]),
                          self._timescales()])
        kit_view(self, "ickit-law2")
        for control in self.controls.values():
            control.observe(guarded(self.message)(lambda change: self.refresh()), names="value")
        self.refresh()

    def _intro(self) -> widgets.HTML:
        law = self.content.by_id("laws")[self.defaults.law]
        return widgets.HTML(f"<h2>{html.escape(law.name)}</h2><p>{html.escape(law.explanation)}</p>"
                            f"<p><i>{html.escape(self.defaults.label)}</i> Money is in "
                            f"{html.escape(self.defaults.unit)}.</p>")

    def _timescales(self) -> widgets.HTML:
        """The claims behind the dotted lines, with their sources."""
        scales = self.content.by_id("timescales")
        keys = dict.fromkeys(key for chain in self.defaults.marks for key in chain)
        items = "".join(f"<li><b>{html.escape(scales[k].name)}</b>: {html.escape(scales[k].claim)} "
                        f"<small>– {html.escape(self.content.citation(scales[k].source))}</small></li>"
                        for k in keys)
        return widgets.HTML(f"<p>{html.escape(self.defaults.marks_note)}</p><ul>{items}</ul>")

    @property
    def assumptions(self) -> logic.CostAssumptions:
        return logic.CostAssumptions(**{name: whole_or_as_typed(c.value) if name.endswith("years")
                                        else c.value for name, c in self.controls.items()})

    def refresh(self) -> None:
        """Recompute from the controls and redraw; bad figures leave the last chart."""
        a = self.assumptions
        self.years = logic.project(a)
        self.break_even = logic.break_even_year(self.years)
        self.chart.show(charts.net_cost_spec(self.years, self.break_even, self.marks, self.defaults.unit))
        self.verdict.value = f"<p><b>{html.escape(logic.verdict(a, self.years))}</b></p>"
        self.download.value = download_link("law2_costs.csv", logic.to_csv(self.years), "text/csv",
                                            "Download the years (CSV)")
        self.message.clear()


def law2_costs(content: Content | None = None) -> CostsView:
    """The law 2 explorer's root widget."""
    return CostsView(content)
