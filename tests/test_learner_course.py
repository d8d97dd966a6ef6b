"""The learner course: quiz scoring, the reflection store, the worked case and the course views."""

import base64
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ickit.content.course import Question
from ickit.errors import KitInputError
from ickit.logic import course, quiz
from ickit.logic.reflections import NotesStore, default_path, learning_log
from ickit import cards
from ickit.views import reflection
from ickit.views import quiz as quiz_view

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def notes(tmp_path, monkeypatch):
    monkeypatch.setenv("ICKIT_NOTES", str(tmp_path))
    return tmp_path / "reflections.json"


def question(kind="multiple_choice", correct=(True, False, False)):
    return Question.model_validate({
        "id": "q", "part": "leutz", "question": "Which?", "type": kind, "source": "kit",
        "answers": [{"answer": f"a{i}", "correct": c, "feedback": f"why {i}"} for i, c in enumerate(correct)]})


# --- quiz logic --------------------------------------------------------------------------------

def test_right_and_wrong_answers_are_explained():
    q = question()
    assert quiz.mark(q, {0}) == quiz.Marked(True, ["why 0"])
    assert quiz.mark(q, [2]) == quiz.Marked(False, ["why 2"])


def test_many_choice_needs_every_right_answer():
    q = question("many_choice", (True, True, False))
    assert quiz.mark(q, {0, 1}).correct
    partial = quiz.mark(q, {0})
    assert not partial.correct and "1 of the 2" in partial.feedback[-1]
    assert not quiz.mark(q, {0, 1, 2}).correct


@pytest.mark.parametrize("chosen, says", [(set(), "Choose an answer"), ({7}, "not one of the choices"),
                                          ({0, 1}, "choose just one")])
def test_bad_choices_give_plain_messages(chosen, says):
    with pytest.raises(KitInputError, match=says):
        quiz.mark(question(), chosen)


def test_score_keeps_the_latest_verdict_per_question():
    score = quiz.Score(total=3)
    score.record("a", False)
    score.record("a", True)
    score.record("b", False)
    assert score.right == 1 and score.describe() == "Your score: 1 of 3 right (2 of 3 answered)."


def test_question_models_refuse_impossible_keys():
    with pytest.raises(ValueError, match="exactly one correct"):
        question(correct=(True, True, False))
    with pytest.raises(ValueError, match="at least one correct"):
        question("many_choice", (False, False, False))


def test_every_part_has_checks_and_prompts(content):
    assert [p.order for p in content.course] == list(range(len(content.course)))
    assert len(content.course) >= 11
    for p in content.course:
        assert quiz.questions_for(content.quizzes, p.id) and p.reflections
    with pytest.raises(KitInputError, match="no knowledge checks"):
        quiz.questions_for(content.quizzes, "nowhere")


def test_every_notebook_named_in_the_course_exists(content):
    from conftest import ROOT
    on_disk = {p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")}
    assert {p.notebook for p in content.course} == on_disk


# --- reflection store --------------------------------------------------------------------------

def test_notes_path_follows_icKIT_NOTES(notes, tmp_path, monkeypatch):
    assert default_path() == notes
    monkeypatch.setenv("ICKIT_NOTES", str(tmp_path / "mine.json"))
    assert default_path() == tmp_path / "mine.json"
    monkeypatch.delenv("ICKIT_NOTES")
    assert default_path().parts[-2:] == (".ickit", "reflections.json")


def test_saves_survive_a_new_store_and_leave_no_temporary_files(notes):
    NotesStore().save("leutz", "law-that-fits", "Law 3, in our hospital")
    NotesStore().save("culture", "one-kettle", "Two kettles")
    again = NotesStore()
    assert again.get("leutz", "law-that-fits") == "Law 3, in our hospital"
    assert json.loads(notes.read_text())["culture"] == {"one-kettle": "Two kettles"}
    assert sorted(p.name for p in notes.parent.iterdir()) == [".reflections.json.lock", "reflections.json"]


def test_write_is_atomic(notes, monkeypatch):
    NotesStore().save("leutz", "law-that-fits", "first")

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KitInputError, match="could not be saved"):
        NotesStore().save("leutz", "law-that-fits", "second")
    assert NotesStore().get("leutz", "law-that-fits") == "first"
    assert sorted(p.name for p in notes.parent.iterdir()) == [".reflections.json.lock", "reflections.json"]


@pytest.mark.parametrize("damage", [b"{not json", b"[1, 2]", b'{"leutz": "flat"}', b"", b"\xff\xfe{}",
                                    '{"leutz": {"a": "caf\u00e9"}}'.encode("latin-1"), b"[" * 100_000,
                                    b'{"a": ' + b"9" * 5000 + b"}"])
def test_a_damaged_file_gives_a_kind_message_and_is_not_overwritten(notes, damage):
    notes.write_bytes(damage)
    for use in (NotesStore().read, lambda: NotesStore().save("leutz", "law-that-fits", "new words")):
        with pytest.raises(KitInputError, match="damaged, so the kit has left it as it is"):
            use()
    assert notes.read_bytes() == damage


def test_a_notes_path_that_cannot_be_read_gives_a_kind_message(notes):
    notes.mkdir()
    with pytest.raises(KitInputError, match="could not be opened"):
        NotesStore().read()
    with pytest.raises(KitInputError, match="could not be (opened|saved)"):
        NotesStore().save("leutz", "law-that-fits", "new words")


SAVER = """
import sys, time
from pathlib import Path
from ickit.logic.reflections import NotesStore
path, who, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
while not path.with_name("go").exists():
    time.sleep(0.001)
store = NotesStore(path)
for i in range(count):
    store.save(who, f"prompt-{i}", f"{who} wrote {i}")
"""


