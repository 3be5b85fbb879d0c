"""The structural relations between bodies, once: every query, register and map reads them.

Each says how it reads (subject first, and object first), which side is the lower,
accountable one, and whether it is a link of accountability (what a body answers to).
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from cspgraph.ontology.namespaces import CSP, ORG


@dataclass(frozen=True)
class Relation:
    """One structural relation between bodies."""

    prop: URIRef
    label: str  # read subject first: "A reports to B"
    inverse: str  # read object first: "B is reported to by A"
    lower_is_subject: bool  # the subject is the lower, accountable side
    accountability: bool  # an upward link: reports to, sub-group of, oversees
    drawn: bool = True  # on the governance map and in the organisational network
    told_of_object: bool = False  # a document's fact names the object as its body


RELATIONS: tuple[Relation, ...] = (
    Relation(ORG.reportsTo, "reports to", "reported to by", True, True),
    Relation(ORG.subOrganizationOf, "sub-group of", "has sub-group", True, True),
    Relation(CSP.oversees, "oversees", "overseen by", False, True),
    Relation(CSP.scrutinises, "scrutinises", "scrutinised by", False, False,
             told_of_object=True),
    Relation(CSP.hostAuthorityOf, "host authority of", "hosted by", False, False),
    Relation(ORG.linkedTo, "sits alongside", "sits alongside", True, False, drawn=False),
)
DRAWN = tuple(r for r in RELATIONS if r.drawn)
ACCOUNTABILITY = tuple(r for r in RELATIONS if r.accountability)
# Links that put a body under another (the subject below): what makes a group a sub-group.
UNDER = tuple(r.prop for r in ACCOUNTABILITY if r.lower_is_subject)

__all__ = ["ACCOUNTABILITY", "DRAWN", "RELATIONS", "UNDER", "Relation"]
