"""The timeline planner driven headless: set a control's value, read the plan and the warnings."""

import base64
import json
import re
from datetime import date, datetime, timezone

import pytest

from ickit.logic import plan_export
from ickit.views.timeline_planner import TimelinePlanner


@pytest.fixture
def view(content):
    return TimelinePlanner(content, today=date(2027, 12, 10))


def row(view, name):
    return next(r for r in view.workstreams.children if r.fields["name"].value == name)


def checks(view):
    return re.findall(r'data-check="([a-z-]+)"', view.warnings.value)


def upload(view, data: bytes):
    view.upload.value = ({"name": "plan.json", "type": "application/json", "size": len(data),
                          "content": memoryview(data),
                          "last_modified": datetime(2026, 1, 1, tzinfo=timezone.utc)},)


def test_starts_with_the_first_template_next_month(view):
    assert view.plan.start == date(2028, 1, 1)
    assert view.plan.name == "A two-year pilot"
    assert "culture-change-short" in checks(view)
    assert "<h4>" not in view.summary.value and view.summary.value


def test_editing_a_duration_moves_the_bar_and_the_warnings(view):
    culture = row(view, "Culture change")
    culture.fields["duration"].value = "36"
    ws = next(w for w in view.plan.workstreams if w.name == "Culture change")
    assert ws.duration == 36
    assert "culture-change-short" not in checks(view)
    culture.fields["unit"].value = "weeks"
    assert "culture-change-short" in checks(view)


@pytest.mark.parametrize("typed", ["1e308", "0.5", "", "six", "-1", "1_000", "9" * 5000])
def test_a_number_the_plan_cannot_use_is_refused_with_a_message(view, typed):
    before = view.plan
    row(view, "Culture change").fields["duration"].value = typed
    assert view.plan == before
    assert "Not redrawn yet: workstream" in view.message.value and "duration" in view.message.value


def test_a_number_box_says_what_kind_of_number_it_needs(view):
    row(view, "Culture change").fields["duration"].value = "0.5"
    assert "give a whole number, such as 6" in view.message.value


@pytest.mark.parametrize("typed, used", [("07", 7), (" 36 ", 36), ("36.0", 36), ("+12", 12)])
def test_a_number_box_shows_the_number_the_plan_uses(view, typed, used):
    culture = row(view, "Culture change")
    culture.fields["duration"].value = typed
    assert next(w for w in view.plan.workstreams if w.name == "Culture change").duration == used
    assert culture.fields["duration"].value == str(used)


def test_moving_live_working_later_clears_its_warning(view, content):
    live = row(view, "Live working")
    assert "live-too-early" in checks(view)
    live.fields["start_month"].value = "24"
    assert "live-too-early" not in checks(view)


def test_add_and_remove_rows(view):
    before = len(view.plan.workstreams)
    view.add_workstream.click()
    assert len(view.plan.workstreams) == before + 1
    view.workstreams.children[-1].children[-1].click()  # its Remove button
    assert len(view.plan.workstreams) == before
    view.add_milestone.click()
    view.milestones.children[-1].fields["kind"].value = "communication"
    assert "no-timescales-briefing" not in checks(view)


def test_templates_replace_the_plan(view):
    view.template.value = "long-programme"
    view.use_template.click()
    assert view.plan.name == "A long programme" and checks(view) == []
    assert "No warnings" in view.warnings.value
    view.template.value = "blank"
    view.use_template.click()
    assert view.plan.workstreams == [] and len(checks(view)) == 4


def test_typed_html_is_refused_kindly_and_escaped(view):
    good = view.plan
    view.name.value = "<script>alert(1)</script>"
    assert "names cannot contain &lt; or &gt;" in view.message.value
    assert "<script>" not in view.message.value and view.plan == good
    view.name.value = 'Ours & "theirs"'
    assert view.message.value == "" and view.plan.name == 'Ours & "theirs"'
    row(view, "Culture change").fields["name"].value = "Culture & values"
    assert "&quot;Culture &amp; values&quot;" in view.warnings.value


def test_blank_name_shows_a_message_and_keeps_the_chart(view):
    good = view.plan
    row(view, "Team development").fields["name"].value = "   "
    assert "workstream 3, name" in view.message.value and view.plan == good


