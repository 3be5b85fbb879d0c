"""Put the generic reading's facts beside the layout recognisers' facts.

The layout recognisers (``loaders/recognisers/``) read layouts they know outright: a
sample family's recommendation table, a glossary. The generic reading
(``loaders/recognisers/reading/``) reads every document by its sections, lists, tables and
sentences. Where both read the same thing, the layout's reading stands:

* a generic fact on lines a layout fact of its kind already read is a restatement;
* a generic body that is a layout body, alias or theme under another spelling is that
  one, and generic facts naming it are renamed to it;
* a generic plan that is the document itself, or a plan the layout cites, is that one;
* a lead the generic reading found for an item the layout read is that item's lead,
  where the layout gave it none.

A fact below the ``min_confidence`` setting is a candidate too. Candidates are kept in
the load result and the build report; they are not asserted in the graph.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from cspgraph.loaders.facts import (
    Alias,
    Alignment,
    Body,
    BodyRelation,
    CrossReference,
    DocumentInfo,
    Fact,
    Furniture,
    HigherPlan,
    IndicatorOwner,
    Item,
    Lead,
    Membership,
    Objective,
    PlanKind,
    Post,
    Priority,
)
from cspgraph.loaders.parse.folding import fold
from cspgraph.loaders.recognisers.reading.plans import key as plan_key

GENERIC = "reading"
"""The name the generic reading is registered under."""

# The kinds a fact restates: a generic fact on lines of a layout fact of its kind.
_KIND = {Priority: "priority", Objective: "priority", Item: "item", Post: "people",
         Membership: "people", Lead: "people", BodyRelation: "governance"}


def _lines(fact: Fact) -> set[int]:
    return set(fact.source.span.lines())


class _LayoutNames:
    """The layout facts' bodies, aliases and themes, by folded name."""

    def __init__(self, facts: list[Fact]) -> None:
        self.names: dict[str, str] = {}
        self.themes: set[str] = set()
        for f in facts:
            if isinstance(f, Body):
                self.names[fold(f.name)] = f.name
                if f.short:
                    self.names.setdefault(fold(f.short), f.name)
        for f in facts:
            if isinstance(f, Alias) and f.expansion:
                full = self.names.get(fold(f.expansion), f.expansion)
                self.names.setdefault(fold(f.short), full)
                self.names.setdefault(fold(f.expansion), full)
            elif isinstance(f, Priority):
                self.themes.add(fold(f.name))
            elif isinstance(f, Item) and f.theme:
                self.themes.add(fold(f.theme))

    def same(self, name: str) -> str | None:
        """The layout's name for the body ``name`` is, where one is ``name`` with an
        area in front of it ("Health and Wellbeing Board" and "Anyshire Health &
        Well-Being Board")."""
        k = fold(name)
        if k in self.names:
            return self.names[k]
        longer = [full for kk, full in self.names.items()
                  if len(k.split()) >= 2 and kk.endswith(" " + k)]
        return longer[0] if len(set(longer)) == 1 else None


def merge(layout: list[Fact], generic: Iterable[Fact],
          min_confidence: float) -> tuple[list[Fact], list[Fact]]:
    """The generic facts to assert beside ``layout``, and the candidates among them."""
    names = _LayoutNames(layout)
    read: dict[str, set[int]] = {}
    for f in layout:
        if (kind := _KIND.get(type(f))) is not None:
            read.setdefault(kind, set()).update(_lines(f))
    texts = {fold(f.name) for f in layout if isinstance(f, Priority)}
    texts |= {fold(f.text) for f in layout if isinstance(f, Item)}
    led = {f.target for f in layout if isinstance(f, Lead)}

    renamed: dict[str, str] = {}
    kept: list[Fact] = []
    candidates: list[Fact] = []
    fate: dict[str, str | None] = {}  # a generic item's key -> "kept", "candidate" or a layout key
    generic = [f for f in generic if not _restates_plan(f, layout)]
    layout_bodies = {fold(f.name) for f in layout if isinstance(f, Body)}
    for f in generic:
        if isinstance(f, Body):
            same = names.same(f.name) or (names.same(f.short) if f.short else None)
            if same is not None:
                renamed[f.name] = same
                if fold(same) not in layout_bodies:  # an issuer or expansion, not yet a body
                    kept.append(dataclasses.replace(f, name=same))
                    layout_bodies.add(fold(same))
            elif fold(f.name) not in names.themes:
                kept.append(f)
    for f in generic:
        if isinstance(f, Body | Furniture | Lead):
            continue
        if isinstance(f, Alias):
            if fold(f.short) not in names.names and f.expansion not in renamed:
                kept.append(f)
            continue
        f = _renamed(f, renamed)
        kind = _KIND.get(type(f))
        text = f.name if isinstance(f, Priority) else f.text if isinstance(f, Item) else None
        if (kind is not None and _lines(f) & read.get(kind, set())) or (
                text is not None and fold(text) in texts) or (
                isinstance(f, Priority) and _lines(f) & read.get("item", set())):
            if isinstance(f, Item | Priority):  # the layout read it: its lead goes to theirs
                kinds = Item if isinstance(f, Item) else Priority
                fate[f.key] = next((g.key for g in layout if isinstance(g, kinds)
                                    and (_lines(g) & _lines(f) or (
                                        isinstance(g, Priority) and fold(g.name) == fold(
                                            f.name)))), None)
            continue
        sure = f.confidence >= min_confidence
        (kept if sure else candidates).append(f)
        if isinstance(f, Item | Priority):
            fate[f.key] = "kept" if sure else "candidate"
    for f in generic:
        if not isinstance(f, Lead):
            continue
        f = _renamed(f, renamed)
        where = fate.get(f.target, "kept")
        if where == "candidate" or f.confidence < min_confidence:
            candidates.append(f)
        elif where == "kept":
            kept.append(f)
        elif where is not None and where not in led and f.made_by != "leads column":
            kept.append(dataclasses.replace(f, target=where))  # "Action PF to ...": the owner
    moved = {k: v for k, v in fate.items() if v not in (None, "kept", "candidate")}
    kept = [dataclasses.replace(f, priority=moved[f.priority])  # the layout read its priority
            if isinstance(f, Alignment) and f.priority in moved else f for f in kept]
    return kept, candidates


