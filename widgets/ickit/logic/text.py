"""Small text helpers shared by the exports: typed text made literal in Markdown, and a file-name slug.

What a person typed reaches a Markdown export through :func:`md_cell` (one line: a table cell, a
title, a name in a sentence) or :func:`md_text` (several lines: a note, a reflection). Both escape
every character that Markdown or HTML would read as markup with a backslash (CommonMark lets any
ASCII punctuation be escaped so), so a name such as ``<img src=x onerror=...>`` or
``[click](javascript:...)`` is shown as typed, never as a tag or a link.
"""

from __future__ import annotations

import re

# inline markup: emphasis, code, links and images, raw HTML, GFM tables and strikethrough, math
INLINE = re.compile(r"([\\`*_\[\]<>|~$])")
ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")  # "&amp;" would be read as "&"
# what opens a block at the start of a line: a heading, a list item, a setext underline (a quote's
# ">" is escaped as inline markup)
BLOCK_MARK = re.compile(r"^([#+=-])")
ORDERED_ITEM = re.compile(r"^([0-9]+)([.)])")


def _inline(text: str) -> str:
    return ENTITY.sub(r"\\&", INLINE.sub(r"\\\1", text))


def md_cell(text: str) -> str:
    """Typed text shown as typed inside one Markdown line (a table cell, a title): on one line,
    its markup escaped."""
    return _inline(" ".join(text.split()))


def md_text(text: str) -> str:
    """Typed text of several lines shown as typed in Markdown: its markup escaped, each line kept
    as a line (a hard break) and blank lines as paragraph breaks."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join("  \n".join(_line_start(_inline(line.strip()))
                                   for line in paragraph.splitlines() if line.strip())
                       for paragraph in paragraphs)


def _line_start(line: str) -> str:
    return ORDERED_ITEM.sub(r"\1\\\2", BLOCK_MARK.sub(r"\\\1", line))


def slug(text: str, default: str) -> str:
    """Lower-case letters and digits joined by single hyphens; ``default`` when nothing is left."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or default
