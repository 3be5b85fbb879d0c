"""Reading provenance back: the document, lines and quote behind each triple."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import FOAF, RDF, RDFS, SKOS

from cspgraph.graph.queries import patterns as pat
from cspgraph.graph.queries.results import Entity, SourceRef
from cspgraph.ontology.namespaces import CSP, DCTERMS, ID_BASE, ORG, PROV

# Most specific first: the type an entity is shown with.
TYPE_ORDER = (
    CSP.Priority, CSP.Action, CSP.Recommendation, CSP.DataGap, CSP.Objective, CSP.Indicator,
    CSP.PoliceAndCrimePlan, CSP.CouncilPlan, CSP.PartnershipPlan, CSP.StrategicAssessment,
    CSP.CommunitySafetyAgreement, CSP.CommitteePaper, CSP.Plan,
    FOAF.Person, ORG.OrganizationalCollaboration, ORG.OrganizationalUnit,
    ORG.FormalOrganization, ORG.Organization, ORG.Post, SKOS.Concept,
)
LABELS = (FOAF.name, RDFS.label, DCTERMS.title, SKOS.prefLabel, SKOS.notation)
# Terms read on every answer, looked up once (a namespace attribute costs a call each time).
_SUBJECT, _PREDICATE, _OBJECT, _DERIVED = RDF.subject, RDF.predicate, RDF.object, \
    PROV.wasDerivedFrom
_TYPE, _ALT, _GSS = RDF.type, SKOS.altLabel, CSP.gssCode
_IN_DOC, _FILE, _PAGE, _CREATOR, _DATE = (CSP.inDocument, CSP.fileName, CSP.page,
                                          DCTERMS.creator, DCTERMS.date)
_START, _END, _QUOTE, _LOCATOR = CSP.lineStart, CSP.lineEnd, CSP.quote, CSP.locator


def properties(ds: Dataset, node: URIRef) -> dict[URIRef, list]:
    """Every property of ``node`` with its values, read in one triple-pattern call."""
    out: dict[URIRef, list] = {}
    for _, p, o in pat.triples(ds, (node, None, None)):
        out.setdefault(p, []).append(o)
    return out


def statements(ds: Dataset, s: URIRef, predicates: Iterable[URIRef] | None = None
               ) -> dict[tuple, list[URIRef]]:
    """The source spans of the statements the documents make about ``s`` (only those with
    ``predicates``, if given), by (predicate, object): read once for every ``sources``
    call about one node."""
    wanted = set(predicates) if predicates is not None else None
    out: dict[tuple, list[URIRef]] = {}
    for stmt, _, _ in pat.triples(ds, (None, _SUBJECT, s)):
        if wanted is not None and next(
                pat.objects(ds, stmt, _PREDICATE), None) not in wanted:
            continue
        said = properties(ds, stmt)
        key = (said.get(_PREDICATE, [None])[0], said.get(_OBJECT, [None])[0])
        out.setdefault(key, []).extend(said.get(_DERIVED, ()))
    return out


def sources(ds: Dataset, s: URIRef, p: URIRef, o: URIRef | Literal | None = None,
            said: dict[tuple, list[URIRef]] | None = None) -> list[SourceRef]:
    """Where the graph's documents state ``s p o`` (any object when ``o`` is None);
    ``said`` is ``statements(ds, s)`` where the caller already has it."""
    said = statements(ds, s, (p,)) if said is None else said
    spans = {span for (pp, oo), found in said.items() if pp == p and (o is None or oo == o)
             for span in found}
    return sorted({span_ref(ds, span) for span in spans})


def span_ref(ds: Dataset, span: URIRef) -> SourceRef:
    """A SourceRef from a csp:SourceSpan node."""
    said = {p: values[0] for p, values in properties(ds, span).items()}
    doc = said.get(_IN_DOC)
    name = pat.value(ds, doc, _FILE) if doc is not None else None
    page, by, on = said.get(_PAGE), said.get(_CREATOR), said.get(_DATE)
    return SourceRef(
        document=str(name or doc),
        doc_id=str(doc).rsplit("/", 1)[-1],
        line_start=int(said[_START]),
        line_end=int(said[_END]),
        quote=str(said.get(_QUOTE)),
        page=int(page) if page is not None else None,
        curated_by=str(by) if by is not None else None,
        curated_on=str(on) if on is not None else None,
        locator=str(said[_LOCATOR]) if _LOCATOR in said else None,
    )


def entity(ds: Dataset, node: URIRef, said: dict[URIRef, list] | None = None) -> Entity:
    """The entity for ``node``: its best label, its most specific type, other labels
    (``said`` is ``properties(ds, node)`` where the caller already has it)."""
    said = properties(ds, node) if said is None else said
    labels = [str(v) for prop in LABELS for v in said.get(prop, ())]
    alts = sorted({str(v) for v in said.get(_ALT, ())})
    label = max(labels, key=lambda t: (len(t.split()), len(t), t)) if labels else _tail(node)
    types = set(said.get(_TYPE, ()))
    kind = next((t for t in TYPE_ORDER if t in types), None)
    others = tuple(sorted({*labels, *alts} - {label}))
    gss = said.get(_GSS, [None])[0]
    return Entity(str(node), label, _tail(kind) if kind is not None else "Thing", others,
                  str(gss) if gss is not None else None)


def _tail(node: URIRef) -> str:
    return str(node).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def document_spans(ds: Dataset, doc_id: str) -> list[SourceRef]:
    """Every place of document ``doc_id`` the graph quotes, in the file's order."""
    doc = URIRef(f"{ID_BASE}doc/{doc_id}")
    refs = {span_ref(ds, span) for span in pat.subjects(ds, CSP.inDocument, doc)
            if isinstance(span, URIRef) and pat.value(ds, span, CSP.lineStart) is not None}
    return sorted(refs, key=lambda r: (r.page or 0, r.line_start, r.line_end, r.quote))


def source_context(ds: Dataset, doc_id: str, line: int, around: int = 8,
                   page: int | None = None) -> list[tuple[SourceRef, bool]]:
    """The quoted places of a document within ``around`` lines of ``line`` (on ``page``
    for a paged file), each marked True where it covers ``line`` itself."""
    out = []
    for ref in document_spans(ds, doc_id):
        if page is not None and ref.page != page:
            continue
        if ref.line_end >= line - around and ref.line_start <= line + around:
            out.append((ref, ref.line_start <= line <= ref.line_end))
    return out
