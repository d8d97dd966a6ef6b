"""Ten-lessons check: traffic lights at their thresholds, prompts, disagreement and exports."""

import csv
import io

import pytest

from ickit.charts.lessons_check import COLOURS, traffic_lights
from ickit.errors import KitInputError
from ickit.logic import lessons_check as logic


@pytest.fixture
def settings(content):
    return content.assessment.lessons_check


def test_one_prompt_per_lesson(content, settings):
    assert sorted(p.lesson for p in settings.prompts) == sorted(lesson.id for lesson in content.lessons)


@pytest.mark.parametrize("mean, shade", [
    (None, "unanswered"), (0.0, "red"), (1.49, "red"), (1.5, "amber"), (2.49, "amber"),
    (2.5, "green"), (3.0, "green")])
def test_light_thresholds_at_the_boundaries(settings, mean, shade):
    assert (settings.red_below, settings.green_from) == (1.5, 2.5)
    assert logic.light(mean, settings) == shade


def test_lights_come_from_the_mean_of_answers_given(content):
    answers = {"A": {"trust-is-not-enough": 1, "clear-governance": 3},
               "B": {"trust-is-not-enough": 2, "clear-governance": None}}
    results = {r.lesson.id: r for r in logic.evaluate(content, answers)}
    assert (results["trust-is-not-enough"].mean, results["trust-is-not-enough"].light) == (1.5, "amber")
    governance = results["clear-governance"]
    assert (governance.mean, governance.light, governance.answered) == (3.0, "green", 1)
    assert results["describe-the-fallback"].light == "unanswered"
    assert logic.counts(list(results.values())) == {"red": 0, "amber": 1, "green": 1, "unanswered": 8}


def test_prompts_for_weak_lessons_and_for_disagreement(content, settings):
    prompts = {p.lesson: p.text for p in settings.prompts}
    answers = {"A": {"trust-is-not-enough": 0, "clear-governance": 3, "describe-the-fallback": 3},
               "B": {"trust-is-not-enough": 0, "clear-governance": 1, "describe-the-fallback": 2}}
    results = {r.lesson.id: r for r in logic.evaluate(content, answers)}
    assert results["trust-is-not-enough"].prompt == prompts["trust-is-not-enough"]
    governance = results["clear-governance"]  # mean 2.0 amber, and 3 vs 1 is a wide split
    assert governance.disagreement and governance.prompt == prompts["clear-governance"]
    fallback = results["describe-the-fallback"]  # green, split of 1 only
    assert fallback.light == "green" and not fallback.disagreement and fallback.prompt is None
    assert results["integration-is-not-an-outcome"].prompt is None


def test_green_lesson_with_wide_split_still_gets_its_prompt(content):
    answers = {name: {"clear-governance": 3} for name in "ABCD"} | {"E": {"clear-governance": 1}}
    (governance,) = [r for r in logic.evaluate(content, answers) if r.lesson.id == "clear-governance"]
    assert governance.mean == 2.6 and governance.light == "green"
    assert governance.disagreement and governance.prompt


@pytest.mark.parametrize("text, expected", [
    ("Health board, Council", ["Health board", "Council"]),
    ("  NHS  trust ,nhs trust, , Housing ", ["NHS trust", "Housing"]),
])
def test_partner_names_are_trimmed_and_not_repeated(text, expected):
    assert logic.parse_partners(text) == expected


@pytest.mark.parametrize("text, words", [
    (" , ", "Name at least one partner"),
    (",".join(f"P{n}" for n in range(13)), "Up to 12 partners"),
    ("x" * 41, "under 40 characters"),
])
def test_bad_partner_lists_give_a_plain_message(text, words):
    with pytest.raises(KitInputError, match=words):
        logic.parse_partners(text)


@pytest.mark.parametrize("answers, words", [
    ({}, "Name at least one partner"),
    ({"A": {"no-such-lesson": 1}}, "no lesson called 'no-such-lesson'"),
    ({"A": {"clear-governance": 7}}, "A's answer to lesson 'clear-governance' must be a whole number"),
])
def test_bad_answers_give_a_plain_message(content, answers, words):
    with pytest.raises(KitInputError, match=words):
        logic.evaluate(content, answers)


