"""The browsable pages: one per body, person, agency, plan and document, their lists, the
source view and search. Each has a JSON twin at the same path with ``.json`` (or by
``Accept: application/json``). The routes parse, call ``graph.queries`` and render."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from cspgraph.api.http.deps import GraphDep, IsoDate
from cspgraph.api.http.twins import json_href, page_ref, split_suffix, twin
from cspgraph.graph import queries as q
from cspgraph.graph.queries import entities as en
from cspgraph.graph.queries.analytics import agencies_by_leadership, people_by_posts
from cspgraph.graph.queries.cross_plan import (
    cross_plan_alignment,
    cross_plan_csv,
    higher_plan_choices,
    local_plans,
)
from cspgraph.graph.queries.kinds import kind_word
from cspgraph.graph.queries.lookup import search as ranked_search
from cspgraph.graph.queries.search import KIND_CLASSES, hits
from cspgraph.graph.queries.sources import source_context
from cspgraph.viz import entity_pages as pages
from cspgraph.viz.cross_plan import cross_plan_page, selector

router = APIRouter(include_in_schema=False)

def _linker(ds) -> pages.Linker:
    return pages.linker_for(q.documents(ds))


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {k.lower()}" for k, n in counts.items() if n)


@router.get("/bodies{suffix:path}")
def bodies(request: Request, ds: GraphDep, suffix: str = "") -> Response:
    """/bodies (the list) and /bodies/{id} (one body); '.json' for the twin."""
    ref, as_json = page_ref(suffix)
    lk = _linker(ds)
    if not ref:
        found = en.all_bodies(ds)
        rows = [(e, kind_word(ds, e), "") for e in found]
        return twin(request, as_json, found, lambda: pages.listing_page(
            "Bodies", rows, lk, json_href(request),
            "Boards, partnerships and sub-groups, with what they report to."))
    view = en.body_view(ds, ref)
    return twin(request, as_json, view, lambda: pages.body_page(view, lk, json_href(request)))


@router.get("/people{suffix:path}")
def people(request: Request, ds: GraphDep, suffix: str = "") -> Response:
    """/people and /people/{id}."""
    ref, as_json = page_ref(suffix)
    lk = _linker(ds)
    if not ref:
        ranked = people_by_posts(ds)
        rows = [(r.entity, "person", _counts(r.counts)) for r in ranked]
        return twin(request, as_json, ranked, lambda: pages.listing_page(
            "People", rows, lk, json_href(request), "People by the posts they hold."))
    view = en.person_view(ds, ref)
    return twin(request, as_json, view, lambda: pages.person_page(view, lk, json_href(request)))


@router.get("/agencies{suffix:path}")
def agencies(request: Request, ds: GraphDep, suffix: str = "",
             due_by: Annotated[IsoDate | None, Query()] = None,
             plan: Annotated[str | None, Query(max_length=300)] = None) -> Response:
    """/agencies and /agencies/{id}: what an agency leads and what falls due by a date."""
    ref, as_json = page_ref(suffix)
    lk = _linker(ds)
    if not ref:
        ranked = agencies_by_leadership(ds)
        rows = [(r.entity, lk.kind(r.entity), _counts(r.counts)) for r in ranked]
        return twin(request, as_json, ranked, lambda: pages.listing_page(
            "Agencies", rows, lk, json_href(request), "Agencies by what they lead."))
    view = en.agency_view(ds, ref, limit=1000, plan=plan or None, due_by=due_by)
    return twin(request, as_json, view, lambda: pages.agency_page(view, lk, json_href(request)))


@router.get("/plans{suffix:path}")
def plans(request: Request, ds: GraphDep, suffix: str = "",
          as_at: Annotated[IsoDate | None, Query()] = None) -> Response:
    """/plans and /plans/{id}: priorities, leads, actions and the higher plans served."""
    ref, as_json = page_ref(suffix)
    if not ref:
        docs = q.documents(ds, as_at)
        return twin(request, as_json, docs, lambda: pages.plans_page(docs, json_href(request)))
    view = en.plan_view(ds, ref)
    lk = _linker(ds)
    return twin(request, as_json, view, lambda: pages.plan_page(view, lk, json_href(request)))


@router.get("/documents/{doc_id}/source{suffix:path}")
def source(request: Request, ds: GraphDep, doc_id: str, suffix: str = "",
           line: Annotated[int, Query(ge=1, le=10_000_000)] = 1,
           page: Annotated[int | None, Query(ge=1, le=1_000_000)] = None) -> Response:
    """The quoted lines of a document around ``line``, that line marked."""
    _, as_json = page_ref(suffix, takes_ref=False)
    doc = en.get_plan(ds, doc_id)
    context = source_context(ds, doc.doc_id, line, page=page)
    data = [{"source": s, "at_line": hit} for s, hit in context]
    return twin(request, as_json, data,
                lambda: pages.source_page(doc, context, line, json_href(request)))


@router.get("/documents/{ref}")
def document(request: Request, ds: GraphDep, ref: str) -> Response:
    """Every fact one document states, with its lines."""
    ref, as_json = split_suffix(ref)
    doc = en.get_plan(ds, ref)
    found = q.document_facts(ds, doc.doc_id)
    return twin(request, as_json, found,
                lambda: pages.document_page(doc, found, json_href(request)))


@router.get("/search{suffix:path}")
def search(request: Request, ds: GraphDep, suffix: str = "",
           q_: Annotated[str, Query(alias="q", max_length=200)] = "",
           kind: Annotated[str, Query(pattern="^(|body|person|agency|plan)$")] = "") -> Response:
    """The search page: ranked results with their kinds in plain words, and "did you mean"."""
    _, as_json = page_ref(suffix, takes_ref=False)
    text = q_.strip()
    found = ranked_search(ds, text, KIND_CLASSES.get(kind), limit=100) if text else None
    data = {"q": text, "kind": kind or None,
            "items": hits(ds, found.matches) if found else [],
            "did_you_mean": found.did_you_mean if found else []}
    kinds = {h.iri: h.kind for h in data["items"]}
    lk = _linker(ds)
    return twin(request, as_json, data, lambda: pages.search_page(
        text, kind, found, kinds, lk, json_href(request)))




@router.get("/alignment{suffix:path}")
def cross_plan(request: Request, ds: GraphDep, suffix: str = "",
               against: Annotated[str, Query(max_length=300)] = "",
               plan: Annotated[list[str] | None, Query()] = None,
               area: Annotated[str, Query(max_length=300)] = "") -> Response:
    """Every loaded local plan (or the chosen ones) against one higher plan, together;
    '.csv' for the CSV, '.json' for the twin."""
    as_csv = suffix == ".csv"
    _, as_json = page_ref("" if as_csv else suffix, takes_ref=False)
    choices = higher_plan_choices(ds)
    chosen = [p for p in plan or [] if p.strip()] or None
    view = (cross_plan_alignment(ds, against or None, chosen, area.strip() or None)
            if choices or against.strip() or as_csv else None)  # none cited: the page says so
    if as_csv:
        return Response(cross_plan_csv(view), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="alignment.csv"'})
    form = selector(choices, local_plans(ds), view.against.iri if view else None, plan or [],
                    area)
    query = f"?{request.url.query}" if request.url.query else ""
    return twin(request, as_json, view, lambda: cross_plan_page(
        view, form, _linker(ds), f"/alignment.csv{query}", json_href(request),
        "" if choices else "No loaded document cites a higher plan."))
