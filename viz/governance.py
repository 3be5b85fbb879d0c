"""The governance map: bodies, sub-groups, posts and people, and the agencies that lead."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from html import escape

import networkx as nx
from rdflib import Dataset, URIRef
from rdflib.namespace import RDF

from cspgraph.errors import AmbiguousNameError, NotFoundError
from cspgraph.graph.queries.analytics import GOVERNED
from cspgraph.graph.queries.bodies import accountability_chain
from cspgraph.graph.queries.items import KINDS, LEAD_PROPS
from cspgraph.graph.queries.lookup import AGENTS, resolve
from cspgraph.graph.queries.plans import documents, documents_in_scope, in_document
from cspgraph.graph.queries.results import SourceRef
from cspgraph.graph.queries.sources import entity, sources
from cspgraph.ontology.namespaces import CSP, DCTERMS, ORG
from cspgraph.viz.page import MapPage, node_key, sources_html, sources_text

MAX_NODES = 400  # a bigger map opens on a selection: a focus and the nodes nearest it
# (predicate, relation label, True when the subject is the lower, accountable side)
STRUCTURE = ((ORG.reportsTo, "reports to", True), (ORG.subOrganizationOf, "sub-group of", True),
             (CSP.oversees, "oversees", False), (CSP.scrutinises, "scrutinises", False),
             (CSP.hostAuthorityOf, "host authority of", False))
STYLE = {  # type -> (legend name, colour, shape)
    "OrganizationalCollaboration": ("partnership or board", "#1f77b4", "box"),
    "OrganizationalUnit": ("sub-group", "#aec7e8", "box"),
    "FormalOrganization": ("agency", "#2ca02c", "ellipse"),
    "Organization": ("organisation", "#98df8a", "ellipse"),
    "Person": ("person", "#ff7f0e", "dot"),
}
OTHER = ("other", "#c7c7c7", "dot")
PLURAL = {"Priority": "priorities", "Action": "actions", "Recommendation": "recommendations",
          "DataGap": "data gaps"}


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


def _selection(g: nx.MultiDiGraph, centre: URIRef, depth: int, limit: int | None
               ) -> list[URIRef]:
    """``centre`` and the nodes within ``depth`` steps, nearest first, at most ``limit``."""
    und = g.to_undirected(as_view=True)
    order = [centre] + [v for _, v in nx.bfs_edges(und, centre, depth_limit=max(depth, 0))]
    return order[:limit] if limit else order


def _most_connected(ds: Dataset, g: nx.MultiDiGraph) -> URIRef | None:
    bodies = [n for n in g if any((n, RDF.type, t) in ds for t in GOVERNED)] or list(g)
    return max(bodies, key=lambda n: (g.degree(n), str(n)), default=None)


def governance_map(ds: Dataset, focus: str | None = None, depth: int = 2, *,
                   chain: bool = False, scope: Scope = Scope(),
                   max_nodes: int | None = MAX_NODES, strict: bool = True) -> MapPage:
    """The governance map, whole or around ``focus`` (a body or person) ``depth`` steps out,
    with ``chain`` the focus's whole chain of accountability upward. Only statements of
    the documents in ``scope``. A map over ``max_nodes`` opens on its most connected body.
    A focus naming nothing (or several things) raises, or with ``strict`` off is noted.
    """
    g = governance_graph(ds, scope.documents(ds))
    total, notes, centre = g.number_of_nodes(), [], None
    try:
        centre = URIRef(resolve(ds, focus, AGENTS, "body or person").iri) if focus else None
    except (NotFoundError, AmbiguousNameError) as e:
        if strict:
            raise
        notes.append(str(e))
        focus = None
    if centre is None and max_nodes and total > max_nodes:
        centre = _most_connected(ds, g)
        notes.append(f"This map has {total} nodes, too many to read at once: it opens on "
                     f"{entity(ds, centre).label}, the most connected body. Choose another "
                     "focus to move.")
    title = "Governance map"
    if centre is not None:
        g.add_node(centre)
        keep = _selection(g, centre, depth, max_nodes)
        if max_nodes and len(keep) == max_nodes:
            notes.append(f"Showing the {max_nodes} nodes nearest the focus.")
        if chain and not any((centre, RDF.type, t) in ds for t in GOVERNED):
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
    page = MapPage(title=title, total=total, options={
        "layout": {"hierarchical": {"enabled": True, "direction": "DU",
                                    "sortMethod": "directed", "levelSeparation": 120}},
        "edges": {"font": {"size": 10, "align": "middle"}, "smooth": False},
    })
    ents = {n: entity(ds, n) for n in g.nodes}
    _draw(page, g, ents)
    page.intro = ("<p>Accountability runs upward. Hover a line for its source "
                  "(document, line, quoted text).</p>"
                  + "".join(f'<p class="note">{escape(n)}</p>' for n in notes))
    page.controls = controls(ds, focus or (ents[centre].label if centre is not None else ""),
                             depth, chain, scope)
    return page


def _draw(page: MapPage, g: nx.MultiDiGraph, ents: dict) -> None:
    """Nodes styled by type with a legend, labelled edges, and the list view."""
    used = set()
    for n, e in sorted(ents.items(), key=lambda kv: kv[1].label):
        name, colour, shape = STYLE.get(e.type, OTHER)
        used.add(e.type if e.type in STYLE else "")
        page.nodes.append({"id": str(n), "label": e.label, "title": f"{e.label} ({name})",
                           "color": colour, "shape": shape})
    page.legend = [(v[0], v[1]) for k, v in STYLE.items() if k in used]
    if "" in used:
        page.legend.append(OTHER[:2])
    rows = []
    for low, high, data in g.edges(data=True):
        page.edges.append({"from": str(low), "to": str(high), "label": data["relation"],
                           "title": sources_text(data["sources"]) or data["relation"],
                           "arrows": data["arrow"]})
        a, b = (ents[low], ents[high]) if data["arrow"] == "to" else (ents[high], ents[low])
        rows.append((a.label, data["relation"], b.label, sources_html(data["sources"])))
    items = "".join(
        f'<li id="{node_key(str(n))}"><strong>{escape(e.label)}</strong> '
        f"({escape(STYLE.get(e.type, OTHER)[0])})</li>"
        for n, e in sorted(ents.items(), key=lambda kv: kv[1].label))
    table = "".join(f"<tr><td>{escape(a)}</td><td>{escape(r)}</td><td>{escape(b)}</td>"
                    f"<td>{s}</td></tr>" for a, r, b, s in sorted(rows))
    page.lists = (f"<h3>Bodies, people and agencies ({len(ents)})</h3><ul>{items}</ul>"
                  "<h3>Relations</h3><table><thead><tr><th>who</th><th>relation</th>"
                  f"<th>what</th><th>source</th></tr></thead><tbody>{table}</tbody></table>")


def controls(ds: Dataset, focus: str, depth: int, chain: bool, scope: Scope) -> str:
    """The served page's form: focus, steps out, chain, area, plan and "as at" (escaped)."""
    docs = documents(ds)

    def options(pairs, chosen) -> str:
        return '<option value="">all</option>' + "".join(
            f'<option value="{escape(v)}"{" selected" if v == chosen else ""}>{escape(t)}'
            "</option>" for v, t in pairs)

    areas = sorted({d.area for d in docs if d.area})
    plans = [(d.doc_id, " ".join(filter(None, (d.plan.label if d.plan else d.file_name,
                                               d.period)))) for d in docs]
    return (
        '<form id="filters" method="get" class="controls">'
        f'<label>Focus <input name="focus" value="{escape(focus)}" size="30"></label> '
        f'<label>Steps out <input name="depth" type="number" min="0" max="10" '
        f'value="{depth}"></label> '
        f'<label><input name="chain" type="checkbox" value="true"{" checked" if chain else ""}>'
        " whole chain of accountability</label><br>"
        f'<label>Area <select name="area">{options(((a, a) for a in areas), scope.area)}'
        "</select></label> "
        f'<label>Plan <select name="plan">{options(plans, scope.plan)}</select></label> '
        f'<label>As at <input name="as_at" type="date" '
        f'value="{scope.as_at.isoformat() if scope.as_at else ""}"></label> '
        '<button type="submit">Show</button></form>')
