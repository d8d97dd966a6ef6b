"""A chart's text alternative: what it shows in a sentence or two, and its data as tables.

Each builder writes it into the figure it returns, under ``layout.meta`` (which plotly keeps and
draws nothing from), from the same values it draws, so a figure and its text cannot part: the
kit's chart widget shows it under the plot (``ickit.views.chart``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

KEY = "text_alternative"


@dataclass(frozen=True)
class Table:
    """A table of a chart's data: the first column names each row."""

    caption: str
    columns: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class TextAlternative:
    summary: str
    tables: list[Table]


def meta(summary: str, *tables: Table) -> dict:
    """A text alternative as a figure's ``layout.meta`` holds it."""
    return {KEY: {"summary": summary, "tables": [asdict(t) for t in tables]}}


def describe(spec: dict, summary: str, *tables: Table) -> dict:
    """``spec`` with its text alternative written into its layout."""
    spec["layout"]["meta"] = {**spec["layout"].get("meta", {}), **meta(summary, *tables)}
    return spec


def text_alternative(figure: dict) -> TextAlternative | None:
    """The text alternative ``describe`` wrote into ``figure`` (a figure's dict), if any."""
    found = ((figure.get("layout") or {}).get("meta") or {})
    found = found.get(KEY) if isinstance(found, dict) else None
    if not found:
        return None
    return TextAlternative(found["summary"], [Table(**t) for t in found["tables"]])


def number(value: float, digits: int = 0) -> str:
    """A figure as the tables show it: thousands separated, ``digits`` after the point."""
    return f"{value:,.{digits}f}"
