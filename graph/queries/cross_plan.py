"""A PCC office's view: every loaded local plan against one higher plan, together.

For each objective of the higher plan: which plans' priorities (or which plans as a whole)
serve it, with sources, and which objectives no loaded plan serves. A local plan whose
period does not overlap the higher plan's is shown apart: it did not fail to serve it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rdflib import Dataset, URIRef

from cspgraph.errors import NotFoundError
from cspgraph.graph.queries import patterns as pat
from cspgraph.graph.queries.entities import get_plan
from cspgraph.graph.queries.plans import (
    _period,
    alignment,
    documents,
    documents_in_scope,
    higher_plan,
    objectives,
)
from cspgraph.graph.queries.results import AlignmentCell, Document, Entity
from cspgraph.graph.queries.sources import entity
from cspgraph.graph.queries.spreadsheet import csv_text
from cspgraph.ontology.namespaces import DCTERMS

# Plans that are themselves higher plans, and papers that set out no plan of their own.
_NOT_LOCAL = {"PoliceAndCrimePlan", "CommitteePaper"}


@dataclass
class ServingPlan:
    """One local plan's links to one objective: its priorities (or the plan as a whole)."""

    document: Document
    cells: list[AlignmentCell]


@dataclass
class ObjectiveCoverage:
    """An objective of the higher plan and the local plans that serve it."""

    objective: Entity
    served_by: list[ServingPlan] = field(default_factory=list)


@dataclass
class PlanApart:
    """A local plan left out of the comparison, and why."""

    document: Document
    reason: str


@dataclass
class CrossPlanAlignment:
    """Every compared local plan against one higher plan: coverage, gaps, and plans apart."""

    against: Entity
    period: str | None
    start: date | None
    end: date | None
    plans: list[Document]
    objectives: list[ObjectiveCoverage]
    unserved_objectives: list[Entity]
    plans_citing_nothing: list[Document]
    apart: list[PlanApart]


def higher_plan_choices(ds: Dataset) -> list[Entity]:
    """The plans some loaded document cites: the ones a cross-plan view can be asked about."""
    cited = {p for d in documents(ds) if d.plan
             for p in pat.objects(ds, URIRef(d.plan.iri), DCTERMS.references)}
    return sorted((entity(ds, p) for p in cited), key=lambda e: (e.label, e.iri))


def local_plans(ds: Dataset, against: Entity | None = None,
                area: str | None = None) -> list[Document]:
    """Loaded documents that set out a local plan (of ``area``, when given)."""
    return [d for d in documents_in_scope(ds, area=area) if d.kind not in _NOT_LOCAL
            and not (against is not None and d.plan and d.plan.iri == against.iri)]


def _overlaps(d: Document, start: date | None, end: date | None) -> bool:
    if None in (d.start, d.end, start, end):
        return True  # a period not stated is not a reason to leave a plan out
    return d.start <= end and start <= d.end  # type: ignore[operator]


def cross_plan_alignment(ds: Dataset, against: str | None = None,
                         plans: list[str] | None = None,
                         area: str | None = None) -> CrossPlanAlignment:
    """The loaded local plans (those named in ``plans``, or all of ``area``, or all)
    against the higher plan ``against`` (by default the first plan any document cites)."""
    choices = higher_plan_choices(ds)
    if not (against or "").strip():
        if not choices:
            raise NotFoundError("no loaded document cites a higher plan",
                                "load a plan that names the plans it serves")
        against = choices[0].iri
    higher = higher_plan(ds, choices, against)
    period, start, end = _period(ds, URIRef(higher.iri))
    chosen = ([get_plan(ds, ref) for ref in plans] if plans
              else local_plans(ds, higher, area))
    compared, apart = [], []
    for d in chosen:
        if not _overlaps(d, start, end):
            apart.append(PlanApart(d, f"its period ({d.period}) does not overlap "
                                      f"{higher.label}'s ({period})"))
        else:
            compared.append(d)
    coverage = {o.iri: ObjectiveCoverage(o) for o in objectives(ds, higher.iri)}
    citing_nothing = []
    for d in compared:
        matrix = alignment(ds, d.doc_id, higher.iri)
        links = [c for c in [*matrix.cells, *matrix.served_by_plan] if c.status != "suggested"]
        if not links:
            citing_nothing.append(d)
        by_objective: dict[str, list[AlignmentCell]] = {}
        for c in links:
            by_objective.setdefault(c.objective.iri, []).append(c)
        for iri, cells in by_objective.items():
            coverage[iri].served_by.append(ServingPlan(d, cells))
    ordered = sorted(coverage.values(), key=lambda c: c.objective.label)
    return CrossPlanAlignment(
        against=higher, period=period, start=start, end=end, plans=compared,
        objectives=ordered,
        unserved_objectives=[c.objective for c in ordered if not c.served_by],
        plans_citing_nothing=citing_nothing, apart=apart)


def cross_plan_csv(view: CrossPlanAlignment) -> str:
    """One row per objective and serving priority (or one row for an unserved objective)."""
    rows = []
    for cov in view.objectives:
        if not cov.served_by:
            rows.append((view.against.label, cov.objective.label, "no", "", "", "", "", ""))
        for sp in cov.served_by:
            plan = sp.document.plan.label if sp.document.plan else sp.document.file_name
            for c in sp.cells:
                src = c.sources[0] if c.sources else None
                rows.append((view.against.label, cov.objective.label, "yes", plan,
                             c.priority.label, src.document if src else sp.document.file_name,
                             src.lines if src else "", src.quote if src else ""))
    return csv_text(["higher plan", "objective", "served", "plan", "priority", "document",
                     "lines", "quote"], rows)
