"""Routes: agencies and what they lead (priorities, actions, recommendations, data gaps)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import Field

from cspgraph.api.http.deps import GraphDep, IsoDate, PagingDep
from cspgraph.api.http.schemas import ERRORS, Page, ref_path
from cspgraph.graph.queries import Answer, Document, Entity, ItemAnswer
from cspgraph.graph.queries import entities as en
from cspgraph.graph.queries.analytics import Ranked, agencies_by_leadership

router = APIRouter(prefix="/api", tags=["agencies"])

Kind = Literal["Priority", "Action", "Recommendation", "DataGap"]
AgencyId = ref_path(
    "The agency's (or lead person's) IRI (URL-encoded), id or name, loosely "
                "matched.",
    "kingsford-police")


class Leads(Page[ItemAnswer]):
    """What an agency leads: one page of items, each with its leads and sources."""

    agency: Entity
    plan: Document | None = Field(None, description="The plan asked about, if any.")
    as_at: date | None = None
    posts: list[Answer] = Field(default_factory=list,
                                description="Posts the agency holds in bodies.")


@router.get("/agencies", response_model=Page[Ranked], responses=ERRORS,
            summary="List agencies by what they lead")
def list_agencies(
    ds: GraphDep,
    paging: PagingDep,
    plan: Annotated[str | None, Query(description="Only this document: id, file name or "
                                      "words of its title and period.")] = None,
) -> dict:
    """Agencies and people ranked by how many items they lead, with counts per kind."""
    doc = en.get_plan(ds, plan).doc_id if plan else None
    return paging.page(agencies_by_leadership(ds, doc))


@router.get("/agencies/{ref:path}", response_model=Leads, responses=ERRORS,
            summary="One agency: the priorities, actions and recommendations it leads")
def get_agency(
    ds: GraphDep,
    paging: PagingDep,
    ref: AgencyId,
    plan: Annotated[str | None, Query(
        description="Only this document: its id, file name or words of its title and period.",
        examples=["Kingsford 2024-25"])] = None,
    as_at: Annotated[IsoDate | None, Query(
        description="Only plans in force on this date (YYYY-MM-DD).",
        examples=["2017-06-30"])] = None,
    kind: Annotated[list[Kind] | None, Query(description="Only items of these kinds.")] = None,
    due_by: Annotated[IsoDate | None, Query(
        description="Only items due (their timescale ends) on or before this date.")] = None,
) -> dict:
    """The items an agency or person leads, filterable by plan, kind and "as at" date."""
    v = en.agency_view(ds, ref, paging.offset, paging.limit, plan,
                       tuple(kind) if kind else None, due_by, as_at)
    return {**paging.page_of(v.items, v.total), "agency": v.agency, "plan": v.plan,
            "as_at": v.as_at, "posts": v.posts}
