"""One short citation, from ``Source.short()``, and what a learner reads, ``Content.citation()``,
which adds the source text a work is known through; nothing else in the kit formats one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ickit.content.models import Source

PACKAGE = Path(__file__).resolve().parents[1] / "widgets" / "ickit"


@pytest.mark.parametrize("key, short", [
    ("petch2014", "Petch (2014)"),                        # one named author
    ("freeman-peck2006", "Freeman and Peck (2006)"),       # two
    ("warne2007", "Warne et al (2007)"),                   # more than two
    ("ling2012", "Ling et al (2012)"),                     # "et al" in the data
    ("icn2008", "Integrated Care Network (2008)"),         # a body, not a person
    ("tenth-lesson-2013", "Here Endeth the 10th Lesson (2013)"),  # no author named: the title
    ("kit", "kit commentary"),
])
def test_short_citation(content, key, short):
    assert content.source(key).short() == short


@pytest.mark.parametrize("key, reference", [
    ("petch2014", "Petch A. Delivering integrated care and support (2014). Iriss Insight 24 (3 Feb 2014), "
                  "Glasgow: Iriss."),
    ("sullivan-williams2012", "Sullivan H and Williams P. Whose kettle? (2012). Journal of Health "
                              "Organization and Management, vol. 26, no. 6, pp. 697-712."),
    ("icb-panel", "Panel discussion on integrated care boards (ICBs) and integrated care partnerships "
                  "(ICPs) (no date)."),
    ("tenth-lesson-2013", "Here Endeth the 10th Lesson (2013). News and Comment, 12 November 2013."),
])
def test_full_reference(content, key, reference):
    assert content.source(key).reference() == reference


@pytest.mark.parametrize("key, shown", [
    ("petch2014", "Petch (2014)"),
    ("williams2012", "Williams (2012), as cited in Petch (2014)"),
    ("leutz1999", "Leutz (1999)"),
    ("kit", "kit commentary"),
])
def test_citation_names_the_source_text_a_work_is_known_through(content, key, shown):
    assert content.citation(key) == shown


def test_no_year_and_no_author():
    assert Source(id="x", title="A talk").short() == "A talk"


def test_unnamed_authors_are_left_out_not_spelled_out(content):
    for source in content.sources:
        assert source.authors is None or "named" not in source.authors.lower()
        if source.authors is None:
            assert "named" in (source.note or "") or "not given" in (source.note or "")


def test_no_other_code_formats_a_citation():
    """Views, logic and materials call ``Source.short()`` or ``Content.citation()``; none reads
    authors or year itself."""
    offenders = []
    for path in [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.jinja2")]:
        if path.name in ("models.py", "schema.py") and path.parent.name == "content":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"\.authors\b|def (cite|citation)\b|source\([^)]*\)\.year", text):
            offenders.append(path.relative_to(PACKAGE).as_posix())
    assert offenders == []
