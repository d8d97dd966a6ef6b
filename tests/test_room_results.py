"""A room's activities and results: what each activity asks, the agreement rule, the ranking of
items to talk about, and the group's radar with its privacy threshold."""

import pytest

from ickit.errors import KitInputError
from ickit.logic.room_activities import activity_items
from ickit.logic.room_results import (agreed_drafts, group_radar, item_result, room_results,
                                      enough_to_show, talk_first)


@pytest.fixture(scope="module")
def readiness(content):
    return activity_items(content, "readiness")


@pytest.fixture(scope="module")
def rule(content):
    return content.rooms.agreement


def test_each_activity_asks_what_the_content_holds(content):
    readiness = activity_items(content, "readiness")
    assert len(readiness.items) == sum(len(c.requires) for c in content.checklists()) == 38
    assert [g for g, _ in readiness.groups()] == [c.id for c in content.checklists()]
    assert readiness.top == content.assessment.readiness.top
    lessons = activity_items(content, "lessons")
    assert [i.text for i in lessons.items] == [l.question for l in sorted(content.lessons, key=lambda l: l.number)]
    team = activity_items(content, "team")
    assert [i.id for i in team.items] == [q.id for q in content.team_choice.questions] and team.top is None
    poll = activity_items(content, "poll", ("first-law", "which-are-laws"))
    assert [i.kind for i in poll.items] == ["choice", "choices"]
    assert any(o.correct for o in poll.items[0].options)


def test_a_poll_needs_known_knowledge_checks(content):
    with pytest.raises(KitInputError, match="at least one"):
        activity_items(content, "poll")
    with pytest.raises(KitInputError, match="none called 'nope'"):
        activity_items(content, "poll", ("nope",))
    with pytest.raises(KitInputError, match="no room activity"):
        activity_items(content, "quiz")


def test_answers_are_checked_against_their_item(content):
    item = activity_items(content, "readiness").items[0]
    assert item.check("3") == "3" and item.check(None) is None
    for bad in ("4", "-1", "", "1.0", "<b>"):
        with pytest.raises(KitInputError, match="not an answer"):
            item.check(bad)
    many = activity_items(content, "poll", ("which-are-laws",)).items[0]
    assert many.check("0,2") == "0,2" and many.check("") == ""
    for bad in ("2,0", "0,0", "0,99"):
        with pytest.raises(KitInputError):
            many.check(bad)


@pytest.mark.parametrize("ratings, flag", [
    (["2", "2", "2", "2"], "agreed"),  # all agree
    (["0", "0", "3", "3"], "split"),  # an exact split
    (["1", "1", "2", "2"], "agreed"),  # neighbouring steps
    (["0", "1", "2", "3"], "split"),
    (["0", "3", "3"], "split"),  # one of three far away is a third
    (["3"] * 9 + ["0"], "agreed"),  # one in ten far away is under a quarter
    (["0", "0", "2", "2"], "split"),  # two camps a step apart from the middle
    (["0", "0", "0", "2", "2", "2"], "split"),
    (["1", "1", "3", "3"], "split"),
    (["0", "2", "2"], "split"),
    (["0", "1", "1", "1"], "agreed"),  # all within two neighbouring steps
    (["3"], "too few answers"),  # one answer
    ([], "too few answers"),  # none
])
def test_the_agreement_rule(readiness, rule, ratings, flag):
    assert item_result(readiness.items[0], ratings, rule).flag == flag


def test_an_item_result_counts_every_step_and_says_its_spread(readiness, rule):
    result = item_result(readiness.items[0], ["0", "3", "3", "2"], rule)
    assert result.counts == {"0": 1, "1": 0, "2": 1, "3": 2}
    assert (result.median, result.low, result.high, result.outside) == (2.5, 0, 3, 1)
    assert result.describe() == "median 2.5, range 0-3, 1 of 4 away from where most answered"
    assert item_result(readiness.items[0], [], rule).describe() == "no answers yet"


