"""Routes: bodies (boards, partnerships, groups, agencies) and how they are governed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from cspgraph.api.http.deps import GraphDep, PagingDep
from cspgraph.api.http.routes.views import view_route
from cspgraph.api.http.schemas import ERRORS, Page
from cspgraph.graph.queries import Entity
from cspgraph.graph.queries import entities as en

router = APIRouter(prefix="/api", tags=["bodies"])
TypeQ = Annotated[str | None, Query(
    alias="type", pattern="^[A-Za-z]+$", description="Only bodies of this type, e.g. "
    "OrganizationalUnit.", examples=["OrganizationalUnit"])]


@router.get("/bodies", response_model=Page[Entity], responses=ERRORS,
            summary="List boards, partnerships and groups")
def list_bodies(ds: GraphDep, paging: PagingDep, type_: TypeQ = None) -> dict:
    """Boards, partnerships and sub-groups in the accountability structure, by label."""
    return paging.page(en.all_bodies(ds, type_))


get_body = view_route(router, "get_body")  # GET .../{ref}: the one view, see views.py
