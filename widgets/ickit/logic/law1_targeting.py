"""Leutz's first law: whom to target, with which level of integration, and what that buys.

A seeded synthetic population falls into need groups; a plan gives each group a level of
integration (or none). Reach, cost and benefit follow from per-person figures the user sets.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ..errors import KitInputError

MAX_POPULATION = 100_000
MAX_PER_PERSON = 1_000_000
SHARE_TOLERANCE = 0.001
Plan = dict[str, "str | None"]


@dataclass(frozen=True)
class Assumptions:
    """Every figure the simulation uses; the defaults come from ``data/simulations.yaml``."""

    population: int
    seed: int
    names: dict[str, str]
    shares: dict[str, float]
    cost: dict[str, float]
    benefit: dict[str, dict[str, float]]

    @classmethod
    def from_defaults(cls, defaults) -> "Assumptions":
        return cls(population=defaults.population, seed=defaults.seed,
                   names={g.id: g.name for g in defaults.groups},
                   shares={g.id: g.share for g in defaults.groups},
                   cost=dict(defaults.cost),
                   benefit={g.id: dict(g.benefit) for g in defaults.groups})


@dataclass(frozen=True)
class GroupResult:
    group: str
    name: str
    people: int
    level: str | None
    cost: float
    benefit: float

    @property
    def reached(self) -> int:
        return self.people if self.level else 0


@dataclass(frozen=True)
class PlanResult:
    groups: list[GroupResult]

    @property
    def reached(self) -> int:
        return sum(g.reached for g in self.groups)

    @property
    def cost(self) -> float:
        return sum(g.cost for g in self.groups)

    @property
    def benefit(self) -> float:
        return sum(g.benefit for g in self.groups)

    @property
    def value(self) -> float | None:
        """Benefit for each unit of money spent; ``None`` when nothing is spent."""
        return self.benefit / self.cost if self.cost else None


def check(a: Assumptions) -> None:
    """Raise :class:`KitInputError` for any figure the simulation cannot use."""
    if not isinstance(a.population, int) or not 1 <= a.population <= MAX_POPULATION:
        raise KitInputError(f"Population must be a whole number from 1 to {MAX_POPULATION:,}.")
    if not isinstance(a.seed, int):
        raise KitInputError("The random seed must be a whole number.")
    for group, share in a.shares.items():
        if not 0 < share <= 1:
            raise KitInputError(f"The share of {a.names[group]} must be more than 0 and at most 1.")
    if abs(sum(a.shares.values()) - 1) > SHARE_TOLERANCE:
        raise KitInputError(f"The shares of the need groups add up to {sum(a.shares.values()):.2f}; "
                            "they must add up to 1.")
    for level in levels(a):
        if not 0 < a.cost[level] <= MAX_PER_PERSON:
            raise KitInputError(f"The cost of {level_label(level)} must be more than 0 and at "
                                f"most {MAX_PER_PERSON:,} a person.")
    for group, by_level in a.benefit.items():
        for level in levels(a):
            if not 0 <= by_level.get(level, -1) <= MAX_PER_PERSON:
                raise KitInputError(f"The benefit of {level_label(level)} for {a.names[group]} "
                                    f"must be from 0 to {MAX_PER_PERSON:,} a person.")


def level_label(level: str) -> str:
    """A level of integration's id as words in a sentence: "full-integration" is "full integration"."""
    return level.replace("-", " ")


def levels(a: Assumptions) -> tuple[str, ...]:
    """The levels of integration, loosest first, as the assumptions price them (ids from
    data/leutz.yaml, checked by the content models)."""
    return tuple(a.cost)


def group_sizes(a: Assumptions) -> dict[str, int]:
    """People in each group: shares of the population, rounded so that they add up exactly."""
    exact = {g: s * a.population for g, s in a.shares.items()}
    sizes = {g: int(x) for g, x in exact.items()}
    by_remainder = sorted(exact, key=lambda g: exact[g] - sizes[g], reverse=True)
    for g in by_remainder[:a.population - sum(sizes.values())]:
        sizes[g] += 1
    return sizes


