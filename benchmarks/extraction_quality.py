"""Extraction quality on real documents: what cspgraph reads, scored against gold facts.

    python benchmarks/extraction_quality.py TEXT_DIR GOLD_DIR [-v]

Each document of TEXT_DIR (``<slug>.txt``, ``.md``, ``.docx``, ``.pdf`` or ``.html``) is built
on its own through ``cspgraph.graph.build.dataset.build``, the product's normal path, and its facts
are read back through the query layer (``queries.document_facts``). They are matched one
to one with ``GOLD_DIR/<slug>.json`` (the schema of ``FACTS.md``), per type, forgivingly:

- case, punctuation and "&"/"and" are ignored;
- titles and post-nominals are ignored for people;
- leading numbering ("Priority 2 –", "3.", "(b)") is ignored;
- one text may contain the other at word boundaries when the shorter is at least 60% of
  the longer;
- a body or plan may be named by any of its aliases.

Priorities and objectives are one type, and so are actions and recommendations. A fact
that matches no gold fact counts as false. The last line is
``corpus: recall R% precision P% crashes C docs N``; ``-v`` lists every miss and false fact.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

# Scored types, in table order, and the gold types each one takes in.
TYPES = {"body": ("body",), "chair": ("chair",), "member": ("member",),
         "governance": ("governance",), "priority": ("priority", "objective"),
         "lead": ("lead",), "action": ("action", "recommendation"), "plan": ("plan",),
         "alignment": ("alignment",)}
SCORED = {t: k for k, ts in TYPES.items() for t in ts}
SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")
CONTAIN_SHARE = 0.6

def words(text: str) -> frozenset[str]:
    """The white-space separated words of ``text``."""
    return frozenset(text.split())


# Written here, not taken from the product, so the score does not lean on what it scores.
TITLES = words("""mr mrs ms miss mx dr cllr councillor councillors county borough district city
parish magistrate alderman mayor cr sir dame lord lady baroness prof professor
rev revd canon father the hon honourable rt right supt superintendent chief ch insp inspector
sgt sergeant pc psc dc ds di dci dsi dcs acc dcc cc constable commander cmdr det detective
assistant deputy temporary t a/""")
POSTNOMINALS = words("""jp obe mbe cbe kbe dbe qpm qfsm dl mp msp am ms mla mep frsa phd
bsc ba ma msc llb mba cqsw fcipd qc kc""")
LEADING_NUMBER = re.compile(
    r"^\s*(?:(?:strategic\s+)?(?:priority|objective|theme|aim|outcome|ambition|action|"
    r"recommendation)\s+)?(?:\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-z]|[ivxlc]{1,5})\)?[.):]?)"
    r"(?:\s*[-–—:.]\s*|\s+)(?=\S)", re.IGNORECASE)


def norm(text: str | None) -> str:
    """Lower case, "&" as "and", punctuation as space, white space folded."""
    if not text:
        return ""
    text = text.casefold().replace("&", " and ").replace("’", "'")
    text = re.sub(r"'s\b", "s", text)
    return " ".join(re.sub(r"[^\w]+|_", " ", text).split())


def norm_item(text: str | None) -> str:
    """``norm`` after dropping a leading number or cue and number."""
    text = text or ""
    for _ in range(2):
        text = LEADING_NUMBER.sub("", text, count=1)
    return norm(text)


def norm_person(text: str | None) -> str:
    """``norm`` without titles and post-nominals."""
    words = norm(text).split()
    while words and words[0] in TITLES:
        words.pop(0)
    while words and words[-1] in POSTNOMINALS:
        words.pop()
    return " ".join(words)


def same(a: str, b: str) -> bool:
    """Equal, or one contains the other at word boundaries and is at least 60% of it."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= CONTAIN_SHARE * len(long_) and f" {short} " in f" {long_} "


def any_same(left: Iterable[str], right: Iterable[str]) -> bool:
    right = [r for r in right if r]
    return any(same(a, b) for a in left if a for b in right)


@dataclass
class Fact:
    """A fact as the matcher sees it: per field, every normalised name it may go by."""

    type: str
    names: dict[str, set[str]]
    shown: str
    quote: str = ""


@dataclass
class DocScore:
    slug: str
    matched: Counter = field(default_factory=Counter)
    gold: Counter = field(default_factory=Counter)
    false: Counter = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    falses: list[str] = field(default_factory=list)
    crash: str | None = None


# --- gold and product facts as matcher facts ------------------------------------------

