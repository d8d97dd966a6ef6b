"""The team model selector: rules, ranking, ties, bad answers, save and load, and the view."""

import base64
import json
import re
from datetime import datetime, timezone
from html import escape, unescape as html_unescape
from pathlib import Path

import pytest
import yaml
from pydantic import TypeAdapter

from ickit.content import Content
from ickit.errors import KitInputError
from ickit.logic import team_choice, team_config
from ickit.logic.team_config import Configuration

ROOT = Path(__file__).resolve().parents[1]
BASE = {"professions": "three-or-four", "single-access": "yes", "direct-routes": "no",
        "complexity": "mixed", "reception": "yes", "meetings": "weekly", "review": "no",
        "co-location": "part", "line-management": "by-profession", "management-change": "none",
        "budgets": "separate", "contract-in": "no"}
PROCESS_TOPS = {
    "parallel-pathway": {"professions": "two", "single-access": "no", "complexity": "one-profession",
                         "reception": "no", "meetings": "rarely", "co-location": "apart"},
    "allocation": {"complexity": "one-profession", "reception": "no"},
    "reception-and-allocation": {"meetings": "monthly"},
    "reception-assessment-allocation": {"complexity": "complex", "professions": "five-or-more"},
    "reception-assessment-allocation-review": {"complexity": "complex", "review": "yes"},
    "hybrid-parallel-pathway": {"direct-routes": "yes", "meetings": "rarely"},
}
MANAGEMENT_TOPS = {
    "profession-managed": {},
    "single-manager": {"line-management": "one-manager", "management-change": "single-line",
                       "budgets": "pooled", "co-location": "shared"},
    "joint-management": {"management-change": "add-coordinator"},
    "team-manager-contracted": {"management-change": "single-line", "budgets": "pooled",
                                "contract-in": "yes"},
    "hybrid-management": {"line-management": "mixed", "management-change": "add-coordinator",
                          "budgets": "partly", "contract-in": "yes"},
}


@pytest.fixture(scope="module")
def content():
    """Only the sections the selector reads, each validated by its model (others may be in flux)."""
    raw = {}
    for name in ("teams", "team_choice", "sources"):
        raw.update(yaml.safe_load((ROOT / "data" / f"{name}.yaml").read_text(encoding="utf-8")))
    fields = Content.model_fields
    return Content.model_construct(**{k: TypeAdapter(fields[k].annotation).validate_python(v)
                                      for k, v in raw.items()})


def answers(**changes):
    return {**BASE, **{k.replace("_", "-"): v for k, v in changes.items()}}


# --- the data the rules name ------------------------------------------------------------------

def test_rules_name_real_models_and_sources(content):
    ids = {kind: set(content.by_id(section)) for kind, section in team_choice.KINDS.items()}
    sources = {s.id for s in content.sources}
    for rule in content.team_choice.rules:
        assert set(rule.targets) <= ids[rule.kind], rule.id
        assert rule.source in sources, rule.id
    assert {c.source for c in content.team_choice.contradictions} <= sources
    assert {d.id for d in content.team_choice.management_diagrams} == ids["management"]


def test_rules_cite_every_kind_of_source(content):
    used = {r.source for r in content.team_choice.rules}
    assert {"ovretveit1993", "icn2008", "petch2014", "kit"} <= used


# --- each rule --------------------------------------------------------------------------------

@pytest.mark.parametrize("rule_id", [r["id"] for r in yaml.safe_load(
    (ROOT / "data" / "team_choice.yaml").read_text())["team_choice"]["rules"]])
def test_each_rule_moves_its_targets(content, rule_id):
    """Each rule fires exactly when its answers are given and moves each target by its weight."""
    rule = next(r for r in content.team_choice.rules if r.id == rule_id)
    given = {**BASE, **rule.when}
    for clash in content.team_choice.contradictions:  # steer clear of contradictions
        if all(given[q] == a for q, a in clash.when.items()):
            other = next(q for q in clash.when if q not in rule.when)
            given[other] = next(o.id for o in _question(content, other).options
                                if o.id != clash.when[other])
    ranked = team_choice.rank(given, content)
    for target in rule.targets:
        found = next(s for s in getattr(ranked, rule.kind) if s.id == target)
        reason = next(r for r in found.reasons if r.rule == rule.id)
        assert (reason.weight, reason.text, reason.source) == (rule.weight, rule.reason, rule.source)
    without = {**given, **{q: next(o.id for o in _question(content, q).options if o.id != a)
                           for q, a in rule.when.items()}}
    for clash in content.team_choice.contradictions:
        if all(without[q] == a for q, a in clash.when.items()):
            pytest.skip("changing this rule's answer would contradict another")
    for found in getattr(team_choice.rank(without, content), rule.kind):
        assert rule.id not in {r.rule for r in found.reasons}


