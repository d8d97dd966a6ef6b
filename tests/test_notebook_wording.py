"""Learner notebooks say each thing once, and counts in their wording follow the data."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NUMBER_WORDS = r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b"


def markdown(path: Path) -> list[str]:
    return [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"]


def test_no_heading_typed_for_a_notebook_holds_a_count(content):
    """A count in a heading goes stale when the data grows; counted() makes those that need one."""
    for layout in content.notebooks.layouts:
        for section in layout.sections:
            assert not re.search(NUMBER_WORDS, section.heading.lower()), f"{layout.part}: {section.heading}"


def test_start_here_says_how_to_run_cells_once():
    text = " ".join(markdown(ROOT / "notebooks" / "00_start_here.ipynb")).lower()
    assert text.count("shift+enter") == 1


def test_counts_in_wording_follow_the_data(content):
    from ickit import cards
    from ickit.logic.contents import TOPICS
    from ickit.logic.words import counted, number_word

    assert number_word(content.laws) == "five" and number_word(13) == "13"
    assert counted(content.lessons, "lessons") == "Ten lessons"
    assert not any(re.search(NUMBER_WORDS, name.lower()) for name in TOPICS)
    one_layer = content.model_copy(update={"leadership_components": content.leadership_components[:1]})
    assert "One components" in cards.render(one_layer, "leadership_components")


def test_no_count_is_typed_into_code_or_templates():
    package = ROOT / "widgets" / "ickit"
    typed = re.compile(r"(?i)[\"'>]\s*(three|four|five|six|seven|eight|nine|ten) "
                       r"(laws|lessons|questions|dimensions|levels|components|layers|team|management|distinctions)")
    offenders = [f"{p.relative_to(package)}: {m.group(0)}"
                 for p in [*package.rglob("*.py"), *package.rglob("*.jinja2")]
                 for m in typed.finditer(p.read_text(encoding="utf-8"))]
    assert offenders == []
