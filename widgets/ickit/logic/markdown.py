"""Markdown from plain text and from the kit's card HTML: the learner notebooks, and every Markdown
export of what people typed.

Text is escaped so that it reads in Markdown exactly as written, in ``data/`` or by a person: no
emphasis, link, HTML or maths (JupyterLab reads ``$`` as maths) comes from a character in it, so a
name such as ``<img src=x onerror=...>`` or ``[click](javascript:...)`` is shown as typed, never as a
tag or a link. One line of text (a paragraph, a table cell, a title, a name in a sentence) goes
through :func:`paragraph`, text of several lines (a note, a reflection) through :func:`lines`. The
HTML is the small set the kit's cards are drawn with (``ickit.cards``): headings, paragraphs, lists,
tables and a few inline tags; any other tag keeps its text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SPECIAL = re.compile(r"([\\`*\[\]<>$|~])|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|&(?=#?[0-9A-Za-z]+;)")
# what opens a block at the start of a line: a heading, quote or list item, or a line of only '='
# or '-' (a setext heading's underline, a thematic break)
_LINE_START = re.compile(r"^(\s*)(?:([#>+-])(?=\s|$)|([=-])(?=[=-]*\s*$)|(\d+)([.)])(?=\s|$))")
_INLINE = {"b": "**", "strong": "**", "i": "*", "em": "*", "cite": "*", "small": "*"}
_BLOCKS = {"p", "div", "section", "table", "blockquote"}


def escape(text: str) -> str:
    """``text`` as Markdown that shows it as it is; an underscore inside a word is left alone, as
    Markdown does not read it there, and an ``&`` is escaped where it would start an entity."""
    return _SPECIAL.sub(lambda m: "\\" + m.group(0), text)


def _not_a_marker(line: str) -> str:
    """A line that would start a heading, quote, list item or rule, with that character escaped."""
    found = _LINE_START.match(line)
    if not found:
        return line
    indent, mark, rule, number, dot = found.groups()
    start = f"{indent}\\{mark or rule}" if mark or rule else f"{indent}{number}\\{dot}"
    return start + line[found.end():]


def paragraph(text: str) -> str:
    """Plain text as one line of Markdown: a paragraph, a table cell, a title."""
    return _not_a_marker(escape(" ".join(text.split())))


def lines(text: str) -> str:
    """Plain text of several lines as Markdown: each line kept as a line (a hard break), and
    blank lines as paragraph breaks."""
    return "\n\n".join("  \n".join(_not_a_marker(escape(line.strip()))
                                   for line in block.splitlines() if line.strip())
                       for block in re.split(r"\n\s*\n", text.strip()))


def bullets(texts, numbered: bool = False) -> str:
    """A Markdown list of plain texts."""
    return "\n".join(f"{f'{i}.' if numbered else '-'} {paragraph(t)}" for i, t in enumerate(texts, 1))


def from_html(html: str, heading_shift: int = 0) -> str:
    """The Markdown of ``html``; headings move ``heading_shift`` levels (``-1``: ``h4`` -> ``###``)."""
    converter = _Converter(heading_shift)
    converter.feed(html)
    converter.close()
    return converter.markdown()


class _Converter(HTMLParser):
    def __init__(self, heading_shift: int):
        super().__init__(convert_charrefs=True)
        self.shift = heading_shift
        self.blocks: list[tuple[str, int | None]] = []  # (Markdown, the list it is an item of)
        self.lists_seen = 0
        self.words: list[str] = []
        self.marker = ""  # what the block being gathered starts with: '## ', '- ', '1. '
        self.lists: list[list] = []  # [tag, items so far, its number] of each open list
        self.rows: list[list[str]] | None = None
        self.code: list[str] | None = None
        self.href: str | None = None

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self._end_block()
            self.marker = "#" * min(6, max(1, int(tag[1]) + self.shift)) + " "
        elif tag in ("ul", "ol"):
            self._end_block()
            self.lists_seen += 1
            self.lists.append([tag, 0, self.lists_seen])
        elif tag == "li" and self.lists:
            self._end_block()
            self.lists[-1][1] += 1
            kind, count, _ = self.lists[-1]
            self.marker = "   " * (len(self.lists) - 1) + ("-" if kind == "ul" else f"{count}.") + " "
        elif tag == "tr":
            self.rows = (self.rows or []) + [[]]
        elif tag in ("td", "th"):
            self.words = []
        elif tag in _BLOCKS and not self.marker:
            self._end_block()
        elif tag in _INLINE:
            self.words.append(_INLINE[tag])
        elif tag == "code":
            self.code = []
        elif tag == "br":
            self.words.append("<br>")
        elif tag == "a":
            self.href = dict(attrs).get("href")
            self.words.append("[")

    def handle_endtag(self, tag):
        if re.fullmatch(r"h[1-6]", tag) or tag == "li" or (tag in _BLOCKS - {"table"} and not self.marker):
            self._end_block()
        elif tag in ("ul", "ol") and self.lists:
            self._end_block()
            self.lists.pop()
        elif tag in ("td", "th") and self.rows:
            self.rows[-1].append(self._take_words())
        elif tag == "table" and self.rows:
            self._table()
        elif tag in _INLINE:
            self.words.append(_INLINE[tag])
        elif tag == "code" and self.code is not None:
            self.words.append(f"`{''.join(self.code)}`")
            self.code = None
        elif tag == "a" and self.href is not None:
            self.words.append(f"]({self.href})")
            self.href = None

    def handle_data(self, data):
        if self.code is not None:
            self.code.append(data)
        else:
            self.words.append(escape(re.sub(r"\s+", " ", data)))

    def _take_words(self) -> str:
        text, self.words = re.sub(r" +", " ", "".join(self.words)).strip(), []
        return text

    def _end_block(self):
        text = self._take_words()
        if text:
            item = self.lists[-1][2] if self.lists and not self.marker.startswith("#") else None
            self.blocks.append((self.marker + (text if self.marker.startswith("#") else _not_a_marker(text)), item))
        self.marker = ""

    def _table(self):
        rows, self.rows = self.rows, None
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        lines = [f"| {' | '.join(rows[0])} |", "|" + "---|" * width] + [f"| {' | '.join(r)} |" for r in rows[1:]]
        self.blocks.append(("\n".join(lines), None))

    def markdown(self) -> str:
        self._end_block()
        out = ""
        for i, (text, item) in enumerate(self.blocks):
            if i:
                out += "\n" if item is not None and item == self.blocks[i - 1][1] else "\n\n"
            out += text
        return out
