"""What a room takes away: the consensus report (Markdown, and HTML with the radar), every
anonymous answer as CSV, and the agreed answers as the file the single-user dashboard loads.

Participants appear as P1, P2, ... in an order that says nothing of when they joined; no name a
person typed is exported, nor a role fewer than the room's smallest group gave.
Text people typed (the room's title, the notes) is escaped for each format.
"""

from __future__ import annotations

import base64
import csv
import io
from dataclasses import dataclass
from datetime import datetime, timezone

from ..content import Content
from ..errors import KitInputError
from . import lessons_check, readiness, team_config
from . import markdown as md
from .csv_rows import csv_row
from .room_activities import Activity
from .room_results import ItemResult, Radar, enough_to_show, talk_first
from .room_store import Agreed, Participant, Room
from .team_choice import rank


@dataclass(frozen=True)
class RoomReport:
    """Everything the exports of one room need, computed once."""

    room: Room
    activity: Activity
    results: list[ItemResult]
    radar: Radar | None
    agreed: dict[str, Agreed]
    participants: list[Participant]
    role_labels: dict[str, str]
    rule: str
    min_group: int

    def roles_line(self) -> str:
        """Who joined by role; roles fewer than ``min_group`` gave are counted together."""
        counts: dict[str, int] = {}
        for p in self.participants:
            label = self.role_labels.get(p.role or "", "no role given")
            counts[label] = counts.get(label, 0) + 1
        few = sum(n for n in counts.values() if n < self.min_group)
        line = [f"{label} {n}" for label, n in counts.items() if n >= self.min_group]
        line += [f"other roles or none given {few}"] if few else []
        return ", ".join(line) or "nobody yet"

    def answers(self, result: ItemResult) -> str:
        """How many gave each answer, or nothing for an item too few answered."""
        if not enough_to_show(result, self.min_group):
            return f"fewer than {self.min_group} answers"
        return "; ".join(f"{o.label}: {result.counts[o.value]}" for o in result.item.options)

    def summary(self, result: ItemResult) -> str:
        if not enough_to_show(result, self.min_group):
            return f"{result.answered} answered: too few to show"
        return result.describe()

    def agreed_label(self, result: ItemResult) -> str:
        given = self.agreed.get(result.item.id)
        if given is None:
            return "not recorded"
        return "no agreement" if given.value is None else result.item.label(given.value)


