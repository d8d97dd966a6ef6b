"""The views as a screen reader and a keyboard meet them, without a browser: every control named,
every chart with its text alternative, chart text at AA contrast, notes read out as they change.
The browser tests (tests/browser/test_accessibility.py) run axe-core on the pages themselves."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Iterator
from datetime import date

import ipywidgets as widgets
import plotly.graph_objects as go
import pytest

import ickit.charts
from ickit.charts import plotly_template
from ickit.charts.group_radar import group_radar_spec
from ickit.charts.text import text_alternative
from ickit.logic import stakeholders
from ickit.logic.room_results import Radar
from ickit.logic.timeline import from_template
from ickit.views.chart import Chart
from ickit.views.choices import Choices
from ickit.views.common import Disclosure, Message
from ickit.views.contents import contents_view
from ickit.views.law1_targeting import law1_targeting
from ickit.views.law2_costs import law2_costs
from ickit.views.lessons_check import LessonsCheckView
from ickit.views.quiz import Quiz
from ickit.views.readiness import readiness_view
from ickit.views.stakeholders import stakeholder_map
from ickit.views.team_selector import team_selector
from ickit.views.timeline_planner import TimelinePlanner

VIEWS = {"contents": contents_view, "law1": law1_targeting, "law2": law2_costs,
         "stakeholders": stakeholder_map, "lessons": lambda c: LessonsCheckView(c, partners="A, <b>B</b>"),
         "readiness": readiness_view, "teams": team_selector, "timeline": TimelinePlanner}
# a radio button is named by its choice (its group by its question: Choices), and a button by its
# description; the rest by a label
LABELLED = (widgets.Dropdown, widgets.Text, widgets.Textarea, widgets.IntText, widgets.FloatText,
            widgets.BoundedIntText, widgets.DatePicker, widgets.Checkbox)


def tree(widget: widgets.Widget) -> Iterator[widgets.Widget]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from tree(child)


@pytest.fixture(scope="module", params=list(VIEWS))
def view(request, content):
    return request.param, VIEWS[request.param](content)


def test_every_set_of_radio_buttons_is_a_group_named_by_its_question(view):
    """Each is a Choices (ipywidgets' own radio buttons are a Tab stop each, and no group)."""
    name, root = view
    radios = [w for w in tree(root) if isinstance(w, widgets.RadioButtons)]
    assert all(isinstance(w, Choices) and w.question.strip() for w in radios), name
    assert radios or name != "teams"  # the team selector's guided questions


def test_every_knowledge_check_of_one_answer_is_a_group_named_by_its_question(content):
    for part in content.course:
        boxes = Quiz(part.id).boxes
        for box in boxes:
            if box.question.type == "multiple_choice":
                assert isinstance(box.choice, Choices) and box.choice.question == box.question.question
    assert any(q.type == "multiple_choice" for q in content.quizzes)


def test_every_control_has_a_label(view):
    name, root = view
    unnamed = [type(w).__name__ for w in tree(root) if isinstance(w, LABELLED) and not w.description.strip()]
    assert not unnamed, f"{name}: controls without a label: {unnamed}"
    buttons = [w for w in tree(root) if isinstance(w, (widgets.Button, widgets.FileUpload))]
    assert all(b.description.strip() for b in buttons), name


def test_every_chart_has_its_text_alternative(view):
    name, root = view
    for chart in (w for w in tree(root) if isinstance(w, Chart)):
        found = text_alternative(chart.figure)
        assert found and found.summary and found.tables, f"{name}: {chart.figure['layout'].get('title')}"
        for table in found.tables:
            assert table.rows and all(len(row) == len(table.columns) for row in table.rows), table.caption
        shown = chart.text.value
        assert "<details>" in shown and shown.count("<table") == len(found.tables)
        assert all(f'<th scope="col">{c}</th>' in shown for c in found.tables[0].columns if "<" not in c)


def test_every_note_that_changes_is_read_out(view):
    name, root = view
    for message in (w for w in tree(root) if isinstance(w, Message)):
        assert "ickit-live" in message._dom_classes, name


def test_views_carry_the_kits_style_sheet(view):
    name, root = view
    assert "ickit-view" in root._dom_classes
    assert "<style>" in root.children[-1].value and root.children[-1].layout.display == "none"


def _rgb(colour: str) -> tuple[float, float, float]:
    named = {"white": "#ffffff", "black": "#000000"}
    colour = named.get(colour, colour)
    if colour.startswith("#"):
        digits = colour[1:] if len(colour) == 7 else "".join(c * 2 for c in colour[1:4])
        return tuple(int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4))
    parts = re.findall(r"[\d.]+", colour)[:3]
    return tuple(float(p) / 255 for p in parts)