PERSON_FIELDS = {"holder", "person", "lead", "owner"}


def _forms(value: str | None, key: str) -> set[str]:
    if not value:
        return set()
    out = {norm(value), norm_item(value)}
    if key in PERSON_FIELDS:
        out.add(norm_person(value))
    return {v for v in out if v}


def _gold_names(facts: list[dict]) -> dict[str, set[str]]:
    """Each gold body or plan name -> the forms of it and of its aliases."""
    out: dict[str, set[str]] = {}
    for f in facts:
        name = f.get("name") if f["type"] == "body" else f.get("title")
        if f["type"] in ("body", "plan") and name:
            forms = _forms(name, "name")
            for alias in f.get("aliases") or ():
                forms |= _forms(alias, "name")
            out.setdefault(norm(name), set()).update(forms)
    return out


def gold_fact(f: dict, known: dict[str, set[str]]) -> Fact | None:
    """The matcher's view of one gold fact (None for types the score leaves out)."""
    kind = SCORED.get(f["type"])
    if kind is None:
        return None

    def forms(key: str) -> set[str]:
        value = f.get(key)
        out = _forms(value, key)
        return out | known.get(norm(value), set()) if value else out

    keys = {"body": ("name",), "chair": ("body", "holder"), "governance": ("body", "other"),
            "priority": ("name",), "objective": ("text",), "lead": ("item", "lead"),
            "action": ("text",), "recommendation": ("text",), "plan": ("title",),
            "alignment": ("from", "to")}.get(f["type"])
    if f["type"] == "member":
        key = "person" if f.get("person") else "organisation"
        names = {"member": forms(key)}
    else:
        names = {k: forms(k) for k in keys}
        if f["type"] in ("body", "plan"):
            names[keys[0]] |= known.get(norm(f.get(keys[0])), set())
    if f["type"] in ("priority", "objective"):
        names = {"name": names[keys[0]]}
    if f["type"] in ("action", "recommendation"):
        names = {"text": names["text"]}
    shown = " | ".join(str(f.get(k)) for k in (keys or ("person", "organisation")))
    return Fact(kind, names, f"{f['type']}: {shown}", f.get("quote", ""))


def product_fact(f) -> Fact | None:
    """The matcher's view of one ``DocumentFact`` from the query layer."""
    kind = SCORED.get(f.type)
    if kind is None:
        return None

    def forms(key: str) -> set[str]:
        out = _forms(f.fields.get(key), key)
        for alias in f.aliases.get(key, ()):
            out |= _forms(alias, key)
        return out

    keys = {"body": ("name",), "chair": ("body", "holder"), "governance": ("body", "other"),
            "priority": ("name",), "objective": ("text",), "lead": ("item", "lead"),
            "action": ("text",), "recommendation": ("text",), "plan": ("title",),
            "alignment": ("from", "to")}.get(f.type)
    if f.type == "member":
        key = "person" if f.fields.get("person") else "organisation"
        names = {"member": forms(key)}
        keys = (key,)
    else:
        names = {k: forms(k) for k in keys}
    if f.type in ("priority", "objective"):
        names = {"name": names[keys[0]]}
    if f.type in ("action", "recommendation"):
        names = {"text": names["text"]}
    shown = " | ".join(str(f.fields.get(k)) for k in keys)
    quote = f.sources[0].quote if f.sources else ""
    return Fact(kind, names, f"{f.type}: {shown}", quote)


def matches(got: Fact, want: Fact) -> bool:
    """Every field the gold needs is named alike on both sides."""
    return got.type == want.type and all(
        any_same(got.names.get(k, ()), want.names[k]) for k in want.names)


def match(got: list[Fact], want: list[Fact]) -> set[tuple[int, int]]:
    """A largest one-to-one matching of product facts to gold facts."""
    g = nx.Graph()
    left = [("p", i) for i in range(len(got))]
    g.add_nodes_from(left, bipartite=0)
    g.add_nodes_from((("g", j) for j in range(len(want))), bipartite=1)
    g.add_edges_from((("p", i), ("g", j)) for i, a in enumerate(got)
                     for j, b in enumerate(want) if matches(a, b))
    pairs = nx.bipartite.hopcroft_karp_matching(g, top_nodes=left)
    return {(u[1], v[1]) for u, v in pairs.items() if u[0] == "p"}


# --- running --------------------------------------------------------------------------

def document_path(text_dir: Path, slug: str) -> Path | None:
    return next((p for s in SUFFIXES if (p := text_dir / f"{slug}{s}").exists()), None)


