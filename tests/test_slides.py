"""The decks and workshops `ickit slides` builds: every item on a slide, few words a slide, notes
specific to each slide, sources on every footer, the plans as in the guide, offline links."""

import html
import re
import subprocess
from pathlib import Path
from typing import get_args

import pytest
from ickit.cli import main
from ickit.content.workshops import DeckSection, Handout
from ickit.kit_files import REVEAL_JS
from ickit.materials import build_all, default_slides_dir
from ickit.materials.handouts import HANDOUTS
from ickit.materials.sections import SECTIONS
from ickit.materials.slide import BUDGET, Entry, leading, listing
from ickit.materials.workshop import Details, dashboard_address
from test_cards import items_with_sources

ROOT = Path(__file__).resolve().parents[1]
SLIDES = ROOT / "slides"
LINK = re.compile(r'(?:src|href)="([^"]*)"')
SECTION = re.compile(r'<section class="slide (\w+)" data-group="([^"]*)"(?: data-items="([^"]*)")?>(.*?)</section>',
                     re.S)
JOIN = "http://10.0.0.7:8866/?token=s3cret"
TRAINER = Details("Ann <b>Lee</b>", "Care & Co", "3 May 2027", JOIN)


@pytest.fixture(scope="module")
def built(content):
    """Build into the kit's own slides/ (what a trainer opens), the half-day for a trainer."""
    build_all(content, SLIDES, pdf=False, details={"half-day": TRAINER})
    names = [d.id for d in content.decks] + [f"workshop-{w.id}" for w in content.workshops]
    return {name: (SLIDES / f"{name}.html").read_text(encoding="utf-8") for name in names}


def slides(page: str) -> list[dict]:
    """Each slide of a deck page: kind, group, item ids, visible text, footer and notes."""
    found = []
    for kind, group, items, body in SECTION.findall(page):
        notes = re.findall(r'<aside class="notes">(.*?)</aside>', body, re.S)[0]
        footer = "".join(re.findall(r"<footer[^>]*>(.*?)</footer>", body, re.S))
        shown = re.sub(r"<aside.*?</aside>|<footer.*?</footer>|<script.*?</script>", " ", body, flags=re.S)
        items = set((items or "").split()) | set(re.findall(r'data-item="([^"]+)"', shown))
        found.append(dict(kind=kind, group=group, items=items, text=plain(shown), footer=plain(footer),
                          notes=[plain(p) for p in re.findall(r"<p[^>]*>(.*?)</p>", notes, re.S)]))
    return found


