"""One rating scale per activity, kept once in data/assessment.yaml: the dashboards, the decks and
the printed handouts all show that one, and nothing in the kit asks for another."""

import html
import re
from pathlib import Path

import pytest

from ickit.materials import build_all
from ickit.materials.handouts import HANDOUTS
from ickit.materials.render import render
from ickit.views.common import NO_CHOICE
from ickit.views.lessons_check import lessons_check_view
from ickit.views.readiness import readiness_view

ROOT = Path(__file__).resolve().parents[1]
NUMBER = r"(\d+|nought|zero|one|two|three|four|five|six|seven|ten)"
# a range someone is asked to rate or score on: "score ... from 1 (not at all) to 5", "a 1-5 scale"
RANGES = re.compile(rf"\b(?:rat|scor)\w*\b[^.<]{{0,80}}?\bfrom\s+{NUMBER}\b[^.<]{{0,40}}?\bto\s+{NUMBER}\b"
                    rf"|\b{NUMBER}\s*(?:-|–|to)\s*{NUMBER}\s+(?:scale|rating|score)", re.I)
WORDS = {"nought": 0, "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
         "seven": 7, "ten": 10}
SCALES = {"readiness": ("readiness", "outcomes-and-dimensions", "six-dimensions-checklist"),
          "lessons_check": ("lessons check", "ten-lessons", "ten-lessons-check")}


def steps(scale) -> list[str]:
    return [f"{p.value} {p.label}" for p in scale.scale]


@pytest.fixture(scope="module")
def decks(content, tmp_path_factory):
    out = tmp_path_factory.mktemp("slides")
    build_all(content, out, pdf=False)
    return {path.stem: html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))
            for path in out.glob("*.html")}


@pytest.mark.parametrize("name", SCALES)
def test_the_dashboard_offers_the_scale_from_data(content, name):
    scale = getattr(content.assessment, name)
    view = readiness_view(content) if name == "readiness" else lessons_check_view(content)
    for dropdown in view.controls.values():
        assert [label for label, value in dropdown.options if value != NO_CHOICE] == steps(scale)


@pytest.mark.parametrize("name", SCALES)
def test_the_deck_shows_the_scale_from_data(content, decks, name):
    scale, deck = getattr(content.assessment, name), SCALES[name][1]
    text = " ".join(decks[deck].split())
    assert scale.prompt in text and all(step in text for step in steps(scale))


@pytest.mark.parametrize("name", SCALES)
def test_the_handout_prints_the_scale_from_data(content, name):
    scale, sheet = getattr(content.assessment, name), HANDOUTS[SCALES[name][2]]
    page = html.unescape(render(sheet.template, content, title="t", vendor="../vendor"))
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert all(f"{p.value} {p.label}" in text for p in scale.scale)
    assert all(p.meaning in text for p in scale.scale)


def test_nothing_asks_for_another_scale(content, decks):
    """Every range anyone is asked to rate or score on, in the data, the materials' templates and
    what they build, is one of the scales in data/ (no "from 1 to 5" beside a scale of 0 to 3)."""
    texts = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "data").glob("*.yaml")}
    templates = ROOT / "widgets" / "ickit" / "materials" / "templates"
    texts.update({p.name: p.read_text(encoding="utf-8") for p in templates.glob("*.jinja2")})
    texts.update(decks)
    kept = {(0, getattr(content.assessment, name).top) for name in SCALES}
    found = {name: [(number(a or c), number(b or d)) for a, b, c, d in RANGES.findall(" ".join(text.split()))]
             for name, text in texts.items()}
    assert {name: ranges for name, ranges in found.items() if set(ranges) - kept} == {}


def number(word: str) -> int:
    return int(word) if word.isdigit() else WORDS[word.lower()]


def test_the_check_for_other_scales_finds_them():
    assert RANGES.findall("score your partnership from 1 (not at all) to 5 (fully)")
    assert RANGES.findall("rate it from one to five in their heads")
    assert RANGES.findall("on a 1-5 scale") and not RANGES.findall("laws 3 to 5: stakeholder map")
