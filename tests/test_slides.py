"""The decks `ickit slides` builds: every law, lesson, dimension and team model, notes, offline."""

import html
import re
from pathlib import Path

import pytest

from ickit.cli import main
from ickit.materials import build_all, default_slides_dir

ROOT = Path(__file__).resolve().parents[1]
SLIDES = ROOT / "slides"
LINK = re.compile(r'(?:src|href)="([^"]*)"')


@pytest.fixture(scope="module")
def decks(content):
    """Build into the kit's own slides/ (what a trainer opens) and return each deck's HTML."""
    build_all(content, SLIDES, pdf=False)
    return {d.id: (SLIDES / f"{d.id}.html").read_text(encoding="utf-8") for d in content.decks}


def test_slides_dir_is_the_checkouts():
    assert default_slides_dir() == SLIDES


@pytest.mark.parametrize("section, text", [
    ("laws", "name"), ("lessons", "heading"), ("dimensions", "name"),
    ("team_process_models", "name"), ("team_management_types", "name"),
    ("team_dimensions", "name"), ("integration_levels", "name"), ("timescales", "name"),
])
def test_every_item_has_its_slide(content, decks, section, text):
    every = "".join(decks.values())
    for item in getattr(content, section):
        assert f'data-item="{item.id}"' in every, item.id
        assert getattr(item, text) in html.unescape(every), item.id


def test_every_checklist_item_is_on_a_slide(content, decks):
    deck = decks["outcomes-and-dimensions"]
    for checklist in content.checklists():
        for item in checklist.requires:
            assert f'data-item="{item.id}"' in deck and item.text in html.unescape(deck)


def test_speaker_notes_carry_prompts_minutes_and_questions(content, decks):
    for deck in content.decks:
        notes = html.unescape(" ".join(re.findall(r'<aside class="notes">(.*?)</aside>',
                                                  decks[deck.id], re.S)))
        assert f"about {deck.minutes} minutes" in decks[deck.id]
        for group in deck.groups:
            assert group.prompt in notes, (deck.id, group.id)
            assert f"{group.minutes} min" in notes
    law_notes = html.unescape(decks["five-laws"])
    for law in content.laws:
        assert f"<strong>Ask:</strong> {law.question}" in law_notes


def test_every_link_is_local_and_exists(content, decks):
    for deck_id, text in decks.items():
        for link in LINK.findall(text):
            if link != "data:,":  # the empty favicon, so the browser asks for no /favicon.ico
                assert not re.match(r"^[a-z]+:", link) and (SLIDES / link).is_file(), (deck_id, link)


def test_vendored_assets_keep_their_licences():
    vendor = SLIDES / "vendor"
    assert "MIT" in (vendor / "reveal.js-4.6.1" / "LICENSE").read_text()
    assert '"version": "4.6.1"' in (vendor / "reveal.js-4.6.1" / "package.json").read_text()
    assert "SIL Open Font License" in (vendor / "atkinson-hyperlegible-5.3.0" / "LICENSE").read_text()


def test_only_the_chart_deck_loads_plotly(decks):
    assert [d for d, text in decks.items() if "plotly.min.js" in text] == ["time"]
    assert (SLIDES / "vendor" / "plotly.js" / "plotly.min.js").stat().st_size > 1_000_000


def test_index_is_a_run_sheet(content, decks):
    index = (SLIDES / "index.html").read_text(encoding="utf-8")
    total = sum(d.minutes for d in content.decks)
    assert f"<td>End of all decks</td><td>{total}</td>" in index
    for deck in content.decks:
        assert f'href="{deck.id}.html"' in index
    five_laws_row = index.split('href="five-laws.html"')[1].split("</tr>")[0]
    titles = {d.notebook: d.title for d in content.dashboards}
    assert html.escape(titles["law1_targeting.ipynb"]) in five_laws_row


def test_cli_builds_elsewhere_with_vendor_beside(tmp_path, capsys):
    assert main(["slides", "--no-pdf", "--out", str(tmp_path)]) == 0
    assert "wrote" in capsys.readouterr().out
    assert (tmp_path / "five-laws.html").is_file() and (tmp_path / "trainer-guide.html").is_file()
    assert (tmp_path / "vendor" / "reveal.js-4.6.1" / "dist" / "reveal.js").is_file()
    assert not (tmp_path / "handouts").exists()
