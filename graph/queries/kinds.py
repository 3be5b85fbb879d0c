"""What kind of thing an entity is, in the words a user would use ("board", "sub-group",
"agency", "person", "priority"), not ORG or CSP class names."""

from __future__ import annotations

from rdflib import Dataset, URIRef

from cspgraph.graph.queries.results import Entity
from cspgraph.ontology.namespaces import ORG

WORDS = {
    "Person": "person", "OrganizationalCollaboration": "partnership",
    "FormalOrganization": "agency", "Organization": "organisation",
    "Priority": "priority", "Objective": "objective", "Action": "action",
    "Recommendation": "recommendation", "DataGap": "data gap", "Indicator": "indicator",
    "PoliceAndCrimePlan": "police and crime plan", "CouncilPlan": "council plan",
    "PartnershipPlan": "partnership plan", "StrategicAssessment": "strategic assessment",
    "CommunitySafetyAgreement": "community safety agreement",
    "CommitteePaper": "committee paper", "Plan": "plan", "Concept": "theme", "Post": "post",
    "Location": "area",
}
# An organisational unit is a board at the top of its tree and a sub-group below one.
_UPWARD = (ORG.subOrganizationOf, ORG.reportsTo)
_UNIT = "OrganizationalUnit"


def kind_word(ds: Dataset, e: Entity) -> str:
    """``e``'s kind in plain words: "board" or "sub-group" for a unit, by whether it sits
    under another body; otherwise the word for its class ("thing" when unknown)."""
    if e.type == _UNIT:
        node = URIRef(e.iri)
        return "sub-group" if any((node, p, None) in ds for p in _UPWARD) else "board"
    return WORDS.get(e.type, "thing")
