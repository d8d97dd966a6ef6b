"""Laws 3 to 5 view: a stakeholder map people edit, the grid, law 5's check, law 4's circumstances."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..charts import laws as charts
from ..content import Content, load_content
from ..logic import stakeholders as logic
from .chart import Chart
from .common import Message, download_link, guarded, kit_view, long_label, side_by_side, table_box

WIDE = {"description_width": "initial"}
NEW = "(a new stakeholder)"


class StakeholderMapView(widgets.VBox):
    """Pick a stakeholder to move or edit, or add your own; ``map`` holds the result."""

    def __init__(self, content: Content | None = None):
        self.content = content or load_content()
        self.exercise = self.content.stakeholder_map
        self.map = logic.StakeholderMap(self.exercise)
        self.message = Message()
        self.pick = widgets.Dropdown(description="Stakeholder", style=WIDE, layout={"width": "420px"})
        # the kernel takes typed text when the field is left, not at every key: its echo of each
        # key could overwrite keys typed since (a fast typist lost all but the last one)
        self.name = widgets.Text(description="Name", style=WIDE, layout={"width": "420px"},
                                 continuous_update=False)
        # number fields, not sliders: Jupyter's slider gives a screen reader no name for itself
        self.power = widgets.BoundedIntText(5, min=1, max=10, description="Power (1 to 10)", style=WIDE,
                                            layout={"width": "200px"})
        self.interest = widgets.BoundedIntText(5, min=1, max=10, description="Interest (1 to 10)", style=WIDE,
                                               layout={"width": "210px"})
        self.gains = widgets.Textarea(description="Gains", placeholder="what integration gives them", style=WIDE,
                                      layout={"width": "420px"}, continuous_update=False)
        self.loses = widgets.Textarea(description="Loses", placeholder="what it takes away from them", style=WIDE,
                                      layout={"width": "420px"}, continuous_update=False)
        self.voice = widgets.Checkbox(description="Speaks for people who use services or communities",
                                     indent=False, layout={"width": "480px"})
        self.save = widgets.Button(description="Save", icon="check", button_style="primary")
        self.remove = widgets.Button(description="Remove", icon="trash")
        self.circumstances = {c.id: (widgets.Checkbox(description=c.name, indent=False, layout={"width": "420px"}),
                                     long_label(widgets.Text(description=c.question, continuous_update=False,
                                                                  layout={"width": "520px"})))
                              for c in self.exercise.circumstances}
        self.chart, self.voice_note, self.table = Chart(), widgets.HTML(), widgets.HTML()
        self.download = widgets.HTML()
        super().__init__([self._intro(), side_by_side(
            [self.pick, self.name, widgets.HBox([self.power, self.interest]), self.gains, self.loses,
             self.voice, widgets.HBox([self.save, self.remove]), self.message],
            [self.chart, self.voice_note]), self.table, self._law4(), self.download])
        kit_view(self, "ickit-stakeholders")
        self._wire()
        self._options(self.map.names()[0])
        self.refresh()

    def _intro(self) -> widgets.HTML:
        e = self.exercise
        return widgets.HTML(f"<h2>Whose integration is whose fragmentation?</h2>"
                            f"<p>{html.escape(e.fragmentation_prompt)}</p><p><b>{html.escape(e.voice_prompt)}</b></p>"
                            f"<p><i>{html.escape(e.starter_note)}</i></p>"
                            f"<p>Pick a stakeholder to move it or change its notes, or pick {NEW} to add "
                            f"your own, then press Save.</p>")

    def _law4(self) -> widgets.VBox:
        rows = [widgets.VBox(pair) for pair in self.circumstances.values()]
        return widgets.VBox([widgets.HTML(f"<h2>Local circumstances</h2>"
                                          f"<p>{html.escape(self.exercise.circumstances_prompt)}</p>"), *rows])

    # --- events and callbacks -------------------------------------------------------------------

    def _wire(self) -> None:
        guard = guarded(self.message)
        self.pick.observe(guard(lambda change: self.load(change["new"])), names="value")
        self.save.on_click(guard(lambda button: self.save_current()))
        self.remove.on_click(guard(lambda button: self.remove_current()))
        for key, (box, note) in self.circumstances.items():
            update = guard(lambda change, key=key: self.tick(key))
            box.observe(update, names="value")
            note.observe(update, names="value")

    def _options(self, selected: str) -> None:
        self.pick.options = [NEW, *self.map.names()]
        self.pick.value = selected
        self.load(selected)

    def load(self, name: str) -> None:
        """Fill the form from ``name``, or clear it for a new stakeholder."""
        s = logic.Stakeholder("", 5, 5) if name == NEW else self.map.get(name)
        self.name.value, self.power.value, self.interest.value = s.name, s.power, s.interest
        self.gains.value, self.loses.value, self.voice.value = s.gains, s.loses, s.voice
        self.message.clear()

    def save_current(self) -> None:
        s = logic.Stakeholder(self.name.value, self.power.value, self.interest.value,
                              self.gains.value, self.loses.value, self.voice.value)
        saved = self.map.add(s) if self.pick.value == NEW else self.map.update(self.pick.value, s)
        self._options(saved.name)
        self.refresh()
        self.message.show(f"Saved {saved.name}: {self.map.quadrant(saved).advice}")

    def remove_current(self) -> None:
        if self.pick.value == NEW:
            self.message.problem("Pick a stakeholder on the map to remove.")
            return
        self.map.remove(self.pick.value)
        self._options(NEW)
        self.refresh()

    def tick(self, key: str) -> None:
        box, note = self.circumstances[key]
        self.map.set_circumstance(key, note.value if box.value else None)
        self.refresh()

    def refresh(self) -> None:
        """Redraw the grid, law 5's note and the Markdown export from the map."""
        fig = charts.power_interest_spec(self.map.people, self.exercise.quadrants, logic.HIGH_FROM)
        self.chart.show(fig)
        note = self.map.voice_note()
        self.voice_note.value = f'<p class="ickit-law5"><b>{html.escape(note)}</b></p>' if note else ""
        self.table.value = self._table()
        self.download.value = download_link("stakeholder_map.md", self.map.to_markdown(), "text/markdown",
                                            "Download the map (Markdown)")


    def _table(self) -> str:
        """Law 3 at a glance: what each stakeholder gains and loses, their text escaped."""
        rows = "".join(f"<tr><td>{html.escape(s.name)}</td><td>{html.escape(self.map.quadrant(s).name)}</td>"
                       f"<td>{html.escape(s.gains)}</td><td>{html.escape(s.loses)}</td></tr>"
                       for s in self.map.people)
        return table_box('<table class="ickit-table"><caption>What each stakeholder gains and loses</caption>'
                         '<thead><tr><th scope="col">Stakeholder</th><th scope="col">Part of the grid</th>'
                         f'<th scope="col">Gains</th><th scope="col">Loses</th></tr></thead><tbody>{rows}</tbody></table>',
                         "What each stakeholder gains and loses")


def stakeholder_map(content: Content | None = None) -> StakeholderMapView:
    """The laws 3 to 5 explorer's root widget."""
    return StakeholderMapView(content)
