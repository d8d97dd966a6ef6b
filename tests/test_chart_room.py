"""Room for labels and legends: generous widths read from plotly's label markup, and margins that
fit them (the browser tests test_charts_leave_room_for_their_labels and the lessons check's check
that plotly widened no margin, in the dashboards themselves)."""

import string
from datetime import date
from pathlib import Path

import pytest

from ickit.charts.lessons_check import traffic_lights_spec
from ickit.charts.room import (MAX_LABEL_ROOM, TICK_PAD, label_room, legend_below, legend_rows,
                               text_width)
from ickit.charts.timeline import RIGHT, timeline_spec
from ickit.content.plans import Workstream
from ickit.logic import lessons_check
from ickit.logic.timeline import Plan

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def test_no_character_is_drawn_wider_than_estimated():
    font = pytest.importorskip("PIL.ImageFont")
    if not DEJAVU.is_file():
        pytest.skip("DejaVu Sans is not installed")
    face = font.truetype(str(DEJAVU), 100)
    for ch in string.printable.strip() + " —…中Жé":
        assert text_width(ch, size=100) >= face.getlength(ch), ch


def test_only_br_breaks_a_line():
    assert text_width("Mild needs<br>700 of 700 reached") == text_width("700 of 700 reached")
    assert text_width('i<br style="x">mm') == text_width("mm")
    assert text_width("a<br/>b") > text_width("ab")  # not plotly's break: drawn as text


def test_styling_tags_are_not_drawn_and_bold_is_wider():
    assert text_width("<i>Lead</i>") == text_width("Lead")
    assert text_width("<b>Lead</b>") > text_width("Lead")
    assert text_width("<b>Lead</b> on") == pytest.approx(text_width("<b>Lead</b>") + text_width(" on"))
    assert text_width("<blink>") > 0  # a tag plotly does not know is drawn as text


def test_entities_plotly_knows_are_one_character():
    assert text_width("R &amp; D") == text_width("R & D")
    assert text_width("&#956;&#x3bc;") == text_width("μμ")
    assert text_width("&eacute;") > text_width("é")  # not one of plotly's: drawn as it is


def test_room_fits_the_widest_label_up_to_a_limit():
    assert label_room(["short", "a much longer label"]) >= text_width("a much longer label") + TICK_PAD
    assert label_room([]) == TICK_PAD
    assert label_room(["W" * 80]) == MAX_LABEL_ROOM  # automargin fits it, keeping a plot


def test_a_legend_below_wraps_and_needs_more_room_lower_down():
    names = ["manages", "supervises practice", "co-ordinates", "contracts", "agreement on roles"]
    assert legend_rows(names, 2000) == 1
    assert legend_rows(names, 300) > legend_rows(names, 540) > 1
    assert legend_rows(names[:1], 10) == 1  # one entry is one row, however narrow
    assert legend_below(460, 80, -0.2, rows=2) > legend_below(460, 80, -0.2) > legend_below(460, 80, -0.1)


PLAN = Plan(name="R & D", start=date(2027, 12, 1), workstreams=[
    Workstream(name="R & D", kind="engagement", start_month=0, duration=2)], milestones=[])


def test_the_timeline_leaves_room_for_its_rows_and_none_for_a_legend():
    margin = timeline_spec(PLAN)["layout"]["margin"]
    assert margin["l"] == label_room(["R & D"])  # measured as drawn, not as escaped
    assert margin["r"] == RIGHT  # no legend beside the plot: the key is under it
    empty = Plan(name="x", start=PLAN.start, workstreams=[], milestones=[])
    assert timeline_spec(empty)["layout"]["margin"]["l"] == TICK_PAD


def test_the_lessons_check_makes_room_for_its_legend_once_answered(content):
    settings = content.assessment.lessons_check
    lesson = content.lessons[0].id
    unanswered = lessons_check.evaluate(content, {'Team "A"': {}})
    answered = lessons_check.evaluate(content, {'Team "A"': {lesson: 1}})
    before = traffic_lights_spec(unanswered, settings)["layout"]["margin"]["b"]
    after = traffic_lights_spec(answered, settings)
    assert after["layout"]["margin"]["b"] > before
    assert after["data"][2]["name"] == 'Team "A"'  # plotly would show &quot; as it is