@dataclass(frozen=True)
class Candidate:
    """A fact the reading was not sure enough of to assert: what it would say, where, which
    part read it and how sure it was."""

    type: str
    says: str
    line: int
    quote: str
    made_by: str
    confidence: float


def describe(fact: Fact) -> Candidate:
    """A candidate fact in a line a person can check against the document."""
    fields = {f.name: getattr(fact, f.name) for f in dataclasses.fields(fact)
              if f.name not in ("source", "made_by", "confidence", "key", "parent")}
    says = "; ".join(f"{k}: {v}" for k, v in fields.items()
                     if v not in (None, "", False, (), []) and not isinstance(v, date))
    return Candidate(type(fact).__name__, says, fact.source.span.start, fact.source.quote,
                     fact.made_by, round(fact.confidence, 2))


def _restates_plan(fact: Fact, layout: list[Fact]) -> bool:
    """True when ``fact`` is a plan the layout facts already give: the document itself
    (a plan, not a paper about one) or a plan they cite under the same name."""
    if not isinstance(fact, HigherPlan):
        return False
    names = {plan_key(n) for n in (fact.title, *fact.aliases)}
    info = next((f for f in layout if isinstance(f, DocumentInfo)), None)
    if info is not None and info.kind is not PlanKind.COMMITTEE_PAPER and (
            fact.own or plan_key(info.title) in names):
        return True
    return any(isinstance(f, HigherPlan) and names & {plan_key(n) for n in (f.title, *f.aliases)}
               for f in layout)


_KEY_FIELDS = {Priority: ("key", "parent"), Item: ("parent",), Lead: ("target",),
               IndicatorOwner: ("owner",), CrossReference: ("from_key", "to_key"),
               Alignment: ("priority",)}


def one_priority_per_name(facts: list[Fact]) -> list[Fact]:
    """``facts`` with the priorities one document names twice (in a list and in a table)
    given one key, the first one's, so they are one priority with both sources."""
    first: dict[tuple[str, str | None], str] = {}
    same: dict[str, str] = {}
    for f in sorted((f for f in facts if isinstance(f, Priority)),
                    key=lambda f: f.source.span.start):
        k = (fold(f.name), f.parent)
        if k in first and first[k] != f.key:
            same[f.key] = first[k]
        first.setdefault(k, f.key)
    if not same:
        return facts
    out = []
    for f in facts:
        names = _KEY_FIELDS.get(type(f), ())
        changes = {n: same[v] for n in names if (v := getattr(f, n)) in same}
        out.append(dataclasses.replace(f, **changes) if changes else f)
    return out


_BODY_FIELDS = {Membership: ("body",), Post: ("body",), Lead: ("target",),
                BodyRelation: ("subject", "object")}


def _renamed(fact: Fact, renamed: dict[str, str]) -> Fact:
    """``fact`` with the bodies it names given their layout names."""
    changes = {name: renamed[value] for name in _BODY_FIELDS.get(type(fact), ())
               if (value := getattr(fact, name)) in renamed}
    return dataclasses.replace(fact, **changes) if changes else fact
