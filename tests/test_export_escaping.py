"""What people typed reaches every export as they typed it, never as markup of the file's format:
Markdown (read here as a Markdown viewer would, raw HTML allowed), CSV, iCalendar and HTML."""

import html
from html.parser import HTMLParser

import mistune
import pytest

from ickit.logic import lessons_check, plan_export, readiness, room_report, team_config
from ickit.logic import markdown as md
from ickit.logic.reflections import learning_log
from ickit.logic.stakeholders import Stakeholder, StakeholderMap
from ickit.logic.timeline import plan_from_dict

TAG = "<img src=x onerror=alert(1)>"
LINK = "[here](javascript:alert(1))"
MARKS = "**b** _i_ `c` ~~s~~ $x$ &amp; a|b \\"
NOTE = f"# {TAG}\n1. {LINK}\n- {MARKS}\n\n> quoted\n===\n<script>alert(2)</script>"


class Rendered(HTMLParser):
    """The tags and the text of an HTML page."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def viewed(markdown: str) -> Rendered:
    """The export as a Markdown viewer shows it: CommonMark with tables, raw HTML passed on."""
    return Rendered(mistune.create_markdown(escape=False, plugins=["table", "strikethrough"])(markdown))


def shown_as_typed(markdown: str, *typed: str) -> None:
    page = viewed(markdown)
    assert not {"img", "script", "a", "del", "code", "blockquote"} & set(page.tags), page.tags
    shown = " ".join("".join(page.text).split())
    for part in typed:
        assert " ".join(part.split()) in shown, (part, shown)


@pytest.mark.parametrize("typed", [TAG, LINK, MARKS, "&lt;b&gt;", "# not a heading", "1. not a list"])
def test_one_line_shows_typed_text_as_typed_in_a_table_cell(typed):
    page = viewed(f"| a |\n|---|\n| {md.paragraph(typed)} |\n")
    assert page.tags == ["table", "thead", "tr", "th", "tbody", "tr", "td"]
    assert "".join(page.text).strip().endswith(typed)


@pytest.mark.parametrize("typed", [TAG, LINK, MARKS, "&lt;b&gt;", "# not a heading", "1. not a list",
                                   "---", "===", "- - -", "+ not an item", "> not a quote"])
def test_one_line_shows_typed_text_as_typed_in_a_paragraph(typed):
    page = viewed(md.paragraph(typed))
    assert page.tags == ["p"] and "".join(page.text).strip() == typed


def test_several_lines_keep_their_lines_and_show_every_line_as_typed():
    page = viewed(md.lines(NOTE))
    assert set(page.tags) <= {"p", "br"}, page.tags
    lines = [line for line in NOTE.splitlines() if line.strip()]
    assert [t.strip() for t in page.text if t.strip()] == lines


def test_stakeholder_map(content):
    m = StakeholderMap(content.stakeholder_map)
    m.add(Stakeholder(TAG, 7, 7, gains=LINK, loses=MARKS))
    m.set_circumstance(content.stakeholder_map.circumstances[0].id, TAG)
    shown_as_typed(m.to_markdown(), TAG, LINK, MARKS)


def test_readiness_report(content):
    result = readiness.assess(content, readiness.blank(content))
    shown_as_typed(readiness.to_markdown(content, result, title=TAG + LINK), TAG + LINK)


def test_lessons_record(content):
    partners = [TAG, LINK]
    results = lessons_check.evaluate(content, {p: {} for p in partners})
    shown_as_typed(lessons_check.to_markdown(content, results), *partners)


def test_team_rationale(content):
    config = team_config.Configuration(label=TAG + LINK, process_model="allocation",
                                       management_type="joint-management", note=NOTE)
    shown_as_typed(team_config.to_markdown(config, content), TAG + LINK,
                   *[line for line in NOTE.splitlines() if line.strip()])


def test_learning_log(content):
    part = content.course[0]
    log = learning_log(content.course, {part.id: {part.reflections[0].id: NOTE}})
    shown_as_typed(log, *[line for line in NOTE.splitlines() if line.strip()])


def test_room_report_shows_a_typed_note_and_title_as_typed_once(content):
    """The agreed note went through two escapers, so its '<' showed as '\\<'."""
    from ickit.logic.room_activities import activity_items
    from ickit.logic.room_results import room_results
    from ickit.logic.room_store import Agreed, Room

    activity = activity_items(content, "readiness")
    item = activity.items[0]
    note = "a | b <b>not bold</b> & 1 < 2"
    room = Room(code="K7M4QX", activity="readiness", title=TAG, quizzes=(), created=0.0, round=1,
                revealed=False, locked=False, version=1, shown_round=0)
    report = room_report.RoomReport(
        room=room, activity=activity, results=room_results(activity, {}, content.rooms.agreement),
        radar=None, agreed={item.id: Agreed("2", note)}, participants=[], role_labels={},
        rule=content.rooms.agreement.explanation, min_group=content.rooms.min_group)
    markdown = room_report.to_markdown(report)
    shown_as_typed(markdown, TAG, note)
    (row,) = [line for line in markdown.splitlines() if "not bold" in line]
    assert row.count("|") - row.count("\\|") == 5  # the note's pipe stays in its cell
    assert markdown.count("\\<") == markdown.count("<") and "\\\\" not in markdown


PLAN = {"name": "Health & care; north, south \\ east", "start": "2027-01-01",
        "workstreams": [{"name": "=HYPERLINK(\"x\")", "kind": "other", "start_month": 0,
                         "duration": 6}],
        "milestones": [{"name": "Review, phase; 1 \\ 2", "kind": "review", "month": 3}]}


def test_plan_csv_keeps_formulas_from_running():
    assert '"\'=HYPERLINK(""x"")"' in plan_export.plan_to_csv(plan_from_dict(PLAN))


def test_plan_calendar_escapes_its_text():
    from icalendar import Calendar

    ics = plan_export.plan_to_ics(plan_from_dict(PLAN))
    assert b"SUMMARY:Review\\, phase\\; 1 \\\\ 2" in ics
    (event,) = Calendar.from_ical(ics).events
    assert str(event["SUMMARY"]) == PLAN["milestones"][0]["name"]


def test_plan_web_page_shows_names_as_text():
    from ickit.charts.export import figure_to_html
    from ickit.charts.timeline import timeline_figure
    from ickit.errors import KitInputError

    page = figure_to_html(timeline_figure(plan_from_dict(PLAN)))
    assert "Health &amp; care; north, south \\\\ east" in page  # in the figure's JSON: drawn as typed
    with pytest.raises(KitInputError, match="cannot contain < or >"):
        plan_from_dict({**PLAN, "name": "</script><script>alert(1)</script>"})
