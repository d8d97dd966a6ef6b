"""One reveal.js deck per part, and an index that doubles as a timed run sheet."""

from __future__ import annotations

import shutil
from pathlib import Path

import plotly

from ..charts.timescales import timescales_figure
from ..content import Content
from .render import render, write

VENDOR = "vendor"
PLOTLY_JS = Path(VENDOR, "plotly.js", "plotly.min.js")


def build_decks(content: Content, out: Path) -> list[Path]:
    """Write ``<deck id>.html`` for every deck and ``index.html``; copy plotly.js beside them."""
    charts = {"timescales": timescales_figure(content.timescales).to_json()}
    decks = sorted(content.decks, key=lambda d: d.order)
    written = [write(out / f"{deck.id}.html",
                     render("deck.html.jinja2", content, deck=deck, charts=charts,
                            vendor=VENDOR, plotly_js=PLOTLY_JS.as_posix()))
               for deck in decks]
    written.append(write(out / "index.html", render("index.html.jinja2", content, decks=decks,
                                                    dashboards=dashboards_by_deck(content))))
    written.append(copy_plotly_js(out / PLOTLY_JS))
    return written


def dashboards_by_deck(content: Content) -> dict[str, list[str]]:
    """The titles of the dashboards the workshop plans open alongside each deck."""
    titles = {d.notebook.removesuffix(".ipynb"): d.title for d in content.dashboards}
    found: dict[str, list[str]] = {}
    for block in (b for w in content.workshops for b in w.blocks if b.deck and b.dashboard):
        title = titles.get(block.dashboard, block.dashboard)
        if title not in found.setdefault(block.deck, []):
            found[block.deck].append(title)
    return found


def copy_plotly_js(target: Path) -> Path:
    """plotly.js from the installed plotly package, so the deck's chart needs no network."""
    source = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not target.exists() or target.stat().st_size != source.stat().st_size:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return target
