"""The review status of near-duplicate pairs, and the one status filter every listing uses.

A pair's status is that of its duplicate suggestion (``suggestion_iri("duplicate", a, b)``):
"pending", "accepted" or "rejected". A rejected suggestion is not written again, so a pair
scoring at least the default threshold but missing from the stored suggestions of a graph
that has them was rejected. Listings leave rejected pairs out unless asked for "all".
"""

from __future__ import annotations

from dataclasses import replace

from rdflib import Dataset

from cspgraph.errors import BadInputError
from cspgraph.graph.queries.review import Suggestion, suggestions
from cspgraph.graph.similarity.duplicates import DEFAULT_MIN_SCORE, Pair
from cspgraph.graph.similarity.suggest import STATUSES, suggestion_iri

ALL = "all"
CHOICES = (*STATUSES, ALL)  # what a listing may ask for


def pair_iri(p: Pair) -> str:
    """The IRI of the duplicate suggestion linking the pair's two items."""
    return str(suggestion_iri("duplicate", p.a.iri, p.b.iri))


def review_statuses(pairs: list[Pair], stored: list[Suggestion], suggested: bool = False
                    ) -> dict[str, str]:
    """Each pair's status by suggestion IRI: as stored; else, when suggestions were written
    (``suggested``, or any duplicate is stored), "rejected" for a pair that would have been
    suggested (score at least the default threshold); else "pending"."""
    known = {s.iri: s.status for s in stored if s.kind == "duplicate"}
    written = suggested or bool(known)
    return {(iri := pair_iri(p)): known.get(
        iri, "rejected" if written and p.score >= DEFAULT_MIN_SCORE else "pending")
        for p in pairs}


def with_status(ds: Dataset, pairs: list[Pair], status: str | None = None,
                suggested: bool = False) -> list[Pair]:
    """``pairs`` carrying their review status, in order: only those of ``status``, every
    pair for "all", and by default all but the rejected ones."""
    if status is not None and status not in CHOICES:
        raise BadInputError(f"unknown review status {status!r}",
                         f"use one of {', '.join(CHOICES)}")
    statuses = review_statuses(pairs, suggestions(ds), suggested)
    marked = [replace(p, status=statuses[pair_iri(p)]) for p in pairs]
    if status == ALL:
        return marked
    if status is None:
        return [p for p in marked if p.status != "rejected"]
    return [p for p in marked if p.status == status]