def _when(stamp: float) -> str:
    return datetime.fromtimestamp(stamp, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")



def to_markdown(report: RoomReport) -> str:
    """The consensus report: who took part, what the room agreed, what it talked about first,
    and every item's answers."""
    room, activity = report.room, report.activity
    lines = [f"# Consensus report: {md.paragraph(room.title)}", "",
             f"{activity.title}. Room {room.code}, opened {_when(room.created)}; round {room.round}. "
             f"{len(report.participants)} people joined ({report.roles_line()}).", "",
             f"How agreement is judged: {report.rule}", "",
             "## What the room agreed", "",
             "| Item | Agreed | Note | The room's answers |", "|---|---|---|---|"]
    for r in report.results:
        note = report.agreed.get(r.item.id)
        lines.append(f"| {md.paragraph(r.item.text)} | {md.paragraph(report.agreed_label(r))} | "
                     f"{md.paragraph(note.note) if note else ''} | {md.paragraph(report.summary(r))} |")
    split = [r for r in talk_first(report.results) if r.flag == "split"]
    lines += ["", "## Talked about first: where the room was split", ""]
    lines += [f"{n}. {md.paragraph(r.item.text)} ({r.item.group_name}): {r.describe()}"
              for n, r in enumerate(split, start=1)] or ["The room was split on no item."]
    lines += ["", "## Every item", "", "| Area | Item | Answers | Summary | Flag |",
              "|---|---|---|---|---|"]
    lines += [f"| {md.paragraph(r.item.group_name)} | {md.paragraph(r.item.text)} | "
              f"{md.paragraph(report.answers(r))} | {md.paragraph(report.summary(r))} | {r.flag} |"
              for r in report.results]
    if report.radar is not None:
        lines += ["", "## The group's scores per area (percent of the top of the scale)", "",
                  "| Area | Median | Lowest | Highest |", "|---|---|---|---|"]
        lines += [f"| {md.paragraph(name)} | " + " | ".join(cells) + " |"
                  for name, cells in radar_rows(report.radar)]
    return "\n".join(lines) + "\n"


def radar_rows(radar: Radar) -> list[tuple[str, list[str]]]:
    """Each radar axis with its median, lowest and highest score as text ('-' where too few)."""
    return [(name, [readiness.percent(v, "-") for v in
                    (radar.median[n], radar.low[n], radar.high[n])])
            for n, (_, name) in enumerate(radar.axes)]


def to_html(report: RoomReport, radar_png: bytes | None) -> str:
    """The report as one offline HTML page, with the radar as a picture when one was drawn."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("ickit", "logic/templates"),
                      autoescape=select_autoescape(default=True))
    picture = base64.b64encode(radar_png).decode("ascii") if radar_png else None
    split = [r for r in talk_first(report.results) if r.flag == "split"]
    return env.get_template("room_report.html.jinja2").render(
        report=report, picture=picture, split=split, opened=_when(report.room.created),
        radar_rows=radar_rows(report.radar) if report.radar else [])


def numbered(participants: list[Participant]) -> dict[str, str]:
    """Each participant's anonymous number, in the order of their ids (hashes): not of joining."""
    return {pid: f"P{n}" for n, pid in enumerate(sorted(p.pid for p in participants), start=1)}


def shown_roles(participants: list[Participant], min_group: int) -> dict[str, str | None]:
    """Each participant's role, left out where fewer than ``min_group`` people gave it: one
    housing officer's answers would otherwise be theirs by name."""
    held: dict[str | None, int] = {}
    for p in participants:
        held[p.role] = held.get(p.role, 0) + 1
    return {p.pid: p.role if held[p.role] >= min_group else None for p in participants}


def answers_csv(report: RoomReport, rows: list[tuple[int, str, str, str, float]]) -> str:
    """Every answer of every round, anonymous: round, participant number, role (if enough people
    gave it), item, answer."""
    numbers = numbered(report.participants)
    answered = {pid for _, pid, _, _, _ in rows}  # a role is counted among those who answered
    roles = shown_roles([p for p in report.participants if p.pid in answered], report.min_group)
    items = {i.id: i for i in report.activity.items}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["round", "participant", "role", "area", "item_id", "item", "answer",
                     "answer_label", "answered_utc"])
    for round_, pid, item_id, value, answered in rows:
        item = items.get(item_id)
        if item is None or pid not in numbers:
            continue
        writer.writerow(csv_row([round_, numbers[pid], report.role_labels.get(roles[pid] or "", ""),
                                 item.group_name, item.id, item.text, value, item.label(value),
                                 _when(answered)]))
    return out.getvalue()


@dataclass(frozen=True)
class AgreedFile:
    name: str
    data: str
    mime: str
    label: str


def agreed_file(report: RoomReport, content: Content) -> AgreedFile:
    """The room's agreed answers as the file its single-user dashboard loads: the readiness or
    lessons CSV (then the dashboard gives the action list), or the team selector's configuration."""
    agreed = {item: a.value for item, a in report.agreed.items() if a.value is not None}
    activity = report.activity.id
    if activity == "readiness":
        ratings = {key: int(agreed[key]) if key in agreed else None for key in readiness.blank(content)}
        result = readiness.assess(content, ratings)
        return AgreedFile("room-readiness.csv", readiness.to_csv(content, result), "text/csv",
                          "Agreed ratings (CSV for the readiness dashboard)")
    if activity == "lessons":
        name = f"Room {report.room.code}"
        ratings = {lesson.id: int(agreed[lesson.id]) if lesson.id in agreed else None
                   for lesson in content.lessons}
        results = lessons_check.evaluate(content, {name: ratings})
        return AgreedFile("room-lessons.csv", lessons_check.to_csv(content, results),
                          "text/csv", "Agreed ratings (CSV for the ten-lessons dashboard)")
    if activity == "team":
        ranking = rank(agreed, content)  # a KitInputError names a question still open
        config = team_config.Configuration(
            label=report.room.title[:team_config.MAX_LABEL] or f"Room {report.room.code}",
            process_model=ranking.process[0].id, management_type=ranking.management[0].id,
            answers=agreed, note=f"The room's agreed answers (room {report.room.code}).")
        return AgreedFile("room-team.json", team_config.to_json(config), "application/json",
                          "Agreed answers (JSON for the team selector)")
    raise KitInputError("A poll has no agreed answers to load elsewhere; its report holds them.")
