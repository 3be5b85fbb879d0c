"""Routes: people and the posts they hold in bodies."""

from __future__ import annotations

from fastapi import APIRouter

from cspgraph.api.http.deps import GraphDep, PagingDep
from cspgraph.api.http.routes.views import view_route
from cspgraph.api.http.schemas import ERRORS, Page
from cspgraph.graph.queries.analytics import Ranked, people_by_posts

router = APIRouter(prefix="/api", tags=["people"])


@router.get("/people", response_model=Page[Ranked], responses=ERRORS,
            summary="List people by the posts they hold")
def list_people(ds: GraphDep, paging: PagingDep) -> dict:
    """People ranked by how many posts (chair, lead, holder, ...) they hold."""
    return paging.page(people_by_posts(ds))


get_person = view_route(router, "get_person")  # GET .../{ref}: the one view, see views.py
