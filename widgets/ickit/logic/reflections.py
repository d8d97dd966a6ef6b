"""The learner's reflections: one JSON file they own, written atomically, exported as Markdown.

The file is ``$ICKIT_NOTES`` (a file, or a folder to hold ``reflections.json``), else
``~/.ickit/reflections.json``. It holds ``{part id: {prompt id: text}}``.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from ..content.course import Part
from ..errors import KitInputError
from .text import md_text

FILE_NAME = "reflections.json"


def default_path() -> Path:
    """Where the learner's notes live: ``$ICKIT_NOTES`` or ``~/.ickit/reflections.json``."""
    chosen = os.environ.get("ICKIT_NOTES")
    if not chosen:
        return Path.home() / ".ickit" / FILE_NAME
    path = Path(chosen).expanduser()
    return path / FILE_NAME if path.is_dir() or chosen.endswith(os.sep) else path


class NotesStore:
    """Reflections keyed by part and prompt; every save re-reads the file, so notebooks can share it."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_path()

    def read(self) -> dict[str, dict[str, str]]:
        """Everything saved so far; a damaged file raises a kind message and is left untouched."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except OSError as err:
            raise KitInputError(f"Your notes file {self.path} could not be opened ({err.strerror}).")
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if not _valid(data):
            raise KitInputError(
                f"Your notes file {self.path} is damaged, so the kit has left it as it is and saved "
                "nothing. Rename or mend it (or set ICKIT_NOTES to another file), then run the cell again.")
        return data

    def get(self, part: str, prompt: str) -> str:
        return self.read().get(part, {}).get(prompt, "")

    def save(self, part: str, prompt: str, text: str) -> None:
        """Store one answer and write the whole file atomically (a temporary file, then a rename)."""
        data = self.read()
        data.setdefault(part, {})[prompt] = text
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".reflections-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out, indent=2, ensure_ascii=False)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path)
        except OSError as err:
            Path(tmp).unlink(missing_ok=True)
            raise KitInputError(f"Your note could not be saved to {self.path} ({err.strerror}).")


def _valid(data: object) -> bool:
    return isinstance(data, dict) and all(
        isinstance(v, dict) and all(isinstance(t, str) for t in v.values()) for v in data.values())


def learning_log(parts: list[Part], notes: dict[str, dict[str, str]]) -> str:
    """All answers as one Markdown document, in course order, prompts included."""
    lines = ["# My learning log", "", "Integrated Care Workshop Kit: my reflections, part by part.", ""]
    answered = 0
    for part in sorted(parts, key=lambda p: p.order):
        answers = [(p.prompt, notes.get(part.id, {}).get(p.id, "").strip()) for p in part.reflections]
        answers = [(prompt, text) for prompt, text in answers if text]
        if not answers:
            continue
        lines += [f"## {part.order:02d}. {part.title}", ""]
        for prompt, text in answers:
            lines += [f"**{prompt}**", "", md_text(text), ""]
            answered += 1
    if not answered:
        lines += ["_No reflections written yet._", ""]
    return "\n".join(lines)
