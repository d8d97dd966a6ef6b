"""Leutz's laws 3 to 5 as a stakeholder map.

Law 3: what each stakeholder gains and loses from integration. Law 5: where people who use
services and communities sit on a power and interest grid. Law 4: which local circumstances force
a model of one's own. Names and notes are the user's own text: views escape them before showing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..errors import KitInputError
from . import markdown as md

SCALE = (1, 10)
HIGH_FROM = 6
MAX_NAME = 60
MAX_NOTE = 300
MAX_STAKEHOLDERS = 30


@dataclass(frozen=True)
class Stakeholder:
    name: str
    power: int
    interest: int
    gains: str = ""
    loses: str = ""
    voice: bool = False


def quadrant_of(s: Stakeholder, quadrants, high_from: int = HIGH_FROM):
    """The one of ``quadrants`` that ``s`` falls in: high means ``high_from`` or more."""
    high = (s.power >= high_from, s.interest >= high_from)
    return next(q for q in quadrants if (q.high_power, q.high_interest) == high)


def _checked(s: Stakeholder) -> Stakeholder:
    name = " ".join(s.name.split())
    if not name:
        raise KitInputError("Give the stakeholder a name.")
    if len(name) > MAX_NAME:
        raise KitInputError(f"Keep the name to {MAX_NAME} characters or fewer.")
    for label, value in (("Power", s.power), ("Interest", s.interest)):
        if value != int(value) or not SCALE[0] <= value <= SCALE[1]:
            raise KitInputError(f"{label} must be a whole number from {SCALE[0]} to {SCALE[1]}.")
    gains, loses = s.gains.strip(), s.loses.strip()
    if max(len(gains), len(loses)) > MAX_NOTE:
        raise KitInputError(f"Keep what they gain or lose to {MAX_NOTE} characters each.")
    return replace(s, name=name, power=int(s.power), interest=int(s.interest), gains=gains, loses=loses)


class StakeholderMap:
    """The stakeholders on the map, starting from the kit's starter set, plus local circumstances."""

    def __init__(self, content):
        self.content = content
        self.people = [Stakeholder(s.name, s.power, s.interest, s.gains, s.loses, s.voice)
                       for s in content.starter]
        self.circumstances: dict[str, str] = {}

    def names(self) -> list[str]:
        return [s.name for s in self.people]

    def get(self, name: str) -> Stakeholder:
        for s in self.people:
            if s.name == name:
                return s
        raise KitInputError(f"There is no stakeholder called {name!r} on the map.")

    def add(self, stakeholder: Stakeholder) -> Stakeholder:
        s = _checked(stakeholder)
        if s.name.lower() in (n.lower() for n in self.names()):
            raise KitInputError(f"{s.name!r} is already on the map: pick it to change it.")
        if len(self.people) >= MAX_STAKEHOLDERS:
            raise KitInputError(f"The map holds at most {MAX_STAKEHOLDERS} stakeholders.")
        self.people.append(s)
        return s

    def update(self, name: str, stakeholder: Stakeholder) -> Stakeholder:
        """Replace ``name`` (moved on the grid, or new notes); a new name must not clash."""
        index = self.people.index(self.get(name))
        s = _checked(stakeholder)
        if any(n.lower() == s.name.lower() for i, n in enumerate(self.names()) if i != index):
            raise KitInputError(f"{s.name!r} is already on the map.")
        self.people[index] = s
        return s

    def remove(self, name: str) -> None:
        self.people.remove(self.get(name))

    def quadrant(self, s: Stakeholder):
        """The part of the grid ``s`` falls in (high means 6 or more on the 1 to 10 scale)."""
        return quadrant_of(s, self.content.quadrants)

    def low_power_voices(self) -> list[str]:
        return [s.name for s in self.people if s.voice and s.power < HIGH_FROM]

    def voice_note(self) -> str | None:
        """Law 5's warning when voices of people sit low on power or are missing, else ``None``."""
        names = self.low_power_voices()
        if names:
            return self.content.voice_low_power.format(names=", ".join(names))
        if not any(s.voice for s in self.people):
            return self.content.voice_missing
        return None

    def set_circumstance(self, key: str, note: str | None) -> None:
        """Tick a local circumstance with a note, or untick it with ``None``."""
        if key not in {c.id for c in self.content.circumstances}:
            raise KitInputError(f"Unknown local circumstance {key!r}.")
        if note is None:
            self.circumstances.pop(key, None)
        elif len(note) > MAX_NOTE:
            raise KitInputError(f"Keep each note to {MAX_NOTE} characters or fewer.")
        else:
            self.circumstances[key] = note.strip()

    def to_markdown(self) -> str:
        """The whole map as Markdown: stakeholders by part of the grid, law 5's check, law 4's notes."""
        c = self.content
        lines = ["# Stakeholder map: Leutz's laws 3 to 5", "", "## Whose integration is whose fragmentation", "",
                 "| stakeholder | power | interest | part of the grid | gains | loses |",
                 "|---|---:|---:|---|---|---|"]
        for s in sorted(self.people, key=lambda s: (-s.power, -s.interest)):
            cells = [md.paragraph(s.name) + (" (voice of people)" if s.voice else ""),
                     str(s.power), str(s.interest), self.quadrant(s).name,
                     md.paragraph(s.gains), md.paragraph(s.loses)]
            lines.append("| " + " | ".join(cells) + " |")
        lines += ["", "## Where people and communities sit", "", c.voice_prompt, "",
                  self.voice_note() or c.voice_high_power,
                  "", "## Local circumstances", ""]
        ticked = [x for x in c.circumstances if x.id in self.circumstances]
        lines += [f"- **{x.name}**: {md.paragraph(self.circumstances[x.id]) or '(no note)'}"
                  for x in ticked]
        if not ticked:
            lines.append("None ticked.")
        return "\n".join(lines) + "\n"
