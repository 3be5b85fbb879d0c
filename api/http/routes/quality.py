"""Routes: the SHACL governance report and per-document coverage of the served graph."""

from __future__ import annotations

import threading
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from cspgraph.api.http.deps import PagingDep, SnapshotDep
from cspgraph.api.http.schemas import ERRORS, Page
from cspgraph.api.http.state import Snapshot
from cspgraph.api.http.twins import json_href, page_ref, twin
from cspgraph.graph.build.validate import Finding, ValidationReport, validate
from cspgraph.viz.entity_pages import quality_page as quality_html

router = APIRouter(tags=["quality"])

_lock = threading.Lock()
_last: dict[str, tuple[object, ValidationReport]] = {}  # the last snapshot's report


class CandidateFact(BaseModel):
    """A fact the reading was not sure enough of to put in the graph."""

    type: str
    says: str = Field(description="Its fields, as the reading has them.")
    line: int = Field(description="The first line (or paragraph) it was read from.")
    quote: str
    made_by: str = Field(description="The part of the reading that made it.")
    confidence: float = Field(description="Below CSPGRAPH_MIN_CONFIDENCE.")


class Coverage(BaseModel):
    """What one document gave the graph, and which lines were not understood."""

    path: str
    doc_id: str | None = None
    ok: bool
    error: str | None = None
    facts: int
    triples: int
    lines: int = Field(0, description="Non-blank lines.")
    understood: int = 0
    furniture: int = 0
    share_understood: float = Field(1.0, description="Share of non-blank lines that gave "
                                                     "at least one fact.")
    not_understood: list[int] = Field(default_factory=list,
                                      description="Line numbers no loader understood.")
    problems: list[str] = Field(default_factory=list)
    candidates: list[CandidateFact] = Field(
        default_factory=list, description="Facts read but not asserted in the graph.")


class Quality(Page[Finding]):
    """The governance report (one page of findings) and the coverage of every document."""

    conforms: bool = Field(description="False only when there are violations.")
    violations: int
    counts: dict[str, int] = Field(description="Findings per message, most common first.")
    documents: list[Coverage] = Field(
        description="Per-document coverage; empty when the graph was loaded from a file.")


def report_of(snapshot: Snapshot) -> ValidationReport:
    """The SHACL report of ``snapshot`` (computed once per snapshot: it takes a while)."""
    with _lock:
        hit = _last.get("report")
        if hit is None or hit[0] is not snapshot.dataset:
            _last["report"] = (snapshot.dataset, validate(snapshot.dataset))
        return _last["report"][1]


def coverage(snapshot: Snapshot) -> list[Coverage]:
    """A coverage row per input file of the snapshot's build."""
    if snapshot.build is None:
        return []
    out = []
    for r in snapshot.build.reports:
        c = r.coverage
        out.append(Coverage(
            path=str(r.path), doc_id=r.doc_id, ok=r.ok, error=r.error, facts=r.facts,
            triples=r.triples, problems=list(r.problems),
            lines=c.total if c else 0, understood=len(c.understood) if c else 0,
            furniture=len(c.furniture) if c else 0,
            share_understood=round(c.share, 4) if c else 1.0,
            not_understood=list(c.not_understood) if c else [],
            candidates=[CandidateFact(**vars(x)) for x in r.candidates]))
    return out


@router.get("/api/quality", response_model=Quality, responses=ERRORS,
            summary="Governance report (SHACL) and per-document coverage")
def get_quality(
    snapshot: SnapshotDep,
    paging: PagingDep,
    severity: Annotated[Literal["Violation", "Warning", "Info"] | None, Query(
        description="Only findings of this severity.")] = None,
) -> dict:
    """SHACL findings (no chair, no lead, no period, ...) and what each document gave."""
    report = report_of(snapshot)
    findings = [f for f in report.findings if severity is None or f.severity == severity]
    return {**paging.page(findings), "conforms": report.conforms,
            "violations": len(report.violations()), "counts": report.counts(),
            "documents": coverage(snapshot)}


@router.get("/quality{suffix:path}", include_in_schema=False, tags=[])
def quality_page(request: Request, snapshot: SnapshotDep, suffix: str = "") -> Response:
    """The quality report as a page: what each document gave, and the findings by message."""
    _, as_json = page_ref(suffix, takes_ref=False)
    report = report_of(snapshot)
    docs = coverage(snapshot)
    data = {"conforms": report.conforms, "violations": len(report.violations()),
            "counts": report.counts(), "documents": docs, "findings": report.findings}
    return twin(request, as_json, data, lambda: quality_html(
        report.conforms, len(report.violations()), report.counts(),
        [d.model_dump() for d in docs],
        report.findings, json_href(request)))
