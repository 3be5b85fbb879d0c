"""The map pages (HTML, built by cspgraph.viz) and the vendored vis-network script."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response
from pydantic import BeforeValidator

from cspgraph.api.http.deps import GraphDep, SettingsDep, SnapshotDep
from cspgraph.graph.queries import suggestions
from cspgraph.graph.queries.governance import FIRST, Scope
from cspgraph.graph.similarity.duplicates import DEFAULT_MIN_SCORE, duplicate_pairs
from cspgraph.viz.alignment import alignment_map
from cspgraph.viz.duplicates import areas_of, duplicates_map, filter_pairs, review_statuses
from cspgraph.viz.governance import governance_map
from cspgraph.viz.page import render, vis_network_js

router = APIRouter(tags=["maps"])


@router.get("/maps/governance", response_class=HTMLResponse, include_in_schema=False)
def governance(ds: GraphDep,
               board: Annotated[str | None, Query(
                   max_length=300, description="A top board's IRI or name; 'all' for every "
                   "area; empty for the first top board in scope")] = None,
               focus: Annotated[str | None, Query(max_length=300)] = None,
               depth: Annotated[int, Query(ge=0, le=10)] = 2,
               chain: bool = False,
               area: Annotated[str | None, Query(max_length=300)] = None,
               plan: Annotated[str | None, Query(max_length=300)] = None,
               as_at: Annotated[date | None, BeforeValidator(lambda v: v or None),
                                Query(description="YYYY-MM-DD; empty for any date")] = None
               ) -> str:
    """One area's top board (or a focus, or every area) with the bodies, sub-groups,
    posts, people and lead agencies accountable to it."""
    scope = Scope(area or None, plan or None, as_at)
    return render(governance_map(ds, focus or None, depth, board=board or FIRST, chain=chain,
                                 scope=scope, strict=False))


@router.get("/maps/alignment", response_class=HTMLResponse, include_in_schema=False)
def alignment(ds: GraphDep,
              plan: Annotated[str | None, Query(max_length=300)] = None,
              against: Annotated[str | None, Query(max_length=300)] = None) -> str:
    """A plan's priorities linked to higher plans' objectives, with the matrix."""
    return render(alignment_map(ds, plan or None, against or None))


@router.get("/maps/duplicates", response_class=HTMLResponse, include_in_schema=False)
def duplicates(snapshot: SnapshotDep, settings: SettingsDep,
               kind: Annotated[str | None, Query(max_length=100)] = None,
               document: Annotated[str | None, Query(max_length=300)] = None,
               area: Annotated[str | None, Query(max_length=300)] = None,
               status: Annotated[Literal["", "pending", "accepted", "rejected", "all"] | None,
                                 Query(description="empty: pending and accepted")] = None
               ) -> str:
    """The near-duplicate pairs as a table with review status (Confirm/Reject when a key
    is set), filtered by kind, document, area and status; their clusters as a map."""
    pairs = duplicate_pairs(snapshot.dataset, snapshot.corpus(settings), DEFAULT_MIN_SCORE)
    suggested = snapshot.build is not None and snapshot.build.suggestions is not None
    statuses = review_statuses(pairs, suggestions(snapshot.dataset), suggested)
    areas = areas_of(snapshot.dataset)
    chosen = {"kind": kind or "", "document": document or "", "area": area or "",
              "status": status or ""}
    shown = filter_pairs(pairs, statuses, areas, kind=kind, document=document, area=area,
                         status=status)
    return render(duplicates_map(shown, statuses, review=bool(settings.api_key), areas=areas,
                                 chosen=chosen, found=pairs))


@router.get("/static/vis-network.min.js", include_in_schema=False)
def vis_network() -> Response:
    """The vendored vis-network 9.1.13 build (Apache-2.0 OR MIT)."""
    return Response(vis_network_js(), media_type="text/javascript",
                    headers={"Cache-Control": "public, max-age=86400"})
