"""The generic reading of a document, one design out of shared parts: the lexicon
(``loaders/lexicon``), the people parser (``loaders/parse/people.py``), names of bodies and plans
(``loaders/parse/mentions.py``), section semantics and passages (``context.py``), and sentence
patterns. ``docs/extraction.md`` explains the parts and how a new layout is added.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import fields

from cspgraph.loaders.document import Document
from cspgraph.loaders.facts import Fact
from cspgraph.loaders.recognisers.reading.action_lines import Owners, read_action_lines
from cspgraph.loaders.recognisers.reading.actions import Actions
from cspgraph.loaders.recognisers.reading.alignment import Alignments
from cspgraph.loaders.recognisers.reading.bodies import Bodies
from cspgraph.loaders.recognisers.reading.context import Context
from cspgraph.loaders.recognisers.reading.governance import Governance
from cspgraph.loaders.recognisers.reading.members import Members
from cspgraph.loaders.recognisers.reading.plans import Plans
from cspgraph.loaders.recognisers.reading.priorities import Priorities
from cspgraph.loaders.recognisers.reading.tables import Tables


def recognise(doc: Document) -> Iterator[Fact]:
    """Every fact the shared parts read in ``doc``, each saying which part made it; a fact
    two parts read from the same words is given once."""
    seen: set[tuple] = set()
    for fact in _read(doc):
        key = (type(fact), tuple((f.name, getattr(fact, f.name)) for f in fields(fact)
                                 if f.name not in ("source", "made_by", "confidence")),
               " ".join(fact.source.quote.split()))
        if key not in seen:
            seen.add(key)
            yield fact


def _read(doc: Document) -> Iterator[Fact]:
    ctx = Context(doc)
    bodies = Bodies(ctx)
    people = Members(ctx, bodies)
    members = people.read()
    plans = Plans(ctx, bodies)
    yield from bodies.facts()
    yield from bodies.in_passing()
    yield from plans.facts()
    priorities = Priorities(ctx).read()
    yield from Alignments(ctx, plans, priorities).read()
    yield from Governance(ctx, bodies).read()
    yield from members
    yield from priorities
    yield from Actions(ctx, bodies).read()
    defined = set(re.findall(r"\(([A-Z]{2,6})\)", " ".join(p.text for p in ctx.passages)))
    yield from read_action_lines(ctx, Owners(members, defined))
    yield from Tables(ctx, bodies, people.home(), plans).read()
