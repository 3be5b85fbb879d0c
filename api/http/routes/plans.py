"""Routes: plans (the loaded documents), their priorities, leads, actions and period."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from cspgraph.api.http.deps import GraphDep, IsoDate, PagingDep
from cspgraph.api.http.schemas import ERRORS, Page
from cspgraph.graph import queries as q
from cspgraph.graph.queries import Document
from cspgraph.graph.queries import entities as en

router = APIRouter(prefix="/api", tags=["plans"])

PlanId = Annotated[str, Path(
    description="The plan's IRI (URL-encoded), its document id or file name, or words of "
                "its title and period.", examples=["kingsford-csp-plan-2024-25"])]


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


@router.get("/plans/{ref:path}", response_model=en.PlanView, responses=ERRORS,
            summary="One plan: priorities with leads, actions, period, higher plans")
def get_plan(ds: GraphDep, ref: PlanId) -> en.PlanView:
    """A plan's period, its priorities with leads and actions, and the higher plans cited."""
    return en.plan_view(ds, ref)
