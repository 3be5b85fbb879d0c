"""The governance graph (who is accountable to whom, with sources) and each area's top
boards: the bodies at the head of an area's accountability trees."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import networkx as nx
from rdflib import Dataset, URIRef
from rdflib.namespace import RDF

from cspgraph.graph.queries.analytics import GOVERNED
from cspgraph.graph.queries.items import KINDS, LEAD_PROPS
from cspgraph.graph.queries.plans import documents, in_document
from cspgraph.graph.queries.results import Entity, SourceRef
from cspgraph.graph.queries.sources import entity, sources
from cspgraph.ontology.namespaces import CSP, DCTERMS, ORG

# (predicate, relation label, True when the subject is the lower, accountable side)
STRUCTURE = ((ORG.reportsTo, "reports to", True), (ORG.subOrganizationOf, "sub-group of", True),
             (CSP.oversees, "oversees", False), (CSP.scrutinises, "scrutinises", False),
             (CSP.hostAuthorityOf, "host authority of", False))
PLURAL = {"Priority": "priorities", "Action": "actions", "Recommendation": "recommendations",
          "DataGap": "data gaps"}
UPWARD = ("reports to", "sub-group of", "oversees")  # the relations of accountability
NO_AREA = "no area stated"


def _in(srcs: list[SourceRef], docs: set[str] | None) -> bool:
    return docs is None or any(s.doc_id in docs for s in srcs)


def governance_graph(ds: Dataset, docs: set[str] | None = None) -> nx.MultiDiGraph:
    """Edges from the lower (accountable) node to the higher, each with relation and sources;
    only statements made in ``docs`` (document ids) when given.

    ``arrow`` says which way the relation reads ("to": subject -> object as drawn).
    """
    g = nx.MultiDiGraph()

    def link(low, high, relation: str, srcs: list[SourceRef], arrow: str = "to") -> None:
        if _in(srcs, docs):
            g.add_edge(low, high, relation=relation, sources=srcs, arrow=arrow)

    for t in GOVERNED:
        for b in ds.subjects(RDF.type, t):
            if _in(sources(ds, b, RDF.type), docs):
                g.add_node(b)
    for prop, rel, lower_is_subject in STRUCTURE:
        for s, o in ds.subject_objects(prop):
            low, high = (s, o) if lower_is_subject else (o, s)
            link(low, high, rel, sources(ds, s, prop, o), "to" if lower_is_subject else "from")
    for post, body in ds.subject_objects(ORG.postIn):
        role = ds.value(post, ORG.role)
        rel = entity(ds, role).label.lower() if role is not None else "post"
        for holder in ds.objects(post, ORG.heldBy):
            link(holder, body, rel, sources(ds, post, ORG.heldBy, holder))
    for m in ds.subjects(RDF.type, ORG.Membership):
        who, org = ds.value(m, ORG.member), ds.value(m, ORG.organization)
        if who is not None and org is not None:
            link(who, org, "member of", sources(ds, m, ORG.member, who))
    for who, body, counts, srcs in _leads(ds, docs):
        label = "leads " + ", ".join(f"{n} {PLURAL[k] if n > 1 else k.lower()}"
                                     for k, n in sorted(counts.items()))
        if body is None:  # a plan with no publisher: the lead stands alone
            g.add_node(who)
        else:
            g.add_edge(who, body, relation=label, sources=srcs, arrow="to")
    return g


def _leads(ds: Dataset, docs: set[str] | None):
    """(agency or person, the body whose plan it is, counts by kind, first sources) for
    every lead of a priority, action, recommendation or data gap (body None: the plan names
    no publisher)."""
    for d in documents(ds):
        if (docs is not None and d.doc_id not in docs) or d.plan is None:
            continue
        body = ds.value(URIRef(d.plan.iri), DCTERMS.publisher)
        counts: dict[URIRef, Counter] = defaultdict(Counter)
        srcs: dict[URIRef, list[SourceRef]] = defaultdict(list)
        for kind, cls in KINDS.items():
            for item in ds.subjects(RDF.type, cls):
                if not in_document(item, d.doc_id):
                    continue
                for prop in LEAD_PROPS:
                    for who in ds.objects(item, prop):
                        counts[who][kind] += 1
                        if len(srcs[who]) < 3:
                            srcs[who] += sources(ds, item, prop, who)
        for who, c in counts.items():
            yield who, body, dict(c), srcs[who][:3]


@dataclass(frozen=True)
class TopBoard:
    """A body at the head of an area's accountability tree: nothing stated above it in the
    area's documents, and ``reach`` bodies, people and agencies accountable to it (directly
    or not) in every document in scope."""

    entity: Entity
    area: str
    reach: int


def top_boards(ds: Dataset, docs: set[str] | None = None,
               g: nx.MultiDiGraph | None = None) -> list[TopBoard]:
    """Each area's top boards (areas in alphabetical order; in an area, the widest reach
    first), from the documents ``docs`` when given. A top board is a board, partnership,
    group or plan publisher with no upward link (reports to, part of, overseen by) and
    something accountable to it; a body stated in several areas is listed in each. ``g``:
    ``governance_graph(ds, docs)`` when the caller has it already."""
    g = governance_graph(ds, docs) if g is None else g
    by_area: dict[str, set[str]] = defaultdict(set)
    publishers: dict[str, set[URIRef]] = defaultdict(set)
    for d in documents(ds):
        if docs is None or d.doc_id in docs:
            area = d.area or NO_AREA
            by_area[area].add(d.doc_id)
            body = ds.value(URIRef(d.plan.iri), DCTERMS.publisher) if d.plan else None
            if body is not None:
                publishers[area].add(body)
    out = []
    for area in sorted(by_area):
        here = by_area[area]
        sub = nx.MultiDiGraph()
        sub.add_edges_from((a, b, {"relation": data["relation"]})
                           for a, b, data in g.edges(data=True) if _in(data["sources"], here))
        candidates = publishers[area] | {
            b for t in GOVERNED for b in ds.subjects(RDF.type, t)
            if b in sub and _in(sources(ds, b, RDF.type), here)}
        found = []
        for b in candidates:
            if b in sub and not any(r in UPWARD for _, _, r in sub.out_edges(b, "relation")):
                reach = len(nx.ancestors(g, b))  # as its map draws it: every document
                if reach:
                    found.append(TopBoard(entity(ds, b), area, reach))
        out += sorted(found, key=lambda t: (-t.reach, t.entity.label))
    return out


def reach_order(g: nx.MultiDiGraph, board: URIRef) -> list[URIRef]:
    """``board`` and every node accountable to it in ``g``, nearest first."""
    if board not in g:
        return [board]
    return [board] + [v for _, v in nx.bfs_edges(g.reverse(copy=False), board)]
