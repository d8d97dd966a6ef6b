"""A broken data file gives one clear message naming the file, the entry and the field.

Each file in bad_data/ replaces one real data file (its `# replaces:` line) and names the message
it must give (its `# expect:` line).
"""

import shutil
from pathlib import Path

import pytest
import yaml

from ickit.cli import main
from ickit.content import ContentError, load_content

ROOT = Path(__file__).resolve().parents[1]
BAD = sorted((Path(__file__).parent / "bad_data").glob("*.yaml"))


def header(path: Path, key: str) -> str:
    for line in path.read_text().splitlines():
        if line.startswith(f"# {key}: "):
            return line.split(": ", 1)[1]
    raise AssertionError(f"{path.name} has no '# {key}:' line")


def test_there_are_bad_files():
    assert len(BAD) >= 6


@pytest.mark.parametrize("bad", BAD, ids=[p.stem for p in BAD])
def test_bad_file_message(bad, data_copy):
    shutil.copy(bad, data_copy / header(bad, "replaces"))
    with pytest.raises(ContentError) as caught:
        load_content(data_copy)
    assert len(caught.value.problems) == 1, caught.value.problems
    expected = f"{data_copy}/{header(bad, 'expect')}"
    assert caught.value.problems[0].startswith(expected), caught.value.problems[0]


def test_nested_checklist_entry_is_named(data_copy):
    path = data_copy / "dimensions.yaml"
    doc = yaml.safe_load(path.read_text())
    culture = next(i for i, d in enumerate(doc["dimensions"]) if d["id"] == "culture")
    item = doc["dimensions"][culture]["requires"][2]
    del item["text"]
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    with pytest.raises(ContentError) as caught:
        load_content(data_copy)
    assert caught.value.problems == [
        f"{path}: dimensions[{culture}] (id 'culture').requires[2] (id '{item['id']}'): "
        "field 'text': Field required"]


def test_missing_section_is_named(data_copy):
    (data_copy / "panel.yaml").unlink()
    with pytest.raises(ContentError, match="no section 'panel_themes' in any data file"):
        load_content(data_copy)


def test_section_in_two_files(data_copy):
    shutil.copy(data_copy / "panel.yaml", data_copy / "panel_copy.yaml")
    with pytest.raises(ContentError, match="section 'panel_themes' is also in"):
        load_content(data_copy)


def test_cli_reports_without_traceback(data_copy, capsys):
    shutil.copy(Path(__file__).parent / "bad_data" / "missing_field.yaml", data_copy / "panel.yaml")
    assert main(["--data", str(data_copy), "check"]) == 1
    err = capsys.readouterr().err
    assert "field 'summary': Field required" in err and "Traceback" not in err


# --- references between data files (ickit/content/references.py) -----------------------------

def edit(data_dir: Path, name: str, change) -> Path:
    """Apply ``change`` to the parsed ``name`` in ``data_dir`` and write it back."""
    path = data_dir / name
    doc = yaml.safe_load(path.read_text())
    change(doc)
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True))
    return path


