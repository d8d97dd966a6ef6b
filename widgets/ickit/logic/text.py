"""A file-name slug for the exports. (Typed text in Markdown: :mod:`ickit.logic.markdown`.)"""

from __future__ import annotations

import re


def slug(text: str, default: str) -> str:
    """Lower-case letters and digits joined by single hyphens; ``default`` when nothing is left."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or default
