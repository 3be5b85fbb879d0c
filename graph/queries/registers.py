"""Registers to download: who chairs what, the actions and who leads them, the priorities
and the objectives they serve. One typed row per body, action or priority, each naming
the document and line that state it; ``register_csv`` writes a register as CSV.

With ``area`` or ``plan`` (as ``documents_in_scope`` reads them) a register keeps what the
documents in scope state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from rdflib import RDF, Dataset, URIRef
from rdflib.namespace import RDFS

from cspgraph.errors import NotFoundError
from cspgraph.graph.queries import patterns as pat
from cspgraph.graph.queries.analytics import GOVERNED
from cspgraph.graph.queries.bodies import (
    members,
    overseen_by,
    parent_bodies,
    post_holders,
    reports_to,
    scrutinised_by,
)
from cspgraph.graph.queries.items import item_doc_id, items, priorities
from cspgraph.graph.queries.kinds import plain_kind
from cspgraph.graph.queries.lookup import ITEMS
from cspgraph.graph.queries.plans import (
    alignment,
    documents,
    documents_in_scope,
    higher_plans,
    period_label,
)
from cspgraph.graph.queries.results import Answer, Document, ItemAnswer, SourceRef
from cspgraph.graph.queries.sources import entity, sources
from cspgraph.graph.queries.spreadsheet import csv_text
from cspgraph.ontology.namespaces import CSP, ORG

ITEM_KINDS = {"Action": "action", "Recommendation": "recommendation", "DataGap": "data gap"}
# Posts with no column of their own in the governance register (chair and lead have one).
POST_ROLES = {"vice chair": CSP.ViceChair, "holder": CSP.Holder, "contact": CSP.Contact}


@dataclass(frozen=True)
class ServedObjective:
    """An objective a priority serves, and the higher plan it belongs to."""

    objective: str
    plan: str

    def __str__(self) -> str:
        return f"{self.objective} ({self.plan})"


@dataclass
class GovernanceRow:
    """One body: its kind, chair and lead, where it sits, how many members, and the
    document and line of its main fact (its chair, else its lead, parent or name)."""

    body: str
    kind: str
    chair: list[str]
    chair_organisation: list[str]
    lead: list[str]
    lead_organisation: list[str]
    other_posts: list[str]
    sub_group_of: list[str]
    reports_to: list[str]
    overseen_by: list[str]
    scrutinised_by: list[str]
    members: int
    period: str
    area: str
    document: str
    line: str
    doc_id: str
    body_iri: str
    source: SourceRef | None = None


@dataclass
class ActionRow:
    """One action, recommendation or data gap: what it sits under, who leads it, when it
    is due (``due_date`` the ISO end of its timescale), and where it is stated."""

    plan: str
    priority: str
    priority_lead: list[str]
    kind: str
    number: str
    action: str
    strand: str
    lead: list[str]
    timescale: str
    due_date: str
    status: str
    period: str
    area: str
    document: str
    line: str
    doc_id: str
    item_iri: str
    source: SourceRef | None = None


@dataclass
class PriorityRow:
    """One priority of a plan: who leads it and the higher plans' objectives it serves."""

    plan: str
    period: str
    area: str
    priority: str
    number: str
    leads: list[str]
    objectives_served: list[ServedObjective]
    document: str
    line: str
    doc_id: str
    item_iri: str
    source: SourceRef | None = None


@dataclass(frozen=True)
class Register:
    """A register: its name, title, row type, CSV columns (field, heading) and builder."""

    name: str
    title: str
    description: str
    row_type: type
    columns: tuple[tuple[str, str], ...]
    build: Callable[[Dataset, set[str] | None], list] = field(repr=False)


# --- shared pieces --------------------------------------------------------------------------

def _docs(ds: Dataset) -> dict[str, Document]:
    return {d.doc_id: d for d in documents(ds)}


def _scoped(srcs: Iterable[SourceRef], docs: set[str] | None) -> list[SourceRef]:
    """The sources stated in documents in scope (all, without a scope)."""
    return [s for s in srcs if docs is None or s.doc_id in docs]


def _kept(answers: list[Answer], docs: set[str] | None) -> list[Answer]:
    """The answers some document in scope states."""
    return [a for a in answers if docs is None or _scoped(a.sources, docs)]


