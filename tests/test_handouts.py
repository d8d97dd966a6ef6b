"""Workshop plans (validated, rendered as the trainer guide) and the handouts printed as PDFs."""

import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from ickit.cli import main
from ickit.content import ContentError, load_content
from ickit.materials import build_all

ROOT = Path(__file__).resolve().parents[1]
HANDOUTS = ROOT / "slides" / "handouts"
# the printed length each handout is designed for: a longer one has outgrown its sheet
PAGES = {"six-dimensions-checklist": 2, "ten-lessons-check": 2, "team-models": 1, "law-summaries": 1}


@pytest.fixture(scope="module")
def pdfs(content):
    build_all(content, ROOT / "slides")
    return {path.stem: PdfReader(path) for path in HANDOUTS.glob("*.pdf")}


def text_of(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name, pages", PAGES.items())
def test_handout_has_its_pages(pdfs, name, pages):
    assert len(pdfs[name].pages) == pages


def test_checklist_has_every_dimension_and_item(content, pdfs):
    text = text_of(pdfs["six-dimensions-checklist"])
    for checklist in content.checklists():
        assert checklist.name in text
        for item in checklist.requires:
            assert flat(item.text) in text, item.id


def test_lessons_check_has_every_lesson_and_question(content, pdfs):
    text = text_of(pdfs["ten-lessons-check"])
    for lesson in content.lessons:
        assert f"{lesson.number}. {lesson.heading}" in text and flat(lesson.question) in text


def test_team_models_one_pager_has_every_model(content, pdfs):
    text = re.sub(r"-\s+", "-", text_of(pdfs["team-models"]))  # names wrap after a hyphen
    for model in [*content.team_process_models, *content.team_management_types]:
        assert model.name in text, model.id


def test_law_summaries_have_every_law(content, pdfs):
    text = text_of(pdfs["law-summaries"])
    for law in content.laws:
        assert f"{law.number}. {law.name}" in text and flat(law.question) in text


def test_guide_pdf_starts_each_workshop_on_a_page(content, pdfs):
    pages = [" ".join(p.extract_text().split()) for p in pdfs["trainer-guide"].pages]
    first, *others = content.workshops
    assert pages[0].startswith("Trainer guide") and f"{first.name}: {first.starts} to" in pages[0]
    for workshop in others:
        assert any(page.startswith(f"{workshop.name}: {workshop.starts} to") for page in pages)
    assert any(page.startswith("The decks: timings") for page in pages)


def test_guide_html_run_sheet(content, pdfs):
    guide = (ROOT / "slides" / "trainer-guide.html").read_text(encoding="utf-8")
    assert "<td>09:30</td><td>15</td>" in guide
    assert "Half-day workshop: 09:30 to 13:00 (210 minutes)" in guide
    assert "Full-day workshop: 09:30 to 16:30 (420 minutes)" in guide
    questions = {i.id: i.question for i in [*content.laws, *content.lessons]}
    plain = re.sub(r"\s+", " ", guide.replace("&#39;", "'"))
    for workshop in content.workshops:
        for block in workshop.blocks:
            assert f'data-block="{block.id}"' in guide
            for q in block.questions:
                assert flat(questions[q]) in plain, (workshop.id, block.id, q)


def test_every_deck_is_used_by_the_full_day(content):
    used = {b.deck for b in content.by_id("workshops")["full-day"].blocks}
    assert {d.id for d in content.decks} <= used


def broken(tmp_path, change) -> ContentError:
    """Copy data/, apply ``change`` to the workshops and return the loader's error."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "workshops.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc["workshops"][0])
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_content(data)
    return err.value


@pytest.mark.parametrize("change, message", [
    (lambda w: w["blocks"][0].update(minutes=20), "the blocks add up to 215 minutes, not the 210 declared"),
    (lambda w: w["blocks"][1].update(deck="why-bother"), "block 'why': unknown deck 'why-bother'"),
    (lambda w: w["blocks"][2]["questions"].append("law-six"), "'law-six' is not the id of a law or lesson"),
    (lambda w: w["blocks"][1].update(deck="five-laws"),
     "deck 'five-laws' takes 38 minutes, more than the block's 25"),
    (lambda w: w["blocks"][1].update(id="welcome"), "duplicate id 'welcome'"),
    (lambda w: next(b for b in w["blocks"] if b.get("dashboard")).update(dashboard="law_six"),
     "field 'dashboard': unknown dashboard 'law_six', expected one of: contents, law1_targeting"),
])
def test_a_broken_plan_is_refused_with_a_located_message(tmp_path, change, message):
    err = broken(tmp_path, change)
    assert any("workshops.yaml" in p and message in p for p in err.problems), err.problems


def test_without_weasyprint_the_command_says_what_to_install(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if it, or pango, failed to load
    assert main(["slides", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "ickit slides: the PDFs need WeasyPrint and pango" in err and "--no-pdf" in err
    assert (tmp_path / "five-laws.html").is_file()
