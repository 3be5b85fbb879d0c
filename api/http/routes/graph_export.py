"""Routes: ``GET /graph`` exports the whole dataset, or one named graph, as RDF.

The format is negotiated from ``Accept`` (or the ``format`` parameter): TriG (the
default), Turtle (the union of the graphs), JSON-LD or N-Quads. Every statement keeps its
document graph in TriG, JSON-LD and N-Quads.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from cspgraph.api.http.deps import SnapshotDep
from cspgraph.api.http.schemas import ERRORS, NOT_ACCEPTABLE
from cspgraph.graph.queries.sparql import negotiate, one_graph
from cspgraph.graph.store.io import serialize
from cspgraph.graph.store.types import KnowledgeGraph

router = APIRouter(tags=["standard interfaces"])

EXPORT_FORMATS = {  # graph.io format name -> media type
    "trig": "application/trig",
    "turtle": "text/turtle",
    "json-ld": "application/ld+json",
    "nquads": "application/n-quads",
}
OFFERS = {
    **{media: name for name, media in EXPORT_FORMATS.items()},
    "application/x-trig": "trig", "application/x-turtle": "turtle",
    "application/json": "json-ld", "text/x-nquads": "nquads",
}
SUFFIX = {"trig": "trig", "turtle": "ttl", "json-ld": "jsonld", "nquads": "nq"}
GRAPH_EXAMPLE = "https://w3id.org/cspgraph/id/graph/resolution"

RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The dataset, or the named graph, in the negotiated format.",
          "content": {media: ({"schema": {}} if name == "json-ld"
                              else {"schema": {"type": "string"}})
                      for name, media in EXPORT_FORMATS.items()}},
    **ERRORS, **NOT_ACCEPTABLE,
}


@router.get("/graph", response_class=Response, response_model=None, responses=RESPONSES)
async def export_graph(
    request: Request, snapshot: SnapshotDep,
    graph: Annotated[str | None, Query(
        description="IRI of one named graph (one per document); omit for the whole dataset.",
        examples=[GRAPH_EXAMPLE])] = None,
    format: Annotated[Literal["trig", "turtle", "json-ld", "nquads"] | None, Query(
        description="Export format, for browsers; overrides Accept.")] = None,
) -> Response:
    """Export the whole dataset or one named graph as TriG, Turtle, JSON-LD or N-Quads."""
    if format is not None:
        chosen = format
    else:
        chosen = negotiate(request.headers.get("accept"), OFFERS, "trig")
    body = await run_in_threadpool(_export, snapshot.dataset, graph, chosen)
    name = "graph" if graph is None else graph.rstrip("/").rsplit("/", 1)[-1]
    media = EXPORT_FORMATS[chosen]
    charset = "" if chosen == "json-ld" else "; charset=utf-8"
    disposition = f'inline; filename="{_safe(name)}.{SUFFIX[chosen]}"'
    return Response(body, media_type=media + charset,
                    headers={"Vary": "Accept", "Content-Disposition": disposition})


def _export(ds: KnowledgeGraph, graph: str | None, fmt: str) -> bytes:
    return serialize(one_graph(ds, graph), fmt)


def _safe(name: str) -> str:
    """A file name from an IRI's last segment: letters, digits, '-', '_' and '.' only."""
    cleaned = "".join(c if (c.isascii() and c.isalnum()) or c in "-_." else "-" for c in name)[:100]
    return cleaned.strip(".-") or "graph"
