"""Saving, loading and exporting plans: round trips, hostile files, CSV, iCalendar, PNG, HTML."""

import csv
import io
import json
import os
import re
import shutil
from datetime import date

import pytest
from icalendar import Calendar

from ickit.charts import export
from ickit.charts.timeline import timeline_figure
from ickit.errors import KitInputError
from ickit.logic import plan_export
from ickit.logic.timeline import Plan, from_template


@pytest.fixture
def pilot(content):
    template = {t.id: t for t in content.plans.templates}["two-year-pilot"]
    return from_template(template, date(2028, 2, 29))


def test_json_round_trip(content):
    for template in content.plans.templates:
        p = from_template(template, date(2027, 12, 31))
        assert plan_export.plan_from_json(plan_export.plan_to_json(p).encode()) == p


def test_saved_dates_are_iso(pilot):
    assert json.loads(plan_export.plan_to_json(pilot))["start"] == "2028-02-29"


def saved(pilot, **changes) -> bytes:
    raw = json.loads(plan_export.plan_to_json(pilot))
    for path, value in changes.items():
        node, *keys = path.split("__")
        target = raw
        for key in [node, *keys][:-1]:
            target = target[int(key) if key.isdigit() else key]
        last = [node, *keys][-1]
        target[int(last) if last.isdigit() else last] = value
    return json.dumps(raw).encode()


@pytest.mark.parametrize("changes, expected", [
    ({"name": "<script>alert(1)</script>"}, "name: names cannot contain < or >"),
    ({"workstreams__0__name": "<img src=x onerror=alert(1)>"},
     "workstream 1, name: names cannot contain < or >"),
    ({"start": "05/01/2026"}, "start: give a date as YYYY-MM-DD"),
    ({"start": "2027-02-29"}, "start: give a date as YYYY-MM-DD"),
    ({"start": "0001-01-01"}, "start: the start date must lie between"),
    ({"workstreams__2__duration": "long"}, "workstream 3, duration: give a whole number, such as 6"),
    ({"workstreams__2__duration": 10**9}, "workstream 3, duration: input should be less than"),
    ({"workstreams__2__duration": 241}, "workstream 3: a duration in months can be at most 240"),
    ({"milestones__1__kind": "party"}, "milestone 2, kind: input should be"),
    ({"milestones__0__month": -3}, "milestone 1, month: input should be greater than"),
    ({"name": "x" * 500}, "name: string should have at most 80 characters"),
    ({"workstreams": [{"name": "a", "kind": "other", "start_month": 0, "duration": 1}] * 41},
     "workstreams: list should have at most 40 items"),
    ({"owner": "someone"}, "owner: this is not part of a plan"),
])
def test_bad_plans_give_located_messages(pilot, changes, expected):
    with pytest.raises(KitInputError, match="^That plan cannot be loaded: ") as err:
        plan_export.plan_from_json(saved(pilot, **changes))
    assert expected in str(err.value)


@pytest.mark.parametrize("data, expected", [
    (b"{not json", "not readable JSON text"),
    (b"\xff\xfe\x00garbage", "not readable JSON text"),
    (b"[1, 2, 3]", "expected an object with a name"),
    (b'"a plan"', "expected an object with a name"),
    (b" " * 200_000, "too large for a plan"),
    (b"{}", "name: this is missing"),
])
def test_malformed_files(data, expected):
    with pytest.raises(KitInputError, match=expected):
        plan_export.plan_from_json(data)


def test_csv(pilot):
    rows = list(csv.DictReader(io.StringIO(plan_export.plan_to_csv(pilot))))
    assert len(rows) == len(pilot.workstreams) + len(pilot.milestones)
    first = rows[0]
    assert (first["type"], first["start"], first["last_day"]) == ("workstream", "2028-02-29",
                                                                  "2028-08-28")
    live = next(r for r in rows if r["kind"] == "live-working")
    assert (live["start"], live["last_day"]) == ("2029-02-28", "2030-02-27")
    assert rows[-1]["type"] == "milestone" and rows[-1]["start"] == rows[-1]["last_day"]


def test_csv_neutralises_formulas():
    p = Plan(name="x", start=date(2026, 1, 1),
             milestones=[{"name": "=HYPERLINK(1)", "kind": "other", "month": 0}])
    assert "'=HYPERLINK(1)" in plan_export.plan_to_csv(p)


def test_ics_read_back_by_icalendar(pilot):
    data = plan_export.plan_to_ics(pilot)
    cal = Calendar.from_ical(data)
    events = cal.events
    assert [str(e["SUMMARY"]) for e in events] == [m.name for m in pilot.milestones]
    final = events[-1]
    assert final.start == date(2030, 1, 29) and final.end == date(2030, 1, 30)  # exclusive end
    assert len({str(e["UID"]) for e in events}) == len(events)
    assert plan_export.plan_to_ics(pilot) == data  # stable uid and stamp


def test_ics_without_milestones_is_still_a_calendar():
    cal = Calendar.from_ical(plan_export.plan_to_ics(Plan(name="Empty", start=date(2026, 1, 1))))
    assert cal.events == []


def test_offline_html_inlines_plotly(pilot):
    page = export.figure_to_html(timeline_figure(pilot))
    assert not re.search(r"<script[^>]*\bsrc=", page) and "Plotly.newPlot" in page
    assert "Final evaluation report" in page and len(page) > 1_000_000


def test_png(pilot):
    if not (shutil.which("chromium") or os.environ.get("BROWSER_PATH")):
        if os.environ.get("CI"):
            pytest.fail("CI needs Chromium for the PNG export")
        pytest.skip("no Chromium on this machine: kaleido cannot draw the PNG")
    data = export.figure_to_png(timeline_figure(pilot))
    assert data.startswith(b"\x89PNG") and len(data) > 10_000


def test_file_stem_is_safe():
    p = Plan(name="../../etc/passwd & co", start=date(2026, 1, 1))
    assert plan_export.file_stem(p) == "etc-passwd-co"


@pytest.mark.parametrize("error, words", [
    ("chrome", "no Chromium browser is installed on the server"),
    ("other", "The picture could not be drawn this time"),
])
def test_png_failures_give_a_plain_message(pilot, monkeypatch, error, words):
    import kaleido
    from kaleido.errors import ChromeNotFoundError

    def fail(*args, **kwargs):
        raise ChromeNotFoundError("no chrome") if error == "chrome" else RuntimeError("tab crashed")

    monkeypatch.setattr(kaleido, "calc_fig_sync", fail)
    with pytest.raises(KitInputError, match=words):
        export.figure_to_png(timeline_figure(pilot))