def population(a: Assumptions) -> list[tuple[str, float]]:
    """The synthetic population: (need group, responsiveness) per person, the same for one seed.

    Responsiveness scales a person's benefit around the group's figure (from half to one and a half).
    """
    check(a)
    return list(_people(a.seed, tuple(group_sizes(a).items())))


@functools.lru_cache(maxsize=4)
def _people(seed: int, sizes: tuple[tuple[str, int], ...]) -> tuple[tuple[str, float], ...]:
    rng = random.Random(seed)
    return tuple((g, rng.uniform(0.5, 1.5)) for g, n in sizes for _ in range(n))


@functools.lru_cache(maxsize=4)
def _responsiveness(seed: int, sizes: tuple[tuple[str, int], ...]) -> Mapping[str, tuple[int, float]]:
    """People and summed responsiveness per group: a dashboard asks again on every change of a
    level, with the same population; read only, as every caller shares it."""
    people = _people(seed, sizes)
    found = {}
    for group, _ in sizes:
        weights = [r for g, r in people if g == group]
        found[group] = (len(weights), sum(weights))
    return MappingProxyType(found)


def evaluate(a: Assumptions, plan: Plan) -> PlanResult:
    """Reach, cost and benefit of ``plan`` (need group -> level, or ``None`` for not targeted)."""
    unknown = [lvl for lvl in plan.values() if lvl is not None and lvl not in levels(a)]
    if unknown or set(plan) - set(a.shares):
        raise KitInputError("Choose a level of integration, or none, for each group.")
    check(a)
    by_group = _responsiveness(a.seed, tuple(group_sizes(a).items()))
    results = []
    for group in a.shares:
        level = plan.get(group)
        people, weight = by_group[group]
        cost = a.cost[level] * people if level else 0.0
        benefit = a.benefit[group][level] * weight if level else 0.0
        results.append(GroupResult(group, a.names[group], people, level, cost, benefit))
    return PlanResult(results)


def everyone_fully_integrated(a: Assumptions) -> Plan:
    """Untargeted case management: full integration for every group."""
    return {group: levels(a)[-1] for group in a.shares}


def summary_markdown(a: Assumptions, mine: PlanResult, everyone: PlanResult, unit: str,
                     label: str, level_names: dict[str, str] | None = None) -> str:
    """A plan's result (``mine``) beside untargeted case management's (``everyone``), both
    :func:`evaluate` of ``a``, and the assumptions, as Markdown."""
    name_of = {**{lvl: level_label(lvl) for lvl in levels(a)}, **(level_names or {}),
               None: "not targeted"}
    lines = ["# Law 1: whom to target", "", f"_{label}_", "",
             "| need group | people | level | cost | benefit |", "|---|---:|---|---:|---:|"]
    lines += [f"| {g.name} | {g.people} | {name_of[g.level]} | {g.cost:,.0f} | "
              f"{g.benefit:,.0f} |" for g in mine.groups]
    lines += ["", "| plan | reached | cost | benefit | benefit per 1 spent |", "|---|---:|---:|---:|---:|"]
    for name, r in (("Your plan", mine), ("Full integration for everyone", everyone)):
        value = f"{r.value:.2f}" if r.value is not None else "-"
        lines.append(f"| {name} | {r.reached} | {r.cost:,.0f} | {r.benefit:,.0f} | {value} |")
    lines += ["", f"Assumptions ({unit}): population {a.population}, seed {a.seed}.", ""]
    for group in a.shares:
        per_level = ", ".join(f"{name_of[lvl]} {a.benefit[group][lvl]:g}" for lvl in levels(a))
        lines.append(f"- {a.names[group]}: share {a.shares[group]:g}; benefit per person: {per_level}")
    lines.append("- Cost per person: " + ", ".join(f"{name_of[lvl]} {a.cost[lvl]:g}" for lvl in levels(a)))
    return "\n".join(lines) + "\n"
