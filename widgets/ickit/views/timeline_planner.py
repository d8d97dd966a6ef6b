"""The timeline planner: edit a plan's workstreams and milestones, see the Gantt and the warnings."""

from __future__ import annotations

import html
from datetime import date
from typing import get_args

import ipywidgets as widgets

from ..charts.export import figure_to_html, figure_to_png
from ..charts.timeline import timeline_figure, timeline_spec
from ..content import load_content
from ..content.plans import MAX_ROWS, Milestone, MilestoneKind, Workstream, WorkstreamKind
from ..errors import KitInputError
from ..logic import plan_export
from ..logic.plan_checks import PlanWarning, check_plan
from ..logic.timeline import Plan, first_of_next_month, from_template, kind_label, plan_from_dict
from .chart import Chart
from .common import Looks, Message, download_link, guarded, kit_view, prepare_link, side_by_side

# each column's width: dicts, not Layouts (the planner's Looks holds the one of each)
WIDTHS = {"name": "14em", "kind": "10.5em", "start_month": "5.5em", "duration": "5.5em", "unit": "6.5em",
          "month": "5.5em"}
LABELS = {"name": "Name", "kind": "Kind", "start_month": "Start month", "duration": "Duration",
          "unit": "Unit", "month": "Month"}
# text boxes, read by the plan: a browser's number box shows "1e308" as "1308" and "0.5" as "05"
# while ipywidgets sends 1 and 5, so a person could not see what the plan used
NUMBER_FIELDS = ("start_month", "duration", "month")


def _options(kinds) -> list[tuple[str, str]]:
    return [(kind_label(k), k) for k in get_args(kinds)]


class _Row(widgets.HBox):
    """One editable workstream or milestone; ``on_change`` runs after any edit.

    Each field is labelled (:data:`LABELS`): where the row fits its place, the headings over the
    column show the labels; where not, the row is a card of fields under their labels.
    """

    def __init__(self, fields: dict[str, widgets.Widget], on_change, on_remove, looks: Looks):
        self.fields = fields
        remove = looks.make(widgets.Button, description="Remove", layout={"width": "6em"},
                            tooltip="Remove this row")
        remove.add_class("ickit-remove")
        remove.on_click(lambda _: on_remove(self))
        for name, control in fields.items():
            control.add_class(f"ickit-{name.replace('_', '-')}")
            control.observe(lambda _: on_change(), "value")
        super().__init__([*fields.values(), remove], layout=looks.layout())
        self.add_class("ickit-plan-row")

    def values(self) -> dict:
        return {name: control.value for name, control in self.fields.items()}

    def show_numbers(self, item: Workstream | Milestone) -> None:
        """Each number box shows the number the plan took from it ("7" for "07" or "7.0")."""
        for name in NUMBER_FIELDS:
            if name in self.fields:
                self.fields[name].value = str(getattr(item, name))


def _field(looks: Looks, kind: type[widgets.DOMWidget], name: str, *args, **kwargs) -> widgets.DOMWidget:
    return looks.make(kind, *args, description=LABELS[name], layout={"width": WIDTHS[name]}, **kwargs)


def _number(looks: Looks, name: str, value: int) -> widgets.Text:
    return _field(looks, widgets.Text, name, str(value), continuous_update=False)


def workstream_row(ws: Workstream, on_change, on_remove, looks: Looks) -> _Row:
    return _Row({
        "name": _field(looks, widgets.Text, "name", ws.name, continuous_update=False,
                       placeholder="name of the workstream"),
        "kind": _field(looks, widgets.Dropdown, "kind", options=_options(WorkstreamKind), value=ws.kind),
        "start_month": _number(looks, "start_month", ws.start_month),
        "duration": _number(looks, "duration", ws.duration),
        "unit": _field(looks, widgets.Dropdown, "unit", options=["months", "weeks"], value=ws.unit),
    }, on_change, on_remove, looks)


def milestone_row(m: Milestone, on_change, on_remove, looks: Looks) -> _Row:
    return _Row({
        "name": _field(looks, widgets.Text, "name", m.name, continuous_update=False,
                       placeholder="name of the milestone"),
        "kind": _field(looks, widgets.Dropdown, "kind", options=_options(MilestoneKind), value=m.kind),
        "month": _number(looks, "month", m.month),
    }, on_change, on_remove, looks)


def column_heads(*names: str) -> widgets.HTML:
    """The labels of the rows' fields over their columns, each as wide as its field; hidden from
    screen readers, which read each field's own label."""
    heads = widgets.HTML('<div aria-hidden="true">' + "".join(
        f'<span style="width:{WIDTHS[name]}">{LABELS[name]}</span>' for name in names) + "</div>")
    heads.add_class("ickit-column-heads")
    return heads


