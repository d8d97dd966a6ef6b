"""The rules a room's pages and its command line share: the text a room keeps from what people
typed, and which round's results participants see."""

from __future__ import annotations

import re

from ..errors import KitInputError
from .room_store import Room

# control characters, zero-width and direction marks: they hide or reorder text on a screen
UNSEEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def one_line(text: str) -> str:
    """Typed text as one line: unseen characters dropped, runs of space made one."""
    return " ".join(UNSEEN.sub("", text or "").split())


def room_title(text: str, limit: int) -> str:
    title = one_line(text)
    if not title:
        raise KitInputError("Give the room a title, so participants know they are in the right one.")
    if len(title) > limit:
        raise KitInputError(f"Keep the title under {limit} characters.")
    return title


def person_name(text: str, limit: int) -> str | None:
    """A participant's name, or ``None`` for someone who stays anonymous."""
    name = one_line(text)
    if len(name) > limit:
        raise KitInputError(f"Keep your name under {limit} characters.")
    return name or None


def agreed_note(text: str, limit: int) -> str:
    """The note kept with an agreed answer: its lines kept, unseen characters dropped."""
    note = "\n".join(" ".join(line.split()) for line in UNSEEN.sub("", text or "").split("\n")).strip()
    if len(note) > limit:
        raise KitInputError(f"Keep the note under {limit} characters.")
    return note


def results_round(room: Room) -> int:
    """The round whose results participants see (0: none): the current round's while the trainer
    shows them; while they are hidden, the last round's, if the trainer showed it in that round."""
    if room.revealed:
        return room.round
    return room.round - 1 if room.round > 1 and room.shown_round == room.round - 1 else 0
