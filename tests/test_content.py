"""The content in data/ is complete: every law, lesson, checklist item and model is there."""

import pytest

CHECKLIST_COUNTS = {"outcomes": 6, "vision": 4, "leadership": 7, "culture": 6,
                    "local-context": 7, "integrated-teams": 5, "time": 3}


def test_five_laws_in_order(content):
    assert [law.number for law in content.laws] == [1, 2, 3, 4, 5]
    assert all(law.example and law.question for law in content.laws)


def test_three_levels_and_local_reflection_is_not_a_law(content):
    assert [lvl.id for lvl in sorted(content.integration_levels, key=lambda l: l.order)] == [
        "linkage", "coordination", "full-integration"]
    (reflection,) = content.leutz_reflections
    assert "local" in reflection.name.lower() and reflection.is_law is False
    assert all("local" not in law.name.lower() or "square peg" in law.name.lower()
               for law in content.laws)


def test_ten_lessons_and_their_thread(content):
    assert [lesson.number for lesson in content.lessons] == list(range(1, 11))
    assert "communicat" in content.lessons_thread.name.lower()


@pytest.mark.parametrize("checklist, count", CHECKLIST_COUNTS.items())
def test_every_delivery_requires_item(content, checklist, count):
    lists = {c.id: c for c in content.checklists()}
    assert len(lists[checklist].requires) == count


def test_dimensions_in_order(content):
    assert [d.id for d in content.checklists()] == list(CHECKLIST_COUNTS)


def test_ovretveit_teams(content):
    assert len([d for d in content.team_dimensions if d.in_petch_list]) == 4
    fifth = [d for d in content.team_dimensions if not d.in_petch_list]
    assert len(fifth) == 1 and fifth[0].source == "ovretveit1996"
    assert len(content.team_process_models) == 6
    assert len(content.team_management_types) == 5
    parallel = {m.id for m in content.team_process_models if m.pathway_per_profession}
    assert parallel == {"parallel-pathway", "hybrid-parallel-pathway"}
    assert len(content.team_recommendations) >= 6
    assert content.co_location.does and content.co_location.does_not


def test_boundary_spanners_leadership_and_culture(content):
    assert len(content.boundary_spanner_roles) == 4
    assert {s.id for s in content.leadership_styles} == {"heroic", "transformational"}
    assert len(content.culture.sources_of_culture) == 3 and len(content.culture.layers) == 3
    assert len(content.culture.melting_pot_question.options) == 2
    assert content.culture.enablers and content.culture.hindrances


def test_timescales_are_structured_figures(content):
    figures = content.by_id("timescales")
    assert (figures["culture-change"].years, figures["culture-change"].bound) == (3, "at-least")
    assert figures["pilot-development"].years == 2 and figures["pilot-live-working"].years == 1
    assert (figures["torbay"].years, figures["torbay"].bound) == (10, "about")
    assert figures["quick-wins"].source == "ling2012"


def test_editorial_and_panel(content):
    assert [q.number for q in content.systemic_questions] == [1, 2, 3, 4]
    assert content.shared_values.points
    assert len(content.panel_themes) == 6


def test_every_source_key_resolves_and_is_used(content):
    dumped = content.model_dump()
    used = set()

    def walk(node):
        if isinstance(node, dict):
            if "source" in node:
                used.add(node["source"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk({k: v for k, v in dumped.items() if k != "sources"})
    known = {s.id for s in content.sources}
    assert used <= known
    cited_somewhere = used | {s.cited_in for s in content.sources if s.cited_in}
    assert {"petch2014", "future-forum-2011", "tenth-lesson-2013", "goodwin2013",
            "icb-panel"} <= cited_somewhere