def _question(content, qid):
    return next(q for q in content.team_choice.questions if q.id == qid)


def test_score_is_the_sum_of_reasons_and_order_follows_score(content):
    ranked = team_choice.rank(BASE, content)
    for kind in (ranked.process, ranked.management):
        assert [s.score for s in kind] == sorted((s.score for s in kind), reverse=True)
        assert all(s.score == sum(r.weight for r in s.reasons) for s in kind)
        assert len(kind) == len({s.id for s in kind})


def test_poor_fits_are_flagged_with_their_reasons(content):
    ranked = team_choice.rank(answers(meetings="rarely"), content)
    poor = {s.id: s for s in ranked.process if s.poor_fit}
    assert "reception-assessment-allocation-review" in poor
    assert all(s.score < content.team_choice.poor_fit_below for s in poor.values())
    assert any(r.weight < 0 and "rarely meet" in r.text
               for r in poor["reception-assessment-allocation-review"].reasons)
    assert not any(s.poor_fit for s in ranked.process if s.score >= 0)


# --- every model can come first ---------------------------------------------------------------

@pytest.mark.parametrize("model, changes", PROCESS_TOPS.items())
def test_every_process_model_can_be_top(content, model, changes):
    top = team_choice.rank({**BASE, **changes}, content).process
    assert top[0].id == model and top[0].score > top[1].score, [(s.id, s.score) for s in top]


@pytest.mark.parametrize("mtype, changes", MANAGEMENT_TOPS.items())
def test_every_management_type_can_be_top(content, mtype, changes):
    top = team_choice.rank({**BASE, **changes}, content).management
    assert top[0].id == mtype and top[0].score > top[1].score, [(s.id, s.score) for s in top]


def test_every_model_and_type_has_a_scenario(content):
    assert set(PROCESS_TOPS) == set(content.by_id("team_process_models"))
    assert set(MANAGEMENT_TOPS) == set(content.by_id("team_management_types"))


# --- ties -------------------------------------------------------------------------------------

def test_ties_keep_the_order_of_the_data_and_are_marked(content):
    tied = content.team_choice.model_copy(update={"rules": []})
    empty = content.model_copy(update={"team_choice": tied})
    ranked = team_choice.rank(BASE, empty)
    assert [s.id for s in ranked.process] == [m.id for m in content.team_process_models]
    assert all(s.tied and s.score == 0 and not s.poor_fit for s in ranked.process)
    again = team_choice.rank(dict(reversed(list(BASE.items()))), empty)
    assert again == ranked


def test_a_lone_score_is_not_tied(content):
    top = team_choice.rank(answers(complexity="complex", review="yes"), content).process
    assert not top[0].tied


# --- answers that cannot be used --------------------------------------------------------------

@pytest.mark.parametrize("clash", ["review-without-meetings", "one-manager-kept-apart",
                                   "direct-routes-one-door"])
def test_contradictory_answers_are_refused(content, clash):
    entry = next(c for c in content.team_choice.contradictions if c.id == clash)
    with pytest.raises(KitInputError) as caught:
        team_choice.rank({**BASE, **entry.when}, content)
    assert str(caught.value) == entry.message
    assert "Change one" in entry.message or "answer" in entry.message


def test_missing_answers_are_named(content):
    given = dict(BASE, meetings=None)
    del given["budgets"]
    with pytest.raises(KitInputError, match=r"^Please answer every question first\. Still open: "
                                            r"How often can the whole team meet.*\(and 1 more\)$"):
        team_choice.rank(given, content)


@pytest.mark.parametrize("bad, message", [
    ({"colour": "blue"}, "Unknown question: colour."),
    ({"meetings": "daily"}, "'daily' is not an answer to: How often can the whole team meet"),
])
def test_unknown_questions_and_answers(content, bad, message):
    with pytest.raises(KitInputError) as caught:
        team_choice.rank({**BASE, **bad}, content)
    assert str(caught.value).startswith(message)


def test_answers_must_be_a_mapping(content):
    with pytest.raises(KitInputError, match="question and answer pairs"):
        team_choice.rank(["yes"], content)


# --- save and load ----------------------------------------------------------------------------

def a_config(**changes):
    fields = dict(label="Northside <team>", process_model="allocation",
                  management_type="joint-management", answers=answers(), note="Try for a year.")
    return Configuration(**{**fields, **changes})


