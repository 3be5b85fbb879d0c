"""The SYNTHETIC corpus's world: force areas, counties, partnerships and their plans.

A force area has a Police and Crime Plan per four-year term (4-6 objectives), one county
(two when it has eight partnerships or more) with a board and 3-5 sub-groups, and its
partnerships, each with a council plan per term and the themes it tends to prioritise.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import synthetic_corpus_layouts as L
import synthetic_corpus_words as W

YEARS = tuple(range(2031, 2041))


@dataclass
class Partnership:
    place: str
    name: str
    county: County
    council_plans: list[L.HigherPlan]
    themes: list[int]
    paper: bool  # its assessment is a committee paper rather than a recommendations table


@dataclass
class County:
    name: str
    board: str
    force: Force
    sub_groups: list[tuple[str, str]] = field(default_factory=list)  # (name, relation form)
    partnerships: list[Partnership] = field(default_factory=list)


@dataclass
class Force:
    name: str
    plans: list[L.HigherPlan]
    counties: list[County] = field(default_factory=list)

    @property
    def pcc(self) -> str:
        return f"{self.name} Police & Crime Commissioner"

    @property
    def panel(self) -> str:
        return f"{self.name} Police & Crime Panel"


def in_force(plans: list[L.HigherPlan], year: int) -> L.HigherPlan:
    """The plan whose four-year term covers ``year``."""
    return next(p for p in plans if p.first_year <= year < p.first_year + 4)


def _terms(rng: random.Random, title: str, pool: tuple[str, ...]) -> list[L.HigherPlan]:
    first = YEARS[0] - rng.randint(0, 3)
    return [L.HigherPlan(title, f"{y}-{y + 4}", tuple(rng.sample(pool, rng.randint(4, 6))), y)
            for y in range(first, YEARS[-1] + 1, 4)]


def world(scale: int, rng: random.Random) -> list[Force]:
    """Force areas, counties and partnerships for ``scale`` (3 partnerships per unit)."""
    n_parts, n_forces = 3 * scale, max(1, round(0.4 * scale))
    sizes = [min(2, n_parts)] * n_forces
    for _ in range(n_parts - sum(sizes)):
        sizes[rng.randrange(n_forces)] += 1
    taken: set[str] = set()
    forces, papers = [], 0
    for force_name, size in zip(W.place_names(rng, n_forces, W.COUNTY_TAILS, taken), sizes,
                                strict=True):
        pcp = f"{force_name} Police and Crime Plan"
        force = Force(force_name, _terms(rng, pcp, W.PCP_OBJECTIVES))
        n_counties = 2 if size >= 8 else 1
        places = W.place_names(rng, size, taken=taken)
        for c, county_name in enumerate(W.place_names(rng, n_counties, W.COUNTY_TAILS, taken)):
            county = County(county_name, f"{county_name} Safer Communities Board", force)
            county.sub_groups = [(f"{county_name} {g}", rng.choice(("sub", "reports", "over")))
                                 for g in rng.sample(W.SUB_GROUPS, rng.randint(3, 5))]
            for place in places[c::n_counties]:
                paper, papers = papers % 2 == 1, papers + 1  # every other one writes papers
                title = f"{rng.choice(W.COUNCIL_PLAN_WORDS)} {place} Plan"
                county.partnerships.append(Partnership(
                    place, f"{place} Community Safety Partnership", county,
                    _terms(rng, title, W.COUNCIL_OBJECTIVES),
                    rng.sample(range(len(W.THEMES)), rng.randint(7, 10)), paper))
            force.counties.append(county)
        forces.append(force)
    return forces


