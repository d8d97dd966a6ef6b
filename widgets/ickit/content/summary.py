"""A short, human-readable count of what the content holds (for ``ickit check``)."""

from __future__ import annotations

from .schema import Content


def summarise(content: Content) -> list[str]:
    """One line per section: its name and how many items it holds."""
    lines = []
    for name in type(content).model_fields:
        value = getattr(content, name)
        count = f"{len(value)} items" if isinstance(value, list) else "1 entry"
        lines.append(f"{name:28} {count}")
    checklist = ", ".join(f"{c.id} {len(c.requires)}" for c in content.checklists())
    lines.append(f"{'delivery requires':28} {checklist}")
    return lines