def contrast(a: str, b: str) -> float:
    """WCAG's contrast ratio of two opaque colours."""
    def luminance(colour):
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in _rgb(colour)]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def chart_text_colours(figure: dict) -> Iterator[tuple[str, str, str]]:
    """``(what, text colour, background)`` for the text a figure draws: titles, ticks, notes."""
    layout = figure["layout"]
    template = layout.get("template") or plotly_template()
    base = {**template.get("layout", {}), **layout}
    ink = base.get("font", {}).get("color", "#444")
    grounds = {base.get("paper_bgcolor", "white"), base.get("plot_bgcolor", "white")}
    for ground in grounds:
        yield "text", ink, ground
    for note in layout.get("annotations", []):
        colour = note.get("font", {}).get("color", ink)
        for ground in [note["bgcolor"]] if "bgcolor" in note else grounds:
            yield f"note {note['text'][:30]!r}", colour, ground
    for trace in figure["data"]:
        if "text" in trace.get("mode", "") and "color" in trace.get("textfont", {}):
            for ground in grounds:
                yield f"text of {trace.get('name', trace['type'])}", trace["textfont"]["color"], ground


def test_chart_text_meets_aa_contrast(view):
    name, root = view
    for chart in (w for w in tree(root) if isinstance(w, Chart)):
        low = [(what, ink, ground, round(contrast(ink, ground), 2))
               for what, ink, ground in chart_text_colours(chart.figure) if contrast(ink, ground) < 4.5]
        assert not low, f"{name}: {low}"


def test_the_text_alternative_is_escaped_and_follows_the_chart(content):
    lessons = LessonsCheckView(content, partners="A, <b>B</b>")
    assert "<b>B</b>" not in lessons.chart.text.value and "&lt;b&gt;B&lt;/b&gt;" in lessons.chart.text.value
    lessons.controls["trust-is-not-enough"].value = 0
    table = text_alternative(lessons.chart.figure).tables[0]
    row = next(r for r in table.rows if "Trust is not enough" in r[0])
    assert row[1] == "red" and row[2] == "0.0" and row[-2:] == ["0", "not answered"]
    assert "red 1" in text_alternative(lessons.chart.figure).summary


def test_a_disclosure_opens_and_closes_and_says_which(content):
    body = widgets.HTML("inside")
    part = Disclosure("Vision", body)
    assert part.button.description == "Show Vision" and part.body.layout.display == "none"
    part.button.click()
    assert part.button.description == "Hide Vision" and part.body.layout.display is None
    assert part.body.children == (body,)


def test_a_rooms_radar_has_its_text_alternative():
    radar = Radar(axes=[("vision", "Vision"), ("time", "Time")], median=[50.0, None], low=[20.0, None],
                  high=[80.0, None], roles={"health": [60.0, None]}, people=4)
    found = text_alternative(group_radar_spec(radar, {"health": "Health"}, "The room", own={"vision": 100.0}))
    assert found.summary.startswith("The room. A radar") and "your own scores" in found.summary
    assert found.tables[0].columns == ["Area", "Median", "Lowest", "Highest", "Health", "You"]
    assert found.tables[0].rows == [["Vision", "50%", "20%", "80%", "60%", "100%"],
                                    ["Time", *["too few answers"] * 5]]