def links_in(html_text: str) -> dict[str, str]:
    return dict(re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', html_text))


def test_downloads_are_links_not_files_made_when_asked_for(view, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert view.downloads.value == ""  # nothing is exported until someone asks
    view.files_button.click()
    links = links_in(view.downloads.value)
    assert {name.rsplit(".", 1)[1] for name in links} == {"json", "csv", "ics"}
    saved = base64.b64decode(links["a-two-year-pilot.json"])
    assert plan_export.plan_from_json(saved) == view.plan
    assert view.html_link.value == view.png_link.value == ""  # the heavy ones wait to be asked for
    view.html_button.click()
    assert list(links_in(view.html_link.value)) == ["a-two-year-pilot.html"]
    assert list(tmp_path.iterdir()) == []
    row(view, "Culture change").fields["duration"].value = "40"
    assert view.html_link.value == view.downloads.value == ""  # stale files are withdrawn
    view.files_button.click()
    new = base64.b64decode(links_in(view.downloads.value)["a-two-year-pilot.json"])
    assert plan_export.plan_from_json(new) == view.plan and view.plan.workstreams[5].duration == 40


def test_a_bad_value_withdraws_every_link(view):
    view.html_button.click()
    view.files_button.click()
    row(view, "Team development").fields["name"].value = "   "
    assert view.downloads.value == view.html_link.value == ""


def test_png_button_makes_a_picture(view, monkeypatch):
    import kaleido
    monkeypatch.setattr(kaleido, "calc_fig_sync", lambda *a, **k: b"\x89PNG fake")
    view.png_button.click()
    assert base64.b64decode(links_in(view.png_link.value)["a-two-year-pilot.png"]) == b"\x89PNG fake"
    assert not view.png_button.disabled


@pytest.mark.parametrize("error, words", [
    ("chrome", "no Chromium browser is installed on the server"),
    ("other", "The picture could not be drawn this time"),
])
def test_png_failure_says_why_and_clears_the_drawing_note(view, monkeypatch, error, words):
    import kaleido
    from kaleido.errors import ChromeNotFoundError

    def fail(*args, **kwargs):
        assert view.png_link.value == "Drawing the picture…" and view.png_button.disabled
        raise ChromeNotFoundError("no chrome") if error == "chrome" else RuntimeError("tab crashed")

    monkeypatch.setattr(kaleido, "calc_fig_sync", fail)
    view.png_button.click()
    assert "ickit-msg-problem" in view.message.value and words in view.message.value
    assert view.png_link.value == "" and not view.png_button.disabled
    view.files_button.click()
    assert links_in(view.downloads.value)  # the plan's files still work


def test_rows_share_their_planner_s_layouts_and_no_other_planner_s(view, content):
    """One layout model per setting in a planner, not one per control; none from another planner."""
    names = [r.fields["name"] for r in view.workstreams.children]
    assert len(names) > 1 and len({id(n.layout) for n in names}) == 1
    assert len({id(r.layout) for r in view.workstreams.children}) == 1
    other = TimelinePlanner(content)
    assert other.workstreams.children[0].fields["name"].layout is not names[0].layout


def test_load_a_saved_plan(view, content):
    other = TimelinePlanner(content, today=date(2030, 6, 1))
    other.template.value = "long-programme"
    other.use_template.click()
    upload(view, plan_export.plan_to_json(other.plan).encode())
    assert view.plan == other.plan
    assert "Loaded the plan" in view.message.value
    assert len(view.workstreams.children) == len(other.plan.workstreams)
    assert view.upload.value == ()


@pytest.mark.parametrize("data, expected", [
    (b"{oops", "not readable JSON text"),
    (json.dumps({"name": "<b>x</b>", "start": "2026-01-01"}).encode(), "names cannot contain"),
    (json.dumps({"name": "x", "start": "31/12/2026"}).encode(), "give a date as YYYY-MM-DD"),
    (b"0" * 300_000, "too large"),
])
def test_a_bad_file_changes_nothing_on_screen(view, data, expected):
    before = (view.plan, view.warnings.value, len(view.workstreams.children), view.name.value)
    upload(view, data)
    assert expected in view.message.value
    assert (view.plan, view.warnings.value, len(view.workstreams.children),
            view.name.value) == before


def test_a_change_sends_the_chart_last(view):
    """The browser takes the small text changes while it draws the chart, not after it."""
    sent = []
    view.files_button.click()
    for name, widget, trait in (("links", view.downloads, "value"), ("warnings", view.warnings, "value"),
                                ("chart", view.chart.plot, "figure")):
        widget.observe(lambda _, name=name: sent.append(name), trait)
    row(view, "Culture change").fields["duration"].value = "36"
    assert sent[-1] == "chart" and {"links", "warnings"} <= set(sent)


def test_a_change_builds_no_file(view, monkeypatch):
    """Typing in the plan redraws it; the JSON, CSV and iCalendar files wait for the button."""
    built = []
    for name in ("plan_to_json", "plan_to_csv", "plan_to_ics"):
        real = getattr(plan_export, name)
        monkeypatch.setattr(plan_export, name, lambda plan, real=real, name=name: built.append(name) or real(plan))
    for months in ("30", "31", "32"):
        row(view, "Culture change").fields["duration"].value = months
    assert built == []
    view.files_button.click()
    assert sorted(built) == ["plan_to_csv", "plan_to_ics", "plan_to_json"]