def score_document(path: Path, gold: dict) -> DocScore:
    """Build ``path`` alone and score its facts against ``gold``."""
    from cspgraph.graph import queries as q
    from cspgraph.graph.build.dataset import build

    score = DocScore(gold["document"])
    known = _gold_names(gold["facts"])
    want = [w for f in gold["facts"] if (w := gold_fact(f, known)) is not None]
    score.gold.update(w.type for w in want)
    try:
        result = build([path])
        report = result.reports[0]
        if report.error:
            raise RuntimeError(report.error)
        got = [g for f in q.document_facts(result.dataset, report.doc_id)
               if (g := product_fact(f)) is not None]
    except Exception as exc:  # a crash is scored, not fatal to the run
        score.crash = f"{type(exc).__name__}: {exc}"
        score.misses = [w.shown for w in want]
        return score
    for kind in TYPES:
        g_ = [f for f in got if f.type == kind]
        w_ = [f for f in want if f.type == kind]
        pairs = match(g_, w_)
        score.matched[kind] += len(pairs)
        score.false[kind] += len(g_) - len(pairs)
        hit_g, hit_w = {i for i, _ in pairs}, {j for _, j in pairs}
        score.falses += [f"{f.shown}  «{f.quote[:70]}»" for i, f in enumerate(g_)
                         if i not in hit_g]
        score.misses += [f"{f.shown}  «{f.quote[:70]}»" for j, f in enumerate(w_)
                         if j not in hit_w]
    return score


def score_corpus(text_dir: Path, gold_dir: Path) -> list[DocScore]:
    """One score per gold file whose document is in ``text_dir``."""
    out = []
    for gold_file in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        path = document_path(text_dir, gold.get("document", gold_file.stem))
        if path is None:
            continue
        out.append(score_document(path, gold))
    return out


@dataclass
class Totals:
    matched: Counter
    gold: Counter
    false: Counter
    crashes: int
    docs: int

    def recall(self, kind: str | None = None) -> float:
        m, g = (self.matched[kind], self.gold[kind]) if kind else (
            sum(self.matched.values()), sum(self.gold.values()))
        return m / g if g else 1.0

    def precision(self, kind: str | None = None) -> float:
        m, f = (self.matched[kind], self.false[kind]) if kind else (
            sum(self.matched.values()), sum(self.false.values()))
        return m / (m + f) if m + f else 1.0


def totals(scores: list[DocScore]) -> Totals:
    t = Totals(Counter(), Counter(), Counter(), 0, len(scores))
    for s in scores:
        t.matched.update(s.matched)
        t.gold.update(s.gold)
        t.false.update(s.false)
        t.crashes += s.crash is not None
    return t


def report(scores: list[DocScore], verbose: bool = False) -> str:
    """The documents × types table, per-type figures, and the summary line last."""
    width = max([len(s.slug) for s in scores] + [8])
    head = "document".ljust(width) + "".join(k[:10].rjust(11) for k in TYPES)
    lines = [head, "-" * len(head)]
    for s in scores:
        cells = []
        for kind in TYPES:
            m, g, f = s.matched[kind], s.gold[kind], s.false[kind]
            cells.append("" if not (g or f) else f"{m}/{g}" + (f"+{f}" if f else ""))
        lines.append(s.slug.ljust(width) + "".join(c.rjust(11) for c in cells)
                     + ("  CRASH" if s.crash else ""))
        if verbose:
            lines += [f"    crash: {s.crash}"] if s.crash else []
            lines += [f"    miss  {m}" for m in s.misses]
            lines += [f"    false {f}" for f in s.falses]
    t = totals(scores)
    lines.append("")
    for kind in TYPES:
        lines.append(f"{kind:<11} recall {100 * t.recall(kind):5.1f}% "
                     f"({t.matched[kind]}/{t.gold[kind]})  precision "
                     f"{100 * t.precision(kind):5.1f}% ({t.matched[kind]}/"
                     f"{t.matched[kind] + t.false[kind]})")
    lines.append(f"corpus: recall {100 * t.recall():.1f}% precision {100 * t.precision():.1f}% "
                 f"crashes {t.crashes} docs {t.docs}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("text_dir", type=Path)
    parser.add_argument("gold_dir", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and falses")
    args = parser.parse_args(argv)
    scores = score_corpus(args.text_dir, args.gold_dir)
    if not scores:
        print(f"no document of {args.gold_dir} found in {args.text_dir}", file=sys.stderr)
        return 2
    print(report(scores, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
