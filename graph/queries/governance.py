"""The governance graph (who is accountable to whom, with sources), each area's top
boards (the bodies at the head of an area's accountability trees), and what a governance
map shows: ``governance_view`` picks the nodes and edges, viz/governance.py draws them."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

import networkx as nx
from rdflib import Dataset, URIRef
from rdflib.namespace import RDF

from cspgraph.errors import AmbiguousNameError, NotFoundError
from cspgraph.graph.queries.analytics import GOVERNED, leads_by_agent
from cspgraph.graph.queries.bodies import accountability_chain
from cspgraph.graph.queries.entities import get
from cspgraph.graph.queries.lookup import AGENTS
from cspgraph.graph.queries.plans import documents, documents_in_scope
from cspgraph.graph.queries.relations import ACCOUNTABILITY, DRAWN
from cspgraph.graph.queries.results import Entity, SourceRef
from cspgraph.graph.queries.sources import entity, sources
from cspgraph.ontology.namespaces import DCTERMS, ORG

# (predicate, relation label, True when the subject is the lower, accountable side)
STRUCTURE = tuple((r.prop, r.label, r.lower_is_subject) for r in DRAWN)
PLURAL = {"Priority": "priorities", "Action": "actions", "Recommendation": "recommendations",
          "DataGap": "data gaps"}
UPWARD = tuple(r.label for r in ACCOUNTABILITY)  # the relations of accountability
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
        for who, led in leads_by_agent(ds, d.doc_id).items():
            counts: Counter[str] = Counter()
            srcs: list[SourceRef] = []
            for kind, item, prop in led:
                counts[kind] += 1
                if len(srcs) < 3:
                    srcs += sources(ds, item, prop, who)
            yield who, body, dict(counts), srcs[:3]


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


MAX_NODES = 400  # a bigger map opens on a selection: a focus and the nodes nearest it
FIRST, ALL = "first", "all"  # board: the first top board in scope; every area at once


@dataclass(frozen=True)
class Scope:
    """Which documents' statements a map shows: an area, one plan, plans in force as at."""

    area: str | None = None
    plan: str | None = None
    as_at: date | None = None

    def documents(self, ds: Dataset) -> set[str] | None:
        """The ids of the documents in scope, or None for every document."""
        if not (self.area or self.plan or self.as_at):
            return None
        return {d.doc_id for d in documents_in_scope(ds, self.area, self.plan, self.as_at)}

    def describe(self) -> str:
        parts = [f"area {self.area}" if self.area else "", f"plan {self.plan}" if self.plan
                 else "", f"as at {self.as_at.isoformat()}" if self.as_at else ""]
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class GovNode:
    """A body, person or agency on a governance map; ``top`` when it is a top board."""

    entity: Entity
    top: bool = False


@dataclass(frozen=True)
class GovEdge:
    """One statement from the lower (accountable) node to the higher, as ``governance_graph``
    has it: ``arrow`` "to" reads low -> high, "from" high -> low."""

    low: str
    high: str
    relation: str
    arrow: str
    sources: list[SourceRef]


@dataclass
class GovernanceView:
    """What a governance map shows: its nodes and edges, and how it was chosen."""

    title: str
    total: int  # nodes in the whole graph in scope
    nodes: list[GovNode]
    edges: list[GovEdge]
    tops: list[TopBoard]
    notes: list[str] = field(default_factory=list)
    focus: str = ""  # the focus as the form shows it again
    board: str = ALL  # the board selected: an IRI, ALL, or "" when a focus is shown


def _selection(g: nx.MultiDiGraph, centre: URIRef, depth: int, limit: int | None
               ) -> list[URIRef]:
    """``centre`` and the nodes within ``depth`` steps, nearest first, at most ``limit``."""
    und = g.to_undirected(as_view=True)
    order = [centre] + [v for _, v in nx.bfs_edges(und, centre, depth_limit=max(depth, 0))]
    return order[:limit] if limit else order


def _governed(ds: Dataset, node: URIRef) -> bool:
    return any((node, RDF.type, t) in ds for t in GOVERNED)


def _most_connected(ds: Dataset, g: nx.MultiDiGraph) -> URIRef | None:
    bodies = [n for n in g if _governed(ds, n)] or list(g)
    return max(bodies, key=lambda n: (g.degree(n), str(n)), default=None)


