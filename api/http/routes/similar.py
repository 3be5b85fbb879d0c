"""Routes: similar items and near-duplicate recommendations across partnerships.

The corpus is embedded once per snapshot (``Snapshot.corpus``) and the model loads once
per process, so the first similarity request of a server takes some seconds longer.
"""

from __future__ import annotations

import threading
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from cspgraph.api.http.deps import PagingDep, SettingsDep, SnapshotDep
from cspgraph.api.http.schemas import ERRORS, Page
from cspgraph.api.http.state import Snapshot
from cspgraph.errors import BadInputError
from cspgraph.graph.queries.spreadsheet import csv_text
from cspgraph.graph.similarity.duplicates import (
    DEFAULT_MIN_SCORE,
    Neighbour,
    Pair,
    clusters,
    duplicate_pairs,
    embedded_item,
    query_text,
    similar_to_item,
    similar_to_text,
)
from cspgraph.graph.similarity.status import with_status
from cspgraph.graph.similarity.texts import EmbedItem
from cspgraph.settings import Settings

router = APIRouter(tags=["similarity"])

ITEM_EXAMPLE = "https://w3id.org/cspgraph/id/doc/kingsford-strategic-assessment-2024/gap/3-2-4"
MinScore = Annotated[float, Query(ge=-1.0, le=2.0, description=(
    "Lowest score of a pair (after the guards); the default is the calibrated one."),
    examples=[DEFAULT_MIN_SCORE])]

StatusQ = Annotated[Literal["pending", "accepted", "rejected", "all"] | None, Query(
    description="Only pairs in this review state, or 'all'; by default every pair but the "
    "rejected ones.")]

_pairs_lock = threading.Lock()
_pairs_cache: dict[int, tuple[Snapshot, dict[float, list[Pair]]]] = {}


def _listed(snapshot: Snapshot, settings: Settings, min_score: float, status: str | None
            ) -> list[Pair]:
    """The pairs at ``min_score`` carrying their review status, filtered by ``status``."""
    suggested = snapshot.build is not None and snapshot.build.suggestions is not None
    return with_status(snapshot.dataset, _pairs(snapshot, settings, min_score), status,
                       suggested)


def _pairs(snapshot: Snapshot, settings: Settings, min_score: float) -> list[Pair]:
    """Duplicate pairs of ``snapshot`` at ``min_score``, computed once per snapshot."""
    corpus = snapshot.corpus(settings)
    with _pairs_lock:
        held = _pairs_cache.get(id(snapshot))
        if held is None or held[0] is not snapshot:
            _pairs_cache.clear()  # only the current snapshot is worth keeping
            held = _pairs_cache[id(snapshot)] = (snapshot, {})
        found = held[1].get(min_score)
        if found is None:
            found = held[1][min_score] = duplicate_pairs(snapshot.dataset, corpus, min_score)
        return found


@router.get("/api/similar", response_model=Page[Neighbour], responses=ERRORS,
            summary="Items most like an item or a text")
def similar(
    snapshot: SnapshotDep,
    settings: SettingsDep,
    paging: PagingDep,
    item: Annotated[str | None, Query(max_length=500, description=(
        "An item's IRI (a recommendation, action, data gap or priority)."),
        examples=[ITEM_EXAMPLE])] = None,
    text: Annotated[str | None, Query(min_length=1, max_length=2000, description=(
        "Free text to compare with every item."),
        examples=["A&E data via the Cardiff Model"])] = None,
    top: Annotated[int, Query(ge=1, le=200, description="How many neighbours.")] = 10,
    same_document: Annotated[bool, Query(description=(
        "Also return items of the item's own document."))] = False,
) -> dict:
    """Items most like an item (from other documents) or a free text, with scores and sources."""
    if (item is None) == (text is None):
        raise BadInputError("give exactly one of 'item' (an item's IRI) or 'text'",
                         "e.g. /api/similar?text=Cardiff+Model")
    if text is not None:
        query_text(text)  # a blank text is refused before the model loads
    corpus = snapshot.corpus(settings)
    if item is not None:
        found = similar_to_item(snapshot.dataset, corpus, embedded_item(corpus, item), top,
                                same_document)
    else:
        found = similar_to_text(snapshot.dataset, corpus, text, top, settings)
    return paging.page(found)


@router.get("/api/duplicates", response_model=Page[Pair] | Page[list[EmbedItem]],
            responses=ERRORS, summary="Near-duplicate items across partnerships")
def duplicates(
    snapshot: SnapshotDep,
    settings: SettingsDep,
    paging: PagingDep,
    min_score: MinScore = DEFAULT_MIN_SCORE,
    cluster: Annotated[bool, Query(description=(
        "Group the pairs into clusters (each a list of items) instead."))] = False,
    status: StatusQ = None,
) -> dict:
    """Near-duplicate pairs across documents with both items' sources and review status
    (rejected ones only when asked for), or their clusters."""
    pairs = _listed(snapshot, settings, min_score, status)
    return paging.page(clusters(pairs) if cluster else pairs)


CSV_COLUMNS = ("score", "status", "a_document", "a_kind", "a_item", "a_text", "a_source",
               "b_document", "b_kind", "b_item", "b_text", "b_source")


def _where(item: EmbedItem) -> str:
    return " ".join(x for x in (item.theme or item.parent or "", item.number or "") if x)


@router.get("/api/duplicates.csv", response_class=Response, responses={
    **ERRORS, 200: {"content": {"text/csv": {}}, "description": "One row per pair."}},
    summary="Near-duplicate pairs as CSV")
def duplicates_csv(snapshot: SnapshotDep, settings: SettingsDep,
                   min_score: MinScore = DEFAULT_MIN_SCORE, status: StatusQ = None) -> Response:
    """Near-duplicate pairs as CSV: score, review status, then each item, its text and its
    source (rejected pairs only when asked for)."""
    rows = []
    for p in _listed(snapshot, settings, min_score, status):
        row = [f"{p.score:.3f}", p.status]
        for item, refs in ((p.a, p.a_sources), (p.b, p.b_sources)):
            row += [item.doc_id, item.kind, _where(item), item.label,
                    "; ".join(str(s) for s in refs)]
        rows.append(row)
    return Response(csv_text(CSV_COLUMNS, rows), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="duplicates.csv"'})