def warnings_html(warnings: list[PlanWarning]) -> str:
    """The warnings as cards, each with its evidence and source; every text escaped."""
    if not warnings:
        return ('<div class="ickit-plan-ok">No warnings: this plan gives each step at least the '
                'time the evidence suggests.</div>')
    cards = "".join(
        f'<li class="ickit-plan-warning" data-check="{html.escape(w.check)}">'
        f"<strong>{html.escape(w.title)}</strong><br>{html.escape(w.message)}"
        f'<br><small>Evidence: {html.escape(w.evidence)}<br>Source: {html.escape(w.source)}</small></li>'
        for w in warnings)
    return f'<div class="ickit-plan-warnings"><b>{len(warnings)} warning(s)</b><ul>{cards}</ul></div>'


class TimelinePlanner(widgets.VBox):
    """The whole planner; it is its own root widget."""

    def __init__(self, content=None, today: date | None = None):
        self.content = content or load_content()
        self.looks = Looks()  # the rows' layouts and styles
        self.templates = {t.id: t for t in self.content.plans.templates}
        self.message = Message()
        self._quiet = False
        self.template = widgets.Dropdown(options=[(t.name, t.id) for t in self.templates.values()],
                                         description="Template")
        self.use_template = widgets.Button(description="Start from this template", icon="refresh",
                                           layout=widgets.Layout(width="auto"))
        self.summary = widgets.HTML()
        self.name = widgets.Text(description="Plan name", continuous_update=False,
                                 layout=widgets.Layout(width="32em"))
        self.start = widgets.DatePicker(description="Starts on")
        self.workstreams = widgets.VBox()
        self.milestones = widgets.VBox()
        self.add_workstream = widgets.Button(description="Add a workstream", icon="plus")
        self.add_milestone = widgets.Button(description="Add a milestone", icon="plus")
        self.chart = Chart()
        self.warnings = widgets.HTML()
        self.warnings.add_class("ickit-plan-warnings-box")
        self.files_button = widgets.Button(description="Prepare the plan's files (JSON, CSV, iCalendar)",
                                           icon="download", layout={"width": "auto"})
        self.downloads = widgets.HTML()
        self.png_button = widgets.Button(description="Prepare the chart as a picture (PNG)",
                                         icon="image", layout={"width": "auto"})
        self.png_link = widgets.HTML()
        self.html_button = widgets.Button(description="Prepare the chart as an offline web page (HTML)",
                                          icon="file-code-o", layout={"width": "auto"})
        self.html_link = widgets.HTML()
        self.upload = widgets.FileUpload(accept=".json", multiple=False, description="Load a plan")
        self.plan: Plan | None = None
        self._start_date = first_of_next_month(today or date.today())
        super().__init__(self._layout())
        kit_view(self, "ickit-timeline-planner")
        self._wire()
        self.load_template(self.template.value)

    # --- build -------------------------------------------------------------------------------

    def _layout(self) -> list[widgets.Widget]:
        return [
            widgets.HBox([self.template, self.use_template]), self.summary,
            widgets.HBox([self.name, self.start]),
            side_by_side([
                widgets.HTML("<h2>Workstreams</h2>"),
                column_heads("name", "kind", "start_month", "duration", "unit"),
                self.workstreams, self.add_workstream,
                widgets.HTML("<h2>Milestones</h2>"),
                column_heads("name", "kind", "month"),
                self.milestones, self.add_milestone, self.message], [self.chart, self.warnings]),
            widgets.HTML("<h2>Save and share</h2>"),
            widgets.HBox([self.files_button, self.downloads]),
            self.upload,
            widgets.HBox([self.png_button, self.png_link]),
            widgets.HBox([self.html_button, self.html_link]),
        ]

    def _wire(self) -> None:
        guard = guarded(self.message)
        self.use_template.on_click(guard(lambda _: self.load_template(self.template.value)))
        self.template.observe(lambda _: self._show_summary(), "value")
        self.name.observe(guard(lambda _: self.refresh()), "value")
        self.start.observe(guard(lambda _: self.refresh()), "value")
        self.add_workstream.on_click(guard(lambda _: self._add_workstream()))
        self.add_milestone.on_click(guard(lambda _: self._add_milestone()))
        self.files_button.on_click(guard(lambda _: self.prepare_files()))
        self.png_button.on_click(guard(lambda _: self.prepare_png()))
        self.html_button.on_click(guard(lambda _: self.prepare_html()))
        self.upload.observe(guard(lambda change: self._uploaded(change["new"])), "value")
        self._guarded_refresh = guard(self.refresh)

    def _show_summary(self) -> None:
        t = self.templates[self.template.value]
        after = f"; its length after {self.content.citation(t.based_on)}" if t.based_on else ""
        self.summary.value = (f"<i>{html.escape(t.summary)}</i> "
                              f"<small>– {html.escape(self.content.citation(t.source) + after)}</small>")

    # --- editing -----------------------------------------------------------------------------

    def load_template(self, template_id: str) -> None:
        template = self.templates[template_id]
        self.show_plan(from_template(template, self.start.value or self._start_date))
        self._show_summary()

    def show_plan(self, plan: Plan) -> None:
        """Put ``plan`` in the controls, then redraw once."""
        self._quiet = True
        try:
            self.name.value = plan.name
            self.start.value = plan.start
            self.workstreams.children = [self._ws_row(ws) for ws in plan.workstreams]
            self.milestones.children = [self._m_row(m) for m in plan.milestones]
        finally:
            self._quiet = False
        self.refresh()

    def _ws_row(self, ws: Workstream) -> _Row:
        return workstream_row(ws, self._changed, self._remove, self.looks)

    def _m_row(self, m: Milestone) -> _Row:
        return milestone_row(m, self._changed, self._remove, self.looks)

    def _changed(self) -> None:
        if not self._quiet:
            self._guarded_refresh()

    def _remove(self, row: _Row) -> None:
        for box in (self.workstreams, self.milestones):
            box.children = [r for r in box.children if r is not row]
        self._guarded_refresh()

    def _add_workstream(self) -> None:
        if len(self.workstreams.children) >= MAX_ROWS:
            raise KitInputError(f"A plan can hold at most {MAX_ROWS} workstreams.")
        self.workstreams.children += (self._ws_row(
            Workstream(name="New workstream", kind="other", start_month=0, duration=6)),)
        self.refresh()

    def _add_milestone(self) -> None:
        if len(self.milestones.children) >= MAX_ROWS:
            raise KitInputError(f"A plan can hold at most {MAX_ROWS} milestones.")
        self.milestones.children += (self._m_row(Milestone(name="New milestone", kind="review",
                                                           month=0)),)
        self.refresh()

    def current_plan(self) -> Plan:
        """The plan as the controls describe it; a problem is a :class:`KitInputError`."""
        return plan_from_dict({
            "name": self.name.value, "start": self.start.value,
            "workstreams": [row.values() for row in self.workstreams.children],
            "milestones": [row.values() for row in self.milestones.children]})

    def refresh(self) -> None:
        """Redraw the chart and the warnings; a bad value leaves the last good chart showing.

        The chart goes last: the browser shows the small text changes while it draws the chart,
        rather than after it.
        """
        if self._quiet:
            return
        try:
            plan = self.current_plan()
        except KitInputError as err:
            self._withdraw_links()
            raise KitInputError(f"Not redrawn yet: {err}") from None
        warnings, figure = warnings_html(check_plan(plan, self.content)), timeline_spec(plan)
        self.plan = plan
        self._show_numbers(plan)
        self.message.clear()
        self._withdraw_links()  # they hold the plan before this change
        self.warnings.value = warnings
        self.chart.show(figure)

    def _show_numbers(self, plan: Plan) -> None:
        self._quiet = True
        try:
            for rows, items in ((self.workstreams, plan.workstreams), (self.milestones, plan.milestones)):
                for row, item in zip(rows.children, items):
                    row.show_numbers(item)
        finally:
            self._quiet = False

    # --- files -------------------------------------------------------------------------------

    def _withdraw_links(self) -> None:
        """Take every link down: they describe a plan that is no longer on screen."""
        self.downloads.value = self.png_link.value = self.html_link.value = ""

    def prepare_files(self) -> None:
        """Links for the plan as JSON (to load again), CSV and iCalendar, made when asked for."""
        plan = self.current_plan()
        stem = plan_export.file_stem(plan)
        prepare_link(self.files_button, self.downloads, "Preparing…", lambda: " ".join([
            download_link(f"{stem}.json", plan_export.plan_to_json(plan), "application/json",
                          "Plan (JSON, to load again later)"),
            download_link(f"{stem}.csv", plan_export.plan_to_csv(plan), "text/csv", "Table (CSV)"),
            download_link(f"{stem}.ics", plan_export.plan_to_ics(plan), "text/calendar",
                          "Milestones for your calendar (iCalendar)")]))

    def prepare_png(self) -> None:
        """A link to the chart as PNG (kaleido in the server's Chromium, a few seconds when cold)."""
        plan = self.current_plan()
        prepare_link(self.png_button, self.png_link, "Drawing the picture…", lambda: download_link(
            f"{plan_export.file_stem(plan)}.png", figure_to_png(timeline_figure(plan)), "image/png",
            "Chart as a picture (PNG)"))

    def prepare_html(self) -> None:
        """A link to the chart as a web page with plotly.js inlined (about 5 MB)."""
        plan = self.current_plan()
        prepare_link(self.html_button, self.html_link, "Preparing the web page…", lambda: download_link(
            f"{plan_export.file_stem(plan)}.html", figure_to_html(timeline_figure(plan)),
            "text/html", "Chart as a web page that works offline (HTML)"))

    def load_bytes(self, data: bytes) -> None:
        """Show the plan saved in ``data``; a bad file changes nothing on screen."""
        self.show_plan(plan_export.plan_from_json(data))
        self.message.show(f'Loaded the plan "{self.plan.name}".')

    def _uploaded(self, files) -> None:
        if not files:
            return
        try:
            self.load_bytes(bytes(files[0]["content"]))
        finally:
            self.upload.value = ()
