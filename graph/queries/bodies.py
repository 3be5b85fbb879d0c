"""Governance: who chairs, leads, sits on, oversees, scrutinises and reports to what."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

import networkx as nx
from rdflib import RDF, RDFS, Dataset, URIRef

from cspgraph.graph.queries import patterns as pat
from cspgraph.graph.queries.lookup import AGENTS, BODIES, resolve
from cspgraph.graph.queries.relations import ACCOUNTABILITY
from cspgraph.graph.queries.results import Answer, Entity
from cspgraph.graph.queries.sources import entity, sources
from cspgraph.ontology.namespaces import CSP, FOAF, ORG

ROLES = {"chair": CSP.Chair, "vice chair": CSP.ViceChair, "lead": CSP.Lead,
         "holder": CSP.Holder, "contact": CSP.Contact}
# Upward edges of accountability: (predicate, True if the subject is the lower body).
UPWARD = tuple((r.prop, r.lower_is_subject) for r in ACCOUNTABILITY)


def _node(e: Entity) -> URIRef:
    return URIRef(e.iri)


def _role_name(role: URIRef) -> str:
    return next((k for k, v in ROLES.items() if v == role), str(role).rsplit("#", 1)[-1])


def _works_for(ds: Dataset, person: URIRef) -> dict[str, str]:
    """A person's job title and employer, as the documents print them."""
    detail: dict[str, str] = {}
    for m in pat.subjects(ds, ORG.member, person):
        org = pat.value(ds, m, ORG.organization)
        if org is not None and (person, ORG.memberOf, org) in ds:
            continue  # a body the person sits on, not their employer
        if org is not None:
            detail.setdefault("organisation", entity(ds, org).label)
        if (role := pat.value(ds, m, ORG.role)) is not None:
            detail.setdefault("title", entity(ds, role).label)
    return detail


def post_holders(ds: Dataset, body: str, role: str = "chair") -> list[Answer]:
    """Who holds ``role`` ("chair", "lead", "holder", ...) in ``body``, with sources."""
    node = _node(resolve(ds, body, BODIES, "body"))
    out = []
    for post in pat.subjects(ds, ORG.postIn, node):
        if pat.value(ds, post, ORG.role) != ROLES[role]:
            continue
        for holder in pat.objects(ds, post, ORG.heldBy):
            detail = {"role": role}
            if (holder, RDF.type, FOAF.Person) in ds:
                detail |= _works_for(ds, holder)
            out.append(Answer(entity(ds, holder), sources(ds, post, ORG.heldBy, holder), detail))
    return sorted(out, key=lambda a: a.label)


def who_chairs(ds: Dataset, body: str) -> list[Answer]:
    """The chair (or chairs) of ``body``."""
    return post_holders(ds, body, "chair")


def posts_held(ds: Dataset, person: str, role: str | None = None) -> list[Answer]:
    """The bodies in which ``person`` holds a post (of ``role`` when given)."""
    node = _node(resolve(ds, person, AGENTS, "person or agency"))
    out = []
    for post in pat.subjects(ds, ORG.heldBy, node):
        held = pat.value(ds, post, ORG.role)
        if role is not None and held != ROLES[role]:
            continue
        body = pat.value(ds, post, ORG.postIn)
        out.append(Answer(entity(ds, body), sources(ds, post, ORG.heldBy, node),
                          {"role": _role_name(held)}))
    return sorted(out, key=lambda a: (a.detail["role"], a.label))


def chairs(ds: Dataset, person: str) -> list[Answer]:
    """The bodies ``person`` chairs."""
    return posts_held(ds, person, "chair")


def chairs_of_many(ds: Dataset) -> list[tuple[Entity, list[Answer]]]:
    """People who chair more than one body, with the bodies and sources."""
    held: dict[URIRef, list[Answer]] = defaultdict(list)
    for post in pat.subjects(ds, ORG.role, CSP.Chair):
        body = pat.value(ds, post, ORG.postIn)
        for person in pat.objects(ds, post, ORG.heldBy):
            held[person].append(Answer(entity(ds, body), sources(ds, post, ORG.heldBy, person)))
    return sorted(((entity(ds, p), sorted(a, key=lambda x: x.label))
                   for p, a in held.items() if len({x.entity.iri for x in a}) > 1),
                  key=lambda pair: pair[0].label)