def test_json_round_trip(content):
    config = a_config()
    assert team_config.from_json(team_config.to_json(config).encode("utf-8"), content) == config
    hand_made = a_config(answers={})
    assert team_config.from_json(team_config.to_json(hand_made), content) == hand_made


def test_markdown_gives_the_rationale(content):
    text = team_config.to_markdown(a_config(), content)
    assert text.startswith("# Northside \\<team\\>\n\nTry for a year.\n")
    assert "## Team process: Allocation team" in text and "## Management: Joint management" in text
    assert "Route of a referral: Referral → Allocation → Assessment → Long-term work" in text
    assert "Fit with the answers: number " in text and "– Integrated Care Network (2008)" in text
    assert "## No best form, but clear accountability" in text
    assert "- How often can the whole team meet to share out and discuss work? Every week" in text
    assert "Fit with the answers" not in team_config.to_markdown(a_config(answers={}), content)


def test_markdown_flags_a_poor_fit(content):
    text = team_config.to_markdown(a_config(answers=answers(meetings="rarely")), content)
    assert ", a poor fit." in text.split("## Management")[0]


def saved(**doc):
    return json.dumps({"format": "ickit-team-configuration", "version": 1, "label": "Ours",
                       "process_model": "allocation", "management_type": "single-manager", **doc})


