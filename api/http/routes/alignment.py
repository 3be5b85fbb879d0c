"""Routes: a plan's priorities against a higher plan's objectives, as JSON or CSV."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from cspgraph.api.http.deps import GraphDep
from cspgraph.api.http.schemas import ERRORS
from cspgraph.graph import queries as q
from cspgraph.graph.queries import AlignmentMatrix

router = APIRouter(prefix="/api", tags=["alignment"])

PlanQ = Annotated[str, Query(
    min_length=1, description="The document: its id, file name or words of its title and "
                              "period.", examples=["Kingsford 2024-25"])]
AgainstQ = Annotated[str, Query(
    min_length=1, description="The higher plan whose objectives to align against.",
    examples=["Police and Crime Plan"])]
IncludeQ = Annotated[Literal["suggested"] | None, Query(
    description="'suggested' adds machine suggestions as cells labelled status=suggested "
                "with their score; gaps count asserted and curated links only.")]


@router.get("/alignment", response_model=AlignmentMatrix, responses=ERRORS,
            summary="Alignment matrix of priorities x objectives, with gaps")
def get_alignment(ds: GraphDep, plan: PlanQ, against: AgainstQ,
                  include: IncludeQ = None) -> AlignmentMatrix:
    """Which priorities serve which objectives (with sources), and the gaps both ways."""
    return q.alignment(ds, plan, against, include_suggested=include == "suggested")


@router.get("/alignment.csv", responses={**ERRORS, 200: {
    "content": {"text/csv": {"example": "priority,Protect vulnerable people,cites no "
                                        "objective\nDomestic Abuse,asserted,\n"}},
    "description": "The matrix as CSV."}},
    response_class=Response, summary="Alignment matrix as a CSV download")
def get_alignment_csv(ds: GraphDep, plan: PlanQ, against: AgainstQ,
                      include: IncludeQ = None) -> Response:
    """The alignment matrix as CSV: priorities as rows, objectives as columns, gaps marked."""
    m = q.alignment(ds, plan, against, include_suggested=include == "suggested")
    name = f"alignment-{m.plan.iri.rsplit('/', 1)[-1]}.csv"
    return Response(q.matrix_csv(m), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