def plain(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def test_slides_dir_is_the_checkouts():
    assert default_slides_dir() == SLIDES


def test_a_builder_for_every_section_and_a_sheet_for_every_handout():
    assert set(SECTIONS) == set(get_args(DeckSection))
    assert set(HANDOUTS) == set(get_args(Handout))


@pytest.mark.parametrize("section, text", [
    ("laws", "name"), ("lessons", "heading"), ("dimensions", "name"),
    ("team_process_models", "name"), ("team_management_types", "name"),
    ("team_dimensions", "name"), ("integration_levels", "name"), ("timescales", "name"),
    ("leadership_styles", "name"), ("boundary_spanner_roles", "name"), ("panel_themes", "name"),
])
def test_every_item_has_its_slide(content, built, section, text):
    shown = [s for name, page in built.items() if not name.startswith("workshop") for s in slides(page)]
    for item in getattr(content, section):
        assert any(item.id in s["items"] and " ".join(getattr(item, text).split()) in s["text"] for s in shown), item.id


def test_every_checklist_item_is_on_a_slide(content, built):
    shown = slides(built["outcomes-and-dimensions"])
    for checklist in content.checklists():
        for item in checklist.requires:
            assert any(item.id in s["items"] and item.text in s["text"] for s in shown), item.id


def test_the_new_decks_show_their_parts(content, built):
    leadership, culture, local = (plain(built[d]) for d in ("leadership", "culture", "local-context"))
    for role in content.boundary_spanner_roles:
        assert role.name in leadership
    for component in content.leadership_components:
        assert component.text in leadership
    for named in [*content.culture.sources_of_culture, *content.culture.layers,
                  content.culture.one_kettle_test, content.culture.melting_pot_question]:
        assert named.name in culture
    assert content.by_id("dimensions")["local-context"].name in local
    assert content.by_id("panel_themes")["place-based-approach"].name in local


@pytest.mark.parametrize("page", ["why-integrate", "five-laws", "ten-lessons", "outcomes-and-dimensions",
                                  "leadership", "culture", "local-context", "integrated-teams", "time",
                                  "workshop-half-day", "workshop-full-day"])
def test_a_slide_holds_at_most_forty_words(built, page):
    counts = [(s["text"][:50], len(s["text"].split())) for s in slides(built[page])]
    assert counts and [c for c in counts if c[1] > BUDGET] == []


def test_detail_moves_to_the_notes_whole(content, built):
    """Off the slide, in the notes: a law's explanation and example, a lesson's explanation."""
    notes = {n for s in slides(built["five-laws"]) + slides(built["ten-lessons"]) for n in s["notes"]}
    for law in content.laws:
        assert " ".join(law.explanation.split()) in notes and f"Example: {' '.join(law.example.split())}" in notes
    for lesson in content.lessons:
        assert " ".join(lesson.explanation.split()) in notes


@pytest.mark.parametrize("page", ["why-integrate", "five-laws", "ten-lessons", "outcomes-and-dimensions",
                                  "leadership", "culture", "local-context", "integrated-teams", "time",
                                  "workshop-half-day", "workshop-full-day"])
def test_notes_are_specific_to_each_slide(content, built, page):
    """Each slide's notes say where it is and for how long; no two slides' notes are the same, and
    a group's prompt is in its first slide's notes only."""
    shown = slides(built[page])
    wheres = [s["notes"][0] for s in shown]
    assert len(set(wheres)) == len(wheres)
    assert all(re.search(r"slide \d+ of \d+, about [\d½]+ min \(", w) for w in wheres if "about" in w)
    assert sum("about" in w for w in wheres) > len(wheres) / 2
    for deck in content.decks:
        for group in deck.groups:
            if f'data-group="{group.id}"' in built[page] and page == deck.id:
                carrying = [s for s in shown if " ".join(group.prompt.split()) in s["notes"]]
                assert len(carrying) == 1 and carrying[0]["group"] == group.id, (deck.id, group.id)


def test_a_deck_keeps_its_own_clock_and_a_workshop_the_time_of_day(built):
    assert "Five laws: slide 2 of 7, about 3½ min (minutes 7 to 10 of 38)" in built["five-laws"]
    assert "The five laws: slide 1 of 1, about 7 min (10:48 to 10:55)" in plain(built["workshop-half-day"])


def test_each_law_slide_asks_its_question(content, built):
    law_slides = slides(built["five-laws"])
    for law in content.laws:
        slide = next(s for s in law_slides if law.id in s["items"] and f"Law {law.number}" in s["text"])
        assert " ".join(law.question.split()) in slide["text"] and f"Ask: {' '.join(law.question.split())}" in slide["notes"]


def sources_by_id(content) -> dict[str, set[str]]:
    """Every item's id in the content with the short citations of its source (ids repeat across
    sections, so each id maps to all of them)."""
    found: dict[str, set[str]] = {}
    for section in type(content).model_fields:
        for item_id, item in items_with_sources(getattr(content, section)).items():
            found.setdefault(item_id, set()).add(content.source(item.source).short())
    return found


def test_every_footer_lists_each_source_its_slide_shows(content, built):
    cites = sources_by_id(content)
    for name, page in built.items():
        for s in slides(page):
            for item in s["items"] & set(cites):
                assert any(c in s["footer"] for c in cites[item]), (name, item, s["footer"])


def test_a_slide_naming_two_works_cites_both(content, built):
    """Slip 9: the team dimensions include one from Ovretveit (1996), the chart of timescales draws
    on several studies; each footer names every one."""
    team = next(s for s in slides(built["integrated-teams"]) if s["group"] == "describing")
    for d in content.team_dimensions:
        assert content.source(d.source).short() in team["footer"]
    chart = next(s for s in slides(built["time"]) if s["group"] == "timescales")
    for t in content.timescales:
        if t.years is not None:
            assert content.source(t.source).short() in chart["footer"], t.id


def test_every_link_is_local_and_exists(built):
    pages = {**built, "index": (SLIDES / "index.html").read_text(encoding="utf-8"),
             "trainer-guide": (SLIDES / "trainer-guide.html").read_text(encoding="utf-8")}
    for name, text in pages.items():
        for link in map(html.unescape, LINK.findall(text)):
            if link == "data:," or link.startswith(JOIN.split("?")[0]):  # no favicon; the join address
                continue
            assert not re.match(r"^[a-z]+:", link) and (SLIDES / link).is_file(), (name, link)


def test_vendored_assets_keep_their_licences():
    assert "MIT" in (REVEAL_JS / "LICENSE").read_text()
    assert '"version": "4.6.1"' in (REVEAL_JS / "package.json").read_text()
    font = SLIDES / "vendor" / "atkinson-hyperlegible-5.3.0"
    assert "SIL Open Font License" in (font / "LICENSE").read_text()


def test_reveal_js_is_vendored_once():
    """One copy, where Voila serves the live decks; the decks get a copy when built."""
    tracked = subprocess.run(["git", "ls-files", "*/reveal.js", "*/reveal.css"], capture_output=True,
                             text=True, cwd=ROOT, check=True).stdout.split()
    assert tracked == [str((REVEAL_JS / "dist" / name).relative_to(ROOT))
                       for name in ("reveal.css", "reveal.js")]


def test_only_the_decks_with_charts_load_plotly(built):
    assert sorted(d for d, text in built.items() if "plotly.min.js" in text) == [
        "integrated-teams", "time", "workshop-full-day"]
    assert (SLIDES / "vendor" / "plotly.js" / "plotly.min.js").stat().st_size > 1_000_000


def test_the_team_models_are_drawn_as_the_kits_diagrams(content, built):
    page = built["integrated-teams"]
    charts = re.findall(r'<div class="chart" role="img" aria-label="([^"]*)" data-chart>', page)
    assert len(charts) == len(content.team_process_models) + len(content.team_management_types)
    for model in content.team_process_models:
        assert any(html.unescape(alt).startswith(f"{model.name}, the route of a referral") for alt in charts)


def test_index_shows_the_guides_plans(content, built):
    index = (SLIDES / "index.html").read_text(encoding="utf-8")
    guide = (SLIDES / "trainer-guide.html").read_text(encoding="utf-8")
    for w in content.workshops:
        table = re.compile(rf'<table class="run-sheet" data-workshop="{w.id}">.*?</table>', re.S)
        assert table.findall(index) == table.findall(guide) != []
        assert f'href="workshop-{w.id}.html"' in index
    assert "<td>09:30</td><td>15</td>" in index and "Half-day workshop: 09:30 to 13:00 (210 minutes)" in index
    for deck in content.decks:
        assert f'href="{deck.id}.html"' in index


def test_the_workshop_is_one_deck_from_the_plan(content, built):
    """Title with the trainer's details (escaped), an agenda, the decks in plan order, a slide for
    every block with its minutes, and each dashboard's address with its token and a QR code."""
    plan = content.by_id("workshops")["half-day"]
    page = built["workshop-half-day"]
    shown = slides(page)
    title = shown[0]
    assert title["kind"] == "title" and "Ann <b>Lee</b>" in title["text"] and "Care & Co" in title["text"]
    assert "Ann &lt;b&gt;Lee&lt;/b&gt;" in page and "Care &amp; Co" in page and "3 May 2027" in title["text"]
    assert shown[-1]["text"] == "Thank you Ann <b>Lee</b> Care & Co"
    agenda = " ".join(s["text"] for s in shown if s["group"] == "agenda")
    assert all(b.title in agenda for b in plan.blocks) and "09:30" in agenda and "12:40" in agenda
    decks = content.by_id("decks")
    assert [s["text"].split(" about ")[0] for s in shown if s["kind"] == "section" and s["group"].endswith("-deck")] == [
        f"{decks[b.deck].title} {decks[b.deck].subtitle}" for b in plan.blocks if b.deck]
    for block in plan.blocks:
        own = [s for s in shown if s["group"] == block.id and s["kind"] in ("activity", "break", "close")]
        assert len(own) == 1 and own[0]["kind"] == block.kind, block.id
        left = block.minutes - (decks[block.deck].minutes if block.deck else 0)
        assert f"{left} minutes" in own[0]["text"], block.id
        if block.dashboard:
            address = dashboard_address(JOIN, block.dashboard)
            assert address.endswith(f"/voila/render/{block.dashboard}.ipynb?token=s3cret")
            assert address in own[0]["text"] and "Without the dashboard" in " ".join(own[0]["notes"])
    assert page.count('class="segno"') == len(
        [b for b in plan.blocks if b.dashboard])


def test_a_workshop_without_a_join_address_says_who_gives_it(content, built):
    page = plain(built["workshop-full-day"])
    assert "from the address the trainer gives" in page and "segno" not in built["workshop-full-day"]


def test_leading_keeps_whole_sentences_or_a_clause_or_marks_the_cut():
    assert leading("One two. Three four five.", 3) == "One two."
    assert leading("Local versus national: a long explanation follows here", 4) == "Local versus national"
    assert leading("It says that, since a long thing is true, much else follows from it", 8) == "It says that …"
    assert leading("No way to cut this short", 3) == "No way …"


def test_a_long_list_is_shared_out_evenly():
    entries = [Entry(f"entry {i} " + "word " * 8) for i in range(7)]  # 10 words each
    shown = listing("Heading", entries)
    assert sorted(len(s.parts[0].entries) for s in shown) == [2, 2, 3]  # not 3, 3 and 1
    assert [s.heading for s in shown] == ["Heading (1 of 3)", "Heading (2 of 3)", "Heading (3 of 3)"]


def test_cli_builds_elsewhere_with_vendor_beside(tmp_path, capsys):
    assert main(["slides", "--no-pdf", "--out", str(tmp_path), "--plan", "full-day", "--trainer", "Jo"]) == 0
    out = capsys.readouterr().out
    assert "wrote" in out and f"{tmp_path / 'workshop-full-day.html'}" in out
    assert (tmp_path / "five-laws.html").is_file() and (tmp_path / "trainer-guide.html").is_file()
    assert (tmp_path / "vendor" / "reveal.js-4.6.1" / "dist" / "reveal.js").is_file()
    assert "Jo" in (tmp_path / "workshop-full-day.html").read_text(encoding="utf-8")
    assert not (tmp_path / "handouts").exists() and not (tmp_path / "pdf").exists()


@pytest.mark.parametrize("args, message", [
    (["--trainer", "Jo"], "--trainer is for one workshop: say which with --plan (half-day or full-day)"),
    (["--plan", "weekend"], "there is no plan 'weekend'; the plans are half-day and full-day"),
    (["--plan", "half-day", "--join", "10.0.0.7:8866"], "--join must be a web address starting with http://"),
    (["--plan", "half-day", "--join", "http://HOST:8866/?token=x"], "--join: replace HOST in the address"),
])
def test_cli_says_what_is_wrong_with_the_details(tmp_path, capsys, args, message):
    assert main(["slides", "--no-pdf", "--out", str(tmp_path), *args]) == 2
    assert f"ickit slides: {message}" in capsys.readouterr().err
    assert not (tmp_path / "index.html").exists()
