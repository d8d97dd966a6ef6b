"""Readiness scoring, the action list and its exports."""

import csv
import io
import os
import shutil

import pytest

from ickit.charts.readiness import png, radar
from ickit.errors import KitInputError
from ickit.logic import readiness as logic


@pytest.fixture
def settings(content):
    return content.assessment.readiness


def every(content, value):
    return {key: value for key in logic.blank(content)}


def test_every_checklist_has_a_weight_and_items_come_from_content(content, settings):
    assert set(settings.weights) == {c.id for c in content.checklists()}
    assert len(logic.blank(content)) == sum(len(c.requires) for c in content.checklists())


def test_all_zero_scores_zero_and_every_item_is_an_action(content):
    result = logic.assess(content, every(content, 0))
    assert [s.score for s in result.scores] == [0.0] * 7
    assert result.overall == 0 and result.unrated == 0
    assert len(result.actions) == result.total
    assert all(a.text.startswith("Start: ") for a in result.actions)


def test_all_full_scores_hundred_and_no_actions(content, settings):
    result = logic.assess(content, every(content, settings.top))
    assert [s.score for s in result.scores] == [100.0] * 7
    assert result.overall == 100 and result.actions == []


def test_partial_ratings_average_rated_items_only(content, settings):
    ratings = logic.blank(content)
    vision = [logic.item_key("vision", i.id) for i in content.by_id("dimensions")["vision"].requires]
    ratings[vision[0]], ratings[vision[1]] = settings.top, 0
    result = logic.assess(content, ratings)
    score = {s.id: s for s in result.scores}["vision"]
    assert score.score == 50.0 and (score.rated, score.unrated) == (2, 2)
    assert result.overall == 50.0  # unrated lists are left out, not counted as zero


def test_missing_answers_are_counted_not_zero(content):
    result = logic.assess(content, {})
    assert all(s.score is None for s in result.scores)
    assert result.overall is None and result.unrated == result.total == 38
    assert result.actions == []
    assert logic.describe_score(result.scores[0]) == "not rated yet, 6 of 6 not rated"


def test_actions_ordered_by_gap_times_weight_then_list_order(content, settings):
    outcome = content.outcomes.requires[2]
    time_item = content.by_id("dimensions")["time"].requires[0]
    vision_item = content.by_id("dimensions")["vision"].requires[1]
    culture_item = content.by_id("dimensions")["culture"].requires[0]
    ratings = {logic.item_key("time", time_item.id): 0,          # gap 3 x 1.0 = 3
               logic.item_key("outcomes", outcome.id): 2,        # gap 1 x 2.0 = 2
               logic.item_key("vision", vision_item.id): 1,      # gap 2 x 1.5 = 3
               logic.item_key("culture", culture_item.id): 3}    # no gap
    actions = logic.assess(content, ratings).actions
    # vision and time tie on priority 3; the weaker list (time at 0%, vision at 33%) comes first
    assert [a.item_id for a in actions] == [time_item.id, vision_item.id, outcome.id]
    assert [a.rank for a in actions] == [1, 2, 3]
    assert [a.priority for a in actions] == [3.0, 3.0, 2.0]
    assert actions[2].text == f"Strengthen: {outcome.text} ({content.outcomes.name})"


def test_ties_on_priority_and_score_keep_checklist_order(content):
    vision = content.by_id("dimensions")["vision"].requires
    ratings = {logic.item_key("vision", vision[3].id): 0, logic.item_key("vision", vision[0].id): 0}
    assert [a.item_id for a in logic.assess(content, ratings).actions] == [vision[0].id, vision[3].id]


@pytest.mark.parametrize("ratings, words", [
    ({"vision/no-such-item": 1}, "no checklist item called 'vision/no-such-item'"),
    ({"vision/quick-wins": 4}, "whole number from 0 to 3"),
    ({"vision/quick-wins": -1}, "whole number from 0 to 3"),
    ({"vision/quick-wins": 1.5}, "whole number from 0 to 3"),
    ({"vision/quick-wins": True}, "whole number from 0 to 3"),
])
def test_bad_ratings_give_a_plain_message(content, ratings, words):
    with pytest.raises(KitInputError, match=words):
        logic.assess(content, ratings)


