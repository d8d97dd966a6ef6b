"""Topic cards come from one library (ickit.cards), and every card names its source."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from ickit import cards
from ickit.errors import KitInputError
from ickit.views.contents import render_cards
from ickit.logic.contents import TOPICS

PACKAGE = Path(__file__).resolve().parents[1] / "widgets" / "ickit"
CARD = re.compile(r'<div class="ickit-card"(?: data-item="([^"]*)")?>(.*?)<p class="cite"><small>Source: '
                  r'([^<]*)</small></p>\s*</div>', re.S)


def shown_cards(page: str) -> list[tuple[str, str, str]]:
    """(item id, body, citation) of every card on ``page``; each card must end with its source."""
    found = CARD.findall(page)
    assert len(found) == page.count('class="ickit-card"'), "a card without its source line"
    return [(item, body, html.unescape(cite)) for item, body, cite in found]


def items_with_sources(value) -> dict:
    """Every item within ``value`` (a section) that has an id and a source, by id, outermost first."""
    found = {}

    def walk(node):
        if isinstance(node, BaseModel):
            if "id" in type(node).model_fields and "source" in type(node).model_fields:
                found.setdefault(node.id, node)
            for name in type(node).model_fields:
                walk(getattr(node, name))
        elif isinstance(node, list):
            for child in node:
                walk(child)
    walk(value)
    return found


@pytest.mark.parametrize("detail", ["gist", "card", "full"])
def test_every_topic_card_renders_its_items_citation(content, detail):
    for section in cards.sections():
        known = items_with_sources(getattr(content, section))
        page = cards.render(content, section, detail=detail)
        for item, _body, cite in shown_cards(page):
            assert cite in {content.citation(s.id) for s in content.sources}, (section, cite)
            if item in known:
                assert cite == content.citation(known[item].source), (section, item)


def test_dashboard_and_team_selector_cards_name_their_sources(content):
    from ickit.views.team_selector import team_selector
    for topic in TOPICS:
        assert shown_cards(render_cards(content, topic, ""))
    view = team_selector(content)
    for card in view.explore.cards.values():
        assert shown_cards(card.value)


def test_a_point_from_another_source_names_its_own(content):
    """Nothing is shown under a source that does not say it: a listed point, a fact or a reason
    whose source is not its card's is followed by its own citation."""
    points = [p for p in _points(content)]
    assert points
    for section in cards.sections():
        for _item, body, cite in shown_cards(cards.render(content, section, detail="full")):
            text = html.unescape(body)
            for p in points:
                if p.text in text and content.citation(p.source) != cite:
                    assert f"{p.text} – {content.citation(p.source)}" in re.sub(r"<[^>]+>", "", text), \
                        (section, p.text)


def _points(content):
    def walk(node):
        if isinstance(node, BaseModel):
            fields = type(node).model_fields
            if "text" in fields and "source" in fields:
                yield node
            for name in fields:
                yield from walk(getattr(node, name))
        elif isinstance(node, list):
            for child in node:
                yield from walk(child)
    return list(walk(content))


def test_text_from_data_is_escaped(content):
    law = content.laws[0].model_copy(update={"name": "<b>x</b> & y"})
    changed = content.model_copy(update={"laws": [law, *content.laws[1:]]})
    page = cards.render(changed, "laws", only=law.id)
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in page and "<b>x</b>" not in page


def test_unknown_names_give_a_plain_message(content):
    with pytest.raises(KitInputError, match="There is no topic 'nothing'; the topics are: "):
        cards.render(content, "nothing")
    with pytest.raises(KitInputError, match="There is no item 'nobody' in laws"):
        cards.render(content, "laws", only="nobody")
    assert cards.render(content, "integration-levels") == cards.render(content, "integration_levels")


def test_items_give_each_card_with_its_text(content):
    found = cards.items(content, "lessons")
    assert [c.id for c in found] == [x.id for x in sorted(content.lessons, key=lambda x: x.number)]
    assert all(c.text.startswith(f"Lesson {n}:") and "Source: " in c.text for n, c in enumerate(found, 1))


def test_only_the_card_library_writes_a_card():
    """One renderer: no view, logic or material builds the card markup itself."""
    writers = [p.relative_to(PACKAGE).as_posix()
               for p in [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.jinja2")]
               if 'class="ickit-card"' in p.read_text(encoding="utf-8")]
    assert writers == ["cards/templates/cards.html.jinja2"]
