"""Routes: search entities by label, alias or acronym; and the one way routes read an {id}.

``lookup`` is shared by the other read routes: an ``{id}`` may be an entity's IRI
(URL-encoded), the last segment of its IRI, or a name matched loosely by the query
layer's ``resolve`` (an ambiguous name is a 409 listing candidates, an unknown one a 404).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from rdflib import Dataset, URIRef

from cspgraph.api.deps import GraphDep, PagingDep
from cspgraph.api.schemas import ERRORS, Page
from cspgraph.errors import NotFoundError
from cspgraph.graph import queries as q
from cspgraph.graph.queries import Entity
from cspgraph.graph.queries.lookup import AGENTS, BODIES, PLANS

router = APIRouter(prefix="/api", tags=["search"])

_ALL = 100_000  # find's limit when the whole list is wanted (pages cut it afterwards)


def segment(iri: str) -> str:
    """The last path segment of an IRI: the short ``id`` the routes accept."""
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def lookup(ds: Dataset, ref: str, kinds: tuple[URIRef, ...] | None, what: str) -> Entity:
    """The entity ``ref`` means: its IRI, its IRI's last segment, or a loosely matched name.

    >>> lookup(ds, "kingsford-police", AGENTS, "agency").label  # doctest: +SKIP
    'Kingsford Police'
    """
    ref = ref.strip()
    if not ref:
        raise NotFoundError(f"no {what} named ''", "give an IRI, an id or a name")
    if "://" in ref:
        tail = segment(ref).replace("-", " ")
        # Long names are minted as a truncated slug plus a hash: try without those words.
        for probe in (tail, " ".join(tail.split()[:-2])):
            hits = [e for e in q.find(ds, probe, kinds, limit=_ALL) if e.iri == ref]
            if hits:
                return hits[0]
        raise NotFoundError(f"no {what} has the IRI {ref}",
                            "search with GET /api/search?q= and use an id it returns")
    if not any(c.isspace() or c.isupper() for c in ref):  # ids are lower-case slugs;
        # a name goes straight to resolve, not through a loose search of every name
        for probe in (ref, " ".join(ref.replace("-", " ").split()[:-2])):
            hits = [e for e in q.find(ds, probe, kinds, limit=_ALL) if segment(e.iri) == ref]
            if hits:
                return hits[0]
    return q.resolve(ds, ref, kinds, what)


class Hit(BaseModel):
    """An entity found by name: its id (for the resource routes), IRI, label and type."""

    id: str = Field(description="The last segment of the IRI; routes accept it as {id}.")
    iri: str
    label: str
    type: str = Field(description="The most specific class, e.g. Person, Priority.")
    alt_labels: list[str] = Field(default_factory=list)
    href: str | None = Field(None, description="The API resource for it, where there is one.")


_KINDS = {"body": BODIES, "person": (AGENTS[-1],), "agency": AGENTS, "plan": PLANS}
_PEOPLE = {"Person"}
_BODIES = {"Organization", "FormalOrganization", "OrganizationalUnit",
           "OrganizationalCollaboration"}


def _href(e: Entity) -> str | None:
    sid = segment(e.iri)
    if e.type in _PEOPLE:
        return f"/api/people/{sid}"
    if e.type in _BODIES:
        return f"/api/bodies/{sid}"
    return None


@router.get("/search", response_model=Page[Hit], responses=ERRORS,
            summary="Find entities by label, alias or acronym")
def search(
    ds: GraphDep,
    paging: PagingDep,
    q_: Annotated[str, Query(alias="q", min_length=1, max_length=200,
                             description="Words of a name, an alias or an acronym.",
                             examples=["Prevent Strategy Group"])],
    kind: Annotated[str | None, Query(
        pattern="^(body|person|agency|plan)$",
        description="Only entities of this kind: body, person, agency or plan.")] = None,
) -> dict:
    """Entities whose label, alias or acronym matches ``q`` (exact matches first), with ids."""
    found = q.find(ds, q_, _KINDS[kind] if kind else None, limit=_ALL)
    hits = [Hit(id=segment(e.iri), iri=e.iri, label=e.label, type=e.type,
                alt_labels=list(e.alt_labels), href=_href(e)) for e in found]
    return paging.page(hits)
