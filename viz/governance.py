"""The governance map: bodies, sub-groups, posts and people, and the agencies that lead."""

from __future__ import annotations

from html import escape

import networkx as nx
from rdflib import Dataset, URIRef
from rdflib.namespace import RDF

from cspgraph.graph.queries.analytics import GOVERNED, agencies_by_leadership
from cspgraph.graph.queries.lookup import AGENTS, resolve
from cspgraph.graph.queries.sources import entity, sources
from cspgraph.ontology.namespaces import CSP, ORG
from cspgraph.viz.page import MapPage, node_key, sources_html, sources_text

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


def governance_graph(ds: Dataset) -> nx.MultiDiGraph:
    """Edges from the lower (accountable) node to the higher, each with relation and sources.

    ``arrow`` says which way the relation reads ("to": subject -> object as drawn).
    """
    g = nx.MultiDiGraph()
    for t in GOVERNED:
        for b in ds.subjects(RDF.type, t):
            g.add_node(b)
    for prop, rel, lower_is_subject in STRUCTURE:
        for s, o in ds.subject_objects(prop):
            low, high = (s, o) if lower_is_subject else (o, s)
            g.add_edge(low, high, relation=rel, sources=sources(ds, s, prop, o),
                       arrow="to" if lower_is_subject else "from")
    for post, body in ds.subject_objects(ORG.postIn):
        role = ds.value(post, ORG.role)
        rel = entity(ds, role).label.lower() if role is not None else "post"
        for holder in ds.objects(post, ORG.heldBy):
            g.add_edge(holder, body, relation=rel,
                       sources=sources(ds, post, ORG.heldBy, holder), arrow="to")
    for m in ds.subjects(RDF.type, ORG.Membership):
        who, org = ds.value(m, ORG.member), ds.value(m, ORG.organization)
        if who is not None and org is not None:
            g.add_edge(who, org, relation="member of", sources=sources(ds, m, ORG.member, who),
                       arrow="to")
    return g


def governance_map(ds: Dataset, focus: str | None = None, depth: int = 2) -> MapPage:
    """The governance map, whole or around ``focus`` (a body or person) ``depth`` steps out."""
    g = governance_graph(ds)
    leads = {URIRef(r.entity.iri): r for r in agencies_by_leadership(ds)
             if r.entity.type in ("FormalOrganization", "Organization", "OrganizationalUnit",
                                  "OrganizationalCollaboration")}
    for agency in leads:
        g.add_node(agency)
    title = "Governance map"
    if focus:
        centre = URIRef(resolve(ds, focus, AGENTS, "body or person").iri)
        g.add_node(centre)
        keep = nx.ego_graph(g.to_undirected(as_view=True), centre, radius=max(depth, 0))
        g = g.subgraph(keep.nodes).copy()
        title = f"Governance map: {entity(ds, centre).label}, {depth} steps out"
    ents = {n: entity(ds, n) for n in g.nodes}
    page = MapPage(title=title, options={
        "layout": {"hierarchical": {"enabled": True, "direction": "DU",
                                    "sortMethod": "directed", "levelSeparation": 120}},
        "edges": {"font": {"size": 10, "align": "middle"}, "smooth": False},
    })
    used = set()
    for n, e in sorted(ents.items(), key=lambda kv: kv[1].label):
        name, colour, shape = STYLE.get(e.type, OTHER)
        used.add(e.type if e.type in STYLE else "")
        hover = [f"{e.label} ({name})"]
        if n in leads:
            counts = ", ".join(f"{v} {k}" for k, v in sorted(leads[n].counts.items()))
            hover.append(f"leads {counts}")
        page.nodes.append({"id": str(n), "label": e.label, "title": "\n".join(hover),
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
    page.intro = ("<p>Accountability runs upward. Hover a line for its source "
                  "(document, line, quoted text).</p>")
    return page
