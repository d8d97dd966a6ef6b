"""Law 1 view: a level of integration per need group, the assumptions, and what the plan buys."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..charts import laws as charts
from ..content import Content, load_content
from ..logic import law1_targeting as logic
from .chart import Chart
from .common import (NO_CHOICE, Disclosure, Message, choice, chosen, download_link, guarded, kit_view,
                     side_by_side, whole_number_box, whole_or_as_typed)

NOT_TARGETED = "Not targeted"
WIDE = {"description_width": "initial"}


class TargetingView(widgets.VBox):
    """Choose whom to target and how; ``plan`` and ``assumptions`` read the controls."""

    def __init__(self, content: Content | None = None):
        self.content = content or load_content()
        self.defaults = self.content.simulations.targeting
        start = logic.Assumptions.from_defaults(self.defaults)
        self.message = Message()
        levels = [(NOT_TARGETED, NO_CHOICE)] + [(lvl.name, lvl.id) for lvl in
                                                 sorted(self.content.integration_levels, key=lambda l: l.order)]
        self.levels = {g: widgets.Dropdown(options=levels, value=choice(self.defaults.plan[g]),
                                           description=name, style=WIDE, layout={"width": "330px"})
                       for g, name in start.names.items()}
        self.population = whole_number_box(start.population, description="People", style=WIDE)
        self.seed = whole_number_box(start.seed, description="Random seed", style=WIDE)
        self.shares = {g: self._number(s, f"Share with {start.names[g].lower()}") for g, s in start.shares.items()}
        self.costs = {lvl: self._number(c, f"Cost of {logic.level_label(lvl)}")
                      for lvl, c in start.cost.items()}
        self.benefits = {(g, lvl): self._number(b, f"{start.names[g]}, {logic.level_label(lvl)}")
                         for g, by in start.benefit.items() for lvl, b in by.items()}
        self.chart, self.summary, self.download = Chart(), widgets.HTML(), widgets.HTML()
        super().__init__([self._intro(), side_by_side(
            [*self.levels.values(), self._assumptions(), self.message],
            [self.chart, self.summary, self.download])])
        kit_view(self, "ickit-law1")
        self._wire()
        self.refresh()

    # --- layout ---------------------------------------------------------------------------------

    @staticmethod
    def _number(value: float, label: str) -> widgets.FloatText:
        return widgets.FloatText(value, description=label, style=WIDE, layout={"width": "330px"})

    def _intro(self) -> widgets.HTML:
        law = self.content.by_id("laws")[self.defaults.law]
        return widgets.HTML(f"<h2>{html.escape(law.name)}</h2><p>{html.escape(law.explanation)}</p>"
                            f"<p>Give each need group a level of integration, or none.</p>")

    def _assumptions(self) -> Disclosure:
        note = widgets.HTML(f"<p><i>{html.escape(self.defaults.label)}</i> Money is in "
                            f"{html.escape(self.defaults.unit)}; benefit is care costs avoided.</p>")
        population = widgets.VBox([self.population, self.seed, *self.shares.values()])
        money = widgets.VBox([widgets.HTML("<h3>Cost of one person's support</h3>"), *self.costs.values(),
                              widgets.HTML("<h3>Care costs avoided for one person</h3>"), *self.benefits.values()])
        return Disclosure("the assumptions (illustrative defaults: change them)",
                          widgets.VBox([note, population, money]))

    # --- events and callbacks -------------------------------------------------------------------

    def _wire(self) -> None:
        refresh = guarded(self.message)(lambda change: self.refresh())
        for control in [*self.levels.values(), self.population, self.seed, *self.shares.values(),
                        *self.costs.values(), *self.benefits.values()]:
            control.observe(refresh, names="value")

    @property
    def plan(self) -> logic.Plan:
        return {g: chosen(dropdown.value) for g, dropdown in self.levels.items()}

    @property
    def assumptions(self) -> logic.Assumptions:
        names = {g: d.description for g, d in self.levels.items()}
        benefit = {g: {} for g in names}
        for (g, lvl), control in self.benefits.items():
            benefit[g][lvl] = control.value
        return logic.Assumptions(whole_or_as_typed(self.population.value),
                                 whole_or_as_typed(self.seed.value), names,
                                 {g: c.value for g, c in self.shares.items()},
                                 {lvl: c.value for lvl, c in self.costs.items()}, benefit)

    def refresh(self) -> None:
        """Recompute both plans from the controls and redraw; bad figures leave the last chart.

        The chart goes last: the browser shows the small text changes while it draws the chart,
        rather than after it.
        """
        a = self.assumptions
        self.mine = logic.evaluate(a, self.plan)
        self.everyone = logic.evaluate(a, logic.everyone_fully_integrated(a))
        figure = charts.targeting_spec(self.mine, self.everyone, self.defaults.unit)
        self.summary.value = self._summary()
        self.download.value = download_link(
            "law1_targeting.md",
            logic.summary_markdown(a, self.mine, self.everyone, self.defaults.unit, self.defaults.label,
                                   {lvl.id: lvl.name for lvl in self.content.integration_levels}),
            "text/markdown", "Download this plan (Markdown)")
        self.message.clear()
        self.chart.show(figure)

    def _summary(self) -> str:
        mine, everyone = self.mine, self.everyone
        if mine.value is None:
            return "<p>Nobody is targeted yet: choose a level for at least one group.</p>"
        verdict = ("better" if mine.value > everyone.value else
                   "no better" if mine.value == everyone.value else "worse")
        return (f"<p>Your plan reaches {mine.reached:,} people and gets back {mine.value:.2f} for every "
                f"1 spent. Full integration for everyone reaches {everyone.reached:,} and gets back "
                f"{everyone.value:.2f}: your plan is <b>{verdict} value</b>.</p>")


def law1_targeting(content: Content | None = None) -> TargetingView:
    """The law 1 explorer's root widget."""
    return TargetingView(content)
