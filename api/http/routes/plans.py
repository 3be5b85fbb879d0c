"""Routes: plans (the loaded documents), their priorities, leads, actions and period."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from cspgraph.api.http.deps import GraphDep, IsoDate, PagingDep
from cspgraph.api.http.routes.views import view_route
from cspgraph.api.http.schemas import ERRORS, Page
from cspgraph.graph import queries as q
from cspgraph.graph.queries import Document

router = APIRouter(prefix="/api", tags=["plans"])


@router.get("/plans", response_model=Page[Document], responses=ERRORS,
            summary="List the loaded plans")
def list_plans(
    ds: GraphDep,
    paging: PagingDep,
    as_at: Annotated[IsoDate | None, Query(
        description="Only plans in force on this date (YYYY-MM-DD), not replaced by then.",
        examples=["2023-06-01"])] = None,
) -> dict:
    """The loaded documents with the plan each sets out, its kind, period and issuer."""
    return paging.page(q.documents(ds, as_at))


get_plan = view_route(router, "get_plan")  # GET .../{ref}: the one view, see views.py
