"""Governance analytics over the graph, with networkx where graph algorithms help."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
from rdflib import Dataset, URIRef
from rdflib.namespace import FOAF, RDF

from cspgraph.graph.queries import patterns as pat
from cspgraph.graph.queries.bodies import accountability_graph
from cspgraph.graph.queries.items import KINDS, LEAD_PROPS
from cspgraph.graph.queries.plans import find_document, in_document
from cspgraph.graph.queries.results import Entity
from cspgraph.graph.queries.sources import entity
from cspgraph.ontology.namespaces import ORG

GOVERNED = (ORG.OrganizationalUnit, ORG.OrganizationalCollaboration)


@dataclass
class Ranked:
    """An entity with the counts it is ranked by."""

    entity: Entity
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def unaccountable_bodies(ds: Dataset) -> list[Entity]:
    """Boards, sub-groups and partnerships with no upward link (reports to, part of,
    overseen by): the tops of the accountability trees, and orphans."""
    g = accountability_graph(ds)
    bodies = {n for t in GOVERNED for n in pat.subjects(ds, RDF.type, t)}
    tops = [b for b in bodies if b not in g or g.out_degree(b) == 0]
    return sorted((entity(ds, b) for b in tops), key=lambda e: e.label)


def lead_graph(ds: Dataset, document: str | None = None) -> nx.DiGraph:
    """A bipartite graph: agencies and people -> the items they lead (kind on each item)."""
    doc_id = find_document(ds, document).doc_id if document else None
    g = nx.DiGraph()
    for kind, cls in KINDS.items():
        for item in pat.subjects(ds, RDF.type, cls):
            if doc_id and not in_document(item, doc_id):
                continue
            for prop in LEAD_PROPS:
                for who in pat.objects(ds, item, prop):
                    g.add_node(item, kind=kind)
                    g.add_edge(who, item, prop=prop)
    return g


def leads_by_agent(ds: Dataset, document: str | None = None
                   ) -> dict[URIRef, list[tuple[str, URIRef, URIRef]]]:
    """Each agency or person leading something (in one document or across all) -> the
    (kind, item, lead property) of everything it leads, in the graph's order."""
    g = lead_graph(ds, document)
    return {who: [(g.nodes[item]["kind"], item, g.edges[who, item]["prop"])
                  for item in g.successors(who)]
            for who in g if g.out_degree(who)}


def agencies_by_leadership(ds: Dataset, document: str | None = None) -> list[Ranked]:
    """Agencies and people ranked by how many priorities, actions, recommendations and
    data gaps they lead (in one document or across all)."""
    out = []
    for who, led in leads_by_agent(ds, document).items():
        counts: dict[str, int] = {}
        for kind, _item, _prop in led:
            counts[kind] = counts.get(kind, 0) + 1
        out.append(Ranked(entity(ds, who), counts))
    return sorted(out, key=lambda r: (-r.total, r.entity.label))


def people_by_posts(ds: Dataset) -> list[Ranked]:
    """People ranked by the number of posts (chair, lead, holder, ...) they hold."""
    g = nx.Graph()
    for post, person in ds.subject_objects(ORG.heldBy):
        if (person, RDF.type, FOAF.Person) in ds:
            g.add_edge(URIRef(person), URIRef(post))
    people = {p for p in g if (p, RDF.type, FOAF.Person) in ds}
    ranked = [Ranked(entity(ds, p), {"posts": g.degree(p)}) for p in people]
    return sorted(ranked, key=lambda r: (-r.total, r.entity.label))
