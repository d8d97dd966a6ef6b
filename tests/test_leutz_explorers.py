"""Leutz's law explorers: the simulations, the stakeholder map, and their views driven headless."""

from dataclasses import replace

import pytest
from pydantic import ValidationError

from ickit.errors import KitInputError
from ickit.logic import law1_targeting as law1
from ickit.logic import law2_costs as law2
from ickit.logic.stakeholders import Stakeholder, StakeholderMap
from ickit.views.law1_targeting import law1_targeting
from ickit.views.law2_costs import law2_costs
from ickit.views.stakeholders import NEW, stakeholder_map

TARGETED = {"mild": "linkage", "moderate": "coordination", "severe": "full-integration"}


@pytest.fixture
def targeting(content):
    return law1.Assumptions.from_defaults(content.simulations.targeting)


@pytest.fixture
def costs(content):
    return law2.CostAssumptions.from_defaults(content.simulations.costs)


# --- law 1 ------------------------------------------------------------------------------------

def test_defaults_are_labelled_illustrative(content):
    for defaults in (content.simulations.targeting, content.simulations.costs):
        assert defaults.source == "kit" and "illustrative" in defaults.label.lower()
        assert "not evidence" in defaults.label.lower()


def test_default_plan_must_name_every_group(content):
    defaults = content.simulations.targeting
    assert defaults.plan == TARGETED
    with pytest.raises(ValidationError, match="the plan must give a level"):
        type(defaults).model_validate({**defaults.model_dump(), "plan": {"mild": "linkage"}})


def test_population_is_deterministic_and_sized_by_share(targeting):
    people = law1.population(targeting)
    assert people == law1.population(targeting)
    assert people != law1.population(replace(targeting, seed=targeting.seed + 1))
    assert law1.group_sizes(targeting) == {"mild": 700, "moderate": 220, "severe": 80}
    assert law1.group_sizes(replace(targeting, population=7)) == {"mild": 5, "moderate": 1, "severe": 1}
    assert all(0.5 <= r <= 1.5 for _, r in people)


def test_untargeted_case_management_is_poorer_value(targeting):
    mine = law1.evaluate(targeting, TARGETED)
    everyone = law1.evaluate(targeting, law1.everyone_fully_integrated(targeting))
    assert everyone.reached == mine.reached == 1000
    assert everyone.cost == 3000 * 1000 and mine.cost == 50 * 700 + 600 * 220 + 3000 * 80
    assert everyone.value < 1 < mine.value


def test_not_targeted_costs_nothing_and_reaches_nobody(targeting):
    result = law1.evaluate(targeting, {"mild": None, "moderate": None, "severe": "coordination"})
    assert [g.reached for g in result.groups] == [0, 0, 80]
    assert result.cost == 600 * 80
    assert law1.evaluate(targeting, dict.fromkeys(TARGETED)).value is None


@pytest.mark.parametrize("change, message", [
    ({"population": 0}, "Population must be a whole number from 1 to 100,000."),
    ({"population": -5}, "Population must be a whole number from 1 to 100,000."),
    ({"population": 10**7}, "Population must be a whole number from 1 to 100,000."),
    ({"shares": {"mild": 0.7, "moderate": 0.22, "severe": 0}}, "The share of Severe needs must be more than 0"),
    ({"shares": {"mild": 0.7, "moderate": 0.5, "severe": 0.08}}, "add up to 1.28; they must add up to 1"),
    ({"cost": {"linkage": 0, "coordination": 600, "full-integration": 3000}}, "The cost of linkage must be more than 0"),
    ({"cost": {"linkage": 50, "coordination": 600, "full-integration": 1e9}}, "full integration must be more than 0 and at most 1,000,000"),
])
def test_law1_rejects_bad_parameters(targeting, change, message):
    with pytest.raises(KitInputError, match=message.replace("(", r"\(").replace(".", r"\.")):
        law1.evaluate(replace(targeting, **change), TARGETED)


def test_law1_rejects_negative_benefit(targeting):
    benefit = {**targeting.benefit, "mild": {**targeting.benefit["mild"], "linkage": -1}}
    with pytest.raises(KitInputError, match="benefit of linkage for Mild needs must be from 0"):
        law1.evaluate(replace(targeting, benefit=benefit), TARGETED)


