"""Routes: bodies (boards, partnerships, groups, agencies) and how they are governed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from cspgraph.api.http.deps import GraphDep, PagingDep
from cspgraph.api.http.schemas import ERRORS, Page
from cspgraph.graph.queries import Entity
from cspgraph.graph.queries import entities as en

router = APIRouter(prefix="/api", tags=["bodies"])

BodyId = Annotated[str, Path(
    description="The body's IRI (URL-encoded), its id (the IRI's last segment) or its name, "
                "loosely matched.",
    examples=["kingsford-prevent-strategy-group"])]


@router.get("/bodies", response_model=Page[Entity], responses=ERRORS,
            summary="List boards, partnerships and groups")
def list_bodies(
    ds: GraphDep,
    paging: PagingDep,
    type_: Annotated[str | None, Query(
        alias="type", pattern="^[A-Za-z]+$",
        description="Only bodies of this type, e.g. OrganizationalUnit.",
        examples=["OrganizationalUnit"])] = None,
) -> dict:
    """Boards, partnerships and sub-groups in the accountability structure, by label."""
    found = en.all_bodies(ds)
    if type_:
        found = [e for e in found if e.type == type_]
    return paging.page(found)


@router.get("/bodies/{ref:path}", response_model=en.BodyView, responses=ERRORS,
            summary="One body: chair, posts, members, sub-groups, accountability")
def get_body(ds: GraphDep, ref: BodyId) -> en.BodyView:
    """A body's chair and posts, members, sub-groups, chain of accountability and plans."""
    return en.body_view(ds, ref)