def _related(ds: Dataset, body: str, prop: URIRef, forward: bool) -> list[Answer]:
    node = _node(resolve(ds, body, BODIES, "body"))
    pairs = ([(node, o) for o in pat.objects(ds, node, prop)] if forward
             else [(s, node) for s in pat.subjects(ds, prop, node)])
    out = [Answer(entity(ds, o if forward else s), sources(ds, s, prop, o)) for s, o in pairs]
    return sorted(out, key=lambda a: a.label)


def _relation(prop: URIRef, forward: bool, doc: str) -> Callable[[Dataset, str], list[Answer]]:
    """A question that follows ``prop`` from a body (``forward``) or back to it."""

    def ask(ds: Dataset, body: str) -> list[Answer]:
        return _related(ds, body, prop, forward)

    ask.__doc__ = doc
    return ask


reports_to = _relation(ORG.reportsTo, True, "The bodies ``body`` reports to.")
sub_groups = _relation(ORG.subOrganizationOf, False, "The sub-groups of ``body``.")
parent_bodies = _relation(ORG.subOrganizationOf, True, "The bodies ``body`` is a sub-group of.")
oversees = _relation(CSP.oversees, True, "What ``body`` oversees.")
overseen_by = _relation(CSP.oversees, False, "What oversees ``body``.")
scrutinises = _relation(CSP.scrutinises, True, "What ``body`` scrutinises.")
scrutinised_by = _relation(CSP.scrutinises, False, "What scrutinises ``body``.")


def members(ds: Dataset, body: str) -> list[Answer]:
    """The agencies and people on ``body``; ``detail["role"]`` lists their roles, "; "-joined,
    and ``detail["attendance"]`` how minutes noted them ("apologies (12 March 2024)")."""
    node = _node(resolve(ds, body, BODIES, "body"))
    out = []
    for m in pat.subjects(ds, ORG.organization, node):
        member = pat.value(ds, m, ORG.member)
        if member is None:
            continue
        roles = sorted(entity(ds, r).label for r in pat.objects(ds, m, ORG.role))
        detail = {"role": "; ".join(roles)} if roles else {}
        if notes := sorted(str(n) for n in pat.objects(ds, m, RDFS.comment)):
            detail["attendance"] = "; ".join(notes)
        out.append(Answer(entity(ds, member), sources(ds, m, ORG.member, member), detail))
    return sorted(out, key=lambda a: a.label)


def accountability_graph(ds: Dataset) -> nx.DiGraph:
    """Bodies with an edge from each to the bodies it is accountable to."""
    g = nx.DiGraph()
    for prop, lower_is_subject in UPWARD:
        for s, o in ds.subject_objects(prop):
            low, high = (s, o) if lower_is_subject else (o, s)
            g.add_edge(low, high, prop=prop, subject=s, object=o)
    return g


def accountability_chain(ds: Dataset, body: str) -> list[Answer]:
    """Every body above ``body``, nearest first, each with the source of its link."""
    node = _node(resolve(ds, body, BODIES, "body"))
    g = accountability_graph(ds)
    if node not in g:
        return []
    out = []
    for low, high in nx.bfs_edges(g, node):
        edge = g.edges[low, high]
        out.append(Answer(entity(ds, high), sources(ds, edge["subject"], edge["prop"],
                                                    edge["object"]),
                          {"via": entity(ds, low).label}))
    return out


def below(ds: Dataset, body: str) -> list[Answer]:
    """Every body accountable, directly or not, to ``body``."""
    node = _node(resolve(ds, body, BODIES, "body"))
    g = accountability_graph(ds).reverse()
    if node not in g:
        return []
    return [Answer(entity(ds, n)) for n in nx.bfs_tree(g, node) if n != node]
