"""Small text helpers shared by the exports: a Markdown table cell and a file-name slug."""

from __future__ import annotations

import re


def md_cell(text: str) -> str:
    """Text safe inside one Markdown table cell: on one line, its pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def slug(text: str, default: str) -> str:
    """Lower-case letters and digits joined by single hyphens; ``default`` when nothing is left."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or default