def test_law1_markdown_compares_both_plans(targeting, content):
    names = {lvl.id: lvl.name for lvl in content.integration_levels}
    plan = {**TARGETED, "mild": None}
    mine, everyone = (law1.evaluate(targeting, p)
                      for p in (plan, law1.everyone_fully_integrated(targeting)))
    text = law1.summary_markdown(targeting, mine, everyone, "£", content.simulations.targeting.label,
                                 names)
    assert "| Full integration for everyone | 1000 | 3,000,000 |" in text
    assert "| Mild needs | 700 | not targeted | 0 | 0 |" in text
    assert "| Severe needs | 80 | Full integration | 240,000 |" in text and "not evidence" in text


# --- law 2 ------------------------------------------------------------------------------------

def test_break_even_arithmetic_by_hand():
    # year 1: 100 set-up + 10 running = 110; year 2: 10 - 25 (half of 50) -> 95;
    # then 10 - 50 = -40 a year: 55, 15, -25 -> paid back by the end of year 5
    a = law2.CostAssumptions(setup_cost=100, running_cost=10, full_saving=50,
                             delay_years=1, ramp_years=2, horizon_years=6)
    years = law2.project(a)
    assert [y.cumulative for y in years] == [0, 110, 95, 55, 15, -25, -65]
    assert law2.break_even_year(years) == 5
    assert law2.verdict(a, years) == "The scheme has paid back everything it spent by the end of year 5."


def test_breaking_exactly_even_counts():
    # 100 spent in year 1 with 50 saved, then 50 saved in year 2: back to exactly 0
    a = law2.CostAssumptions(setup_cost=100, running_cost=0, full_saving=50,
                             delay_years=0, ramp_years=1, horizon_years=3)
    years = law2.project(a)
    assert [y.cumulative for y in years] == [0, 50, 0, -50]
    assert law2.break_even_year(years) == 2


def test_defaults_break_even_after_the_pilots_timescales(costs):
    years = law2.project(costs)
    assert law2.break_even_year(years) == 7
    assert years[2].cumulative == 700  # nothing saved during the two years of development


def test_no_break_even_when_savings_never_cover_running_costs(costs):
    a = replace(costs, full_saving=costs.running_cost)
    years = law2.project(a)
    assert law2.break_even_year(years) is None
    assert "never pays back" in law2.verdict(a, years)


def test_no_break_even_within_the_horizon(costs):
    a = replace(costs, horizon_years=5)
    years = law2.project(a)
    assert law2.break_even_year(years) is None
    assert law2.verdict(a, years) == ("It has not paid back within 5 years; its cumulative net "
                                      "cost is still 250.")


@pytest.mark.parametrize("change, message", [
    ({"setup_cost": 0}, "The set-up cost must be more than 0"),
    ({"setup_cost": -1}, "The set-up cost must be more than 0"),
    ({"setup_cost": 1e12}, "at most 1,000,000,000"),
    ({"running_cost": -5}, "The running cost must be from 0"),
    ({"full_saving": 1e10}, "The full yearly saving must be from 0"),
    ({"ramp_years": 0}, "years to reach full savings must be a whole number from 1 to 50"),
    ({"horizon_years": 0}, "years to show must be a whole number from 1 to 50"),
    ({"horizon_years": 500}, "years to show must be a whole number from 1 to 50"),
    ({"delay_years": 2.5}, "years before savings start must be a whole number"),
])
def test_law2_rejects_bad_parameters(costs, change, message):
    with pytest.raises(KitInputError, match=message):
        law2.project(replace(costs, **change))


def test_marks_come_from_the_timescales_data(content):
    marks = law2.marks(content.simulations.costs.marks, content.timescales)
    scales = content.by_id("timescales")
    assert [(m.year, m.name) for m in marks] == [
        (2, scales["pilot-development"].name), (3, scales["pilot-live-working"].name),
        (3, scales["culture-change"].name), (2, scales["pilot-funding-period"].name)]
    with pytest.raises(KitInputError, match="Timescale 'quick-wins'"):
        law2.marks([["quick-wins"]], content.timescales)


def test_csv_has_one_row_per_year(costs):
    lines = law2.to_csv(law2.project(costs)).splitlines()
    assert lines[0] == "year,spent,saved,net,cumulative_net_cost" and len(lines) == 12
    assert lines[1:3] == ["0,0,0,0,0", "1,600,0,600,600"]


# --- laws 3 to 5 ------------------------------------------------------------------------------

