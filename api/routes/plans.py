"""Routes: plans (the loaded documents), their priorities, leads, actions and period."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field
from rdflib import Dataset

from cspgraph.api.deps import GraphDep, IsoDate, PagingDep
from cspgraph.api.schemas import ERRORS, Page
from cspgraph.errors import NotFoundError
from cspgraph.graph import queries as q
from cspgraph.graph.queries import Answer, Document, Entity, ItemAnswer

router = APIRouter(prefix="/api", tags=["plans"])

PlanId = Annotated[str, Path(
    description="The plan's IRI (URL-encoded), its document id or file name, or words of "
                "its title and period.", examples=["kingsford-csp-plan-2024-25"])]


class PlanPriority(BaseModel):
    """A priority with its leads and the actions or recommendations under it."""

    priority: ItemAnswer
    items: list[ItemAnswer]


class Plan(BaseModel):
    """A document's plan: period, priorities with leads and actions, higher plans cited."""

    document: Document
    priorities: list[PlanPriority]
    other_items: list[ItemAnswer] = Field(
        description="Actions, recommendations and data gaps not under a priority.")
    higher_plans: list[Entity] = Field(description="The higher plans the document cites.")
    quality_notes: list[Answer] = Field(
        description="Data-quality notes the loader raised for this document.")


def find_plan(ds: Dataset, ref: str) -> Document:
    """The document ``ref`` names: a plan IRI, a document id or file name, or title words."""
    ref = ref.strip()
    if not ref:
        raise NotFoundError("no plan named ''", "list plans with GET /api/plans")
    if "://" in ref:
        hits = [d for d in q.documents(ds) if d.plan and d.plan.iri == ref]
        if not hits:
            raise NotFoundError(f"no loaded plan has the IRI {ref}",
                                "list plans with GET /api/plans")
        return hits[0]
    return q.find_document(ds, ref)


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


@router.get("/plans/{ref:path}", response_model=Plan, responses=ERRORS,
            summary="One plan: priorities with leads, actions, period, higher plans")
def get_plan(ds: GraphDep, ref: PlanId) -> Plan:
    """A plan's period, its priorities with leads and actions, and the higher plans cited."""
    doc = find_plan(ds, ref)
    everything = q.items(ds, doc.doc_id)
    prios = [i for i in everything if i.kind == "Priority"]
    under = {}
    for p in prios:
        under[p.entity.iri] = [i for i in everything
                               if i.parent is not None and i.parent.iri == p.entity.iri]
    placed = {i.entity.iri for items in under.values() for i in items}
    return Plan(
        document=doc,
        priorities=[PlanPriority(priority=p, items=under[p.entity.iri]) for p in prios],
        other_items=[i for i in everything
                     if i.kind != "Priority" and i.entity.iri not in placed],
        higher_plans=q.higher_plans(ds, doc.doc_id),
        quality_notes=q.quality_notes(ds, doc.doc_id),
    )

