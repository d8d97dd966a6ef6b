"""Plan dates and the realism checks: every threshold read from data/ and tested at its edges."""

from datetime import date

import pytest

from ickit.content.plans import Milestone, Workstream
from ickit.logic.plan_checks import check_plan, threshold_months
from ickit.logic.timeline import (Plan, add_months, bars, describe_length, describe_months,
                                  from_template, milestone_date, plan_end, span_months)

START = date(2026, 1, 1)
# Enough of each kind that no other check fires while one is under test.
COMPLETE = dict(
    workstreams=[Workstream(name="Quick wins", kind="quick-wins", start_month=0, duration=3),
                 Workstream(name="Telling the board", kind="communication", start_month=0,
                            duration=1)],
    milestones=[Milestone(name="Review", kind="review", month=6)])


def plan(workstreams=(), milestones=(), start=START) -> Plan:
    return Plan(name="Test", start=start, workstreams=[*COMPLETE["workstreams"], *workstreams],
                milestones=[*COMPLETE["milestones"], *milestones])


def culture(months, start_month=0, unit="months"):
    return Workstream(name="Culture", kind="culture-change", start_month=start_month,
                      duration=months, unit=unit)


def live(start_month):
    return Workstream(name="Live", kind="live-working", start_month=start_month, duration=12)


def fired(p, content):
    return [w.check for w in check_plan(p, content)]


# --- dates -----------------------------------------------------------------------------------

@pytest.mark.parametrize("day, months, expected", [
    (date(2028, 2, 29), 12, date(2029, 2, 28)),
    (date(2028, 2, 29), 48, date(2032, 2, 29)),
    (date(2026, 12, 31), 2, date(2027, 2, 28)),
    (date(2027, 11, 15), 3, date(2028, 2, 15)),
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2026, 12, 1), 1, date(2027, 1, 1)),
    (date(2026, 5, 10), 0, date(2026, 5, 10)),
])
def test_add_months_across_year_ends_and_leap_days(day, months, expected):
    assert add_months(day, months) == expected


def test_workstream_dates_have_exclusive_ends_across_a_year_end():
    p = Plan(name="x", start=date(2026, 11, 1), workstreams=[
        Workstream(name="a", kind="other", start_month=1, duration=2),
        Workstream(name="b", kind="other", start_month=0, duration=8, unit="weeks")])
    (a, b) = bars(p)
    assert (a.start, a.end) == (date(2026, 12, 1), date(2027, 2, 1))
    assert (b.start, b.end) == (date(2026, 11, 1), date(2026, 12, 27))
    assert plan_end(p) == date(2027, 2, 1) and span_months(p) == 3


def test_leap_day_start():
    p = Plan(name="x", start=date(2028, 2, 29),
             workstreams=[Workstream(name="a", kind="other", start_month=12, duration=12)],
             milestones=[Milestone(name="m", kind="review", month=24)])
    (a,) = bars(p)
    assert (a.start, a.end) == (date(2029, 2, 28), date(2030, 2, 28))
    assert milestone_date(p, p.milestones[0]) == date(2030, 2, 28)
    assert plan_end(p) == date(2030, 3, 1)


def test_descriptions():
    assert describe_months(36) == "3 years" and describe_months(18) == "1 year 6 months"
    assert describe_months(1) == "1 month" and describe_months(0) == "0 months"
    assert describe_length(date(2026, 1, 1), date(2026, 1, 22)) == "3 weeks"
    assert describe_length(date(2026, 1, 1), date(2026, 1, 1)) == "no time"


# --- checks at, under and over their thresholds -------------------------------------------------

def test_a_complete_plan_earns_no_warning(content):
    needed = threshold_months(content, "culture-change")
    dev = threshold_months(content, "pilot-development")
    assert fired(plan([culture(needed), live(dev)]), content) == []


@pytest.mark.parametrize("offset, warns", [(-1, True), (0, False), (1, False)])
def test_culture_change_length(content, offset, warns):
    needed = threshold_months(content, "culture-change")
    assert ("culture-change-short" in fired(plan([culture(needed + offset)]), content)) is warns


@pytest.mark.parametrize("start", [date(2028, 2, 29), date(2026, 1, 31), date(2026, 12, 31)])
def test_culture_change_exactly_at_threshold_on_awkward_start_days(content, start):
    needed = threshold_months(content, "culture-change")
    for start_month in (0, 1, 11):
        p = plan([culture(needed, start_month)], start=start)
        assert "culture-change-short" not in fired(p, content)