# --- every chart builder in ickit.charts, on the inputs the kit gives it ------------------------

RADAR = Radar(axes=[("vision", "Vision"), ("time", "Time")], median=[50.0, None], low=[20.0, None],
              high=[80.0, None], roles={"health": [60.0, None]}, people=4)


def _targeting(content):
    view = law1_targeting(content)
    return [(view.mine, view.everyone, view.defaults.unit)]


def _net_cost(content):
    view = law2_costs(content)
    return [(view.years, view.break_even, view.marks, view.defaults.unit)]


def _power_interest(content):
    view = stakeholder_map(content)
    return [(view.map.people, view.exercise.quadrants, stakeholders.HIGH_FROM)]


def _traffic_lights(content):
    view = LessonsCheckView(content, partners="A, B")
    return [(view.results, view.settings)]


def _team_diagrams(content):
    choice = content.team_choice
    diagrams = {d.id: d for d in choice.management_diagrams}
    return {"referral_route": [(m, choice.stages, choice.example_professions, vertical)
                               for m in content.team_process_models for vertical in (False, True)],
            "management_lines": [(t, diagrams[t.id], small)
                                 for t in content.team_management_types for small in (False, True)]}


# the inputs for each builder, by its name without _spec or _figure: a list of argument tuples
INPUTS = {"targeting": _targeting, "net_cost": _net_cost, "power_interest": _power_interest,
          "traffic_lights": _traffic_lights,
          "radar": lambda content: [(readiness_view(content).result,)],
          "group_radar": lambda content: [(RADAR, {"health": "Health"}, "The room", own)
                                          for own in (None, {"vision": 100.0})],
          "referral_route": lambda content: _team_diagrams(content)["referral_route"],
          "management_lines": lambda content: _team_diagrams(content)["management_lines"],
          "timeline": lambda content: [(from_template(t, date(2027, 1, 1)),) for t in content.plans.templates],
          "timescales": lambda content: [(content.timescales,)]}


def chart_builders() -> dict[str, object]:
    """Every public function of ickit.charts that returns a figure or its dict (``*_spec``)."""
    found = {}
    for info in pkgutil.iter_modules(ickit.charts.__path__):
        module = importlib.import_module(f"ickit.charts.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            returns = function.__annotations__.get("return")
            if (function.__module__ == module.__name__ and not name.startswith("_")
                    and (returns == "go.Figure" or name.endswith("_spec"))):
                found[f"{info.name}.{name}"] = function
    return found


BUILDERS = chart_builders()


def test_every_chart_builder_has_its_inputs_here():
    assert len(BUILDERS) >= 19
    assert {name.split(".")[1].removesuffix("_spec").removesuffix("_figure") for name in BUILDERS} == set(INPUTS)


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_every_chart_the_kit_draws_has_its_text_alternative(name, content):
    """A summary that says what it shows, and its data as tables with a cell for every column
    (none when it shows nothing, as a blank plan's timeline does); its text at AA contrast."""
    for args in INPUTS[name.split(".")[1].removesuffix("_spec").removesuffix("_figure")](content):
        figure = BUILDERS[name](*args)
        figure = figure.to_plotly_json() if isinstance(figure, go.Figure) else figure
        found = text_alternative(figure)
        assert found and len(found.summary.split()) >= 5, (name, args)
        assert found.tables or re.search(r"\bnothing\b", found.summary), (name, args)  # a blank plan's
        for table in found.tables:
            assert table.rows and all(len(row) == len(table.columns) for row in table.rows), (name, table.caption)
            assert all(cell.strip() for row in table.rows for cell in row[:1]), (name, table.caption)
        low = [(what, ink, ground) for what, ink, ground in chart_text_colours(figure) if contrast(ink, ground) < 4.5]
        assert not low, (name, low)
