"""The Gantt: rows from the top in plan order, bars as long as their dates, milestones as markers."""

from datetime import date
from typing import get_args

from ickit.charts.room import text_width
from ickit.charts.timeline import DAY_MS, KEY_WIDTH, KIND_COLOURS, timeline_figure, timeline_spec
from ickit.content.plans import Milestone, Workstream, WorkstreamKind
from ickit.logic.timeline import Plan

PLAN = Plan(name="R & D", start=date(2027, 12, 1), workstreams=[
    Workstream(name="Vision", kind="engagement", start_month=0, duration=2),
    Workstream(name="Culture", kind="culture-change", start_month=1, duration=36),
    Workstream(name="Vision", kind="engagement", start_month=3, duration=4, unit="weeks")],
    milestones=[Milestone(name="Leap review", kind="review", month=3)])


def test_rows_run_top_down_in_plan_order():
    fig = timeline_figure(PLAN)
    assert fig.layout.yaxis.autorange == "reversed"
    assert list(fig.layout.yaxis.categoryarray) == ["Vision", "Culture", "Vision (2)",
                                                    "Leap review"]


def test_bars_span_their_dates_with_exclusive_ends():
    (bars,) = [t for t in timeline_figure(PLAN).data if t.type == "bar"]
    assert list(bars.base) == ["2027-12-01", "2028-01-01", "2028-03-01"]
    assert [x // DAY_MS for x in bars.x] == [62, 1096, 28]  # Dec + Jan; three years; four weeks
    assert list(bars.customdata[1]) == ["2028-01-01", "2030-12-31", "culture change"]  # the hover


def test_each_kind_keeps_its_colour_and_the_key_names_the_kinds_shown():
    (bars,) = [t for t in timeline_figure(PLAN).data if t.type == "bar"]
    engagement, culture = KIND_COLOURS["engagement"], KIND_COLOURS["culture-change"]
    assert list(bars.marker.color) == [engagement, culture, engagement] and engagement != culture
    fig = timeline_figure(PLAN)
    assert not fig.layout.showlegend
    (key,) = [a for a in fig.layout.annotations if "milestone" in a.text]
    assert key.text.count("■") == 2 and "culture change" in key.text and "◆</span> milestone" in key.text
    assert f"color:{culture}" in key.text and "governance" not in key.text
    # a narrow key takes one line; the nine kinds take more, each line within the key's width
    many = Plan(name="x", start=PLAN.start, workstreams=[
        Workstream(name=k, kind=k, start_month=0, duration=1) for k in KIND_COLOURS], milestones=[])
    wide = timeline_spec(many)["layout"]
    lines = wide["annotations"][-1]["text"].split("<br>")
    assert len(lines) > 1 and all(text_width(line) <= KEY_WIDTH for line in lines) and "<br>" not in key.text
    assert wide["margin"]["b"] > fig.layout.margin.b
    assert wide["height"] - (90 + 30 * len(KIND_COLOURS)) == wide["margin"]["b"] - 30  # the plot keeps its height


def test_every_kind_has_a_colour_of_its_own():
    assert set(KIND_COLOURS) == set(get_args(WorkstreamKind))
    assert len(set(KIND_COLOURS.values())) == len(KIND_COLOURS)


def test_a_key_for_milestones_only_and_none_for_an_empty_plan():
    only = timeline_spec(Plan(name="x", start=PLAN.start, workstreams=[], milestones=PLAN.milestones))
    assert only["layout"]["annotations"][-1]["text"].endswith("◆</span> milestone")
    empty = timeline_spec(Plan(name="x", start=PLAN.start))["layout"]
    assert empty["margin"]["b"] == 30 and not any("■" in a["text"] or "◆" in a["text"] for a in empty["annotations"])


def test_milestones_are_markers_on_their_own_rows():
    (marks,) = [t for t in timeline_figure(PLAN).data if t.type == "scatter"]
    assert marks.mode == "markers" and marks.marker.symbol == "diamond"
    assert list(marks.x) == ["2028-03-01"] and list(marks.y) == ["Leap review"]


def test_span_and_title():
    fig = timeline_figure(PLAN)
    shaded = [s for s in fig.layout.shapes if s.type == "rect"]
    assert (shaded[0].x0, shaded[0].x1) == ("2027-12-01", "2031-01-01")
    assert fig.layout.title.text == "R &amp; D: 2027-12-01 to 2030-12-31 (3 years 1 month)"


def test_empty_plan_says_what_to_do():
    fig = timeline_figure(Plan(name="Blank", start=date(2028, 2, 29)))
    assert "nothing planned yet" in fig.layout.title.text
    assert any("Add a workstream" in a.text for a in fig.layout.annotations)


def test_the_key_and_the_planner_s_choices_name_a_kind_alike():
    from ickit.views.timeline_planner import _options
    shown = dict((kind, label) for label, kind in _options(WorkstreamKind))
    key = timeline_spec(PLAN)["layout"]["annotations"][-1]["text"]
    assert shown["culture-change"] == "culture change" and f"■</span> {shown['culture-change']}" in key
