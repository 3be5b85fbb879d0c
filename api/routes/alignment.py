"""Routes: a plan's priorities against a higher plan's objectives, as JSON or CSV."""

from __future__ import annotations

import csv
import io
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from cspgraph.api.deps import GraphDep
from cspgraph.api.schemas import ERRORS
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


def _cell(text: str) -> str:
    """A spreadsheet-safe cell: text that a spreadsheet would run as a formula is quoted."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def matrix_csv(m: AlignmentMatrix) -> str:
    """The matrix as CSV: one row per priority, one column per objective, then the gaps.

    A cell says how the link is known: "asserted", "curated" or "suggested 0.71"; an empty
    cell is no link. The last row marks objectives no priority serves.
    """
    status: dict[tuple[str, str], str] = {}
    for c in m.cells:
        key = (c.priority.iri, c.objective.iri)
        label = c.status if c.score is None else f"{c.status} {c.score:.2f}"
        if c.status != "suggested" or key not in status:
            status[key] = label
    unserved = {o.iri for o in m.unserved_objectives}
    citing_nothing = {p.iri for p in m.priorities_citing_nothing}
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["priority", *(_cell(o.label) for o in m.objectives), "cites no objective"])
    for p in m.priorities:
        w.writerow([_cell(p.label), *(status.get((p.iri, o.iri), "") for o in m.objectives),
                    "yes" if p.iri in citing_nothing else ""])
    w.writerow(["(served by no priority)",
                *("yes" if o.iri in unserved else "" for o in m.objectives), ""])
    return buf.getvalue()


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
    return Response(matrix_csv(m), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
