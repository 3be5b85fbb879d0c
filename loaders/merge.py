"""Put the generic reading's facts beside the layout recognisers' facts.

The layout recognisers (``loaders/recognisers/``) read layouts they know outright: a
sample family's recommendation table, a glossary. The generic reading
(``loaders/reading/``) reads every document by its sections, lists, tables and
sentences. Where both read the same thing, the layout's reading stands:

* a generic fact on lines a layout fact of its kind already read is a restatement;
* a generic body that is a layout body, alias or theme under another spelling is that
  one, and generic facts naming it are renamed to it;
* a generic plan that is the document itself, or a plan the layout cites, is that one;
* where a layout recogniser found a document's priorities or actions in its structure,
  the generic priorities or actions it did not see are candidates, not facts.

A fact below the ``min_confidence`` setting is a candidate too. Candidates are kept in
the load result and the build report; they are not asserted in the graph.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from cspgraph.loaders.facts import (
    Alias,
    Alignment,
    Body,
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
from cspgraph.loaders.reading.plans import key as plan_key

GENERIC = "reading"
"""The name the generic reading is registered under."""

# The kinds a fact restates: a generic fact on lines of a layout fact of its kind.
_KIND = {Priority: "priority", Objective: "priority", Item: "item", Post: "people",
         Membership: "people", Lead: "people"}
_SURE = 0.9  # generic facts this sure stand beside a layout's structure


def fold(name: str) -> str:
    """A name folded for comparison: case, "&"/"and", punctuation, "the" and plural -s."""
    text = name.lower().replace("&", " and ").replace("well-being", "wellbeing")
    words = [w for w in re.split(r"[^\w]+", text) if w and w != "the"]
    if words and words[-1].endswith("s") and len(words[-1]) > 3:
        words[-1] = words[-1][:-1]
    return " ".join(words)


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
    structured = {kind for kind in ("priority", "item") if read.get(kind)}

    renamed: dict[str, str] = {}
    kept: list[Fact] = []
    candidates: list[Fact] = []
    generic = [f for f in generic if not _restates_plan(f, layout)]
    for f in generic:
        if isinstance(f, Body):
            same = names.same(f.name) or (names.same(f.short) if f.short else None)
            if same is not None:
                renamed[f.name] = same
            elif fold(f.name) not in names.themes:
                kept.append(f)
    for f in generic:
        if isinstance(f, Body | Furniture):
            continue
        if isinstance(f, Alias):
            if fold(f.short) not in names.names and f.expansion not in renamed:
                kept.append(f)
            continue
        f = _renamed(f, renamed)
        kind = _KIND.get(type(f))
        if kind is not None and _lines(f) & read.get(kind, set()):
            continue  # the layout read these lines already
        text = f.name if isinstance(f, Priority) else f.text if isinstance(f, Item) else None
        if text is not None and fold(text) in texts:
            continue
        if f.confidence < min_confidence or (kind in structured and f.confidence < _SURE):
            candidates.append(f)
        else:
            kept.append(f)
    return kept, candidates


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


_BODY_FIELDS = {Membership: ("body",), Post: ("body",), Lead: ("target",)}


def _renamed(fact: Fact, renamed: dict[str, str]) -> Fact:
    """``fact`` with the bodies it names given their layout names."""
    changes = {name: renamed[value] for name in _BODY_FIELDS.get(type(fact), ())
               if (value := getattr(fact, name)) in renamed}
    return dataclasses.replace(fact, **changes) if changes else fact
