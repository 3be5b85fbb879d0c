"""Search results as every front end shows them: id, label, kind in plain words, and how
the name matched (``lookup.search`` ranks them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Dataset
from rdflib.namespace import FOAF

from cspgraph.graph.queries.entities import ident
from cspgraph.graph.queries.kinds import kind_word
from cspgraph.graph.queries.lookup import AGENTS, BODIES, PLANS, Match

# The kinds a search can be narrowed to, and the classes each covers.
KIND_CLASSES = {"body": BODIES, "person": (FOAF.Person,), "agency": AGENTS, "plan": PLANS}


@dataclass
class Hit:
    """An entity found by name: its id, IRI, label, type, kind in words and match tier."""

    id: str
    iri: str
    label: str
    type: str
    kind: str
    matched: str  # "exact", "alias", "partial" or "fuzzy"
    score: float
    matched_name: str
    alt_labels: list[str] = field(default_factory=list)


def hits(ds: Dataset, matches: list[Match]) -> list[Hit]:
    """The results for ``matches``, in their ranked order."""
    return [Hit(ident(m.entity.iri), m.entity.iri, m.entity.label, m.entity.type,
                kind_word(ds, m.entity), m.tier, m.score, m.name, list(m.entity.alt_labels))
            for m in matches]