def test_markdown_names_scores_actions_and_unrated(content):
    ratings = {"vision/quick-wins": 1, "time/keep-revising": 3}
    text = logic.to_markdown(content, logic.assess(content, ratings), title="North Shire")
    assert text.startswith("# Readiness self-assessment: North Shire\n")
    assert "Items not rated: 36 of 38." in text
    assert "| Vision | 33% | 1 | 3 |" in text and "| Leadership | - | 0 | 7 |" in text
    quick = content.by_id("dimensions")["vision"].requires[3].text
    assert f"1. Build up: {quick} (Vision)" in text
    assert f"- {quick}: Just starting" in text


def test_csv_has_one_row_per_item_with_rank_and_label(content):
    result = logic.assess(content, {"vision/quick-wins": 1})
    rows = list(csv.DictReader(io.StringIO(logic.to_csv(content, result))))
    assert len(rows) == 38
    quick = next(r for r in rows if r["item_id"] == "quick-wins")
    assert (quick["list"], quick["rating"], quick["rating_label"], quick["action_rank"],
            quick["priority"]) == ("vision", "1", "Just starting", "1", "3")
    other = next(r for r in rows if r["item_id"] == "keep-revising")
    assert (other["rating"], other["rating_label"], other["action_rank"]) == ("", "not rated", "")


def test_radar_closes_its_polygon_and_marks_unrated_lists(content):
    fig = radar(logic.assess(content, {"vision/quick-wins": 3}))
    (trace,) = fig.data
    assert trace.fill == "toself" and len(trace.r) == 8
    assert trace.r[0] == trace.r[-1] and trace.theta[0] == trace.theta[-1]
    assert trace.r[1] == 100.0
    assert "(not rated)" in trace.theta[0] and "(not rated)" not in trace.theta[1]
    assert fig.layout.title.text == "Readiness by dimension: overall 100% (37 of 38 items not rated)"


def test_radar_exports_as_png(content):
    if not (shutil.which("chromium") or os.environ.get("BROWSER_PATH")):
        if os.environ.get("CI"):
            pytest.fail("CI needs Chromium for the readiness PNG export")
        pytest.skip("no Chromium on this machine: kaleido cannot draw the PNG")
    data = png(radar(logic.assess(content, {"vision/quick-wins": 2})))
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000


def test_csv_round_trip_restores_the_ratings(content):
    ratings = {"vision/quick-wins": 2, "time/keep-revising": 0, "outcomes/layers-of-outcomes": 3}
    assert logic.from_csv(content, logic.to_csv(content, logic.assess(content, ratings)).encode()) == {
        **logic.blank(content), **ratings}


@pytest.mark.parametrize("data, words", [
    (b"", "That file is empty"),
    (b"\xff\xfe\x00bad", "not text"),
    (b"a,b\n1,2\n", "not a readiness CSV: it has no 'list' column"),
    (b"list,item_id,rating\nvision,nope,1\n", "Line 2: there is no checklist item 'vision/nope'"),
    (b"list,item_id,rating\nvision,quick-wins,1\ntime,keep-revising,high\n",
     "Line 3: the rating 'high' is not a whole number from 0 to 3"),
    (b"list,item_id,rating\nvision,quick-wins,9\n", "Line 2: the rating '9'"),
    ("list,item_id,rating\nvision,quick-wins,1\ntime,keep-revising,\u00b2\n".encode(),
     "Line 3: the rating '\u00b2' is not a whole number from 0 to 3"),
    ("list,item_id,rating\nvision,quick-wins,\u0661\n".encode(), "Line 2: the rating '\u0661'"),
    (b"list,item_id,rating\nvision,quick-wins," + b"0" * 5000 + b"\n", "Line 2: the rating '0000"),
    (b"x" * 200_001, "too large"),
])
def test_a_bad_csv_gives_a_plain_message(content, data, words):
    with pytest.raises(KitInputError, match=words):
        logic.from_csv(content, data)

