"""Leutz's second law: integration costs before it pays.

Year by year: a one-off set-up cost in year 1, running costs every year, and savings that start
after a delay and ramp up to their full level. The cumulative net cost shows when, if ever, the
scheme has paid back what it spent.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, fields

from ..errors import KitInputError
from .csv_rows import csv_row

MAX_MONEY = 1_000_000_000
MAX_YEARS = 50


@dataclass(frozen=True)
class CostAssumptions:
    setup_cost: float
    running_cost: float
    full_saving: float
    delay_years: int
    ramp_years: int
    horizon_years: int

    @classmethod
    def from_defaults(cls, defaults) -> "CostAssumptions":
        return cls(**{f.name: getattr(defaults, f.name) for f in fields(cls)})


@dataclass(frozen=True)
class Year:
    year: int
    spent: float
    saved: float
    cumulative: float

    @property
    def net(self) -> float:
        return self.spent - self.saved


@dataclass(frozen=True)
class Mark:
    """A timescale from ``data/timescales.yaml`` placed on the years axis."""

    year: float
    name: str
    years: float
    bound: str | None


def check(a: CostAssumptions) -> None:
    """Raise :class:`KitInputError` for any figure the projection cannot use."""
    if not 0 < a.setup_cost <= MAX_MONEY:
        raise KitInputError(f"The set-up cost must be more than 0 and at most {MAX_MONEY:,}.")
    for label, value in (("running cost", a.running_cost), ("full yearly saving", a.full_saving)):
        if not 0 <= value <= MAX_MONEY:
            raise KitInputError(f"The {label} must be from 0 to {MAX_MONEY:,}.")
    for label, value, low in (("years before savings start", a.delay_years, 0),
                              ("years to reach full savings", a.ramp_years, 1),
                              ("years to show", a.horizon_years, 1)):
        if value != int(value) or not low <= value <= MAX_YEARS:
            raise KitInputError(f"The {label} must be a whole number from {low} to {MAX_YEARS}.")


def saving_in(a: CostAssumptions, year: int) -> float:
    """Savings in ``year`` (1-based): none during the delay, then rising in equal steps to full."""
    return a.full_saving * min(1.0, max(0, year - a.delay_years) / a.ramp_years)


def project(a: CostAssumptions) -> list[Year]:
    """Year 0 (nothing spent yet) to the horizon, with the cumulative net cost at each year's end."""
    check(a)
    years, total = [Year(0, 0.0, 0.0, 0.0)], 0.0
    for t in range(1, a.horizon_years + 1):
        spent = a.running_cost + (a.setup_cost if t == 1 else 0.0)
        saved = saving_in(a, t)
        total += spent - saved
        years.append(Year(t, spent, saved, total))
    return years


def break_even_year(years: list[Year]) -> int | None:
    """The first year whose cumulative net cost is back to zero or below; ``None`` if none is."""
    return next((y.year for y in years if y.year > 0 and y.cumulative <= 0), None)


def verdict(a: CostAssumptions, years: list[Year]) -> str:
    """One sentence on when the scheme pays back, or why it does not."""
    year = break_even_year(years)
    if year is not None:
        return f"The scheme has paid back everything it spent by the end of year {year}."
    if a.full_saving <= a.running_cost:
        return ("It never pays back: even at full strength the yearly savings do not cover the "
                "running costs.")
    return (f"It has not paid back within {a.horizon_years} years; its cumulative net cost is still "
            f"{years[-1].cumulative:,.0f}.")


def marks(chains: list[list[str]], timescales: list) -> list[Mark]:
    """Each chain of timescale ids laid end to end from year 0; a mark where each one ends."""
    known = {t.id: t for t in timescales}
    placed = []
    for chain in chains:
        end = 0.0
        for key in chain:
            scale = known.get(key)
            if scale is None or scale.years is None:
                raise KitInputError(f"Timescale '{key}' is not in the kit's data or has no length in years.")
            end += scale.years
            placed.append(Mark(end, scale.name, scale.years, scale.bound))
    return placed


def to_csv(years: list[Year]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["year", "spent", "saved", "net", "cumulative_net_cost"])
    for y in years:
        writer.writerow(csv_row([y.year, f"{y.spent:g}", f"{y.saved:g}", f"{y.net:g}", f"{y.cumulative:g}"]))
    return out.getvalue()