def test_culture_change_in_weeks(content):
    days = threshold_months(content, "culture-change") / 12 * 365.25
    short, enough = int(days // 7), int(days // 7) + 2
    assert "culture-change-short" in fired(plan([culture(short, unit="weeks")]), content)
    assert "culture-change-short" not in fired(plan([culture(enough, unit="weeks")]), content)


def test_no_culture_change_at_all(content):
    assert "no-culture-change" in fired(plan(), content)


@pytest.mark.parametrize("offset, warns", [(-1, True), (0, False), (1, False)])
def test_live_working_after_development(content, offset, warns):
    needed = threshold_months(content, "culture-change")
    dev = threshold_months(content, "pilot-development")
    p = plan([culture(needed), live(dev + offset)], start=date(2028, 2, 29))
    assert ("live-too-early" in fired(p, content)) is warns


@pytest.mark.parametrize("start", [START, date(2028, 2, 29), date(2027, 1, 31)])
@pytest.mark.parametrize("offset, warns", [(-1, True), (0, False), (1, False)])
def test_results_after_a_year_of_live_working(content, start, offset, warns):
    dev = threshold_months(content, "pilot-development")
    live_months = threshold_months(content, "pilot-live-working")
    results = Milestone(name="Results", kind="results", month=dev + live_months + offset)
    p = plan([culture(threshold_months(content, "culture-change")), live(dev)], [results], start)
    assert ("results-too-early" in fired(p, content)) is warns


def test_results_before_any_live_working(content):
    warnings = check_plan(plan(milestones=[Milestone(name="Report", kind="results", month=30)]),
                          content)
    (w,) = [w for w in warnings if w.check == "results-too-early"]
    assert '"Report"' in w.message and "before any live working" in w.message


@pytest.mark.parametrize("check, kind_of_step", [
    ("no-review", [Milestone(name="r", kind="review", month=3)]),
    ("no-quick-wins", [Workstream(name="q", kind="quick-wins", start_month=0, duration=2)]),
    ("no-quick-wins", [Milestone(name="q", kind="quick-win", month=2)]),
    ("no-timescales-briefing", [Workstream(name="c", kind="communication", start_month=0,
                                           duration=1)]),
    ("no-timescales-briefing", [Milestone(name="c", kind="communication", month=1)]),
])
def test_missing_steps(content, check, kind_of_step):
    bare = Plan(name="x", start=START)
    assert check in fired(bare, content)
    ws = [s for s in kind_of_step if isinstance(s, Workstream)]
    ms = [s for s in kind_of_step if isinstance(s, Milestone)]
    assert check not in fired(Plan(name="x", start=START, workstreams=ws, milestones=ms), content)


def test_thresholds_come_from_the_data(content):
    """Change the figure in the content and the check moves with it."""
    longer = [t.model_copy(update={"years": t.years + 1}) if t.id == "culture-change" else t
              for t in content.timescales]
    changed = content.model_copy(update={"timescales": longer})
    p = plan([culture(threshold_months(content, "culture-change"))])
    assert "culture-change-short" not in fired(p, content)
    assert "culture-change-short" in fired(p, changed)


def test_each_warning_names_its_source(content):
    warnings = check_plan(Plan(name="x", start=START, milestones=[
        Milestone(name="Report", kind="results", month=1)]), content)
    assert {w.check for w in warnings} == {"no-culture-change", "results-too-early", "no-review",
                                           "no-quick-wins", "no-timescales-briefing"}
    sources = {w.check: w.source for w in warnings}
    assert sources["results-too-early"] == "Ling et al (2012), as cited in Petch (2014)"
    assert sources["no-culture-change"] == "Iriss (2012), as cited in Petch (2014)"
    assert all(w.evidence and "{" not in w.message for w in warnings)


def test_every_check_in_data_has_logic_and_evidence(content):
    from ickit.logic.plan_checks import CHECKS, evidence
    assert [c.id for c in content.plans.checks] == list(CHECKS)
    for check in content.plans.checks:
        text, source = evidence(content, check)
        assert text and source
        if check.timescale:
            assert threshold_months(content, check.timescale) > 0


# --- templates ---------------------------------------------------------------------------------

def test_templates(content):
    templates = {t.id: t for t in content.plans.templates}
    assert set(templates) == {"two-year-pilot", "long-programme", "blank"}
    pilot = from_template(templates["two-year-pilot"], START)
    assert span_months(pilot) == threshold_months(content, "pilot-funding-period")
    assert {"culture-change-short", "live-too-early", "results-too-early"} <= set(
        fired(pilot, content))
    long = from_template(templates["long-programme"], START)
    assert fired(long, content) == []
    assert span_months(long) == threshold_months(content, "torbay")
    blank = from_template(templates["blank"], START)
    assert blank.workstreams == [] and blank.milestones == []
