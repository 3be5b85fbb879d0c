"""Reading provenance back: the document, lines and quote behind each triple."""

from __future__ import annotations

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import FOAF, RDF, RDFS, SKOS

from cspgraph.graph.queries.results import Entity, SourceRef
from cspgraph.ontology.namespaces import CSP, DCTERMS, ORG, PROV

# Most specific first: the type an entity is shown with.
TYPE_ORDER = (
    CSP.Priority, CSP.Action, CSP.Recommendation, CSP.DataGap, CSP.Objective, CSP.Indicator,
    CSP.PoliceAndCrimePlan, CSP.CouncilPlan, CSP.PartnershipPlan, CSP.StrategicAssessment,
    CSP.CommunitySafetyAgreement, CSP.CommitteePaper, CSP.Plan,
    FOAF.Person, ORG.OrganizationalCollaboration, ORG.OrganizationalUnit,
    ORG.FormalOrganization, ORG.Organization, ORG.Post, SKOS.Concept,
)
LABELS = (FOAF.name, RDFS.label, DCTERMS.title, SKOS.prefLabel, SKOS.notation)


def sources(ds: Dataset, s: URIRef, p: URIRef, o: URIRef | Literal | None = None
            ) -> list[SourceRef]:
    """Where the graph's documents state ``s p o`` (any object when ``o`` is None)."""
    out: set[SourceRef] = set()
    for stmt in ds.subjects(RDF.subject, s):
        if ds.value(stmt, RDF.predicate) != p:
            continue
        if o is not None and ds.value(stmt, RDF.object) != o:
            continue
        for span in ds.objects(stmt, PROV.wasDerivedFrom):
            out.add(span_ref(ds, span))
    return sorted(out)


def span_ref(ds: Dataset, span: URIRef) -> SourceRef:
    """A SourceRef from a csp:SourceSpan node."""
    doc = ds.value(span, CSP.inDocument)
    name = ds.value(doc, CSP.fileName) if doc is not None else None
    page = ds.value(span, CSP.page)
    by, on = ds.value(span, DCTERMS.creator), ds.value(span, DCTERMS.date)
    return SourceRef(
        document=str(name or doc),
        doc_id=str(doc).rsplit("/", 1)[-1],
        line_start=int(ds.value(span, CSP.lineStart)),
        line_end=int(ds.value(span, CSP.lineEnd)),
        quote=str(ds.value(span, CSP.quote)),
        page=int(page) if page is not None else None,
        curated_by=str(by) if by is not None else None,
        curated_on=str(on) if on is not None else None,
    )


def entity(ds: Dataset, node: URIRef) -> Entity:
    """The entity for ``node``: its best label, its most specific type, other labels."""
    labels: list[str] = []
    for prop in LABELS:
        labels += [str(v) for v in ds.objects(node, prop)]
    alts = sorted({str(v) for v in ds.objects(node, SKOS.altLabel)})
    label = max(labels, key=lambda t: (len(t.split()), len(t), t)) if labels else _tail(node)
    types = set(ds.objects(node, RDF.type))
    kind = next((t for t in TYPE_ORDER if t in types), None)
    others = tuple(sorted({*labels, *alts} - {label}))
    gss = ds.value(node, CSP.gssCode)
    return Entity(str(node), label, _tail(kind) if kind is not None else "Thing", others,
                  str(gss) if gss is not None else None)


def _tail(node: URIRef) -> str:
    return str(node).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
