"""Example SPARQL queries for the query page, written against the cspgraph vocabulary
(ontology/cspgraph.ttl) and the W3C ORG, FOAF and DCTERMS terms it reuses."""

from __future__ import annotations

from dataclasses import dataclass

PREFIXES = """PREFIX csp: <https://w3id.org/cspgraph/def#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


@dataclass(frozen=True)
class Example:
    """A named example query: ``key`` picks it, ``title`` and ``about`` describe it."""

    key: str
    title: str
    about: str
    body: str

    @property
    def query(self) -> str:
        """The whole query, prefixes included."""
        return PREFIXES + self.body


EXAMPLES: tuple[Example, ...] = (
    Example("chairs", "Who chairs what",
            "Each body's chair post (org:role csp:Chair) and the person who holds it.",
            """SELECT ?body ?chair WHERE {
  ?post org:role csp:Chair ;
        org:postIn ?b .
  ?b rdfs:label ?body .
  OPTIONAL { ?post org:heldBy ?person . ?person foaf:name ?chair }
}
ORDER BY ?body ?chair"""),
    Example("priorities", "Priorities and the objectives they serve",
            "Each plan's priorities and the higher plans' objectives they align with.",
            """SELECT ?plan ?priority ?objective ?higherPlan WHERE {
  ?p csp:hasPriority ?pr ;
     dcterms:title ?plan .
  ?pr rdfs:label ?priority ;
      csp:alignsWith ?o .
  ?o rdfs:label ?objective .
  OPTIONAL { ?o csp:objectiveOf ?h . ?h dcterms:title ?higherPlan }
}
ORDER BY ?plan ?priority ?objective"""),
    Example("actions", "Actions and their leads",
            "Every action with its lead agency and timescale, where the plan states them.",
            """SELECT ?action ?lead ?timescale WHERE {
  ?a a csp:Action ;
     rdfs:label ?action .
  OPTIONAL { ?a csp:leadAgency ?l . ?l rdfs:label ?lead }
  OPTIONAL { ?a csp:timescale ?timescale }
}
ORDER BY ?action ?lead"""),
    Example("counts", "Counts by type",
            "How many bodies, posts, people, priorities, objectives, actions and "
            "recommendations the graph holds.",
            """SELECT ?type (COUNT(DISTINCT ?thing) AS ?count) WHERE {
  VALUES ?class { org:Organization org:OrganizationalUnit org:Post foaf:Person
                  csp:Priority csp:Objective csp:Action csp:Recommendation }
  ?thing a ?class .
  BIND(REPLACE(STR(?class), "^.*[#/]", "") AS ?type)
}
GROUP BY ?type
ORDER BY DESC(?count) ?type"""),
)


def example(key: str) -> Example | None:
    """The example named ``key``, or None."""
    return next((e for e in EXAMPLES if e.key == key), None)
