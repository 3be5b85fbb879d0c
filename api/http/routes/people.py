"""Routes: people and the posts they hold in bodies."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from cspgraph.api.http.deps import GraphDep, PagingDep
from cspgraph.api.http.schemas import ERRORS, Page
from cspgraph.graph.queries import entities as en
from cspgraph.graph.queries.analytics import Ranked, people_by_posts

router = APIRouter(prefix="/api", tags=["people"])

PersonId = Annotated[str, Path(
    description="The person's IRI (URL-encoded), id (the IRI's last segment) or name, "
                "loosely matched (titles such as Dr are ignored).",
    examples=["jane-roe"])]


@router.get("/people", response_model=Page[Ranked], responses=ERRORS,
            summary="List people by the posts they hold")
def list_people(ds: GraphDep, paging: PagingDep) -> dict:
    """People ranked by how many posts (chair, lead, holder, ...) they hold."""
    return paging.page(people_by_posts(ds))


@router.get("/people/{ref:path}", response_model=en.PersonView, responses=ERRORS,
            summary="One person: the posts held, with bodies and periods")
def get_person(ds: GraphDep, ref: PersonId) -> en.PersonView:
    """The posts a person holds, with the bodies, the sources and the plans' periods."""
    return en.person_view(ds, ref)
