"""Room for labels and legends: margins that fit them before plotly draws a chart.

Plotly fits labels that do not fit their margin (automargin) by drawing the chart, measuring, and
drawing it again: the timeline planner's first chart took 80 ms so, and 34 ms with room left for
its labels. Widths are estimated generously, from DejaVu Sans, a face with Verdana's proportions,
the widest of plotly's default fonts (``"Open Sans", verdana, arial``). A label wider than
estimated, or a legend that wraps on a narrow screen, is still fitted by automargin.
"""

from __future__ import annotations

import math
import re

# DejaVu Sans's advance widths, in hundredths of an em rounded up, of the printable ASCII characters
_EM_100THS = {
    28: "'ijl", 30: "IJ", 32: " ,.", 34: "/:;\\|", 36: "f", 37: "-", 40: "()[]t", 41: "!", 42: "r",
    46: '"', 50: "*_`", 53: "sz", 54: "?", 55: "c", 56: "L", 58: "Fk", 60: "vxy", 61: "P",
    62: "TYaeo", 64: "$0123456789ESbdghnpqu{}", 66: "K", 69: "ABVXZ", 70: "CR", 74: "U", 75: "N",
    76: "H", 77: "D", 78: "&G", 79: "OQ", 82: "w", 84: "#+<=>^~", 87: "M", 96: "%", 98: "m",
    99: "W", 100: "@",
}
_EM = {ch: width / 100 for width, chars in _EM_100THS.items() for ch in chars}
_OTHER_EM = 1.1  # beyond ASCII: as wide as a CJK character or a wide Cyrillic capital
_BOLD = 1.15  # bold text is wider

# plotly's label markup (svg_text_utils.js): <br> breaks a line; these tags style the text and
# are not drawn; any other tag is drawn as text, as is an entity plotly does not know
_PART = re.compile(r"(<[^<>]*>)")
_TAG = re.compile(r"<(/?)([^ >]*)(\s+.*)?>", re.IGNORECASE)
_STYLES = {"sup", "sub", "s", "u", "b", "i", "a", "span", "em"}
_ENTITY = re.compile(r"&(#x[0-9a-f]+|#[0-9]+|[a-z]+);", re.IGNORECASE)
_NAMED = {"mu": "μ", "amp": "&", "lt": "<", "gt": ">", "nbsp": " ", "times": "×", "plusmn": "±",
          "deg": "°"}

TICK_PAD = 14  # pixels: plotly's 12 between the labels and the edge, and a little to spare
MAX_LABEL_ROOM = 400  # pixels: past this, labels take automargin's room, which keeps a plot
LEGEND_ROW, LEGEND_FRAME = 19, 24  # pixels: a row of a legend; its padding, its gap, to spare
LEGEND_ENTRY, LEGEND_TITLE_GAP = 50, 10  # pixels of an entry beyond its text; after the title


def _entity(found: re.Match) -> str:
    code = found.group(1).lower()
    if code.startswith("#x"):
        return chr(int(code[2:], 16))
    if code.startswith("#"):
        return chr(int(code[1:]))
    return _NAMED.get(code, found.group(0))


def text_width(label: str, size: float = 12) -> float:
    """The width in pixels of ``label``, in plotly's label markup, in a font of ``size`` pixels:
    its widest line."""
    lines, bold = [0.0], False
    for part in _PART.split(label):
        tag = _TAG.fullmatch(part)
        name = tag.group(2).lower() if tag else ""
        if name == "br":
            lines.append(0.0)
        elif name in _STYLES:
            if name in ("b", "em"):
                bold = not tag.group(1)  # <b> starts bold text, </b> ends it
        else:
            ems = sum(_EM.get(ch, _OTHER_EM) for ch in _ENTITY.sub(_entity, part))
            lines[-1] += ems * (_BOLD if bold else 1)
    return size * max(lines)


def label_room(labels, size: float = 12) -> int:
    """Pixels of margin for tick labels ``labels`` beside a plot."""
    widest = max((text_width(label, size) for label in labels), default=0)
    return min(math.ceil(widest + TICK_PAD), MAX_LABEL_ROOM)


def legend_rows(names, width: float, title: str = "") -> int:
    """The rows a horizontal legend of entries ``names`` (after ``title``) fills in ``width``."""
    rows, used = 1, text_width(title) + LEGEND_TITLE_GAP if title else 0
    for name in names:
        item = text_width(name) + LEGEND_ENTRY
        if used and used + item > width:
            rows, used = rows + 1, 0
        used += item
    return rows


def legend_below(height: int, top: int, y: float, rows: int = 1) -> int:
    """Pixels of bottom margin for a horizontal legend of ``rows`` rows whose top is at ``y``
    (below 0: a share of the plot's height under it) in a chart ``height`` pixels high with a top
    margin of ``top``: the plot's height depends on the margin, hence the division."""
    return math.ceil((LEGEND_ROW * rows + LEGEND_FRAME - y * (height - top)) / (1 - y))
