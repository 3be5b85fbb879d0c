"""Documents, plans and their periods, and alignment with higher plans' objectives."""

from __future__ import annotations

from datetime import date

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import FOAF, RDF, SKOS

from cspgraph.errors import AmbiguousNameError, NotFoundError
from cspgraph.graph.build.names import normalise
from cspgraph.graph.queries import patterns as pat
from cspgraph.graph.queries.lookup import PLANS, ident, resolve
from cspgraph.graph.queries.results import (
    AlignmentCell,
    AlignmentMatrix,
    Answer,
    Document,
    Entity,
)
from cspgraph.graph.queries.sources import entity, sources
from cspgraph.graph.store.backends import DerivedCache
from cspgraph.ontology.namespaces import CSP, DCTERMS, ID_BASE, RDFS


def as_date(value) -> date | None:
    """The date an xsd:date literal holds, or None."""
    return value.toPython() if value is not None and isinstance(value.toPython(), date) else None


def _period(ds: Dataset, owner: URIRef) -> tuple[str | None, date | None, date | None]:
    node = pat.value(ds, owner, DCTERMS.temporal)
    if node is None:
        return None, None, None
    label = pat.value(ds, node, CSP.periodLabel)
    return (str(label) if label is not None else None,
            as_date(pat.value(ds, node, CSP.periodStart)),
            as_date(pat.value(ds, node, CSP.periodEnd)))


def documents(ds: Dataset, as_at: date | None = None) -> list[Document]:
    """Every loaded document with the plan it sets out, its kind, period and replacement.

    With ``as_at``, only documents whose period covers that date and whose plan has not
    been replaced by a later plan in force then.
    """
    out = list(_all_documents(ds))
    if as_at is not None:
        out = [d for d in out if d.start and d.end and d.start <= as_at <= d.end]
        live = {d.plan.iri for d in out if d.plan}
        out = [d for d in out if not (d.replaced_by and d.replaced_by.iri in live)]
    return out


_documents = DerivedCache()


def _all_documents(ds: Dataset) -> list[Document]:
    """Every document, sorted by id; kept per dataset until the dataset changes (a walk
    over every plan costs 0.24 s at 650 documents, and most requests need it)."""
    return _documents.get(ds, _walk_documents)


def _walk_documents(ds: Dataset) -> list[Document]:
    out = []
    for doc in pat.subjects(ds, RDF.type, CSP.SourceDocument):
        doc_id = str(doc).rsplit("/", 1)[-1]
        plan = pat.value(ds, doc, FOAF.primaryTopic)
        d = Document(doc_id, str(pat.value(ds, doc, CSP.fileName) or doc_id), None)
        if plan is not None:
            d.plan = entity(ds, plan)
            d.kind = d.plan.type
            d.period, d.start, d.end = _period(ds, plan)
            area = pat.value(ds, plan, DCTERMS.spatial)
            d.area = str(pat.value(ds, area, RDFS.label)) if area is not None else None
            issuer = pat.value(ds, plan, DCTERMS.publisher)
            d.issuer = entity(ds, issuer).label if issuer is not None else None
            d.sources = sources(ds, plan, DCTERMS.title)
            later = pat.value(ds, plan, DCTERMS.isReplacedBy)
            d.replaced_by = entity(ds, later) if later is not None else None
        out.append(d)
    out.sort(key=lambda d: d.doc_id)
    return out


def documents_in_scope(ds: Dataset, area: str | None = None, plan: str | None = None,
                       as_at: date | None = None) -> list[Document]:
    """The documents every given filter admits: an area (words of its name), one plan
    (as ``find_document`` reads it) and the plans in force ``as_at`` a date."""
    docs = documents(ds, as_at)
    if plan:
        wanted = find_document(ds, plan).doc_id
        docs = [d for d in docs if d.doc_id == wanted]
    if area:
        words = set(normalise(area).split())
        docs = [d for d in docs if d.area and words <= set(normalise(d.area).split())]
    return docs


def find_document(ds: Dataset, ref: str) -> Document:
    """The document ``ref`` names: a plan IRI or id (its last segment), the document's id or
    file name, or words of its title and period. Every front end resolves a plan with it."""
    ref = ref.strip()
    hint = "list documents with 'cspgraph documents' (or GET /api/plans) and use an id"
    if not ref:
        raise NotFoundError("no plan named ''", hint)
    docs = documents(ds)
    if "://" in ref:
        hits = [d for d in docs if d.plan and d.plan.iri == ref]
        if not hits:
            raise NotFoundError(f"no loaded plan has the IRI {ref}", hint)
        return hits[0]
    by_plan_id = [d for d in docs if d.plan and ident(d.plan.iri) == ref]
    if len(by_plan_id) == 1 and ref not in {d.doc_id for d in docs}:
        return by_plan_id[0]
    for d in docs:
        if ref in (d.doc_id, d.file_name):
            return d
    words = set(normalise(ref).split())
    hits = [d for d in docs if words <= set(normalise(
        " ".join(filter(None, (d.doc_id, d.file_name, d.plan and d.plan.label, d.period,
                               d.area, d.issuer)))).split())]
    if not hits:
        raise NotFoundError(f"no document matches '{ref}'", hint)
    if len(hits) > 1:
        raise AmbiguousNameError(ref, [d.doc_id for d in hits])
    return hits[0]


def in_document(node: URIRef, doc_id: str) -> bool:
    """True when ``node`` was minted for document ``doc_id`` (its items, glossary, notes)."""
    return str(node).startswith(f"{ID_BASE}doc/{doc_id}/")


