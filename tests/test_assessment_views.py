"""The readiness and ten-lessons views driven headless: set a control, read what the person sees."""

import base64
import datetime
import os
import re
import shutil

import pytest

from ickit.views.lessons_check import LessonsCheckView, lessons_check_view
from ickit.views.readiness import ReadinessView, readiness_view


def downloads(html_text: str) -> dict[str, str]:
    """The files behind the download links, by file name."""
    links = re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', html_text)
    return {name: base64.b64decode(data).decode("utf-8") for name, data in links}


@pytest.fixture
def readiness(content):
    return readiness_view(content)


@pytest.fixture
def lessons(content):
    return lessons_check_view(content)


def test_readiness_view_is_its_root_widget_and_starts_unrated(readiness):
    assert isinstance(readiness, ReadinessView)
    assert "38 of 38 items not rated yet" in readiness.message.value
    assert "Overall: not rated yet" in readiness.summary.value


def test_rating_an_item_updates_score_chart_actions_and_exports(readiness, content):
    readiness.controls["vision/quick-wins"].value = 1
    assert readiness.figure.data[0].r[1] == pytest.approx(100 / 3)
    assert "37 of 38 items not rated yet" in readiness.message.value
    quick = content.by_id("dimensions")["vision"].requires[3].text
    assert "<li>Build up: Showing some early &quot;quick wins&quot;" in readiness.summary.value
    files = downloads(readiness.downloads.value)
    assert f"1. Build up: {quick} (Vision)" in files["readiness.md"]
    assert "vision,quick-wins" in files["readiness.csv"]


def test_every_item_rated_says_so(readiness):
    for dropdown in readiness.controls.values():
        dropdown.value = 3
    assert "Every item is rated." in readiness.message.value
    assert "No gaps among the rated items" in readiness.summary.value


def test_partnership_name_goes_into_the_report(readiness):
    readiness.title.value = "North <Shire>"
    assert "# Readiness self-assessment: North \\<Shire\\>" in downloads(readiness.downloads.value)["readiness.md"]


def test_a_failure_in_the_logic_shows_a_message_not_a_traceback(readiness, monkeypatch):
    monkeypatch.setattr("ickit.views.readiness.logic.assess",
                        lambda *a: (_ for _ in ()).throw(RuntimeError("boom")))
    readiness.controls["vision/quick-wins"].value = 2
    assert "Something went wrong" in readiness.message.value and "boom" not in readiness.message.value


def test_lessons_view_answers_are_kept_per_partner(lessons):
    assert isinstance(lessons, LessonsCheckView)
    assert lessons.answering.options == ("Health board", "Local authority")
    lessons.controls["trust-is-not-enough"].value = 0
    lessons.answering.value = "Local authority"
    assert lessons.controls["trust-is-not-enough"].label == "— not answered —"
    lessons.controls["trust-is-not-enough"].value = 3
    lessons.answering.value = "Health board"
    assert lessons.controls["trust-is-not-enough"].value == 0
    trust = lessons.results[1]
    assert (trust.mean, trust.light, trust.disagreement) == (1.5, "amber", True)
    assert "18 of 20 answers still to give" in lessons.message.value
    assert "partners disagree" in lessons.summary.value


def test_changing_partners_keeps_answers_of_those_still_named_and_escapes_names(lessons):
    lessons.controls["clear-governance"].value = 0
    lessons.partners.value = "Health board, <i>GP</i> federation"
    assert set(lessons.answers) == {"Health board", "<i>GP</i> federation"}
    assert lessons.answers["Health board"] == {"clear-governance": 0}
    assert lessons.results[8].light == "red"
    assert "&lt;i&gt;GP&lt;/i&gt; federation" in lessons.figure.data[3].name
    assert "\\<i\\>GP\\</i\\> federation" in downloads(lessons.downloads.value)["lessons-check.md"]


def test_an_empty_partner_list_shows_a_kind_message(lessons):
    lessons.partners.value = " , "
    assert "Name at least one partner" in lessons.message.value
    assert lessons.answering.options == ("Health board", "Local authority")


def test_weak_lesson_prompt_appears_in_the_view(lessons, content):
    lessons.controls["describe-the-fallback"].value = 0
    prompt = next(p.text for p in content.assessment.lessons_check.prompts
                  if p.lesson == "describe-the-fallback")
    assert prompt.split(",")[0] in lessons.summary.value


