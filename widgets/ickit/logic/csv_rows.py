"""CSV files of the kit: cells safe in a spreadsheet, and files loaded back read with plain messages.

Every CSV writer passes its cells through :func:`csv_cell`, every reader gets them back through
:func:`csv_text` (``read_rows`` does it), so a name such as ``=HYPERLINK(...)`` is never run as a
spreadsheet formula and still comes back as typed.
"""

from __future__ import annotations

import csv
import io
import re

from ..errors import KitInputError

MAX_BYTES = 200_000
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?")


def csv_cell(value):
    """A value for a spreadsheet cell: text that a spreadsheet would run as a formula gets a
    leading ``'`` (as does text already starting with ``'``, so that :func:`csv_text` is exact).
    Numbers, and text that is just a number such as ``-1200``, are left alone."""
    if not isinstance(value, str) or NUMBER.fullmatch(value):
        return value
    return QUOTE + value if value.startswith(FORMULA_START + (QUOTE,)) else value


def csv_text(cell: str) -> str:
    """The text :func:`csv_cell` was given: one neutralising ``'`` is taken off again."""
    if cell.startswith(QUOTE) and cell[1:2] and cell[1:2] in FORMULA_START + (QUOTE,):
        return cell[1:]
    return cell


def csv_row(values) -> list:
    """A row for ``csv.writer`` with every cell made safe by :func:`csv_cell`."""
    return [csv_cell(v) for v in values]


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
    reader = csv.DictReader(io.StringIO(text, newline=""))  # rows may end in \n, \r\n or \r
    try:  # the header is read here, and can be as faulty as any row
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise KitInputError(f"That is not {what}: it has no '{missing[0]}' column.")
        return [(reader.line_num, {k: csv_text((v or "").strip()) for k, v in row.items() if k})
                for row in reader]
    except csv.Error as err:
        raise KitInputError(f"That CSV could not be read: {err}.") from None


def rating(text: str, top: int, where: str) -> int | None:
    """A rating cell: empty is no answer; otherwise a whole number from 0 to ``top``."""
    if text == "":
        return None
    if len(text) > 9 or not re.fullmatch("[0-9]+", text) or int(text) > top:
        raise KitInputError(f"{where}: the rating '{text[:20]}' is not a whole number from 0 to {top}.")
    return int(text)


def is_rating(value, top: int) -> bool:
    """``None`` (no answer yet) or a whole number from 0 to ``top``; ``True`` and ``2.0`` are not."""
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= top)
