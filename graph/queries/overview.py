"""What is loaded: documents with their periods, and counts of what they name."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Dataset
from rdflib.namespace import FOAF, RDF

from cspgraph.graph.queries import patterns as pat
from cspgraph.graph.queries.plans import documents
from cspgraph.graph.queries.results import Document
from cspgraph.ontology.namespaces import CSP, ORG

COUNTED = {
    "bodies": (ORG.OrganizationalUnit, ORG.OrganizationalCollaboration),
    "agencies": (ORG.FormalOrganization,),
    "people": (FOAF.Person,),
    "priorities": (CSP.Priority,),
    "actions": (CSP.Action,),
    "recommendations": (CSP.Recommendation, CSP.DataGap),
    "objectives": (CSP.Objective,),
}


@dataclass
class Summary:
    """The loaded documents and how many of each kind of thing the graph holds."""

    documents: list[Document] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def summary(ds: Dataset) -> Summary:
    """Documents (with kinds and periods) and counts of bodies, people, priorities, ..."""
    counts = {name: len({n for t in types for n in pat.subjects(ds, RDF.type, t)})
              for name, types in COUNTED.items()}
    return Summary(documents(ds), counts)
