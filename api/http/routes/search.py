"""Route: search entities by name, alias or acronym, ranked as every front end ranks them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from cspgraph.api.http.deps import GraphDep, PagingDep
from cspgraph.api.http.schemas import ERRORS, Page
from cspgraph.graph import queries as q
from cspgraph.graph.queries.lookup import search as ranked_search
from cspgraph.graph.queries.results import Entity
from cspgraph.graph.queries.search import KIND_CLASSES, Hit, hits
from cspgraph.viz.entity_pages import Linker, linker_for

router = APIRouter(prefix="/api", tags=["search"])

_ALL = 100_000  # search's limit when the whole list is wanted (pages cut it afterwards)


class SearchHit(BaseModel):
    """An entity found by name: its id (for the resource routes), IRI, label and kinds."""

    id: str = Field(description="The last segment of the IRI; routes accept it as {id}.")
    iri: str
    label: str
    type: str = Field(description="The most specific class, e.g. Person, Priority.")
    kind: str = Field(description="The kind in plain words: board, sub-group, agency, ...")
    matched: str = Field(description="How it matched: exact, alias, partial or fuzzy.")
    score: float = Field(description="How closely, 0-100, within its tier.")
    matched_name: str = Field(description="The name it matched on, as printed.")
    alt_labels: list[str] = Field(default_factory=list)
    href: str | None = Field(None, description="Its page, where it has one.")


class SearchPage(Page[SearchHit]):
    """One page of ranked results, and the names meant when only a typo matched."""

    did_you_mean: list[str] = Field(default_factory=list)


def _hit(h: Hit, lk: Linker) -> SearchHit:
    return SearchHit(**vars(h), href=lk.href(Entity(h.iri, h.label, h.type)))


@router.get("/search", response_model=SearchPage, responses=ERRORS,
            summary="Find entities by name, alias or acronym, ranked")
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
    """Exact names first, then aliases and acronyms, then names holding every word, then
    close spellings; an exact match never hides the others."""
    found = ranked_search(ds, q_, KIND_CLASSES[kind] if kind else None, limit=_ALL)
    lk = linker_for(q.documents(ds))
    return {**paging.page([_hit(h, lk) for h in hits(ds, found.matches)]),
            "did_you_mean": found.did_you_mean}