def problems_of(data_dir: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(data_dir)
    return caught.value.problems


def rule_index(doc, rule_id):
    return next(i for i, r in enumerate(doc["team_choice"]["rules"]) if r["id"] == rule_id)


def test_checklist_without_a_weight(data_copy):
    path = edit(data_copy, "assessment.yaml", lambda d: d["assessment"]["readiness"]["weights"].pop("time"))
    assert problems_of(data_copy) == [
        f"{path}: assessment: field 'readiness.weights': no weight for checklist 'time'"]


def test_weight_for_an_unknown_checklist(data_copy):
    def change(d):
        weights = d["assessment"]["readiness"]["weights"]
        weights["tme"] = weights.pop("time")
    path = edit(data_copy, "assessment.yaml", change)
    lists = "outcomes, vision, leadership, culture, local-context, integrated-teams, time"
    assert problems_of(data_copy) == [
        f"{path}: assessment: field 'readiness.weights.tme': unknown checklist 'tme', expected one of: {lists}",
        f"{path}: assessment: field 'readiness.weights': no weight for checklist 'time'"]


def test_lesson_without_a_prompt(data_copy):
    path = edit(data_copy, "assessment.yaml", lambda d: d["assessment"]["lessons_check"]["prompts"].pop())
    assert problems_of(data_copy) == [
        f"{path}: assessment: field 'lessons_check.prompts': no prompt for lesson 'describe-the-fallback'"]


def test_lesson_with_two_prompts(data_copy):
    def change(d):
        prompts = d["assessment"]["lessons_check"]["prompts"]
        prompts[-1]["lesson"] = prompts[0]["lesson"]
    path = edit(data_copy, "assessment.yaml", change)
    assert problems_of(data_copy) == [
        f"{path}: assessment.lessons_check.prompts[9]: field 'lesson': "
        "a second prompt for lesson 'integration-is-not-an-outcome'",
        f"{path}: assessment: field 'lessons_check.prompts': no prompt for lesson 'describe-the-fallback'"]


def test_rule_targets_an_unknown_process_model(data_copy):
    doc = yaml.safe_load((data_copy / "team_choice.yaml").read_text())
    i = rule_index(doc, "two-professions-direct")
    path = edit(data_copy, "team_choice.yaml", lambda d: d["team_choice"]["rules"][i]["targets"].append("parallel"))
    assert problems_of(data_copy) == [
        f"{path}: team_choice.rules[{i}] (id 'two-professions-direct'): field 'targets': "
        "unknown process model 'parallel', expected one of: parallel-pathway, allocation, "
        "reception-and-allocation, reception-assessment-allocation, "
        "reception-assessment-allocation-review, hybrid-parallel-pathway"]


def test_management_rule_cannot_target_a_process_model(data_copy):
    doc = yaml.safe_load((data_copy / "team_choice.yaml").read_text())
    i = rule_index(doc, "by-profession-today")
    path = edit(data_copy, "team_choice.yaml",
                lambda d: d["team_choice"]["rules"][i].update(targets=["parallel-pathway"]))
    assert problems_of(data_copy) == [
        f"{path}: team_choice.rules[{i}] (id 'by-profession-today'): field 'targets': "
        "unknown management type 'parallel-pathway', expected one of: profession-managed, "
        "single-manager, joint-management, team-manager-contracted, hybrid-management"]


def test_rule_names_an_unknown_question_or_answer(data_copy):
    doc = yaml.safe_load((data_copy / "team_choice.yaml").read_text())
    i, j = rule_index(doc, "two-professions-direct"), rule_index(doc, "reception-available")

    def change(d):
        d["team_choice"]["rules"][i]["when"] = {"profession": "two"}
        d["team_choice"]["rules"][j]["when"] = {"reception": "maybe"}
    path = edit(data_copy, "team_choice.yaml", change)
    got = problems_of(data_copy)
    assert len(got) == 2
    assert got[0].startswith(f"{path}: team_choice.rules[{i}] (id 'two-professions-direct'): "
                             "field 'when.profession': unknown question 'profession', expected one of: ")
    assert got[1] == (f"{path}: team_choice.rules[{j}] (id 'reception-available'): "
                      "field 'when.reception': unknown answer 'maybe', expected one of: yes, no")


def test_contradiction_names_an_unknown_answer(data_copy):
    path = edit(data_copy, "team_choice.yaml",
                lambda d: d["team_choice"]["contradictions"][0]["when"].update(meetings="never"))
    assert problems_of(data_copy) == [
        f"{path}: team_choice.contradictions[0] (id 'review-without-meetings'): field 'when.meetings': "
        "unknown answer 'never', expected one of: weekly, monthly, rarely"]


def test_management_type_without_a_diagram(data_copy):
    doc = yaml.safe_load((data_copy / "team_choice.yaml").read_text())
    k = next(i for i, g in enumerate(doc["team_choice"]["management_diagrams"]) if g["id"] == "joint-management")
    path = edit(data_copy, "team_choice.yaml", lambda d: d["team_choice"]["management_diagrams"].pop(k))
    assert problems_of(data_copy) == [
        f"{path}: team_choice: field 'management_diagrams': no diagram for management type 'joint-management'"]


def test_need_group_without_a_benefit(data_copy):
    path = edit(data_copy, "simulations.yaml",
                lambda d: d["simulations"]["targeting"]["groups"][1]["benefit"].pop("coordination"))
    assert problems_of(data_copy) == [
        f"{path}: simulations.targeting.groups[1] (id 'moderate'): field 'benefit': "
        "no benefit for integration level 'coordination'"]


def test_stakeholder_quadrants_cover_the_grid(data_copy):
    path = edit(data_copy, "stakeholders.yaml",
                lambda d: d["stakeholder_map"]["quadrants"][3].update(high_power=True, high_interest=True))
    assert problems_of(data_copy) == [
        f"{path}: stakeholder_map: field 'quadrants': Value error, "
        "the four quadrants need one each of high and low power and interest"]


def test_planner_knows_the_checks_content_lists():
    from ickit.content.plans import CHECK_IDS
    from ickit.logic.plan_checks import CHECKS

    assert sorted(CHECKS) == sorted(CHECK_IDS)
    assert {c.id for c in load_content().plans.checks} <= set(CHECKS)


def test_cli_reports_a_broken_reference(data_copy, capsys):
    edit(data_copy, "plans.yaml", lambda d: d["plans"]["checks"][2].update(timescale="no-such-thing"))
    assert main(["--data", str(data_copy), "check"]) == 1
    err = capsys.readouterr().err
    assert ("plans.yaml: plans.checks[2] (id 'live-too-early'): field 'timescale': "
            "unknown timescale 'no-such-thing'") in err and "Traceback" not in err


def test_a_file_that_is_not_utf8_is_named(data_copy):
    (data_copy / "laws.yaml").write_bytes(b"laws:\n  - id: caf\xe9\n")
    with pytest.raises(ContentError) as caught:
        load_content(data_copy)
    assert caught.value.problems == [
        f"{data_copy / 'laws.yaml'}: not UTF-8 text (byte 18); save it as UTF-8"]


def test_room_flags_on_groups_too_small_to_show(data_copy):
    path = edit(data_copy, "rooms.yaml", lambda d: d["rooms"]["agreement"].update(min_answers=2))
    problem, = problems_of(data_copy)
    assert problem.startswith(f"{path}: rooms:") and "min_answers (2) must be at least min_group (3)" in problem