def test_starter_map_flags_low_power_voices(content):
    m = StakeholderMap(content.stakeholder_map)
    assert set(m.low_power_voices()) == {"People who use services", "Unpaid carers", "Local communities"}
    assert "Unpaid carers" in m.voice_note()
    for name in m.low_power_voices():
        m.update(name, replace(m.get(name), power=8))
    assert m.voice_note() is None


def test_map_without_voices_of_people_says_so(content):
    m = StakeholderMap(content.stakeholder_map)
    for name in [s.name for s in m.people if s.voice]:
        m.remove(name)
    assert m.voice_note() == content.stakeholder_map.voice_missing
    assert content.stakeholder_map.voice_missing in m.to_markdown()


def test_quadrants_split_at_six(content):
    m = StakeholderMap(content.stakeholder_map)
    assert m.quadrant(Stakeholder("a", 6, 6)).id == "manage-closely"
    assert m.quadrant(Stakeholder("a", 10, 5)).id == "keep-satisfied"
    assert m.quadrant(Stakeholder("a", 5, 10)).id == "keep-informed"
    assert m.quadrant(Stakeholder("a", 1, 1)).id == "monitor"


def test_add_move_remove_and_export(content):
    m = StakeholderMap(content.stakeholder_map)
    m.add(Stakeholder("  Housing   association ", 3, 7, "Tenants | kept at home", "A grant"))
    m.update("Housing association", Stakeholder("Housing association", 7, 7, "More", "Less"))
    assert m.get("Housing association").power == 7
    m.set_circumstance("rural", "Hubs in market towns")
    text = m.to_markdown()
    assert "| Housing association | 7 | 7 | Manage closely | More | Less |" in text
    assert "- **A rural or scattered population**: Hubs in market towns" in text
    m.remove("Housing association")
    assert "Housing association" not in m.names()


def test_markdown_escapes_pipes_in_cells(content):
    m = StakeholderMap(content.stakeholder_map)
    m.add(Stakeholder("A|B", 3, 3, "x | y"))
    assert "| A\\|B | 3 | 3 |" in m.to_markdown() and "x \\| y" in m.to_markdown()


@pytest.mark.parametrize("stakeholder, message", [
    (Stakeholder("   ", 5, 5), "Give the stakeholder a name."),
    (Stakeholder("x" * 61, 5, 5), "Keep the name to 60 characters or fewer."),
    (Stakeholder("Acute HOSPITAL", 5, 5), "'Acute HOSPITAL' is already on the map"),
    (Stakeholder("New", 0, 5), "Power must be a whole number from 1 to 10."),
    (Stakeholder("New", 5, 11), "Interest must be a whole number from 1 to 10."),
    (Stakeholder("New", 5, 5, loses="y" * 301), "Keep what they gain or lose to 300 characters each."),
])
def test_stakeholder_input_rejected_with_a_message(content, stakeholder, message):
    with pytest.raises(KitInputError, match=message.replace("(", r"\(").replace(".", r"\.")):
        StakeholderMap(content.stakeholder_map).add(stakeholder)


def test_unknown_names_and_circumstances(content):
    m = StakeholderMap(content.stakeholder_map)
    with pytest.raises(KitInputError, match="no stakeholder called 'Nobody'"):
        m.remove("Nobody")
    with pytest.raises(KitInputError, match="Unknown local circumstance 'weather'"):
        m.set_circumstance("weather", "rain")


# --- views, headless --------------------------------------------------------------------------

def test_law1_view_compares_plans_and_shows_problems(content):
    view = law1_targeting(content)
    assert view.mine.value > view.everyone.value and "better value" in view.summary.value
    for dropdown in view.levels.values():
        dropdown.value = "full-integration"
    assert view.mine.cost == view.everyone.cost and "no better value" in view.summary.value
    view.population.value = 0
    assert "Population must be a whole number" in view.message.value and "Traceback" not in view.message.value
    view.population.value = 500
    assert view.message.value == "" and view.mine.reached == 500
    assert 'download="law1_targeting.md"' in view.download.value
    for dropdown in view.levels.values():
        dropdown.index = 0  # Not targeted: still shown as chosen (a value of None would show none)
        assert dropdown.label == "Not targeted" and dropdown.index == 0
    assert set(view.plan.values()) == {None}
    assert "Nobody is targeted yet" in view.summary.value and view.message.value == ""


