"""A SYNTHETIC national corpus of community safety documents, for benchmarks only.

Writes plain-text documents in the layout families of the bundled samples, so that
``cspgraph build`` reads them through the real loaders, with ground truth in
``manifest.json``. Everything is invented and labelled: every title ends "(SYNTHETIC)",
and places, people and plans come from the pools in ``synthetic_corpus_words``.

Scale 1 is about 1% of a national corpus: 3 partnerships in one force area over 10 plan
years; scale 100 is 300 partnerships in 40 force areas, about 100,000 actions and
recommendations. Per year: a partnership plan (priority | lead agency | actions rows
citing the area's Police and Crime Plan and a council plan) and a strategic assessment
(a recommendations table, or a committee paper) per partnership, and a community safety
agreement (county board, chaired sub-groups, PCC and panel) per county. About 5% of
recommendations are planted near-duplicates of another partnership's, listed in the
manifest. The same seed gives byte-identical files.

    python benchmarks/synthetic_corpus.py --scale 1 --out /tmp/corpus [--seed 7]
    cspgraph build /tmp/corpus/documents -o /tmp/corpus.trig
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

import synthetic_corpus_layouts as L
import synthetic_corpus_words as W
from synthetic_corpus_world import YEARS, County, Partnership, in_force, world

DUPLICATE_RATE = 0.05
TURNOVER = 0.25  # chance a body changes chair between years


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Generator:
    """Writes the documents year by year and keeps the manifest and counts."""

    def __init__(self, out: Path, scale: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.out, self.scale, self.seed = out, scale, seed
        self.forces = world(scale, self.rng)
        self.chairs: dict[str, str] = {}  # body -> the printed chair line
        self.docs: list[dict] = []
        self.pairs: list[dict] = []
        self.pool: dict[str, list[tuple[str, str, tuple[str, str, str], Partnership]]] = {}
        self.counts = dict.fromkeys(("documents", "priorities", "actions", "recommendations",
                                     "bytes"), 0)

    # -- people -----------------------------------------------------------------------
    def chair(self, body: str, title_org: str, new_year: bool,
              honorifics: tuple[str, ...] = W.HONORIFICS) -> tuple[str, str]:
        """(person, printed line) chairing ``body``; a new chair sometimes, each year."""
        if body not in self.chairs or (new_year and self.rng.random() < TURNOVER):
            person = W.person(self.rng, honorifics)
            self.chairs[body] = f"{person}, {title_org}" if title_org else person
        line = self.chairs[body]
        return line.split(", ", 1)[0], line

    # -- items ------------------------------------------------------------------------
    def _unique(self, make, seen: set[str]) -> str:
        for _ in range(50):
            text = make()
            if text not in seen:
                seen.add(text)
                return text
        raise RuntimeError("could not draw a distinct item; add words to the pools")

    def action(self, theme: int, place: str, seen: set[str]) -> str:
        topics = W.THEMES[theme][2]
        return self._unique(lambda: f"{self.rng.choice(W.ACTION_VERBS)} "
                            f"{self.rng.choice(topics)} "
                            f"{self.rng.choice(W.QUALIFIERS).format(p=place)}.", seen)

    def recommendation(self, theme: int, p: Partnership, file: str, seen: set[str]) -> str:
        """A new recommendation, or (at DUPLICATE_RATE) another partnership's re-worded."""
        rng, key = self.rng, W.THEMES[theme][0]
        pool = self.pool.setdefault(key, [])
        if pool and rng.random() < DUPLICATE_RATE:
            for _ in range(10):
                o_file, o_text, parts, other = rng.choice(pool)
                if other is p:
                    continue
                text, edits = W.paraphrase(*parts, other.place, p.place, rng)
                if text not in seen:
                    seen.add(text)
                    self.pairs.append({"original": {"document": o_file, "text": o_text},
                                       "duplicate": {"document": file, "text": text},
                                       "edits": edits})
                    return text
        parts: tuple[str, str, str] = ("", "", "")
        objects = list(W.REC_OBJECTS.items())

        def make() -> str:
            nonlocal parts
            topic, (obj, verbs) = rng.choice(W.THEMES[theme][2]), rng.choice(objects)
            parts = (rng.choice(verbs), obj.format(t=topic),
                     rng.choice(W.QUALIFIERS).format(p=p.place))
            return W.rec_text(*parts)

        text = self._unique(make, seen)
        pool.append((file, text, parts, p))
        return text

    def leads(self, p: Partnership, k: int) -> list[str]:
        names = {"p": p.place, "f": p.county.force.name, "c": p.county.name}
        return [t.format(**names) for t in self.rng.sample(W.LEAD_AGENCIES, k)]

    # -- documents --------------------------------------------------------------------
    def write(self, folder: str, name: str, family: str, title: str, text: str,
              **truth) -> None:
        path = self.out / "documents" / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        self.counts["documents"] += 1
        self.counts["bytes"] += len(data)
        for kind in ("actions", "recommendations"):
            self.counts[kind] += truth.get(kind, 0)
        self.counts["priorities"] += len(truth.get("priorities", ()))
        self.docs.append({"file": f"documents/{folder}/{name}", "family": family,
                          "title": title, **truth})

    def plan(self, p: Partnership, year: int) -> None:
        """A partnership plan: 4-7 priority rows, each citing the plans in force."""
        rng, seen = self.rng, set()
        period = f"{year}-{(year + 1) % 100:02d}"
        rows, truth = [], []
        pcp, council = in_force(p.county.force.plans, year), in_force(p.council_plans, year)
        for theme in sorted(rng.sample(p.themes, rng.randint(4, 7))):
            name, aim, _ = W.THEMES[theme]
            cites = []
            for plan, k in ((council, rng.randint(1, 2)), (pcp, rng.randint(1, 3))):
                if plan is pcp or rng.random() < 0.7:
                    chosen = set(rng.sample(plan.objectives, k))
                    cites.append((plan, [o for o in plan.objectives if o in chosen]))
            strands = [(s, d, [self.action(theme, p.place, seen)
                               for _ in range(rng.randint(1, 2))])
                       for s, d in W.STRANDS[: rng.randint(2, 3)]]
            row = L.PriorityRow(name, aim, self.leads(p, rng.randint(1, 2)), cites, strands,
                                rng.choice((0, 0, 1)))
            rows.append(row)
            truth.append({"name": name, "lead_agencies": row.leads,
                          "objectives": {plan.label: objs for plan, objs in cites}})
        title, text = L.partnership_plan(p.place, p.name, period, rows, rng)
        self.write(_slug(p.county.force.name), f"{_slug(p.place)}-csp-plan-{period}.txt",
                   "partnership plan", title, text, area=p.place, year=year, priorities=truth,
                   actions=sum(len(a) for r in rows for _, _, a in r.strands))

    def assessment(self, p: Partnership, year: int) -> None:
        """A strategic assessment's recommendations: a themed table, or a committee paper."""
        rng, seen = self.rng, set()
        folder = _slug(p.county.force.name)
        themes = sorted(rng.sample(p.themes, rng.randint(3, 6)))
        if p.paper:
            name = f"{_slug(p.place)}-strategic-assessment-paper-{year}.txt"
            file = f"documents/{folder}/{name}"

            def rec(t: int, lead: bool) -> L.Rec:
                text = self.recommendation(t, p, file, seen)
                if not lead:
                    return L.Rec(text, W.THEMES[t][0])
                when = f"{rng.choice(W.MONTHS)} {year + 1}"
                return L.Rec(text, W.THEMES[t][0], self.leads(p, 1)[0],
                             f"Report progress to the partnership by {when}.")

            table = [rec(rng.choice(themes), True) for _ in range(rng.randint(5, 9))]
            listed = [rec(rng.choice(themes), False) for _ in range(rng.randint(3, 5))]
            author = "Community Safety Analyst"
            title, text = L.committee_paper(p.name, year, rng.randint(4, 14), author, table,
                                            listed, rng)
            n = len(table) + len(listed)
            self.write(folder, name, "committee paper", title, text, area=p.place, year=year,
                       recommendations=n)
            return
        period = f"{year}/{(year + 1) % 100:02d}"
        name = f"{_slug(p.place)}-strategic-assessment-{year}-{(year + 1) % 100:02d}.txt"
        file = f"documents/{folder}/{name}"
        rows = [(W.THEMES[t][0], [L.Rec(self.recommendation(t, p, file, seen), W.THEMES[t][0])
                                  for _ in range(rng.randint(1, 4))]) for t in themes]
        title, text = L.assessment(p.place, period, rows)
        self.write(folder, name, "strategic assessment", title, text, area=p.place, year=year,
                   recommendations=sum(len(r) for _, r in rows))

    def agreement(self, county: County, year: int) -> None:
        """A county's community safety agreement: priority sections, action plan, and the
        governance entries (board, sub-groups, partnerships, PCC, panel) with chairs."""
        rng, force, new_year, seen = self.rng, county.force, year != YEARS[0], set()
        chairs: dict[str, str] = {}
        holders: dict[str, str] = {}
        relations: list[list[str]] = []
        entries: list[L.Entry] = []

        def entry(body: str, title_org: str, text: str, short: str = "") -> None:
            councillor = ("Cllr ",) if short == "PCP" else W.HONORIFICS
            person, line = self.chair(body, title_org, new_year, councillor)
            (holders if short == "PCC" else chairs)[body] = person
            name = f"{body} ({short})" if short else body
            entries.append(L.Entry(name, line, [text], short == "PCC"))

        def org() -> str:
            employer = self.leads(rng.choice(county.partnerships), 1)[0]
            return f"{rng.choice(W.JOB_TITLES)}, {employer}"

        over = [g for g, form in county.sub_groups if form == "over"]
        text = (f"Provides strategic co-ordination of community safety across {county.name}. "
                "Responsible for the annual Community Safety Agreement and Action Plan.")
        if over:
            named = [f"the {g}" for g in over]
            listed = ", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else named[0]
            text += f" It oversees {listed}."
            relations += [[county.board, "oversees", g] for g in over]
        text += (f" Membership is comprised of the Chairs of the {len(county.partnerships)} CSPs"
                 " and senior representatives from the Responsible Authorities.")
        entry(county.board, f"Director of Public Health, {county.name} County Council", text)
        for group, form in county.sub_groups:
            purpose = f"brings partners together to plan joint work across {county.name}"
            if form == "sub":
                text = f"A subgroup of the SCB, this group {purpose}."
                relations.append([group, "sub-group of", county.board])
            elif form == "reports":
                text = f"This group reports to the SCB. It {purpose} and shares good practice."
                relations.append([group, "reports to", county.board])
            else:
                text = f"The group {purpose} and shares good practice between the partnerships."
            entry(group, org(), text)
        for p in county.partnerships:
            entry(p.name, f"{rng.choice(W.JOB_TITLES)}, {p.place} Borough Council",
                  f"The statutory partnership works to reduce crime and disorder in {p.place}. "
                  "It reports to the SCB each quarter on the county wide priorities.")
            relations.append([p.name, "reports to", county.board])
        plan = in_force(force.plans, year)
        entry(force.pcc, "", "Publicly elected with a statutory role to ensure the policing "
              f"needs of local communities are met. The PCC publishes the {plan.label}.", "PCC")
        place = rng.choice(county.partnerships).place
        entry(force.panel, f"{place} Borough Council", "The panel is responsible for scrutiny "
              f"of the {force.name} PCC and performance against the {plan.label}.", "PCP")
        relations.append([force.panel, "scrutinises", force.pcc])
        themes = sorted(rng.sample(sorted({t for p in county.partnerships for t in p.themes}),
                                   rng.randint(3, 5)))
        sections, actions = [], []
        for t in themes:
            name, _, topics = W.THEMES[t]
            notes = [f"Partners across {county.name} continue to focus on {rng.choice(topics)}, "
                     f"with a review of progress planned for {rng.choice(W.MONTHS)} {year + 1}.",
                     f"Cases involving {rng.choice(topics)} changed by {rng.randint(2, 40)}% "
                     "compared with the previous year.",
                     f"A new approach to {rng.choice(topics)} will be piloted in {place} before "
                     "being offered across the county."]
            sections.append((name, notes[: rng.randint(1, 3)]))
            for _ in range(rng.randint(1, 3)):
                lead = self.leads(rng.choice(county.partnerships), 1)[0]
                actions.append((name, self.action(t, county.name, seen),
                                f"{rng.choice(W.MONTHS)} {year + 1}", lead))
        contact = W.person(rng)
        title, text = L.agreement(county.name, county.board, year, contact,
                                  len(county.partnerships), sections, actions, entries)
        self.write(_slug(force.name),
                   f"{_slug(county.name)}-community-safety-agreement-{year}-{year + 1}.txt",
                   "community safety agreement", title, text, area=county.name, year=year,
                   chairs=chairs, holders=holders, relations=relations,
                   priorities=[{"name": n, "lead_agencies": [], "objectives": {}}
                               for n, _ in sections], actions=len(actions))

    # -- the whole corpus -------------------------------------------------------------
    def run(self) -> dict:
        for year in YEARS:
            for force in self.forces:
                for county in force.counties:
                    self.agreement(county, year)
                    for p in county.partnerships:
                        self.plan(p, year)
                        self.assessment(p, year)
        return self.manifest()

    def manifest(self) -> dict:
        counts = {"force areas": len(self.forces),
                  "counties": sum(len(f.counties) for f in self.forces),
                  "partnerships": sum(len(c.partnerships) for f in self.forces
                                      for c in f.counties),
                  **self.counts, "planted duplicate pairs": len(self.pairs)}
        return {
            "synthetic": True,
            "note": "SYNTHETIC benchmark corpus: every name, person and plan is invented.",
            "generator": "benchmarks/synthetic_corpus.py", "scale": self.scale,
            "seed": self.seed, "years": list(YEARS), "duplicate_rate": DUPLICATE_RATE,
            "counts": counts,
            "force_areas": [{"name": f.name, "police_and_crime_plans": [
                {"title": p.title, "period": p.period, "objectives": list(p.objectives)}
                for p in f.plans], "counties": [
                {"name": c.name, "board": c.board, "sub_groups": [g for g, _ in c.sub_groups],
                 "partnerships": [p.name for p in c.partnerships]} for c in f.counties]}
                for f in self.forces],
            "documents": self.docs,
            "near_duplicates": self.pairs,
        }


def generate(scale: int, out: str | Path, seed: int = 7) -> dict:
    """Write the corpus for ``scale`` into ``out``/documents and ``out``/manifest.json;
    returns the manifest. Refuses a folder that already holds documents."""
    out = Path(out)
    docs = out / "documents"
    if docs.exists() and any(docs.iterdir()):
        raise SystemExit(f"{docs} is not empty; choose a new --out folder")
    manifest = Generator(out, scale, seed).run()
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n",
                                       encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, choices=(1, 10, 100), default=1)
    parser.add_argument("--out", required=True, help="folder to write documents/ and manifest")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    manifest = generate(args.scale, args.out, args.seed)
    took = time.perf_counter() - start
    for name, value in manifest["counts"].items():
        print(f"{name:>24}: {value:,}")
    print(f"{'seconds':>24}: {took:.2f}")
    print(f"build with: cspgraph build {Path(args.out) / 'documents'} -o graph.trig")
    return 0


if __name__ == "__main__":
    sys.exit(main())
