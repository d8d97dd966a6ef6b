"""A JSON copy of the parsed YAML, so a warm load skips YAML parsing (the slow part).

The copy is keyed by every data file's name, size and modification time; it holds only what
parsing produced, so validation still runs on every load. It lives in the user's cache folder
(``$XDG_CACHE_HOME/ickit``, else ``~/.cache/ickit``); if that cannot be written, nothing is cached.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable

VERSION = 1


def cached_parse(data_dir: Path, parse: Callable[[Path], tuple[dict, dict]]) -> tuple[dict, dict]:
    """``parse(data_dir)``, or the cached result of an earlier parse of the same files."""
    stamp = [[p.name, s.st_size, s.st_mtime_ns] for p in sorted(data_dir.glob("*.yaml"))
             for s in [p.stat()]]
    path = _cache_file(data_dir)
    try:
        cached = json.loads(path.read_text(encoding="utf-8"))
        if cached["version"] == VERSION and cached["stamp"] == stamp:
            return cached["raw"], {k: Path(v) for k, v in cached["origin"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        pass
    raw, origin = parse(data_dir)
    _write(path, {"version": VERSION, "stamp": stamp, "raw": raw,
                  "origin": {k: str(v) for k, v in origin.items()}})
    return raw, origin


def _cache_file(data_dir: Path) -> Path:
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ickit"
    key = hashlib.sha256(str(data_dir).encode()).hexdigest()[:16]
    return root / f"content-{key}.json"


def _write(path: Path, doc: dict[str, Any]) -> None:
    try:
        text = json.dumps(doc, ensure_ascii=False)
    except (TypeError, ValueError):  # YAML gave something JSON cannot hold (a date): don't cache
        return
    if json.loads(text) != doc:  # e.g. integer keys would come back as strings
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
