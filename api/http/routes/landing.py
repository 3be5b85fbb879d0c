"""The landing page at ``/`` (HTML, document text escaped) and its JSON twin."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from cspgraph.api.http.deps import GraphDep
from cspgraph.api.http.schemas import ERRORS
from cspgraph.graph.queries import Summary, summary
from cspgraph.viz.entity_pages import landing_page

router = APIRouter()


@router.get("/api/summary", response_model=Summary, responses=ERRORS, tags=["overview"])
def get_summary(ds: GraphDep) -> Summary:
    """What is loaded: documents with kinds and periods, and counts of bodies, people, ..."""
    return summary(ds)


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def landing(ds: GraphDep) -> str:
    """The landing page: what is loaded, a search box, and links onward (all to pages)."""
    return landing_page(summary(ds))


@router.get("/index.json", response_model=Summary, include_in_schema=False)
def landing_json(ds: GraphDep) -> Summary:
    """The landing page's JSON twin: the summary."""
    return summary(ds)
