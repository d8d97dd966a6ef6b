"""The Gantt: rows from the top in plan order, bars as long as their dates, milestones as markers."""

from datetime import date

from ickit.charts.timeline import DAY_MS, timeline_figure
from ickit.content.plans import Milestone, Workstream
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
    bars = {t.name: t for t in timeline_figure(PLAN).data if t.type == "bar"}
    engagement = bars["engagement"]
    assert list(engagement.base) == ["2027-12-01", "2028-03-01"]
    assert [x // DAY_MS for x in engagement.x] == [62, 28]  # Dec + Jan; four weeks
    culture = bars["culture change"]
    assert culture.customdata[0][1] == "2030-12-31"  # the last day, shown in the hover


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
