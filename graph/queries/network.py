"""A networkx view of the organisational part of the graph, for analyses.

Nodes are organisations, bodies and people; edges say who reports to, is a
sub-group of, oversees, scrutinises, chairs, leads or sits on what.
"""

from __future__ import annotations

import networkx as nx
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDFS

from cspgraph.graph.queries.relations import DRAWN
from cspgraph.ontology import ontology_graph

ORG_QUERY = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX csp: <https://w3id.org/cspgraph/def#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT DISTINCT ?s ?rel ?o WHERE {
  {
    VALUES (?p ?rel) { $RELATIONS }
    ?s ?p ?o .
  } UNION {
    ?post org:postIn ?o ; org:heldBy ?s ; org:role ?rel .
  } UNION {
    ?m a org:Membership ; org:member ?s ; org:organization ?o .
    BIND("member of" AS ?rel)
  }
}
""".replace("$RELATIONS", " ".join(f'(<{r.prop}> "{r.label}")' for r in DRAWN))

LABEL_QUERY = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT ?n ?label ?type WHERE {
  VALUES ?type { org:Organization org:FormalOrganization org:OrganizationalUnit
                 org:OrganizationalCollaboration foaf:Person }
  ?n a ?type .
  OPTIONAL { ?n rdfs:label ?l1 } OPTIONAL { ?n foaf:name ?l2 }
  BIND(COALESCE(?l2, ?l1, STR(?n)) AS ?label)
}
"""


def org_network(ds: Dataset) -> nx.MultiDiGraph:
    """Organisations, bodies and people as a directed multigraph.

    Node attributes: ``label`` and ``types`` (short class names). Edge key and
    attribute ``relation``: "reports to", "sub-group of", "oversees",
    "scrutinises", "chair", "lead", "member of" and so on.
    """
    g = nx.MultiDiGraph()
    for n, label, kind in ds.query(LABEL_QUERY):
        key = str(n)
        if key not in g:
            g.add_node(key, label=str(label), types=set())
        g.nodes[key]["types"].add(str(kind).rsplit("#", 1)[-1].rsplit("/", 1)[-1])
    for s, rel, o in ds.query(ORG_QUERY):
        for node in (str(s), str(o)):
            if node not in g:
                g.add_node(node, label=node.rsplit("/", 1)[-1], types=set())
        relation = _relation_name(rel)
        g.add_edge(str(s), str(o), key=relation, relation=relation)
    return g


def _relation_name(rel: Literal | URIRef) -> str:
    """A lower-case edge name; roles are named by their ontology label."""
    if isinstance(rel, URIRef):
        label = ontology_graph().value(rel, RDFS.label) or rel.rsplit("#", 1)[-1]
        return str(label).lower()
    return str(rel).lower()
