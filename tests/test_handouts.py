"""Workshop plans (validated, rendered as the trainer guide with a preparation page) and the PDFs:
handouts that fit their pages with room to write, the guide, and a PDF of every deck, all tagged."""

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
from ickit.materials.handouts import HANDOUTS

ROOT = Path(__file__).resolve().parents[1]
SLIDES = ROOT / "slides"
HANDOUTS_DIR = SLIDES / "handouts"


@pytest.fixture(scope="module")
def pdfs(content):
    if not shutil.which("chromium"):
        pytest.skip("the decks' PDFs need Debian's chromium")
    build_all(content, SLIDES)
    return {path.relative_to(SLIDES).as_posix().removesuffix(".pdf"): PdfReader(path)
            for path in [*HANDOUTS_DIR.glob("*.pdf"), *(SLIDES / "pdf").glob("*.pdf")]}


def text_of(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", HANDOUTS)
def test_handout_fits_its_pages_with_a_line_for_name_and_partnership(pdfs, name):
    reader = pdfs[f"handouts/{name}"]
    assert len(reader.pages) == HANDOUTS[name].pages
    assert flat(reader.pages[0].extract_text()).startswith("Name Partnership")


def test_checklist_has_every_dimension_and_item(content, pdfs):
    text = text_of(pdfs["handouts/six-dimensions-checklist"])
    for checklist in content.checklists():
        assert checklist.name in text
        for item in checklist.requires:
            assert flat(item.text) in text, item.id


def test_lessons_check_has_every_lesson_and_question(content, pdfs):
    text = text_of(pdfs["handouts/ten-lessons-check"])
    for lesson in content.lessons:
        assert f"{lesson.number}. {lesson.heading}" in text and flat(lesson.question) in text


def test_team_models_sheet_has_every_model(content, pdfs):
    text = re.sub(r"-\s+", "-", text_of(pdfs["handouts/team-models"]))  # names wrap after a hyphen
    for model in [*content.team_process_models, *content.team_management_types]:
        assert model.name in text, model.id


def test_law_summaries_have_every_law(content, pdfs):
    text = text_of(pdfs["handouts/law-summaries"])
    for law in content.laws:
        assert f"{law.number}. {law.name}" in text and flat(law.question) in text


def test_every_pdf_is_tagged_with_its_title_and_language(content, pdfs):
    """Screen readers read a tagged PDF in its language; its title is what they announce. The
    guide, every handout and every deck's and workshop's PDF."""
    assert {"handouts/trainer-guide", *(f"handouts/{name}" for name in HANDOUTS),
            *(f"pdf/{d.id}" for d in content.decks), *(f"pdf/workshop-{w.id}" for w in content.workshops)} <= set(pdfs)
    for name, reader in pdfs.items():
        root = reader.trailer["/Root"]
        assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root, name
        assert root["/Lang"] == "en", name
        assert reader.metadata.title and "{{" not in reader.metadata.title, name


def test_a_deck_pdf_has_a_page_per_slide(content, pdfs):
    for name in [d.id for d in content.decks] + [f"workshop-{w.id}" for w in content.workshops]:
        page = (SLIDES / f"{name}.html").read_text(encoding="utf-8")
        reader = pdfs[f"pdf/{name}"]
        assert len(reader.pages) == page.count('<section class="slide '), name
        assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [960, 540]  # 1280 x 720 px
    pages = [flat(page.extract_text()) for page in pdfs["pdf/five-laws"].pages]
    assert any(page.startswith(f"Law 1 {content.laws[0].name}") for page in pages)


def test_index_links_every_pdf(content, pdfs):
    index = (SLIDES / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="([^"]+\.pdf)"', index))
    assert links == {f"{name}.pdf" for name in pdfs}
    assert all((SLIDES / link).is_file() for link in links)


