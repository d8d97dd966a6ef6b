"""Read a CSV file a person loads back (bytes in memory) into rows, with plain messages."""

from __future__ import annotations

import csv
import io

from ..errors import KitInputError

MAX_BYTES = 200_000


def read_rows(data: bytes, required: tuple[str, ...], what: str) -> list[tuple[int, dict[str, str]]]:
    """``(line number, row)`` pairs of a CSV with at least the ``required`` columns.

    ``what`` names the kind of file in messages, e.g. "a readiness CSV".
    """
    if not data.strip():
        raise KitInputError(f"That file is empty; load {what} saved by the kit.")
    if len(data) > MAX_BYTES:
        raise KitInputError(f"That file is too large for {what} ({len(data):,} bytes).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise KitInputError(f"That file is not text; load {what} saved by the kit.") from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise KitInputError(f"That is not {what}: it has no '{missing[0]}' column.")
    try:
        return [(reader.line_num, {k: (v or "").strip() for k, v in row.items() if k})
                for row in reader]
    except csv.Error as err:
        raise KitInputError(f"That CSV could not be read: {err}.") from None


def rating(text: str, top: int, where: str) -> int | None:
    """A rating cell: empty is no answer; otherwise a whole number from 0 to ``top``."""
    if text == "":
        return None
    if not text.isdigit() or int(text) > top:
        raise KitInputError(f"{where}: the rating '{text[:20]}' is not a whole number from 0 to {top}.")
    return int(text)