def _named(ds: Dataset, ref: str, what: str, strict: bool, notes: list[str]) -> URIRef | None:
    """The node ``ref`` names (entities.get, as every front end resolves it); with
    ``strict`` off a name naming nothing (or several things) is noted instead."""
    try:
        return URIRef(get(ds, ref, AGENTS, what).iri)
    except (NotFoundError, AmbiguousNameError) as e:
        if strict:
            raise
        notes.append(str(e))
        return None


def _board(ds: Dataset, board: str | None, tops: list[TopBoard], strict: bool,
           notes: list[str]) -> URIRef | None:
    """The top board ``board`` names (FIRST: the first in scope), or None for every area."""
    if board in (None, "", ALL):
        return None
    if board == FIRST:
        if tops:
            return URIRef(tops[0].entity.iri)
        notes.append("No top board is stated in the documents in scope: showing every area.")
        return None
    for t in tops:
        if board == t.entity.iri:
            return URIRef(board)
    return _named(ds, board, "body", strict, notes)


def governance_view(ds: Dataset, focus: str | None = None, depth: int = 2, *,
                    board: str | None = None, chain: bool = False, scope: Scope = Scope(),
                    max_nodes: int | None = MAX_NODES, strict: bool = True) -> GovernanceView:
    """What the governance map shows: around ``focus`` (a body or person) ``depth`` steps
    out, with ``chain`` the focus's whole chain of accountability upward; else one top
    ``board`` (its IRI or name, FIRST the first of the areas in scope) and everything
    accountable to it; else (None or ALL) every area at once, opening on the most connected
    body when over ``max_nodes``. Only statements of the documents in ``scope``. A focus or
    board naming nothing (or several things) raises, or with ``strict`` off is noted.
    """
    docs = scope.documents(ds)
    g = governance_graph(ds, docs)
    tops = top_boards(ds, docs, g)
    total, notes, top = g.number_of_nodes(), [], None
    centre = _named(ds, focus, "body or person", strict, notes) if focus else None
    if focus and centre is None:
        focus = None
    if centre is None:
        top = _board(ds, board, tops, strict, notes)
    if centre is None and top is None and max_nodes and total > max_nodes:
        centre = _most_connected(ds, g)
        notes.append(f"This map has {total} nodes, too many to read at once: it opens on "
                     f"{entity(ds, centre).label}, the most connected body. Choose another "
                     "focus to move.")
    title = "Governance map"
    if top is not None:
        keep = reach_order(g, top)
        if max_nodes and len(keep) > max_nodes:
            keep = keep[:max_nodes]
            notes.append(f"Showing the {max_nodes} nodes nearest the board.")
        g.add_node(top)
        g = g.subgraph(keep).copy()
        area = next((t.area for t in tops if t.entity.iri == str(top)), None)
        title = f"Governance map: {entity(ds, top).label}" + (
            f", top board in {area}" if area else "")
    elif centre is not None:
        g.add_node(centre)
        keep = _selection(g, centre, depth, max_nodes)
        if max_nodes and len(keep) == max_nodes:
            notes.append(f"Showing the {max_nodes} nodes nearest the focus.")
        if chain and not _governed(ds, centre):
            notes.append("Only a board, partnership or group has a chain of "
                         "accountability; the focus is not one.")
        elif chain:
            above = [URIRef(a.entity.iri) for a in accountability_chain(ds, str(centre))]
            g.add_nodes_from(above)
            keep += [n for n in above if n not in keep]
        g = g.subgraph(keep).copy()
        steps = f"{depth} step{'' if depth == 1 else 's'} out"
        title = f"Governance map: {entity(ds, centre).label}, {steps}" + (
            ", with its chain of accountability" if chain else "")
    if scope.describe():
        title += f" ({scope.describe()})"
    if not g.number_of_nodes():
        notes.append("No body or person is stated in the documents in scope.")
    top_iris = {t.entity.iri for t in tops}
    nodes = [GovNode(e, e.iri in top_iris) for e in (entity(ds, n) for n in g.nodes)]
    edges = [GovEdge(str(low), str(high), d["relation"], d["arrow"], d["sources"])
             for low, high, d in g.edges(data=True)]
    shown = focus or (entity(ds, centre).label if centre is not None and top is None else "")
    chosen = str(top) if top is not None else ("" if centre is not None else ALL)
    return GovernanceView(title, total, nodes, edges, tops, notes, shown, chosen)