def _unique(values: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _where(source: SourceRef | None, by_id: dict[str, Document]) -> dict:
    """The document fields of a row: period, area, file name, line and id."""
    if source is None:
        return {"period": "", "area": "", "document": "", "line": "", "doc_id": ""}
    doc = by_id.get(source.doc_id)
    return {"period": (doc.period if doc else None) or "", "area": (doc.area if doc else None)
            or "", "document": source.document, "line": source.lines, "doc_id": source.doc_id}


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


# --- the governance register ---------------------------------------------------------------

def _bodies(ds: Dataset) -> list[URIRef]:
    """Boards, partnerships and groups, and any other body a chair or post holder is
    named for (an office, say), but not a priority or action someone leads."""
    found = {n for t in GOVERNED for n in pat.subjects(ds, RDF.type, t) if isinstance(n, URIRef)}
    for role in (CSP.Chair, *POST_ROLES.values()):
        for post in pat.subjects(ds, ORG.role, role):
            body = pat.value(ds, post, ORG.postIn)
            if isinstance(body, URIRef) and not set(pat.objects(ds, body, RDF.type)) & set(ITEMS):
                found.add(body)
    return sorted(found)


def _posts(answers: list[Answer]) -> list[str]:
    """'vice chair: A Person (An Agency)' for each post that has no column of its own."""
    return _unique(f"{a.detail['role']}: {a.label}" + (f" ({a.detail['organisation']})"
                                                       if a.detail.get("organisation") else "")
                   for a in answers)


def _organisations(answers: list[Answer]) -> list[str]:
    """The organisations post holders work for, where the documents say."""
    return _unique(a.detail.get("organisation") for a in answers)


def governance_rows(ds: Dataset, docs: set[str] | None = None) -> list[GovernanceRow]:
    """One row per body stated in ``docs`` (document ids; every document when None)."""
    by_id = _docs(ds)
    rows = []
    for node in _bodies(ds):
        named = _scoped(sources(ds, node, RDFS.label) or sources(ds, node, RDF.type), docs)
        if not named:
            continue
        body = entity(ds, node)
        chair = _kept(post_holders(ds, body.iri, "chair"), docs)
        lead = _kept(post_holders(ds, body.iri, "lead"), docs)
        others = _kept([a for role in POST_ROLES for a in post_holders(ds, body.iri, role)],
                       docs)
        parents = _kept(parent_bodies(ds, body.iri), docs)
        above = _kept(reports_to(ds, body.iri), docs)
        over = _kept(overseen_by(ds, body.iri), docs)
        scrutiny = _kept(scrutinised_by(ds, body.iri), docs)
        main = next((_scoped(a.sources, docs)[0] for a in (*chair, *lead, *others, *parents,
                                                            *above, *over, *scrutiny)
                     if _scoped(a.sources, docs)), named[0])
        rows.append(GovernanceRow(
            body=body.label,
            kind=plain_kind(body, bool(parents)),
            chair=_unique(a.label for a in chair),
            chair_organisation=_organisations(chair),
            lead=_unique(a.label for a in lead),
            lead_organisation=_organisations(lead),
            other_posts=_posts(others),
            sub_group_of=_unique(a.label for a in parents),
            reports_to=_unique(a.label for a in above),
            overseen_by=_unique(a.label for a in over),
            scrutinised_by=_unique(a.label for a in scrutiny),
            members=len({a.entity.iri for a in _kept(members(ds, body.iri), docs)}),
            **_where(main, by_id),
            body_iri=body.iri,
            source=main,
        ))
    return sorted(rows, key=lambda r: (r.document, _line_key(r.source), r.body.lower()))


def _line_key(source: SourceRef | None) -> tuple:
    return (source.page or 0, source.line_start) if source else (0, 0)


# --- the action tracker ----------------------------------------------------------------------

def _item_source(i: ItemAnswer) -> SourceRef | None:
    return i.sources[0] if i.sources else None


def _plan(doc: Document | None) -> str:
    if doc is None:
        return ""
    return doc.plan.label if doc.plan else doc.file_name


def action_rows(ds: Dataset, docs: set[str] | None = None) -> list[ActionRow]:
    """One row per action, recommendation and data gap of ``docs`` (every one when None);
    ``priority_lead`` is who leads the priority it sits under."""
    by_id = _docs(ds)
    priority_leads = {p.entity.iri: _unique(a.label for a in p.leads) for p in priorities(ds)}
    rows = []
    for i in items(ds, kinds=tuple(ITEM_KINDS)):
        doc_id = item_doc_id(i.entity.iri)
        if docs is not None and doc_id not in docs:
            continue
        source = _item_source(i)
        where = _where(source, by_id)
        where["doc_id"] = doc_id
        rows.append(ActionRow(
            plan=_plan(by_id.get(doc_id)),
            priority=i.parent.label if i.parent else (i.theme or ""),
            priority_lead=priority_leads.get(i.parent.iri, []) if i.parent else [],
            kind=ITEM_KINDS[i.kind],
            number=i.number or "",
            action=i.label,
            strand=i.strand or "",
            lead=_unique(a.label for a in i.leads),
            timescale=i.timescale or "",
            due_date=_iso(i.due_end),
            status="",  # no loader reads a status yet; the column is kept for when one does
            **where,
            item_iri=i.entity.iri,
            source=source,
        ))
    return rows


# --- the priorities register -----------------------------------------------------------------

def _served(ds: Dataset, doc: Document) -> dict[str, list[ServedObjective]]:
    """Priority IRI -> the objectives of the plan's higher plans it serves (asserted or
    curated links, not suggestions)."""
    out: dict[str, list[ServedObjective]] = {}
    for higher in higher_plans(ds, doc.doc_id):
        m = alignment(ds, doc.doc_id, higher.iri)
        period = period_label(ds, higher)
        name = higher.label if not period or period in higher.label else f"{higher.label} {period}"
        for cell in m.cells:
            if cell.status != "suggested":
                out.setdefault(cell.priority.iri, []).append(
                    ServedObjective(cell.objective.label, name))
    return out


def priority_rows(ds: Dataset, docs: set[str] | None = None) -> list[PriorityRow]:
    """One row per priority of ``docs`` (every document when None)."""
    rows = []
    for doc in documents(ds):
        if docs is not None and doc.doc_id not in docs:
            continue
        prios = priorities(ds, doc.doc_id)
        if not prios:
            continue
        served = _served(ds, doc)
        for p in prios:
            source = _item_source(p)
            where = _where(source, {doc.doc_id: doc})
            where["doc_id"] = doc.doc_id
            rows.append(PriorityRow(
                plan=_plan(doc),
                priority=p.label,
                number=p.number or "",
                leads=_unique(a.label for a in p.leads),
                objectives_served=sorted(set(served.get(p.entity.iri, [])),
                                         key=lambda o: (o.plan, o.objective)),
                **where,
                item_iri=p.entity.iri,
                source=source,
            ))
    return rows


# --- the registers ---------------------------------------------------------------------------

REGISTERS: dict[str, Register] = {r.name: r for r in (
    Register("governance", "Governance register",
             "Every body: its kind, chair and lead, where it sits and how many members it has.",
             GovernanceRow,
             (("body", "body"), ("kind", "kind"), ("chair", "chair"),
              ("chair_organisation", "chair's organisation"), ("lead", "lead"),
              ("lead_organisation", "lead's organisation"), ("other_posts", "other posts"),
              ("sub_group_of", "sub-group of"), ("reports_to", "reports to"),
              ("overseen_by", "overseen by"), ("scrutinised_by", "scrutinised by"),
              ("members", "members"), ("period", "period"), ("area", "area"),
              ("document", "document"), ("line", "line")),
             governance_rows),
    Register("actions", "Action tracker",
             "Every action, recommendation and data gap: what it sits under, who leads it "
             "and when it is due.",
             ActionRow,
             (("priority", "priority or theme"), ("number", "no."), ("action", "action"),
              ("lead", "lead"), ("timescale", "timescale"), ("due_date", "due date"),
              ("status", "status"), ("kind", "kind"), ("strand", "strand"),
              ("priority_lead", "priority's lead"), ("plan", "plan"), ("period", "period"),
              ("area", "area"), ("document", "document"), ("line", "line")),
             action_rows),
    Register("priorities", "Priorities register",
             "Every priority of every plan: who leads it and the higher plans' objectives "
             "it serves.",
             PriorityRow,
             (("plan", "plan"), ("period", "period"), ("area", "area"),
              ("priority", "priority"), ("number", "no."), ("leads", "leads"),
              ("objectives_served", "objectives served"), ("document", "document"),
              ("line", "line")),
             priority_rows),
)}


def register(name: str) -> Register:
    """The register called ``name``; NotFoundError naming the registers otherwise."""
    if name not in REGISTERS:
        raise NotFoundError(f"no register named '{name}'",
                            f"use one of: {', '.join(REGISTERS)}")
    return REGISTERS[name]


def register_rows(ds: Dataset, name: str, area: str | None = None,
                  plan: str | None = None) -> list:
    """The rows of register ``name``, of the documents of ``area`` and ``plan`` if given."""
    reg = register(name)
    docs = ({d.doc_id for d in documents_in_scope(ds, area, plan)} if area or plan else None)
    return reg.build(ds, docs)


def scope_choices(ds: Dataset) -> tuple[list[str], list[tuple[str, str]]]:
    """What a register can be narrowed to: the areas of the loaded plans, and each
    document as (id, its plan's title and period)."""
    docs = documents(ds)
    areas = sorted({d.area for d in docs if d.area})
    plans = [(d.doc_id, " ".join(filter(None, (_plan(d), d.period if d.period and d.period
                                                not in _plan(d) else None)))) for d in docs]
    return areas, plans


def cell_text(value: object) -> str:
    """A row's value as one cell: lists joined by "; ", numbers as digits, None as ""."""
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return "" if value is None else str(value)


def register_cells(name: str, rows: list) -> tuple[list[str], list[list[str]]]:
    """The headings of register ``name`` and each row's cells, in column order."""
    reg = register(name)
    return ([h for _, h in reg.columns],
            [[cell_text(getattr(r, f)) for f, _ in reg.columns] for r in rows])


def register_csv(name: str, rows: list) -> str:
    """Register ``name``'s rows as CSV: a header row, then one row each, formulas made text."""
    return csv_text(*register_cells(name, rows))


__all__ = ["REGISTERS", "ActionRow", "GovernanceRow", "PriorityRow", "Register",
           "ServedObjective", "action_rows", "cell_text", "governance_rows", "priority_rows",
           "register", "register_cells", "register_csv", "register_rows", "scope_choices"]
