"""The learner notebooks are written from data/ (``ickit notebooks``) and read as documents: the
narrative in Markdown, a collapsed code cell only where a learner tries something, no test plumbing
in sight, and the references of what each shows at its end."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
import yaml

from ickit.cli import main
from ickit.content import ContentError, load_content
from ickit.errors import KitInputError
from ickit import cards
from ickit.learner_notebooks import (CASE_FIGURES, VIEWS, differences, link_notebooks, notebook, references,
                                     write_notebooks)
from ickit.logic import markdown as md
from ickit.logic.quiz import questions_for
from ickit.serve import DASHBOARD_DIR

ROOT = Path(__file__).resolve().parents[1]
PARTS = [p.id for p in sorted(load_content(ROOT / "data").course, key=lambda p: p.order)]
# what a learner must not meet: the kit's test plumbing and words for its insides
PLUMBING = re.compile(r"nbval|pytest|kit's tests|tests? checks?|checked output|content files|widget", re.I)


def committed(content, part_id: str) -> nbformat.NotebookNode:
    return nbformat.read(ROOT / "notebooks" / content.by_id("course")[part_id].notebook, as_version=4)


def markdown_of(nb) -> str:
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_every_notebook_is_what_the_content_writes(content):
    assert differences(content) == [], "run `ickit notebooks` and commit the notebooks it writes"


def test_ickit_notebooks_writes_only_what_changed(content, tmp_path, capsys):
    assert len(write_notebooks(content, tmp_path)) == len(content.course)
    assert write_notebooks(content, tmp_path) == [] and differences(content, tmp_path) == []
    (tmp_path / "03_ten_lessons.ipynb").write_text("{}")
    assert differences(content, tmp_path) == ["03_ten_lessons.ipynb"]
    assert main(["notebooks", "--check"]) == 0 and capsys.readouterr().err == ""


@pytest.mark.parametrize("part_id", PARTS)
def test_the_narrative_is_markdown(content, part_id):
    part, nb = content.by_id("course")[part_id], committed(content, part_id)
    text = markdown_of(nb)
    assert nb.cells[0].source.startswith(f"# {part.order:02d}. {md.escape(part.title)}\n")
    assert f"about {part.minutes} minutes" in nb.cells[0].source
    for said in [*part.objectives, *part.introduction, *part.key_points]:
        assert md.paragraph(said) in text
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    layout = next(x for x in content.notebooks.layouts if x.part == part_id)
    assert headings == [*(f"## {md.escape(s.heading)}" for s in layout.sections), "## Check your understanding",
                        "## Reflect", "## Key points", "## What next", "## References"]
    for section in layout.sections:
        if section.cards and section.cards != [CASE_FIGURES]:
            card = md.from_html(cards.render(content, *section.cards, only=section.only), heading_shift=-1)
            assert link_notebooks(content, card) in text
    assert part.trainer_notes not in text


@pytest.mark.parametrize("part_id", PARTS)
def test_code_cells_only_draw_a_view_and_are_collapsed(content, part_id):
    code = [c for c in committed(content, part_id).cells if c.cell_type == "code"]
    assert len(code) >= 2  # the knowledge check and the reflections at least
    for cell in code:
        assert cell.metadata["jupyter"]["source_hidden"] is True
        lines = [line for line in cell.source.splitlines() if line]
        assert len(lines) == 2 and lines[0].startswith("from ickit.views."), cell.source


@pytest.mark.parametrize("part_id", PARTS)
def test_no_learner_visible_cell_mentions_the_kits_tests(content, part_id):
    nb = committed(content, part_id)
    shown = [c.source for c in nb.cells]
    for q in questions_for(content.quizzes, part_id):  # what its knowledge check shows once run
        shown += [q.question, *(a.answer for a in q.answers), *(a.feedback for a in q.answers)]
    shown += [r.prompt for r in content.by_id("course")[part_id].reflections]
    found = [m.group(0) for text in shown for m in PLUMBING.finditer(text)]
    assert found == []


@pytest.mark.parametrize("part_id", PARTS)
def test_each_notebook_ends_with_the_references_of_what_it_shows(content, part_id):
    last = committed(content, part_id).cells[-1].source
    listed = last.removeprefix("## References\n\n").split("\n")
    assert listed == [f"- {md.paragraph(r)}" for r in references(content, part_id)]
    every = {s.reference() for s in content.sources}
    assert all(r.split(" Cited in ")[0] in every for r in references(content, part_id))
    assert content.source(content.by_id("course")[part_id].source).reference() in last


def test_references_follow_the_sources_of_the_items_shown(content):
    def keys(part_id):
        return {s.id for s in content.sources if s.reference() in " ".join(references(content, part_id))}
    assert {"leutz1999", "leutz2005", "future-forum-2011", "kit"} <= keys("leutz")
    assert {"ovretveit1993", "ovretveit1996", "petch2014"} <= keys("integrated-teams")
    assert "leutz1999" not in keys("culture")
    assert any("Cited in Petch (2014)." in r for r in references(content, "integrated-teams"))
    for part in content.course:  # a work cited through another: that one is listed too
        listed = " ".join(references(content, part.id))
        for source in content.sources:
            if source.reference() in listed and source.cited_in:
                assert content.source(source.cited_in).reference() in listed, (part.id, source.id)


@pytest.mark.parametrize("part_id", PARTS)
def test_every_citation_a_notebook_shows_is_in_its_references(content, part_id):
    body = markdown_of(committed(content, part_id)).split("## References")[0]
    listed = " ".join(references(content, part_id))
    for source in content.sources:
        if source.id != "kit" and md.escape(source.short()) in body:
            assert source.reference() in listed, source.id


def test_every_section_of_cards_is_one_the_library_draws(content):
    drawn = {name.replace("_", "-") for name in cards.sections()} | {CASE_FIGURES}
    for layout in content.notebooks.layouts:
        for section in layout.sections:
            assert set(section.cards) <= drawn, (layout.part, section.heading)


def test_a_notebook_calls_the_view_its_dashboard_shows(content):
    assert set(VIEWS) == {d.id for d in content.dashboards}
    for dashboard in content.dashboards:
        cells = json.loads((DASHBOARD_DIR / dashboard.notebook).read_text(encoding="utf-8"))["cells"]
        module, function = VIEWS[dashboard.id]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        assert f"from ickit.views.{module} import {function}" in code and f"{function}(" in code


def test_notebook_names_are_links(content):
    text = markdown_of(committed(content, "start-here"))
    assert "[`01_why_integrate.ipynb`](01_why_integrate.ipynb)" in text


def test_unknown_cards_name_the_layout_and_section(content):
    layouts = [x.model_copy(update={"sections": [x.sections[0].model_copy(update={"cards": ["nothing"]})]})
               if x.part == "leutz" else x for x in content.notebooks.layouts]
    broken = content.model_copy(update={"notebooks": content.notebooks.model_copy(update={"layouts": layouts})})
    with pytest.raises(KitInputError, match=r"^data/notebooks.yaml: the layout of 'leutz', section 'The laws': "
                                            r"there are no cards 'nothing'; the sections with cards are: laws-commentary, laws"):
        notebook(broken, "leutz")


@pytest.mark.parametrize("change, message", [
    (lambda doc: doc["layouts"].pop(), "notebooks: field 'layouts': no layout for course part 'capstone'"),
    (lambda doc: doc["layouts"][2]["sections"][3].update(widget="nowhere"),
     "notebooks.layouts[2].sections[3]: field 'widget': unknown dashboard 'nowhere'"),
    (lambda doc: doc["layouts"][0]["sections"].append({"heading": "Empty"}),
     "notebooks.layouts[0].sections[1]: field '(the entry itself)': Value error, a section needs text"),
])
def test_a_broken_layout_is_named_on_load(data_copy, change, message):
    path = data_copy / "notebooks.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc["notebooks"])
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(data_copy)
    assert len(caught.value.problems) == 1 and caught.value.problems[0].startswith(f"{path}: {message}")


def test_a_kit_installed_from_its_wheel_writes_no_notebooks_into_site_packages(monkeypatch, capsys):
    from ickit import kit_files

    monkeypatch.setattr(kit_files, "IN_CHECKOUT", False)
    assert main(["notebooks"]) == 2
    assert "written into a checkout" in capsys.readouterr().err
