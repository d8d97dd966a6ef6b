"""Read every YAML file in ``data/``, validate it against :class:`Content`, and cache the result.

A problem is reported as ``<file>: <entry>: field '<field>': <what is wrong>`` so that whoever
edits the data can find it without reading a traceback.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel, ValidationError

from ..kit_files import kit_folder
from .parse_cache import cached_parse
from .references import problems as broken_references
from .schema import Content

UNIQUE_IN_LIST = ("id", "number", "order")


class ContentError(Exception):
    """The content in ``data/`` is not valid; ``problems`` holds one located message each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def default_data_dir() -> Path:
    """``$ICKIT_DATA`` if set, else the kit's ``data/`` (``ickit.kit_files``)."""
    return Path(os.environ.get("ICKIT_DATA") or kit_folder("data"))


def load_content(data_dir: str | Path | None = None) -> Content:
    """The validated content of ``data_dir``; cached, so later calls cost nothing."""
    return _load(Path(data_dir or default_data_dir()).resolve())


def clear_cache() -> None:
    _load.cache_clear()


@lru_cache(maxsize=8)
def _load(data_dir: Path) -> Content:
    if not data_dir.is_dir():
        raise ContentError([f"{data_dir}: no such data folder"])
    raw, origin = cached_parse(data_dir, read_sections)
    problems = [f"{data_dir}: no section '{key}' in any data file"
                for key in Content.model_fields if key not in raw]
    if problems:
        raise ContentError(problems)
    try:
        content = Content.model_validate(raw)
    except ValidationError as err:
        raise ContentError([_describe(e["loc"], e["msg"], raw, origin) for e in err.errors()])
    problems = [_describe(loc, msg, raw, origin) for loc, msg in cross_check(content)]
    if problems:
        raise ContentError(problems)
    return content


def read_sections(data_dir: Path) -> tuple[dict[str, Any], dict[str, Path]]:
    """Merge the top-level sections of every ``*.yaml`` file; remember each section's file."""
    import yaml  # only when the parse cache is stale: a kernel that finds it current never loads yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    raw: dict[str, Any] = {}
    origin: dict[str, Path] = {}
    problems = []
    for path in sorted(data_dir.glob("*.yaml")):
        try:
            doc = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
            problems.append(f"{path}: {where}invalid YAML: {getattr(err, 'problem', None) or err}")
            continue
        except UnicodeDecodeError as err:
            problems.append(f"{path}: not UTF-8 text (byte {err.start + 1}); save it as UTF-8")
            continue
        if not isinstance(doc, dict):
            problems.append(f"{path}: expected a mapping of sections at the top level")
            continue
        for key, value in doc.items():
            if key not in Content.model_fields:
                problems.append(f"{path}: unknown section '{key}'")
            elif key in raw:
                problems.append(f"{path}: section '{key}' is also in {origin[key]}")
            else:
                raw[key], origin[key] = value, path
    if problems:
        raise ContentError(problems)
    return raw, origin


def cross_check(content: Content) -> Iterator[tuple[tuple, str]]:
    """Ids, numbers and orders unique within each list; every source key in the bibliography;
    every id one section names in another known there (``references.py``)."""
    known = {s.id for s in content.sources}
    for loc, node in walk(content):
        if isinstance(node, list) and node and all(isinstance(n, BaseModel) for n in node):
            for attr in UNIQUE_IN_LIST:
                seen = set()
                for i, n in enumerate(node):
                    value = _field(n, attr)
                    if value is not None and value in seen:
                        yield loc + (i, attr), f"duplicate {attr} {value!r} in this list"
                    seen.add(value)
        elif isinstance(node, BaseModel):
            for attr in ("source", "cited_in", "based_on"):
                key = getattr(node, attr) if attr in type(node).model_fields else None
                if key is not None and key not in known:
                    yield loc + (attr,), f"unknown source {key!r} (not an id in the bibliography)"
    yield from broken_references(content)


def _field(node: BaseModel, attr: str):
    return getattr(node, attr) if attr in type(node).model_fields else None


def walk(node: Any, loc: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """``(location, node)`` for ``node`` and everything in it: models' fields and lists' items."""
    yield loc, node
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from walk(getattr(node, name), loc + (name,))
    elif isinstance(node, list):
        for i, child in enumerate(node):
            yield from walk(child, loc + (i,))


def _describe(loc: tuple, msg: str, raw: dict, origin: dict[str, Path]) -> str:
    """``file: entry: field 'x': msg``; the entry is the path up to the last list index in ``loc``."""
    last = max((i for i, p in enumerate(loc) if isinstance(p, int)), default=0)
    entry, node = "", raw
    for part in loc[:last + 1]:
        node = node[part] if isinstance(node, (dict, list)) and _has(node, part) else None
        if isinstance(part, int):
            entry += f"[{part}]" + (f" (id {node['id']!r})" if isinstance(node, dict) and "id" in node else "")
        else:
            entry += f".{part}" if entry else str(part)
    field = ".".join(str(p) for p in loc[last + 1:]) or "(the entry itself)"
    return f"{origin.get(loc[0], loc[0])}: {entry}: field '{field}': {msg}"


def _has(node: dict | list, part: str | int) -> bool:
    return part in node if isinstance(node, dict) else isinstance(part, int) and part < len(node)
