"""Counts in words, from the length of the content, so no wording goes stale when data grows."""

from __future__ import annotations

from typing import Sized

_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve")


def number_word(n: int | Sized) -> str:
    """``6`` (or a list of six) -> ``'six'``; numbers past twelve stay as digits."""
    n = n if isinstance(n, int) else len(n)
    return _WORDS[n] if 0 <= n < len(_WORDS) else str(n)


def counted(items: Sized, noun: str) -> str:
    """``counted(roles, "roles")`` -> ``'Three roles'``: a heading that follows the data."""
    return f"{number_word(items).capitalize()} {noun}"