def higher_plans(ds: Dataset, document: str) -> list[Entity]:
    """The higher plans a document cites."""
    doc = find_document(ds, document)
    if doc.plan is None:
        return []
    cited = pat.objects(ds, URIRef(doc.plan.iri), DCTERMS.references)
    return sorted((entity(ds, p) for p in cited), key=lambda e: e.label)


def objectives(ds: Dataset, plan: str) -> list[Entity]:
    """The objectives of a higher plan cited in the graph."""
    node = URIRef(resolve(ds, plan, PLANS, "plan").iri)
    return sorted((entity(ds, o) for o in pat.subjects(ds, CSP.objectiveOf, node)),
                  key=lambda e: e.label)


def higher_plan(ds: Dataset, cited: list[Entity], against: str) -> Entity:
    """The plan among ``cited`` whose label, aliases and period hold every word of
    ``against`` (or its IRI); any plan of that name when none of them does."""
    by_iri = [p for p in cited if p.iri == against]
    if by_iri:
        return by_iri[0]
    words = set(normalise(against).split())
    matches = [p for p in cited if words <= set(normalise(f"{p.label} {' '.join(p.alt_labels)}"
                                                          f" {period_label(ds, p)}").split())]
    if not matches:
        return resolve(ds, against, PLANS, "plan")
    if len({m.iri for m in matches}) > 1:
        raise AmbiguousNameError(against, [m.label for m in matches])
    return matches[0]


def alignment(ds: Dataset, document: str, against: str, include_suggested: bool = False
              ) -> AlignmentMatrix:
    """A document's priorities against a higher plan's objectives.

    Cells are links a document asserts or a curator confirmed (``status`` "curated"); with
    ``include_suggested``, machine suggestions too, labelled "suggested" with their score.
    Gaps count asserted and curated links only.
    """
    from cspgraph.graph.queries.items import items

    doc = find_document(ds, document)
    cited = higher_plans(ds, doc.doc_id)
    plan = higher_plan(ds, cited, against)
    plan_node = URIRef(plan.iri)
    objs = {o: entity(ds, o) for o in pat.subjects(ds, CSP.objectiveOf, plan_node)}
    prios = items(ds, doc.doc_id, kinds=("Priority",))
    cells = []
    for p in prios:
        node = URIRef(p.entity.iri)
        for o in pat.objects(ds, node, CSP.alignsWith):
            if o in objs:
                found = sources(ds, node, CSP.alignsWith, o)
                curated = all(s.doc_id.startswith("curation-") for s in found) and found
                cells.append(AlignmentCell(p.entity, objs[o], found,
                                           "curated" if curated else "asserted"))
        if include_suggested:
            for s in pat.subjects(ds, CSP.suggestionOf, node):
                o = pat.value(ds, s, CSP.suggestedAlignment)
                if o in objs and pat.value(ds, s, CSP.reviewStatus) != Literal("accepted"):
                    score = pat.value(ds, s, CSP.score)
                    cells.append(AlignmentCell(p.entity, objs[o], [], "suggested",
                                               float(score) if score is not None else None))
    whole: list[AlignmentCell] = []  # "Our priorities support the plan's objectives 'A' ..."
    if doc.plan is not None:
        node = URIRef(doc.plan.iri)
        for o in pat.objects(ds, node, CSP.alignsWith):
            if o in objs:
                whole.append(AlignmentCell(doc.plan, objs[o], sources(ds, node, CSP.alignsWith, o),
                                           "asserted"))
    served = {c.objective.iri for c in [*cells, *whole] if c.status != "suggested"}
    citing = {c.priority.iri for c in cells if c.status != "suggested"}
    objectives_sorted = sorted(objs.values(), key=lambda e: e.label)
    return AlignmentMatrix(
        plan=doc.plan or Entity(doc.doc_id, doc.file_name, "Document"),
        against=plan,
        priorities=[p.entity for p in prios],
        objectives=objectives_sorted,
        cells=cells,
        unserved_objectives=[o for o in objectives_sorted if o.iri not in served],
        priorities_citing_nothing=[p.entity for p in prios if p.entity.iri not in citing],
        served_by_plan=whole,
    )


def aliases(ds: Dataset, document: str) -> list[Answer]:
    """A document's acronyms and short forms; ``detail["expansion"]`` is "" when unknown."""
    doc = find_document(ds, document)
    out = []
    for node in pat.subjects(ds, RDF.type, SKOS.Concept):
        if not in_document(node, doc.doc_id) or pat.value(ds, node, SKOS.notation) is None:
            continue
        short = pat.value(ds, node, SKOS.notation)
        expansion = pat.value(ds, node, SKOS.prefLabel)
        out.append(Answer(Entity(str(node), str(short), "Alias"),
                          sources(ds, node, SKOS.notation, short),
                          {"expansion": str(expansion) if expansion is not None else ""}))
    return sorted(out, key=lambda a: a.label)


def quality_notes(ds: Dataset, document: str | None = None) -> list[Answer]:
    """Data-quality notes the loaders raised (contradictory dates, unknown expansions)."""
    doc_id = find_document(ds, document).doc_id if document else None
    out = []
    for node in pat.subjects(ds, RDF.type, CSP.QualityNote):
        if doc_id and not in_document(node, doc_id):
            continue
        message = pat.value(ds, node, RDFS.comment)
        out.append(Answer(Entity(str(node), str(message), "QualityNote"),
                          sources(ds, node, RDFS.comment, message)))
    return sorted(out, key=lambda a: a.label)


def period_label(ds: Dataset, plan: Entity) -> str:
    """The printed period of ``plan`` ("2021-2024"), or "" when none is stated."""
    return _period(ds, URIRef(plan.iri))[0] or ""


__all__ = ["aliases", "alignment", "documents", "find_document", "higher_plans",
           "in_document", "objectives", "quality_notes"]