def test_guide_pdf_starts_each_workshop_and_its_preparation_on_a_page(content, pdfs):
    pages = [flat(p.extract_text()) for p in pdfs["handouts/trainer-guide"].pages]
    first, *others = content.workshops
    assert pages[0].startswith("Trainer guide") and f"{first.name}: {first.starts} to" in pages[0]
    for workshop in others:
        assert any(page.startswith(f"{workshop.name}: {workshop.starts} to") for page in pages)
    for workshop in content.workshops:
        assert any(page.startswith(f"Preparing the {workshop.name.lower()}") for page in pages)
    assert any(page.startswith("The decks: timings") for page in pages)


def test_guide_html_run_sheet(content, pdfs):
    guide = (SLIDES / "trainer-guide.html").read_text(encoding="utf-8")
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


def test_guide_says_how_to_prepare(content, pdfs):
    """What to print and how many, the materials, how participants reach the dashboards (the
    command that serves just those), and a paper fallback for every activity with a dashboard."""
    guide = re.sub(r"\s+", " ", (SLIDES / "trainer-guide.html").read_text(encoding="utf-8").replace("&#39;", "'"))
    ids = {d.notebook.removesuffix(".ipynb"): d.id for d in content.dashboards}
    for w in content.workshops:
        page = guide.split(f'id="{w.id}-preparation"')[1].split("</section>")[0]
        for block in w.blocks:
            for name in block.handouts:
                assert f"handouts/{name}.pdf" in page and "One per participant" in page
            if block.dashboard:
                assert f'data-paper="{block.id}"' in page and flat(block.paper) in page
        for material in w.materials:
            assert flat(material) in page
        used = dict.fromkeys(b.dashboard for b in w.blocks if b.dashboard)
        serve = "ickit serve --public --expect N" + "".join(f" --dashboard {ids[d]}" for d in used)
        assert serve in page and f"ickit slides --plan {w.id}" in page


def broken(tmp_path, change, name="workshops.yaml", section="workshops") -> ContentError:
    """Copy data/, apply ``change`` to the first entry of ``section`` in ``name``, return the error."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / name
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc[section][0])
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
    (lambda w: next(b for b in w["blocks"] if b.get("dashboard")).pop("paper"),
     "a block that opens a dashboard needs a paper fallback ('paper')"),
    (lambda w: w["blocks"][2].update(handouts=["law-posters"]),
     "handouts[0]: field '(the entry itself)': Input should be 'six-dimensions-checklist'"),
    (lambda w: w["blocks"][3].update(kind="lunch"), "(id 'break'): field 'kind': Input should be 'activity', 'break' or 'close'"),
])
def test_a_broken_plan_is_refused_with_a_located_message(tmp_path, change, message):
    err = broken(tmp_path, change)
    assert any("workshops.yaml" in p and message in p for p in err.problems), err.problems


@pytest.mark.parametrize("change, message", [
    (lambda d: d["groups"][0].update(items=["payment", "taxes"]),
     "deck 'why-integrate', group 'big-questions': 'taxes' is not an item of 'systemic_questions'"),
    (lambda d: d["groups"][1].update(items=["x"]),
     "deck 'why-integrate', group 'shared-values': the section 'shared_values' has no items to pick"),
    (lambda d: d["groups"][0].update(overview="sometimes"), "Input should be 'none', 'first' or 'only'"),
])
def test_a_broken_deck_is_refused_with_a_located_message(tmp_path, change, message):
    err = broken(tmp_path, change, "decks.yaml", "decks")
    assert any("decks.yaml" in p and message in p for p in err.problems), err.problems


def test_without_weasyprint_the_command_says_what_to_install(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if it, or pango, failed to load
    assert main(["slides", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "ickit slides: the PDFs need WeasyPrint and pango" in err and "--no-pdf" in err
    assert (tmp_path / "five-laws.html").is_file()


def test_without_chromium_the_command_says_what_to_install(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    assert main(["slides", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "ickit slides: the decks' PDFs need Chromium" in err and "--no-pdf" in err
    assert (tmp_path / "five-laws.html").is_file()
