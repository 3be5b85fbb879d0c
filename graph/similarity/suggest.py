"""Suggested links, stored as data: duplicates and alignments, scored, dated, reviewable.

Suggestions live in their own named graph (``id/graph/suggestions``), never mixed with
what documents assert. Each is a ``csp:Suggestion`` with the item it is about
(``csp:suggestionOf``), what it proposes (``csp:suggestedDuplicate`` or
``csp:suggestedAlignment``), ``csp:score``, ``csp:model``, ``dcterms:created`` and
``csp:reviewStatus``. Suggestion IRIs are hashes of what they link, so a review written
in a curation file (``review: {suggestion: IRI, status: accepted|rejected}``) still finds
its suggestion after a rebuild. A rejected suggestion is not suggested again; an accepted
one becomes a curated fact (``csp:duplicateOf`` or ``csp:alignsWith``) sourced to the
review's line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, XSD

from cspgraph.graph.build.curation import Entry, curation_id
from cspgraph.graph.build.names import digest, iri
from cspgraph.graph.build.provenance import ProvenanceWriter, document_iri, graph_iri
from cspgraph.graph.similarity.duplicates import Corpus, duplicate_pairs
from cspgraph.graph.similarity.texts import embeddable_items
from cspgraph.loaders.document import Span
from cspgraph.loaders.facts import Source
from cspgraph.ontology.namespaces import CSP, DCTERMS
from cspgraph.settings import Settings

SUGGESTIONS_GRAPH = iri("graph", "suggestions")
# Priority-objective cosines run low with this model: links documents assert average 0.28,
# pairs they do not assert 0.23 (benchmarks/duplicates_quality.py prints both).
ALIGN_MIN = 0.30  # a priority to an objective of a plan its document cites
ALIGN_TOP = 2
FORWARD_MIN = 0.50  # an assessment's recommendation to a later plan's priority, same area
STATUSES = ("pending", "accepted", "rejected")


@dataclass
class SuggestionReport:
    """How many suggestions were written, and how reviews were applied."""

    duplicates: int = 0
    alignments: int = 0
    accepted: int = 0
    rejected: int = 0
    stale_reviews: list[str] = field(default_factory=list)


def suggestion_iri(kind: str, a: str, b: str) -> URIRef:
    """The stable IRI of a suggestion linking ``a`` and ``b`` (order-free for duplicates)."""
    ends = sorted((a, b)) if kind == "duplicate" else [a, b]
    return iri("suggestion", kind, digest(*ends, size=16))


def suggest(ds: Dataset, corpus: Corpus, reviews: list[Entry] = (),
            settings: Settings | None = None, model: str | None = None,
            today: date | None = None) -> SuggestionReport:
    """Write duplicate and alignment suggestions, then apply the reviews of them."""
    from cspgraph.graph.similarity.model import model_id

    model = model or model_id(settings)
    today = today or date.today()
    decided = {str(e.args.get("suggestion")): e for e in reviews
               if isinstance(e.args, dict) and e.args.get("suggestion")}
    g = ds.graph(SUGGESTIONS_GRAPH)
    g.remove((None, None, None))
    report = SuggestionReport()
    found: dict[URIRef, tuple[str, URIRef, URIRef, float]] = {}
    for p in duplicate_pairs(ds, corpus):
        found[suggestion_iri("duplicate", p.a.iri, p.b.iri)] = (
            "duplicate", URIRef(p.a.iri), URIRef(p.b.iri), p.score)
    for node, (a, b, score) in _alignments(ds, corpus, settings).items():
        found[node] = ("alignment", a, b, score)
    for node, (a, b, score) in _taken_forward(ds, settings).items():
        found[node] = ("alignment", a, b, score)
    for node, (kind, a, b, score) in found.items():
        review = decided.get(str(node))
        status = str(review.args.get("status", "pending")) if review else "pending"
        if status == "rejected":
            report.rejected += 1
            continue  # not suggested again
        prop = CSP.suggestedDuplicate if kind == "duplicate" else CSP.suggestedAlignment
        g.add((node, RDF.type, CSP.Suggestion))
        g.add((node, CSP.suggestionOf, a))
        g.add((node, prop, b))
        g.add((node, CSP.score, Literal(f"{score:.4f}", datatype=XSD.decimal)))
        g.add((node, CSP.model, Literal(model)))
        g.add((node, DCTERMS.created, Literal(today.isoformat(), datatype=XSD.date)))
        g.add((node, CSP.reviewStatus, Literal(status)))
        if review:
            _accept(ds, review, node, kind, a, b, status)
            report.accepted += status == "accepted"
        if kind == "duplicate":
            report.duplicates += 1
        else:
            report.alignments += 1
    report.stale_reviews = [f"{e.where()}: no such suggestion {key}"
                            for key, e in decided.items() if URIRef(key) not in found]
    return report


def _accept(ds: Dataset, review: Entry, node: URIRef, kind: str, a: URIRef, b: URIRef,
            status: str) -> None:
    """Record the review on the suggestion, and an accepted one as a curated fact."""
    doc_id = curation_id(review.file)
    out = ProvenanceWriter(ds.graph(graph_iri(doc_id)), doc_id)
    ds.graph(graph_iri(doc_id)).add((document_iri(doc_id), RDF.type, CSP.CurationFile))
    ds.graph(graph_iri(doc_id)).add((document_iri(doc_id), CSP.fileName,
                                     Literal(review.file.name)))
    src = Source(Span(review.line, review.end), review.text)
    if reason := review.args.get("reason"):
        out.add(node, CSP.reviewReason, Literal(str(reason)), src)
    if status == "accepted":
        out.add(a, CSP.duplicateOf if kind == "duplicate" else CSP.alignsWith, b, src)


def _taken_forward(ds: Dataset, settings: Settings | None
                   ) -> dict[URIRef, tuple[URIRef, URIRef, float]]:
    """An assessment's recommendations to the priorities of a later plan for the same area
    (area names sharing a word) that most likely take them forward."""
    from cspgraph.graph.queries.plans import documents
    from cspgraph.graph.similarity.encode import encode

    docs = {d.doc_id: d for d in documents(ds)}
    assessing = {k for k, d in docs.items()
                 if d.kind in ("StrategicAssessment", "CommitteePaper")}
    recs = [r for r in embeddable_items(ds, ("recommendation", "data gap"))
            if r.doc_id in assessing]
    prios = [p for p in embeddable_items(ds, ("priority",)) if p.doc_id not in assessing]
    if not recs or not prios:
        return {}
    rv, pv = encode([r.text() for r in recs], settings), encode([p.text() for p in prios], settings)
    out = {}
    for i, r in enumerate(recs):
        src = docs[r.doc_id]
        ok = [j for j, p in enumerate(prios) if _later_same_area(src, docs[p.doc_id])]
        if not ok:
            continue
        sims = pv[ok] @ rv[i]
        best = int(np.argmax(sims))
        if sims[best] >= FORWARD_MIN:
            p = prios[ok[best]]
            out[suggestion_iri("alignment", r.iri, p.iri)] = (
                URIRef(r.iri), URIRef(p.iri), float(sims[best]))
    return out


def _later_same_area(first, later) -> bool:
    """True when ``later`` starts after ``first`` and their areas share a place word."""
    words = {w for w in (first.area or "").lower().split() if len(w) > 3}
    return bool(first.start and later.start and later.start > first.start
                and words & {w for w in (later.area or "").lower().split()})


def _alignments(ds: Dataset, corpus: Corpus, settings: Settings | None
                ) -> dict[URIRef, tuple[URIRef, URIRef, float]]:
    """Priorities to objectives of the higher plans their document cites, not yet linked."""
    from cspgraph.graph.similarity.encode import encode

    prios = embeddable_items(ds, ("priority",))
    objectives = embeddable_items(ds, ("objective",))
    if not prios or not objectives:
        return {}
    pv = encode([p.text() for p in prios], settings)
    ov = encode([o.text() for o in objectives], settings)
    plan_of = {o.iri: ds.value(URIRef(o.iri), CSP.objectiveOf) for o in objectives}
    out = {}
    for i, p in enumerate(prios):
        cited = set(ds.objects(iri("plan", p.doc_id), DCTERMS.references))
        sims = ov @ pv[i]
        for j in np.argsort(-sims)[:ALIGN_TOP * 3]:
            o = objectives[j]
            node_p, node_o = URIRef(p.iri), URIRef(o.iri)
            if plan_of[o.iri] not in cited or (node_p, CSP.alignsWith, node_o) in ds:
                continue
            if sims[j] >= ALIGN_MIN and sum(1 for v in out.values() if v[0] == node_p) < ALIGN_TOP:
                out[suggestion_iri("alignment", p.iri, o.iri)] = (node_p, node_o, float(sims[j]))
    return out