def test_png_button_hands_the_radar_to_the_browser(readiness):
    if not (shutil.which("chromium") or os.environ.get("BROWSER_PATH")):
        if os.environ.get("CI"):
            pytest.fail("CI needs Chromium for the readiness PNG")
        pytest.skip("no Chromium on this machine: kaleido cannot draw the PNG")
    readiness.controls["time/keep-revising"].value = 2
    readiness.png_button.click()
    assert 'download="readiness-radar.png" href="data:image/png;base64,iVBOR' in readiness.png_link.value
    readiness.controls["time/keep-revising"].value = 3
    assert readiness.png_link.value == ""  # a stale picture is withdrawn after a change


@pytest.mark.parametrize("error, words", [
    ("chrome", "no Chromium browser is installed on the server"),
    ("other", "The picture could not be drawn this time"),
])
def test_png_failure_says_why_and_clears_the_drawing_note(readiness, monkeypatch, error, words):
    import kaleido
    from kaleido.errors import ChromeNotFoundError

    def fail(*args, **kwargs):
        assert readiness.png_link.value == "Drawing the PNG…" and readiness.png_button.disabled
        raise ChromeNotFoundError("no chrome") if error == "chrome" else RuntimeError("tab crashed")

    monkeypatch.setattr(kaleido, "calc_fig_sync", fail)
    readiness.png_button.click()
    assert "ickit-msg-problem" in readiness.message.value and words in readiness.message.value
    assert "Something went wrong" not in readiness.message.value
    assert readiness.png_link.value == "" and not readiness.png_button.disabled


def test_a_csv_rating_in_superscript_gets_the_line_message(readiness, lessons):
    readiness.upload.value = upload("list,item_id,rating\nvision,quick-wins,\u00b2\n".encode())
    assert "Line 2: the rating" in readiness.message.value
    lessons.upload.value = upload("lesson,partner,rating\nclear-governance,A,\u00b2\n".encode())
    assert "Line 2: the rating" in lessons.message.value


def upload(data: bytes) -> tuple:
    return ({"name": "saved.csv", "type": "text/csv", "size": len(data), "content": memoryview(data),
             "last_modified": datetime.datetime(2026, 1, 1)},)


def test_loading_a_readiness_csv_fills_the_dropdowns(readiness, content):
    saved = readiness_view(content)
    saved.controls["culture/front-line-issues"].value = 0
    data = downloads(saved.downloads.value)["readiness.csv"].encode()
    readiness.controls["vision/quick-wins"].value = 3
    readiness.upload.value = upload(data)
    assert readiness.controls["culture/front-line-issues"].value == 0
    assert readiness.controls["vision/quick-wins"].label == "— not rated —"
    assert readiness.result.actions[0].item_id == "front-line-issues"
    assert readiness.upload.value == ()


def test_a_bad_readiness_csv_shows_a_message_and_keeps_the_ratings(readiness):
    readiness.controls["vision/quick-wins"].value = 3
    readiness.upload.value = upload(b"not,a,readiness\n1,2,3\n")
    assert "not a readiness CSV" in readiness.message.value
    assert readiness.controls["vision/quick-wins"].value == 3


def test_loading_a_lessons_csv_restores_partners_and_answers(lessons, content):
    data = b"lesson,partner,rating\nclear-governance,Housing,0\ntrust-is-not-enough,GP <federation>,3\n"
    lessons.upload.value = upload(data)
    assert lessons.partners.value == "Housing, GP <federation>"
    assert lessons.answering.value == "Housing" and lessons.controls["clear-governance"].value == 0
    assert lessons.results[8].light == "red"
    lessons.answering.value = "GP <federation>"
    assert lessons.controls["trust-is-not-enough"].value == 3


def test_a_bad_lessons_csv_shows_a_message(lessons):
    lessons.upload.value = upload(b"\x00\xff")
    assert "not text" in lessons.message.value
    assert lessons.answering.options == ("Health board", "Local authority")


def test_unanswered_dropdowns_show_their_blank_choice(readiness, lessons):
    assert {d.label for d in readiness.controls.values()} == {"— not rated —"}
    lessons.controls["clear-governance"].value = 2
    lessons.answering.value = "Local authority"
    assert lessons.controls["clear-governance"].label == "— not answered —"
    lessons.answering.value = "Health board"
    assert lessons.controls["clear-governance"].label == "2 Mostly"


def test_rows_hold_their_view_s_layouts_and_styles_not_one_each(readiness, lessons):
    """Fewer widget models for the page to build: one layout and style per setting in a view."""
    for view in (readiness, lessons):
        dropdowns = list(view.controls.values())
        assert len(dropdowns) >= 10
        assert len({id(d.layout) for d in dropdowns}) == 1 and len({id(d.style) for d in dropdowns}) == 1
    assert readiness.controls[next(iter(readiness.controls))].layout is not \
        lessons.controls["clear-governance"].layout
