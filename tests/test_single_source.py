"""Ids, names and routes that code or quizzes show are the ones in data/, not retyped copies."""

from __future__ import annotations

import re
from typing import get_args

import pytest

from ickit.content.course import Person
from ickit.content.simulations import LevelId
from ickit.logic import course, law1_targeting
from ickit import cards


def level_ids(content):
    return [lvl.id for lvl in sorted(content.integration_levels, key=lambda lvl: lvl.order)]


def test_the_level_type_matches_the_levels_in_leutz_yaml(content):
    assert list(get_args(LevelId)) == level_ids(content)
    assert list(content.simulations.targeting.cost) == level_ids(content)  # loosest first


def test_law1_reads_its_levels_from_the_assumptions(content):
    from ickit.errors import KitInputError
    a = law1_targeting.Assumptions.from_defaults(content.simulations.targeting)
    assert law1_targeting.levels(a) == tuple(level_ids(content))
    assert set(law1_targeting.everyone_fully_integrated(a).values()) == {level_ids(content)[-1]}
    with pytest.raises(KitInputError, match="Choose a level of integration, or none, for each group."):
        law1_targeting.evaluate(a, {"mild": "merger"})


def test_level_for_each_need_follows_the_order_of_the_levels(content):
    needs = get_args(Person.model_fields["needs"].annotation)
    assert [course.level_for_needs(content, n).id for n in needs] == level_ids(content)


def test_a_dimension_added_to_the_data_is_a_card(content):
    for d in content.dimensions:
        assert f'data-item="{d.id}"' in cards.render(content, "dimensions", only=d.id)


def test_routes_use_the_stage_labels(content):
    """Notebooks and slides draw a route with one macro, from the stages' labels."""
    from ickit.materials.decks import deck_html, deck_pages
    labels = {s.id: s.label for s in content.team_choice.stages}
    teams = content.by_id("decks")["integrated-teams"]
    deck = deck_html(content, teams.title, deck_pages(content, teams))  # in each diagram's text
    for html in (cards.render(content, "team_process_models"), deck):
        text = re.sub(r"<[^>]+>", "", html)
        for m in content.team_process_models:
            assert " → ".join(labels[s] for s in m.referral_path) in text
        assert "long term work" not in text


def test_worked_case_names_the_person_instead_of_guessing_pronouns(content):
    html = cards.render(content, "worked_case")
    assert f"What matters to {content.worked_case.person.name}" in html
    assert ">What matters to him<" not in html and "Services he meets" not in html


# quiz questions whose answers are names from the data: each answer must be one, spelled the same
NAMED_ANSWERS = {
    "which-are-laws": ("laws", "leutz_reflections"),
    "level-for-complex-needs": ("integration_levels",),
    "reticulist": ("boundary_spanner_roles",),
}


@pytest.mark.parametrize("question_id, sections", NAMED_ANSWERS.items())
def test_quiz_answers_that_are_names_match_the_data(content, question_id, sections):
    question = content.by_id("quizzes")[question_id]
    names = {item.name for section in sections for item in getattr(content, section)}
    laws = {law.name for law in content.laws}
    for answer in question.answers:
        assert answer.answer in names, f"{question_id}: {answer.answer!r} is not a name in {sections}"
        if question_id == "which-are-laws":
            assert answer.correct == (answer.answer in laws), answer.answer