BAD_FILES = {
    "not json": (b"process_model: allocation", "That file is not valid JSON (line 1); choose a .json file saved by the kit."),
    "not text": (b"\xff\xfe\x00bad", "That file is not a text file; choose a .json file saved by the kit."),
    "a list": (b"[1, 2]", "That file is not a team configuration saved by the kit."),
    "other format": (b'{"format": "plan"}', "That file is not a team configuration saved by the kit."),
    "new version": (saved(version=2), "That file is version 2; the kit reads version 1."),
    "no model": (json.dumps({"format": "ickit-team-configuration", "version": 1, "label": "x"}),
                 "That file names no process model or no management type."),
    "unknown model": (saved(process_model="star-team"),
                      "That file cannot be loaded: Unknown team process model: 'star-team'."),
    "unknown type": (saved(management_type="boss"),
                     "That file cannot be loaded: Unknown management type: 'boss'."),
    "label a number": (saved(label=5), "In that file, 'label' has the wrong kind of value."),
    "answers a list": (saved(answers=["yes"]), "In that file, 'answers' has the wrong kind of value."),
    "empty label": (saved(label=" "), "That file cannot be loaded: Give the configuration a name."),
    "clashing answers": (saved(answers=answers(review="yes", meetings="rarely")),
                         "That file cannot be loaded: Reviewing progress together needs the team to meet"),
    "an answer a list": (saved(answers=answers(meetings=["weekly"])),
                         "That file cannot be loaded: ['weekly'] is not an answer to: How often"),
    "half the answers": (saved(answers={"professions": "two"}),
                         "That file cannot be loaded: Please answer every question first."),
    "deeply nested": (b"[" * 50_000 + b"]" * 50_000, "That file is not a team configuration saved by the kit."),
    "too large": (b" " * 100_001, "That file is too large to be a saved team configuration."),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_files_say_what_is_wrong(content, name):
    data, message = BAD_FILES[name]
    with pytest.raises(KitInputError) as caught:
        team_config.from_json(data, content)
    assert str(caught.value).startswith(message)


def test_names_and_notes_have_limits(content):
    with pytest.raises(KitInputError, match="under 80 characters"):
        team_config.validate(a_config(label="x" * 81), content)
    with pytest.raises(KitInputError, match="under 2000 characters"):
        team_config.validate(a_config(note="x" * 2001), content)


# --- the view, driven headless ----------------------------------------------------------------

@pytest.fixture
def view(content):
    from ickit.views.team_selector import team_selector
    return team_selector(content)


def answer_all(view, given):
    for qid, value in given.items():
        view.guided.questions[qid].value = value


def upload(view, data: bytes, name="ours.json"):
    view.saved.upload.value = ({"name": name, "type": "application/json", "size": len(data),
                                "content": memoryview(data),
                                "last_modified": datetime(2026, 1, 5, tzinfo=timezone.utc)},)


def test_view_has_four_tabs(view):
    assert view.tabs.titles == ("Explore", "Guided choice", "Compare two", "Save and load")


def test_choosing_a_model_or_type_redraws(view, content):
    for model in content.team_process_models:
        view.explore.process.value = model.id
        assert view.explore.shown["process"].layout.title.text.startswith(model.name)
        assert escape(model.summary) in view.explore.cards["process"].value
    view.explore.management.value = "team-manager-contracted"
    assert view.explore.shown["management"].layout.title.text.startswith("Team manager-contracted")
    contracted = content.by_id("team_management_types")["team-manager-contracted"]
    assert escape(contracted.budget_holder.text) in view.explore.cards["management"].value


def test_guided_asks_for_every_answer_first(view):
    view.guided.suggest.click()
    assert "Please answer every question first" in view.guided.message.value
    assert view.guided.ranking is None and view.guided.use.disabled


def test_guided_suggestions_and_adoption(view):
    answer_all(view, {**BASE, **PROCESS_TOPS["reception-assessment-allocation-review"]})
    view.guided.suggest.click()
    assert view.guided.ranking.process[0].id == "reception-assessment-allocation-review"
    assert 'data-id="reception-assessment-allocation-review"' in view.guided.result.value
    assert "– Øvretveit (1993)" in view.guided.result.value and "problem" not in view.guided.message.value
    view.guided.use.click()
    top = view.guided.ranking.management[0].id
    assert view.explore.process.value == view.compare[0].process.value == view.saved.process.value \
        == "reception-assessment-allocation-review"
    assert view.saved.management.value == top and view.saved.answers == view.guided.answers()


def test_guided_contradiction_shows_and_clears_old_result(view):
    answer_all(view, BASE)
    view.guided.suggest.click()
    view.guided.questions["review"].value = "yes"
    view.guided.questions["meetings"].value = "rarely"
    view.guided.suggest.click()
    assert "Reviewing progress together needs the team to meet" in view.guided.message.value
    assert view.guided.result.value == "" and view.guided.use.disabled


def test_compare_shows_two_configurations(view):
    a, b = view.compare
    a.process.value, b.process.value = "allocation", "parallel-pathway"
    assert a.shown["process"].layout.title.text != b.shown["process"].layout.title.text
    b.management.value = "hybrid-management"
    assert b.shown["management"].layout.title.text.startswith("Hybrid management")


def test_save_offers_escaped_preview_and_both_downloads(view):
    view.saved.label.value = "<b>Ours</b>"
    assert "<b>Ours</b>" not in view.saved.preview.value
    assert "# \\&lt;b\\&gt;Ours\\&lt;/b\\&gt;" in view.saved.preview.value  # the Markdown, escaped
    links = re.findall(r'download="([^"]+)" href="data:([^;]+);base64,([^"]+)"', view.saved.downloads.value)
    assert [(name, mime) for name, mime, _ in links] == [("b-ours-b.md", "text/markdown"),
                                                          ("b-ours-b.json", "application/json")]
    config = team_config.from_json(base64.b64decode(links[1][2]), view.saved.content)
    assert config == view.saved.configuration()


def test_save_needs_a_name(view):
    view.saved.label.value = "  "
    assert "Give the configuration a name." in view.saved.message.value
    assert view.saved.downloads.value == ""


def test_load_round_trip_through_the_upload(view):
    config = a_config()
    upload(view, team_config.to_json(config).encode("utf-8"))
    assert view.saved.configuration() == config
    assert "Loaded ours.json." in view.saved.message.value and view.saved.upload.value == ()


@pytest.mark.parametrize("name", ["not json", "other format", "unknown model", "clashing answers"])
def test_bad_upload_shows_message_and_changes_nothing(view, name):
    before = view.saved.configuration()
    upload(view, BAD_FILES[name][0] if isinstance(BAD_FILES[name][0], bytes)
           else BAD_FILES[name][0].encode("utf-8"), name="mine.json")
    assert html_unescape(BAD_FILES[name][1]) in html_unescape(view.saved.message.value)
    assert "problem" in view.saved.message.value
    assert view.saved.configuration() == before


def test_answers_changed_after_suggesting_rerank_at_once(view):
    answer_all(view, BASE)
    view.guided.suggest.click()
    assert view.guided.ranking.process[0].id != "reception-assessment-allocation-review"
    answer_all(view, {"review": "yes", "meetings": "rarely"})  # a clash on the way ...
    assert "Reviewing progress together" in view.guided.message.value
    answer_all(view, {"meetings": "weekly", "complexity": "complex"})  # ... and out of it
    assert view.guided.ranking.process[0].id == "reception-assessment-allocation-review"
    assert "problem" not in view.guided.message.value


def test_answers_before_suggesting_rank_nothing(view):
    answer_all(view, BASE)
    assert view.guided.ranking is None and view.guided.result.value == ""


def test_compare_columns_show_route_budget_and_accountability(view, content):
    a, b = view.compare
    b.process.value, b.management.value = "reception-and-allocation", "single-manager"
    assert "Referral → Reception → Allocation → Assessment → Long-term work" in b.cards["process"].value
    assert "(one pathway per profession)" in a.cards["process"].value  # A starts as parallel-pathway
    single = content.by_id("team_management_types")["single-manager"]
    assert escape(single.accountability.text) in b.cards["management"].value
    assert "kit commentary" in b.cards["management"].value  # its budget and accountability are the kit's
    assert "Strengths" not in b.cards["management"].value


def test_compare_columns_draw_routes_down_the_page(view):
    def downward(fig):  # each arrow trace holds start, end and a gap for each arrow
        ends = [(t.y[i], t.y[i + 1]) for t in fig.data if t.marker.symbol == "arrow" for i in range(0, len(t.y), 3)]
        return [start > end for start, end in ends]

    assert all(downward(view.compare[0].shown["process"])) and downward(view.compare[0].shown["process"])
    assert not all(downward(view.explore.shown["process"]))


def test_loading_restores_explore_and_the_guided_answers(view):
    config = a_config(answers=answers(complexity="complex", review="yes"))
    upload(view, team_config.to_json(config).encode("utf-8"))
    assert view.explore.process.value == "allocation"
    assert view.explore.management.value == "joint-management"
    assert view.guided.answers() == config.answers
    assert view.guided.ranking.process[0].id == "reception-assessment-allocation-review"
    upload(view, team_config.to_json(a_config(answers={})).encode("utf-8"))
    assert view.guided.answers() == dict.fromkeys(BASE)  # a hand-made choice clears the questions
    assert view.guided.ranking is None and view.guided.message.value == ""


def test_using_a_tied_top_says_so(view):
    answer_all(view, {**BASE, "management-change": "single-line"})  # two types tie at the top
    view.guided.suggest.click()
    top = view.guided.ranking.management
    assert (top[0].id, top[1].id) == ("single-manager", "joint-management")  # the order of teams.yaml
    assert top[0].score == top[1].score and top[0].tied
    view.guided.use.click()
    assert f"Chosen: {view.guided.ranking.process[0].name} with {top[0].name}." in view.guided.message.value
    assert f"{top[0].name} shares the top score" in view.guided.message.value
    assert view.saved.management.value == top[0].id


def test_shown_diagrams_are_new_figures_equal_to_the_builders(view, content):
    """The view keeps plain dicts; each read of ``shown`` is a new go.Figure, equal to the builder's,
    so changing one read changes nothing another reads."""
    from ickit.charts.team_diagrams import management_lines, referral_route

    choice = content.team_choice
    model = content.by_id("team_process_models")["hybrid-parallel-pathway"]
    view.explore.process.value = view.compare[0].process.value = model.id
    assert view.explore.shown["process"] == referral_route(model, choice.stages, choice.example_professions)
    assert view.compare[0].shown["process"] == referral_route(model, choice.stages, choice.example_professions,
                                                              vertical=True)
    mtype = content.by_id("team_management_types")["joint-management"]
    diagram = next(d for d in choice.management_diagrams if d.id == mtype.id)
    view.compare[1].management.value = mtype.id
    assert view.compare[1].shown["management"] == management_lines(mtype, diagram, small=True)
    first = view.explore.shown["process"]
    first.layout.title.text = "changed"
    first.layout.annotations[0].font.size = 99
    again = view.explore.shown["process"]
    assert again.layout.title.text.startswith(model.name) and again.layout.annotations[0].font.size == 13


def test_a_redraw_sends_the_figure_chosen_to_its_chart(view, content):
    """Each change gives the chart the figure chosen, equal to what its go.Figure would send."""
    from ickit.charts.team_diagrams import referral_route
    from ickit.views.chart import PLOT_CONFIG, figure_json

    choice = content.team_choice
    for model in content.team_process_models:
        view.explore.process.value = model.id
        held = view.explore.charts["process"].figure
        assert held == {**figure_json(referral_route(model, choice.stages, choice.example_professions)),
                        "config": PLOT_CONFIG}
    view.explore.shown["process"].layout.title.text = "changed"  # the figure kept for exports, not the chart's
    assert view.explore.charts["process"].figure["layout"]["title"]["text"] == f"{model.name}: the route of a referral"
    a, b = view.compare
    b.process.value = a.process.value
    assert a.charts["process"].figure == b.charts["process"].figure
    a.charts["process"].figure["layout"]["title"]["text"] = "changed"
    assert b.charts["process"].figure["layout"]["title"]["text"] != "changed"  # each chart has its own
