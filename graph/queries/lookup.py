"""Finding entities by name, acronym or alias, loosely but never by guessing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rdflib import Dataset, URIRef
from rdflib.namespace import FOAF, RDF, RDFS, SKOS

from cspgraph.errors import AmbiguousNameError, NotFoundError
from cspgraph.graph.names import normalise, strip_titles
from cspgraph.graph.queries import patterns as pat
from cspgraph.graph.queries.results import Entity
from cspgraph.graph.queries.sources import entity
from cspgraph.graph.store import DerivedCache
from cspgraph.ontology.namespaces import CSP, DCTERMS, ORG

NAME_PROPS = (FOAF.name, RDFS.label, DCTERMS.title, SKOS.prefLabel, SKOS.altLabel,
              SKOS.notation)
AGENTS = (ORG.Organization, ORG.FormalOrganization, ORG.OrganizationalUnit,
          ORG.OrganizationalCollaboration, FOAF.Person)
BODIES = (ORG.Organization, ORG.FormalOrganization, ORG.OrganizationalUnit,
          ORG.OrganizationalCollaboration)
ITEMS = (CSP.Priority, CSP.Action, CSP.Recommendation, CSP.DataGap)
PLANS = (CSP.Plan, CSP.PartnershipPlan, CSP.StrategicAssessment, CSP.CommunitySafetyAgreement,
         CSP.PoliceAndCrimePlan, CSP.CouncilPlan, CSP.CommitteePaper)
NAMED = (*AGENTS, CSP.Objective, DCTERMS.Location, *PLANS)  # what curation may name
_SKIP = {RDF.Statement, CSP.SourceSpan}

_names = DerivedCache()


def name_index(ds: Dataset) -> dict[str, set[URIRef]]:
    """Normalised names (and names without titles) -> nodes, rebuilt when the graph changes."""
    return _names.get(ds, _name_index)


def _name_index(ds: Dataset) -> dict[str, set[URIRef]]:
    index: dict[str, set[URIRef]] = defaultdict(set)
    for prop in NAME_PROPS:
        for node, value in ds.subject_objects(prop):
            if not isinstance(node, URIRef):
                continue
            for key in {normalise(str(value)), normalise(strip_titles(str(value)))}:
                if key:
                    index[key].add(node)
    return index


def _typed(ds: Dataset, nodes: Iterable[URIRef], kinds: tuple[URIRef, ...] | None) -> set[URIRef]:
    out = set()
    for node in nodes:
        types = set(pat.objects(ds, node, RDF.type))
        if types & _SKIP:
            continue
        if kinds is None or types & set(kinds):
            out.add(node)
    return out


def find(ds: Dataset, name: str, kinds: tuple[URIRef, ...] | None = None,
         limit: int = 50) -> list[Entity]:
    """Entities whose label, alias or acronym matches ``name``; exact matches first.

    Matching ignores case, punctuation, "&"/"and" and titles such as Dr. When no
    name matches exactly, names containing every word of ``name`` are returned.
    """
    index = name_index(ds)
    key, bare = normalise(name), normalise(strip_titles(name))
    exact = _typed(ds, index.get(key, set()) | index.get(bare, set()), kinds)
    if exact:
        return sorted((entity(ds, n) for n in exact), key=lambda e: e.label)[:limit]
    words = set(bare.split())
    if not words:
        return []
    loose = {n for k, nodes in index.items() if words <= set(k.split()) for n in nodes}
    found = [entity(ds, n) for n in _typed(ds, loose, kinds)]
    return sorted(found, key=lambda e: (len(e.label), e.label))[:limit]


def resolve(ds: Dataset, name: str, kinds: tuple[URIRef, ...] | None = None,
            what: str = "entity") -> Entity:
    """The one entity ``name`` (or an entity's IRI) means; NotFoundError or
    AmbiguousNameError otherwise."""
    if name.startswith(("http://", "https://")) and (URIRef(name), RDF.type, None) in ds:
        node = URIRef(name)
        if kinds is None or set(pat.objects(ds, node, RDF.type)) & set(kinds):
            return entity(ds, node)
    found = find(ds, name, kinds)
    if not found:
        raise NotFoundError(f"no {what} named '{name}'",
                            "try a shorter name or an acronym, or 'cspgraph search'")
    distinct = {e.iri: e for e in found}
    if len(distinct) > 1:
        raise AmbiguousNameError(name, sorted(f"{e.label} ({e.type})"
                                              for e in distinct.values()))
    return found[0]
