"""The learner's reflections: one JSON file they own, written atomically, exported as Markdown.

The file is ``$ICKIT_NOTES`` (a file, or a folder to hold ``reflections.json``), else
``~/.ickit/reflections.json``. It holds ``{part id: {prompt id: text}}``. Several notebooks (each
its own kernel) may save into it at once: a save holds a lock (a file beside the notes) while it
reads the file, changes it and puts the new file in its place, so no save is lost.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Iterator

from ..content.course import Part
from ..errors import KitInputError
from . import markdown as md

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
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as err:
            raise KitInputError(f"Your notes file {self.path} could not be opened ({err.strerror}).")
        try:
            data = json.loads(raw.decode("utf-8"))
        except (ValueError, RecursionError):  # not UTF-8, not JSON, or nested past any notes
            data = None
        if not _valid(data):
            raise KitInputError(
                f"Your notes file {self.path} is damaged, so the kit has left it as it is and saved "
                "nothing. Rename or mend it (or set ICKIT_NOTES to another file), then run the cell again.")
        return data

    def get(self, part: str, prompt: str) -> str:
        return self.read().get(part, {}).get(prompt, "")

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(f".{self.path.name}.lock")

    def save(self, part: str, prompt: str, text: str) -> None:
        """Store one answer: under the lock, read the file, change it and write it whole, to a
        temporary file first and then renamed over it, so a reader never sees half of it."""
        try:
            with self._locked():
                data = self.read()
                data.setdefault(part, {})[prompt] = text
                fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".reflections-", suffix=".tmp")
                try:
                    with os.fdopen(fd, "w", encoding="utf-8") as out:
                        json.dump(data, out, indent=2, ensure_ascii=False)
                        out.flush()
                        os.fsync(out.fileno())
                    os.replace(tmp, self.path)
                finally:
                    Path(tmp).unlink(missing_ok=True)
        except OSError as err:
            raise KitInputError(f"Your note could not be saved to {self.path} ({err.strerror}).")

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Wait for the notes' lock and hold it; closing the lock file lets it go."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.lock_path, "a+b") as lock:
            if os.name == "nt":
                import msvcrt

                msvcrt.locking(lock.fileno(), msvcrt.LK_LOCK, 1)  # tries for 10 s, then OSError
            else:
                import fcntl

                fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            yield


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
            lines += [f"**{prompt}**", "", md.lines(text), ""]
            answered += 1
    if not answered:
        lines += ["_No reflections written yet._", ""]
    return "\n".join(lines)