def test_choices_agree_when_two_thirds_chose_one_answer(content, rule):
    question = activity_items(content, "team").items[0]
    first, second = question.options[0].value, question.options[1].value
    assert item_result(question, [first, first, second], rule).flag == "agreed"
    assert item_result(question, [first, second, second, first], rule).flag == "split"
    result = item_result(question, [first, first, second], rule)
    assert result.top == first and result.describe().startswith(f"most chose {question.options[0].label} (2 of 3)")


def test_a_tick_all_poll_counts_people_who_gave_the_same_answer(content, rule):
    question = activity_items(content, "poll", ("which-are-laws",)).items[0]
    result = item_result(question, ["0,1", "0,1", "0", "0,1,2", "0,1"], rule)
    assert (result.top, result.top_count) == ("0,1", 3) and "(3 of 5)" in result.describe()
    assert result.counts["0"] == 5 and result.counts["1"] == 4  # each answer ticked, by how many


def test_the_most_divided_items_come_first(readiness, rule):
    answers = {"p1": {}, "p2": {}, "p3": {}, "p4": {}}
    items = [i.id for i in readiness.items]
    for pid, values in zip(answers, (["3", "0", "2"], ["3", "0", "2"], ["3", "3", "2"], ["0", "3", "2"])):
        answers[pid] = dict(zip(items[:3], values))
    ranked = talk_first(room_results(readiness, answers, rule))
    assert [r.item.id for r in ranked[:3]] == [items[1], items[0], items[2]]
    assert [r.flag for r in ranked[:3]] == ["split", "split", "agreed"]
    assert ranked[-1].flag == "too few answers"


def test_results_are_enough_to_show_only_for_groups_big_enough(readiness, rule):
    assert not enough_to_show(item_result(readiness.items[0], ["1", "2"], rule), 3)
    assert enough_to_show(item_result(readiness.items[0], ["1", "2", "2"], rule), 3)


def test_the_radar_gives_medians_ranges_and_a_line_only_for_roles_big_enough(readiness):
    outcome_items = [i.id for i in readiness.items if i.group == "outcomes"]
    answers = {f"p{n}": {outcome_items[0]: str(n % 4)} for n in range(5)}  # 0,1,2,3,0
    roles = {"p0": "health", "p1": "health", "p2": "health", "p3": "housing", "p4": None}
    radar = group_radar(readiness, answers, roles, min_group=3)
    assert radar.axes[0] == ("outcomes", readiness.groups()[0][1]) and radar.people == 5
    top = readiness.top
    assert radar.median[0] == pytest.approx(100 * 1 / top)
    assert (radar.low[0], radar.high[0]) == (0, 100)
    assert radar.median[1] is None  # nobody rated vision
    assert list(radar.roles) == ["health"]  # housing has one person: no line
    assert radar.roles["health"][0] == pytest.approx(100 * 1 / top)


def test_a_draft_consensus_takes_whole_medians_and_agreed_choices(content, readiness, rule):
    items = readiness.items
    answers = {"a": {items[0].id: "2", items[1].id: "1"}, "b": {items[0].id: "2", items[1].id: "2"},
               "c": {items[0].id: "2", items[1].id: "2"}, "d": {items[1].id: "1"}}
    assert agreed_drafts(room_results(readiness, answers, rule)) == {items[0].id: "2"}
    question = activity_items(content, "team").items[0]
    first, second = question.options[0].value, question.options[1].value
    split = {"a": {question.id: first}, "b": {question.id: second}, "c": {question.id: second},
             "d": {question.id: first}}
    agreed = {"a": {question.id: first}, "b": {question.id: first}, "c": {question.id: first}}
    team = activity_items(content, "team")
    assert agreed_drafts(room_results(team, split, rule)) == {}
    assert agreed_drafts(room_results(team, agreed, rule)) == {question.id: first}