def test_notebooks_saving_at_once_lose_no_save(tmp_path):
    """Two kernels (here two processes) save into one notes file as fast as they can."""
    path, count = tmp_path / "reflections.json", 150
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "widgets"), os.environ.get("PYTHONPATH", "")])}
    savers = [subprocess.Popen([sys.executable, "-c", SAVER, str(path), who, str(count)], env=env)
              for who in ("first", "second")]
    time.sleep(1)  # both started and waiting
    (tmp_path / "go").touch()
    assert [saver.wait(timeout=120) for saver in savers] == [0, 0]
    saved = NotesStore(path).read()
    for who in ("first", "second"):
        lost = [i for i in range(count) if saved.get(who, {}).get(f"prompt-{i}") != f"{who} wrote {i}"]
        assert not lost, f"{who}: {len(lost)} of {count} saves lost"


def test_learning_log_in_course_order_with_prompts(content):
    log = learning_log(content.course, {"capstone": {"what-matters": "Home"},
                                        "leutz": {"law-that-fits": "Law 2", "level-for-whom": " "}})
    assert log.startswith("# My learning log")
    assert log.index("## 02. Leutz") < log.index("## 10. Capstone")
    assert "**Which law best describes" in log and "Law 2" in log
    assert "Think of two people" not in log  # blank answers are left out
    assert "No reflections written yet" in learning_log(content.course, {})


# --- the worked case and the figures the notebooks once printed for nbval to compare ----------

def test_case_summary(content):
    summary = course.case_summary(content)
    assert (summary.partners, summary.services, summary.organisations_met) == (5, 6, 5)
    assert summary.contacts_per_month == 73 and summary.level == "Full integration"
    assert summary.significant_change_year == content.worked_case.started + 3
    assert summary.culture_change_year == content.worked_case.started + 3
    assert content.worked_case in course.case_evidence(content)


def test_the_content_holds_what_the_notebooks_teach(content):
    """The counts each notebook's "In numbers" cell printed, checked here now, not in the notebooks."""
    sizes = {name: len(getattr(content, name)) for name in (
        "systemic_questions", "laws", "integration_levels", "leutz_reflections", "lessons",
        "boundary_spanner_roles", "leadership_styles", "leadership_components", "panel_themes",
        "team_dimensions", "team_process_models", "team_management_types", "timescales")}
    assert sizes == {"systemic_questions": 4, "laws": 5, "integration_levels": 3, "leutz_reflections": 1,
                     "lessons": 10, "boundary_spanner_roles": 4, "leadership_styles": 2,
                     "leadership_components": 4, "panel_themes": 6, "team_dimensions": 5,
                     "team_process_models": 6, "team_management_types": 5, "timescales": 7}
    assert {c.id: len(c.requires) for c in content.checklists()} == {
        "outcomes": 6, "vision": 4, "leadership": 7, "culture": 6, "local-context": 7,
        "integrated-teams": 5, "time": 3}
    assert course.run_sheet(content)[-1] == "11 parts, 310 minutes in all"
    with pytest.raises(KitInputError):
        course.part(content, "x")


# --- views, driven headless --------------------------------------------------------------------

def test_every_topic_renders(content):
    for name in cards.sections():
        assert "ickit-card" in cards.render(content, name) or "<table>" in cards.render(content, name)
    with pytest.raises(KitInputError, match="no topic"):
        cards.render(content, "nothing")


def test_quiz_widget_scores_and_explains():
    view = quiz_view.knowledge_check("leutz")
    first = view.boxes[0]
    first.check.click()
    assert "Choose an answer first" in first.message.value and not view.score.latest
    right = next(i for i, a in enumerate(first.question.answers) if a.correct)
    first.choice.value = right
    first.check.click()
    assert "Correct." in first.feedback.value and "1 of 3 right" in view.score_line.value
    many = next(b for b in view.boxes if b.question.type == "many_choice")
    many.choice.children[0].value = True
    many.check.click()
    assert "Not yet." in many.feedback.value and "(2 of 3 answered)" in view.score_line.value


def test_reflection_widget_saves_as_you_type_and_reloads(notes):
    view = reflection.reflect("leutz")
    view.boxes["law-that-fits"].value = "<script>alert(1)</script>"
    assert "Saved at" in view.message.value and view.logbook is None
    again = reflection.reflect("leutz")
    assert again.boxes["law-that-fits"].value == "<script>alert(1)</script>"


def log_text(link: str) -> str:
    found = re.search(r'download="my_learning_log.md" href="data:text/markdown;base64,([^"]+)"', link)
    return base64.b64decode(found.group(1)).decode("utf-8")


def test_the_learning_log_is_one_click_and_keeps_up_with_typing(notes):
    reflection.reflect("leutz").boxes["law-that-fits"].value = "<script>alert(1)</script>"
    view = reflection.reflect("capstone", learning_log=True)
    assert view.logbook in view.children
    assert "\\<script\\>alert(1)\\</script\\>" in log_text(view.logbook.link.value)  # ready before any click
    view.boxes["what-matters"].value = "Staying at home"
    assert "Staying at home" in log_text(view.logbook.link.value)
    assert "ickit-download" in view.logbook.link.value


def test_reflection_widget_with_a_damaged_file(notes):
    notes.write_text("{oops")
    view = reflection.reflect("capstone", learning_log=True)
    assert "damaged" in view.message.value and "Traceback" not in view.message.value
    assert all(box.disabled for box in view.boxes.values())
    assert view.logbook is None  # the message says why; there is nothing to gather
    log = reflection.LearningLog()
    assert "damaged" in log.message.value and log.link.value == ""
    assert notes.read_text() == "{oops"
