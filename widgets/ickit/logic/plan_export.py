"""Saving, loading and exporting a plan: JSON, CSV and an iCalendar file.

The chart's PNG and offline page come from :mod:`ickit.charts.export`.

Everything returns bytes or text for the browser to download; nothing is written to disk.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, time, timedelta, timezone

from icalendar import Calendar, Event

from ..errors import KitInputError
from .csv_rows import csv_row
from .text import slug
from .timeline import Plan, bars, kind_label, milestone_date, plan_from_dict

MAX_FILE_BYTES = 100_000
PRODID = "-//Integrated Care Workshop Kit//Timeline planner//EN"


def plan_to_json(plan: Plan) -> str:
    return plan.model_dump_json(indent=2)


def plan_from_json(data: bytes | str) -> Plan:
    """A plan read from a saved file; any problem is a :class:`KitInputError` saying what."""
    if len(data) > MAX_FILE_BYTES:
        raise KitInputError(f"That file is too large for a plan (more than {MAX_FILE_BYTES // 1000} kB).")
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        raw = json.loads(text)
    except (UnicodeDecodeError, ValueError, RecursionError):  # nested deeper than any plan
        raise KitInputError("That file is not a saved plan: it is not readable JSON text.") from None
    if not isinstance(raw, dict):
        raise KitInputError("That file is not a saved plan: expected an object with a name, "
                            "a start date, workstreams and milestones.")
    try:
        return plan_from_dict(raw)
    except KitInputError as err:
        raise KitInputError(f"That plan cannot be loaded: {err}") from None


def plan_to_csv(plan: Plan) -> str:
    """One row per workstream and milestone; ``last_day`` is inclusive."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["type", "name", "kind", "start", "last_day", "duration", "unit"])
    for bar in bars(plan):
        ws = bar.workstream
        writer.writerow(csv_row(["workstream", ws.name, ws.kind, bar.start.isoformat(),
                                 (bar.end - timedelta(days=1)).isoformat(), ws.duration, ws.unit]))
    for m in plan.milestones:
        day = milestone_date(plan, m).isoformat()
        writer.writerow(csv_row(["milestone", m.name, m.kind, day, day, "", ""]))
    return out.getvalue()


def plan_to_ics(plan: Plan) -> bytes:
    """The milestones as all-day events; the same plan always gives the same bytes."""
    stamp = datetime.combine(plan.start, time(), tzinfo=timezone.utc)
    cal = Calendar.new(prodid=PRODID, name=plan.name,
                       uid=f"{slug(plan.name, 'plan')}-{plan.start.isoformat()}@ickit")
    for i, m in enumerate(plan.milestones):
        day = milestone_date(plan, m)
        cal.add_component(Event.new(
            summary=m.name, start=day, end=day + timedelta(days=1), stamp=stamp,
            uid=f"{slug(plan.name, 'plan')}-{plan.start.isoformat()}-{i + 1}-{slug(m.name, 'plan')}@ickit",
            categories=[m.kind], description=f"{plan.name}: {kind_label(m.kind)} milestone"))
    return cal.to_ical()


def file_stem(plan: Plan) -> str:
    """A safe file name stem for the plan's downloads."""
    return slug(plan.name, "plan")[:40]
