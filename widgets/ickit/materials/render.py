"""The Jinja2 environment every material shares, and atomic writing of what it renders."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment

from ..cards import new_environment
from ..content import Content


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The materials' templates, which also find the topic cards' library (``ickit.cards``)."""
    env = new_environment("ickit.materials")
    env.filters["clock"] = clock
    return env


def render(template: str, content: Content, **values) -> str:
    """Render ``template`` with the content and ``cite``, a source key's citation as learners read
    it (``Content.citation``)."""
    return environment().get_template(template).render(content=content, cite=content.citation, **values)


def clock(start: str, minutes: float) -> str:
    """``09:30`` plus ``minutes`` (to the nearest minute, a half rounding up), as ``HH:MM``."""
    hours, mins = map(int, start.split(":"))
    total = hours * 60 + mins + int(minutes + 0.5)
    return f"{total // 60 % 24:02d}:{total % 60:02d}"


def write(path: Path, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if isinstance(data, str):
        tmp.write_text(data, encoding="utf-8")
    else:
        tmp.write_bytes(data)
    os.replace(tmp, path)
    return path
