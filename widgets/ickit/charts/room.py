"""Room for labels: how wide a label will be drawn, estimated generously, so that a chart leaves
room for its labels before plotly draws it.

Plotly fits labels that do not fit their margin (automargin) by drawing the chart, measuring, and
drawing it again: the timeline planner's first chart took 80 ms so, and 34 ms with room left for
its labels. The widths are DejaVu Sans's, a face with Verdana's proportions, the widest of
plotly's default fonts (``"Open Sans", verdana, arial``); a label wider than estimated is still
fitted by automargin.
"""

from __future__ import annotations

import html
import re

# DejaVu Sans's advance widths, in hundredths of an em, of the printable ASCII characters
_EM_100THS = {
    27: "'", 28: "ijl", 29: "IJ", 32: " ,.", 34: "/:;\\|", 35: "f", 36: "-", 39: "()[]t", 40: "!",
    41: "r", 46: '"', 50: "*_`", 52: "sz", 53: "?", 55: "c", 56: "L", 58: "Fk", 59: "vxy", 60: "P",
    61: "TYao", 62: "e", 63: "ESbdghnpqu", 64: "0123456789${}", 66: "K", 68: "AV", 69: "BRXZ",
    70: "C", 73: "U", 75: "HN", 77: "DG", 78: "&", 79: "OQ", 82: "w", 84: "#+<=>^~", 86: "M",
    95: "%", 97: "m", 99: "W", 100: "@",
}
_EM = {ch: width / 100 for width, chars in _EM_100THS.items() for ch in chars}
_OTHER_EM = 0.8  # a character beyond ASCII: as wide as most capitals
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")

TICK_PAD = 12  # pixels between a tick label and the plot, and beyond the label
LEGEND_PAD = 70  # pixels of a legend beside the plot beyond its widest entry's text


def text_width(label: str, size: float = 12) -> float:
    """The width in pixels of ``label`` (plotly's label markup: ``<br>`` breaks lines, other tags
    and entities are drawn as text) in a font of ``size`` pixels: its widest line."""
    lines = _BREAK.split(label)
    return size * max(sum(_EM.get(ch, _OTHER_EM) for ch in html.unescape(_TAG.sub("", line)))
                      for line in lines)


def label_room(labels, size: float = 12) -> int:
    """Pixels of margin for tick labels ``labels`` beside a plot."""
    return round(max((text_width(label, size) for label in labels), default=0) + TICK_PAD)


def legend_room(names, size: float = 12) -> int:
    """Pixels of margin for a legend beside a plot, with entries (and title) ``names``."""
    return round(max((text_width(name, size) for name in names), default=0) + LEGEND_PAD)
