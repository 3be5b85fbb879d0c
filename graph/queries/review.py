"""What resolution merged and what it only suggests, for people to review."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Dataset, URIRef
from rdflib.namespace import RDF

from cspgraph.graph.queries import patterns as pat
from cspgraph.graph.queries.results import Entity, SourceRef
from cspgraph.graph.queries.sources import LABELS, entity, span_ref, statements
from cspgraph.ontology.namespaces import CSP, PROV


@dataclass
class MergeRecord:
    """Two printed names found to be one entity, by a rule, with the evidence."""

    kept: Entity
    merged_iri: str
    rule: str
    evidence: list[SourceRef] = field(default_factory=list)


@dataclass
class Suggestion:
    """A scored, unproven identity or alignment awaiting review."""

    iri: str
    subject: Entity
    proposal: Entity
    kind: str  # "same as", "duplicate" or "alignment"
    score: float
    status: str  # "pending", "accepted" or "rejected"


def merges(ds: Dataset) -> list[MergeRecord]:
    """Every merge resolution made, with its rule and where the names were printed."""
    out = []
    for node in pat.subjects(ds, RDF.type, CSP.Merge):
        kept = pat.value(ds, node, CSP.mergedInto)
        out.append(MergeRecord(
            entity(ds, kept), str(pat.value(ds, node, CSP.mergedFrom)),
            str(pat.value(ds, node, CSP.rule)),
            sorted(span_ref(ds, s) for s in pat.objects(ds, node, PROV.wasDerivedFrom))))
    return sorted(out, key=lambda m: (m.kept.label, m.merged_iri))


def suggestions(ds: Dataset, status: str | None = None) -> list[Suggestion]:
    """Suggestions (optionally only those with ``status``), best score first."""
    out = []
    for node in pat.subjects(ds, RDF.type, CSP.Suggestion):
        state = str(pat.value(ds, node, CSP.reviewStatus) or "pending")
        if status and state != status:
            continue
        for prop, kind in ((CSP.suggestedSameAs, "same as"), (CSP.suggestedAlignment, "alignment"),
                           (CSP.suggestedDuplicate, "duplicate")):
            target = pat.value(ds, node, prop)
            if target is None:
                continue
            out.append(Suggestion(str(node), entity(ds, pat.value(ds, node, CSP.suggestionOf)),
                                  entity(ds, URIRef(target)), kind,
                                  float(pat.value(ds, node, CSP.score) or 0), state))
    return sorted(out, key=lambda s: (-s.score, s.subject.label))


def reviewed(ds: Dataset, status: str, suggestion: str | None = None,
             name: str | None = None, same_as: str | None = None) -> Suggestion | None:
    """The suggestion a review decided, as ``ds`` now has it: by its IRI, or (an identity)
    by the two names or IRIs of its sides, case ignored; one with the review's ``status``
    first."""
    def decided(s: Suggestion) -> bool:
        if suggestion is not None:
            return s.iri == suggestion
        if s.kind != "same as" or name is None or same_as is None:
            return False
        ends = {s.subject.iri, s.subject.label.casefold(), s.proposal.iri,
                s.proposal.label.casefold()}
        return bool({name, name.casefold()} & ends) and bool({same_as, same_as.casefold()}
                                                            & ends)

    found = [s for s in suggestions(ds) if decided(s)]
    return next((s for s in found if s.status == status), found[0] if found else None)


def confirmed_duplicates(ds: Dataset) -> list[tuple[Entity, Entity, list[SourceRef]]]:
    """Pairs a reviewer confirmed as duplicates, each with the review's source."""
    from cspgraph.graph.queries.sources import sources

    out = [(entity(ds, a), entity(ds, b), sources(ds, a, CSP.duplicateOf, b))
           for a, b in ds.subject_objects(CSP.duplicateOf)]
    return sorted(out, key=lambda t: (t[0].label, t[1].label))


def named_at(ds: Dataset, iri: str) -> list[SourceRef]:
    """Where the documents name the node ``iri`` (the sources of its labels), else where
    they say anything about it: what a reviewer reads to judge a suggestion's side."""
    said = statements(ds, URIRef(iri))
    spans = ({span for (p, _), found in said.items() if p in LABELS for span in found}
             or {span for found in said.values() for span in found})
    return sorted({span_ref(ds, span) for span in spans})
