"""Namespaces, defined once. A misspelt term fails at import, not as a wrong IRI.

``CSP`` holds only the terms cspgraph coins; everything else reuses W3C ORG,
SKOS, PROV-O, DCTERMS and FOAF. ``tests/ontology`` checks that every term
here is defined in ``cspgraph.ttl`` and the other way round.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

CSP_IRI = "https://w3id.org/cspgraph/def#"
ID_BASE = "https://w3id.org/cspgraph/id/"
THEME_BASE = "https://w3id.org/cspgraph/theme/"

ID = Namespace(ID_BASE)
THEME = Namespace(THEME_BASE)
SH = Namespace("http://www.w3.org/ns/shacl#")


class CSP(DefinedNamespace):
    """The cspgraph vocabulary: terms W3C ORG, SKOS, PROV, DCTERMS and FOAF lack."""

    _NS = Namespace(CSP_IRI)
    _fail = True

    # Plans and documents
    Plan: URIRef
    PartnershipPlan: URIRef
    StrategicAssessment: URIRef
    CommunitySafetyAgreement: URIRef
    PoliceAndCrimePlan: URIRef
    CouncilPlan: URIRef
    CommitteePaper: URIRef
    SourceDocument: URIRef
    SourceSpan: URIRef

    # Plan content
    Priority: URIRef
    Objective: URIRef
    Aim: URIRef
    Action: URIRef
    Recommendation: URIRef
    DataGap: URIRef
    Indicator: URIRef
    QualityNote: URIRef
    Suggestion: URIRef

    # Roles (instances of org:Role)
    Chair: URIRef
    ViceChair: URIRef
    Lead: URIRef
    Holder: URIRef
    Contact: URIRef

    # Strands (skos:Concept in csp:Strands)
    Strands: URIRef
    Prevent: URIRef
    Pursue: URIRef
    Protect: URIRef
    Prepare: URIRef

    # Themes scheme
    Themes: URIRef

    # Properties
    leadAgency: URIRef
    leadPerson: URIRef
    alignsWith: URIRef
    servesPlan: URIRef
    servesAim: URIRef
    suggestedAlignment: URIRef
    oversees: URIRef
    scrutinises: URIRef
    hostAuthorityOf: URIRef
    ownsIndicator: URIRef
    linkedIndicator: URIRef
    strand: URIRef
    strandLabel: URIRef
    themeLabel: URIRef
    number: URIRef
    group: URIRef
    timescale: URIRef
    dueStart: URIRef
    dueEnd: URIRef
    response: URIRef
    periodStart: URIRef
    periodEnd: URIRef
    periodLabel: URIRef
    areaQualifier: URIRef
    objectiveOf: URIRef
    hasPriority: URIRef
    hasItem: URIRef
    servesPriority: URIRef

    # Provenance
    sha256: URIRef
    fileName: URIRef
    loaderVersion: URIRef
    lineStart: URIRef
    lineEnd: URIRef
    locator: URIRef
    page: URIRef
    quote: URIRef
    inDocument: URIRef

    # Suggestions and review
    score: URIRef
    model: URIRef
    suggestionOf: URIRef
    reviewStatus: URIRef
    suggestedSameAs: URIRef
    suggestedDuplicate: URIRef
    duplicateOf: URIRef
    reviewReason: URIRef

    # Entity resolution and curation
    Merge: URIRef
    mergedInto: URIRef
    mergedFrom: URIRef
    rule: URIRef
    gssCode: URIRef
    CurationFile: URIRef


__all__ = [
    "CSP",
    "CSP_IRI",
    "DCTERMS",
    "FOAF",
    "ID",
    "ID_BASE",
    "ORG",
    "PROV",
    "RDF",
    "RDFS",
    "SH",
    "SKOS",
    "THEME",
    "THEME_BASE",
    "XSD",
]