def test_markdown_lists_lights_answers_and_prompts(content, settings):
    answers = {"Health | care": {"trust-is-not-enough": 0}, "Council": {"trust-is-not-enough": 1}}
    text = logic.to_markdown(content, logic.evaluate(content, answers))
    assert "Green 0, amber 0, red 1, unanswered 9." in text
    assert "| Lesson | Light | Mean | Health \\| care | Council |" in text
    assert "| 2. Trust is not enough | red | 0.5 | Not at all | Partly |" in text
    assert "| 1. Integration is not an outcome | unanswered | - | not answered | not answered |" in text
    prompt = next(p.text for p in settings.prompts if p.lesson == "trust-is-not-enough")
    assert f"Prompt: {prompt}" in text and text.count("Prompt: ") == 1


def test_csv_has_a_row_per_lesson_and_partner(content):
    answers = {"A": {"trust-is-not-enough": 3}, "B": {"trust-is-not-enough": 1}}
    rows = list(csv.DictReader(io.StringIO(logic.to_csv(content, logic.evaluate(content, answers)))))
    assert len(rows) == 20
    trust = [r for r in rows if r["lesson"] == "trust-is-not-enough"]
    assert [(r["partner"], r["rating"], r["mean"], r["light"], r["disagreement"]) for r in trust] == [
        ("A", "3", "2.00", "amber", "yes"), ("B", "1", "2.00", "amber", "yes")]


def test_chart_colours_bars_by_light_and_escapes_partner_names(content, settings):
    answers = {"<b>A</b>": {"trust-is-not-enough": 0}, "B": {"clear-governance": 3}}
    fig = traffic_lights(logic.evaluate(content, answers), settings)
    bars = fig.data[0]
    assert list(bars.marker.color[:2]) == [COLOURS["unanswered"], COLOURS["red"]]
    assert bars.marker.color[8] == COLOURS["green"]
    assert [t.name for t in fig.data[2:]] == ["&lt;b&gt;A&lt;/b&gt;", "B"]
    assert list(fig.data[1].text[:2]) == ["unanswered", "red · 0.0"]
    assert [s.x0 for s in fig.layout.shapes] == [1.5, 2.5]
    assert fig.layout.title.text == "Ten lessons: red 1, amber 0, green 1, unanswered 8"


def test_csv_round_trip_restores_partners_and_answers(content):
    answers = {"Health board": {"trust-is-not-enough": 1}, "Council": {"clear-governance": 3}}
    saved = logic.to_csv(content, logic.evaluate(content, answers))
    loaded = logic.from_csv(content, saved.encode("utf-8-sig"))
    assert list(loaded) == ["Health board", "Council"]
    assert loaded["Health board"]["trust-is-not-enough"] == 1
    assert loaded["Council"]["clear-governance"] == 3 and loaded["Council"]["trust-is-not-enough"] is None


@pytest.mark.parametrize("data, words", [
    (b"lesson,partner,rating\n", "holds no answers"),
    (b"lesson,rating\nclear-governance,1\n", "no 'partner' column"),
    (b"lesson,partner,rating\nclear-governance,A,1\nnot-a-lesson,A,1\n", "Line 3: there is no lesson"),
    (b"lesson,partner,rating\nclear-governance,A,1\nclear-governance,,1\n", "Line 3: the partner's name is missing"),
    (b"lesson,partner,rating\nclear-governance,A,-1\n", "Line 2: the rating '-1'"),
    ("lesson,partner,rating\nclear-governance,A,1\nclear-governance,B,\u00b2\n".encode(),
     "Line 3: the rating '\u00b2' is not a whole number from 0 to 3"),
])
def test_a_bad_answers_csv_gives_a_plain_message(content, data, words):
    with pytest.raises(KitInputError, match=words):
        logic.from_csv(content, data)


def test_csv_neutralises_formulas_in_partner_names_and_reads_them_back(content):
    name = '=HYPERLINK("http://x")'
    answers = {name: {"clear-governance": 2}, "@risk": {}, "'quoted": {}, "Council": {}}
    text = logic.to_csv(content, logic.evaluate(content, answers))
    partners = {row["partner"] for row in csv.DictReader(io.StringIO(text))}
    assert partners == {"'" + name, "'@risk", "''quoted", "Council"}  # no cell starts a formula
    loaded = logic.from_csv(content, text.encode())
    assert list(loaded) == [name, "@risk", "'quoted", "Council"]
    assert loaded[name]["clear-governance"] == 2


def test_markdown_keeps_each_partner_name_in_one_cell(content):
    text = logic.to_markdown(content, logic.evaluate(content, {"A | B": {}, "C": {}}))
    assert "| A \\| B | C |" in text