@pytest.mark.parametrize("box, typed, message", [
    ("population", 0.5, "Population must be a whole number"),
    ("population", 1e308, "Population must be a whole number"),
    ("seed", 1.5, "The random seed must be a whole number"),
])
def test_law1_number_boxes_refuse_what_is_not_a_whole_number(content, box, typed, message):
    view = law1_targeting(content)
    getattr(view, box).value = typed
    assert message in view.message.value


def test_law1_number_boxes_give_the_logic_whole_numbers(content):
    view = law1_targeting(content)
    view.population.value, view.seed.value = 1308.0, 7.0
    assert view.message.value == "" and view.mine.reached == 1308
    assert type(view.assumptions.population) is int and type(view.assumptions.seed) is int


def test_law1_view_sends_the_chart_last(content):
    """The browser takes the small text changes while it draws the chart, not after it."""
    view, sent = law1_targeting(content), []
    for name, widget, trait in (("summary", view.summary, "value"), ("link", view.download, "value"),
                                ("chart", view.chart.plot, "figure")):
        widget.observe(lambda _, name=name: sent.append(name), trait)
    next(iter(view.levels.values())).value = "full-integration"
    assert sent == ["summary", "link", "chart"]


def test_law2_view_moves_break_even(content):
    view = law2_costs(content)
    assert view.break_even == 7 and "year 7" in view.verdict.value
    view.controls["full_saving"].value = 50
    assert view.break_even is None and "never pays back" in view.verdict.value
    view.controls["setup_cost"].value = 0
    assert "set-up cost must be more than 0" in view.message.value
    assert view.break_even is None  # the last valid projection stays
    assert 'download="law2_costs.csv"' in view.download.value


def test_law2_years_refuse_what_is_not_a_whole_number(content):
    view = law2_costs(content)
    view.controls["delay_years"].value = 0.5
    assert "years before savings start must be a whole number" in view.message.value
    view.controls["delay_years"].value = 3.0
    assert view.message.value == "" and type(view.assumptions.delay_years) is int


def test_stakeholder_view_adds_escapes_and_moves(content):
    view = stakeholder_map(content)
    view.pick.value = NEW
    view.name.value, view.power.value = "<b>Mayor</b>", 9
    view.save.click()
    assert "&lt;b&gt;Mayor&lt;/b&gt;" in view.message.value and "<b>Mayor" not in view.message.value
    assert view.pick.value == "<b>Mayor</b>" and "<b>Mayor</b>" in view.map.names()
    assert "<td>&lt;b&gt;Mayor&lt;/b&gt;</td><td>Keep satisfied</td>" in view.table.value
    view.name.value = ""
    view.save.click()
    assert "Give the stakeholder a name." in view.message.value
    view.pick.value = "Unpaid carers"
    view.power.value = 9
    view.save.click()
    assert "Unpaid carers" not in view.voice_note.value
    box, note = view.circumstances["workforce"]
    note.value, box.value = "Few district nurses", True
    assert "Few district nurses" in view.map.to_markdown()
    view.remove.click()
    assert "Unpaid carers" not in view.map.names()


def test_law_charts_place_things_where_plotly_own_helpers_would(targeting):
    """The chart dicts are built by hand; plotly's make_subplots, add_hline and add_vline are the
    reference for where the two panels, their titles and the marker lines go."""
    from plotly.subplots import make_subplots

    from ickit.charts import laws

    everyone = law1.evaluate(targeting, law1.everyone_fully_integrated(targeting))
    spec = laws.targeting_spec(everyone, everyone, "£")
    reference = make_subplots(rows=1, cols=2, column_widths=[0.6, 0.4], horizontal_spacing=0.12,
                              subplot_titles=[a["text"] for a in spec["layout"]["annotations"][:2]])
    for axis in ("xaxis", "xaxis2", "yaxis", "yaxis2"):
        assert spec["layout"][axis]["domain"] == pytest.approx(list(reference.layout[axis].domain))
    for mine, theirs in zip(spec["layout"]["annotations"][:2], reference.layout.annotations,
                            strict=True):
        assert (mine["x"], mine["y"]) == pytest.approx((theirs.x, theirs.y))

    import plotly.graph_objects as go

    fig = go.Figure()
    fig.add_hline(y=3, line=dict(color="red"))
    fig.add_vline(x=2, line=dict(color="red"))
    drawn = [s.to_plotly_json() for s in fig.layout.shapes]
    assert drawn == [laws._hline(3, dict(color="red")), laws._vline(2, dict(color="red"))]
