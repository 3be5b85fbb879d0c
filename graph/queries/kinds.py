"""What an entity is, in the plain words a reader uses: "board", "sub-group", "agency".

A body's kind comes from the head noun of its name, as the lexicon reads it ("... Panel"
is a panel, "... CSP" a partnership); a group that is a sub-group of another body is a
sub-group. Without a telling head noun, the class decides.
"""

from __future__ import annotations

from rdflib import Dataset, URIRef

from cspgraph.graph.build.names import normalise
from cspgraph.graph.queries.relations import UNDER
from cspgraph.graph.queries.results import Entity
from cspgraph.loaders.lexicon import lexicon

CLASS_KINDS = {
    "OrganizationalCollaboration": "partnership", "OrganizationalUnit": "group",
    "FormalOrganization": "agency", "Organization": "organisation", "Person": "person",
    "Post": "post", "Priority": "priority", "Action": "action",
    "Recommendation": "recommendation", "DataGap": "data gap", "Objective": "objective",
    "Indicator": "indicator", "PoliceAndCrimePlan": "police and crime plan",
    "CouncilPlan": "council plan", "PartnershipPlan": "partnership plan",
    "StrategicAssessment": "strategic assessment",
    "CommunitySafetyAgreement": "community safety agreement",
    "CommitteePaper": "committee paper", "Plan": "plan", "Concept": "term",
}
_BODY_CLASSES = ("OrganizationalCollaboration", "OrganizationalUnit")


def head_kind(name: str) -> str | None:
    """The kind of body a name's head noun says ("board", "partnership", "panel",
    "committee", "group", "sub-group"), or None when its last word names none."""
    text = normalise(name)
    words = text.split()
    if not words or any(text.endswith(p) for p in lexicon().agency_phrases):
        return None
    last = words[-1]
    kind = lexicon().body_heads.get(last) or lexicon().body_acronyms.get(last)
    return last if kind == "other" else kind


def plain_kind(entity: Entity, part_of_another: bool = False) -> str:
    """``entity``'s kind in plain words; ``part_of_another`` when it is a sub-group of some
    body (a group under another body is a "sub-group")."""
    if entity.type not in _BODY_CLASSES:
        return CLASS_KINDS.get(entity.type, entity.type.lower())
    kind = head_kind(entity.label) or CLASS_KINDS[entity.type]
    return "sub-group" if kind == "group" and part_of_another else kind




WORDS = CLASS_KINDS  # a class's kind in words, where no name or graph is at hand
_UPWARD = UNDER


def kind_word(ds: Dataset, entity: Entity) -> str:
    """``entity``'s kind in plain words, a body's told by its name and by whether it sits
    under another body in ``ds``."""
    node = URIRef(entity.iri)
    below = entity.type in _BODY_CLASSES and any((node, p, None) in ds for p in _UPWARD)
    return plain_kind(entity, below)


__all__ = ["CLASS_KINDS", "WORDS", "head_kind", "kind_word", "plain_kind"]
