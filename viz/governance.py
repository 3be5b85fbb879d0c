"""The governance map: bodies, sub-groups, posts and people, and the agencies that lead.

Served, it opens on one area's top board (the selector lists each area's top boards);
"all areas" draws everything at once. Levels run upward (accountability), names wrap, and
nodes keep apart so no two labels overlap.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

import networkx as nx
from rdflib import Dataset, URIRef
from rdflib.namespace import RDF

from cspgraph.errors import AmbiguousNameError, NotFoundError
from cspgraph.graph.queries.analytics import GOVERNED
from cspgraph.graph.queries.bodies import accountability_chain
from cspgraph.graph.queries.governance import (
    TopBoard,
    governance_graph,
    reach_order,
    top_boards,
)
from cspgraph.graph.queries.lookup import AGENTS, resolve
from cspgraph.graph.queries.plans import documents, documents_in_scope
from cspgraph.graph.queries.sources import entity
from cspgraph.viz.alignment import plan_name
from cspgraph.viz.page import MapPage, node_key, sources_html, sources_text

MAX_NODES = 400  # a bigger map opens on a selection: a focus and the nodes nearest it
FIRST, ALL = "first", "all"  # board: the first top board in scope; every area at once
TOP = "TopBoard"
STYLE = {  # type -> (legend name, colour, shape); a top board is styled as TOP
    TOP: ("top-level board", "#08306b", "box"),
    "OrganizationalCollaboration": ("partnership or board", "#4292c6", "box"),
    "OrganizationalUnit": ("sub-group", "#c6dbef", "box"),
    "FormalOrganization": ("agency", "#2ca02c", "box"),
    "Organization": ("organisation", "#98df8a", "box"),
    "Person": ("person", "#ff7f0e", "dot"),
}
OTHER = ("other", "#c7c7c7", "dot")
WHITE_TEXT = {TOP, "OrganizationalCollaboration", "FormalOrganization"}  # dark fills
LABEL_WIDTH = 150  # px: longer names wrap
# Levels run upward; on a level nodes stand further apart than the widest label, and levels
# further apart than the tallest wrapped one: no label overlaps another.
OPTIONS = {
    "layout": {"hierarchical": {
        "enabled": True, "direction": "DU", "sortMethod": "directed", "shakeTowards": "leaves",
        "levelSeparation": 170, "nodeSpacing": LABEL_WIDTH + 50, "treeSpacing": 260,
        "blockShifting": True, "edgeMinimization": True, "parentCentralization": True}},
    "physics": {"enabled": False},  # physics would push nodes off their places
    "nodes": {"widthConstraint": {"maximum": LABEL_WIDTH}, "margin": 8,
              "font": {"size": 14, "face": "system-ui, sans-serif"},
              "shapeProperties": {"borderRadius": 4}},
    "edges": {"font": {"size": 13, "align": "horizontal", "background": "#ffffff",
                       "strokeWidth": 0, "color": "#333333"},
              "color": {"color": "#8c8c8c", "highlight": "#08306b"},
              "smooth": {"enabled": True, "type": "cubicBezier", "forceDirection": "vertical",
                         "roundness": 0.5}},
}


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


def _selection(g: nx.MultiDiGraph, centre: URIRef, depth: int, limit: int | None
               ) -> list[URIRef]:
    """``centre`` and the nodes within ``depth`` steps, nearest first, at most ``limit``."""
    und = g.to_undirected(as_view=True)
    order = [centre] + [v for _, v in nx.bfs_edges(und, centre, depth_limit=max(depth, 0))]
    return order[:limit] if limit else order


def _most_connected(ds: Dataset, g: nx.MultiDiGraph) -> URIRef | None:
    bodies = [n for n in g if any((n, RDF.type, t) in ds for t in GOVERNED)] or list(g)
    return max(bodies, key=lambda n: (g.degree(n), str(n)), default=None)


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
    try:
        return URIRef(resolve(ds, board, AGENTS, "body").iri)
    except (NotFoundError, AmbiguousNameError) as e:
        if strict:
            raise
        notes.append(str(e))
        return None


def governance_map(ds: Dataset, focus: str | None = None, depth: int = 2, *,
                   board: str | None = None, chain: bool = False, scope: Scope = Scope(),
                   max_nodes: int | None = MAX_NODES, strict: bool = True) -> MapPage:
    """The governance map: around ``focus`` (a body or person) ``depth`` steps out, with
    ``chain`` the focus's whole chain of accountability upward; else one top ``board``
    (its IRI or name, FIRST the first of the areas in scope) and everything accountable to
    it; else (None or ALL) every area at once, opening on the most connected body when over
    ``max_nodes``. Only statements of the documents in ``scope``. A focus or board naming
    nothing (or several things) raises, or with ``strict`` off is noted.
    """
    docs = scope.documents(ds)
    g = governance_graph(ds, docs)
    tops = top_boards(ds, docs, g)
    total, notes, centre, top = g.number_of_nodes(), [], None, None
    try:
        centre = URIRef(resolve(ds, focus, AGENTS, "body or person").iri) if focus else None
    except (NotFoundError, AmbiguousNameError) as e:
        if strict:
            raise
        notes.append(str(e))
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
    page = MapPage(title=title, total=total, options=OPTIONS)
    ents = {n: entity(ds, n) for n in g.nodes}
    _draw(page, g, ents, {URIRef(t.entity.iri) for t in tops})
    page.intro = ("<p>Accountability runs upward: each board sits above what reports to it. "
                  "Hover a line for its source (document, line, quoted text).</p>"
                  + "".join(f'<p class="note">{escape(n)}</p>' for n in notes))
    shown = focus or (ents[centre].label if centre is not None and top is None else "")
    chosen = str(top) if top is not None else ("" if centre is not None else ALL)
    page.controls = controls(ds, shown, depth, chain, scope, tops, chosen)
    page.script = CONTROLS_JS
    return page


def _style(e, tops: set[URIRef]) -> tuple[str, tuple[str, str, str]]:
    kind = TOP if URIRef(e.iri) in tops else e.type
    return kind, STYLE.get(kind, OTHER)


def _draw(page: MapPage, g: nx.MultiDiGraph, ents: dict, tops: set[URIRef]) -> None:
    """Nodes styled by type (top boards apart) with a legend, labelled edges (one line per
    pair, its relations joined) and the list view."""
    used = set()
    for n, e in sorted(ents.items(), key=lambda kv: kv[1].label):
        kind, (name, colour, shape) = _style(e, tops)
        used.add(kind if kind in STYLE else "")
        node = {"id": str(n), "label": e.label, "title": f"{e.label} ({name})",
                "color": colour, "shape": shape}
        if kind in WHITE_TEXT:
            node["font"] = {"color": "#ffffff"}
        if kind == TOP:
            node |= {"font": {"color": "#ffffff", "size": 16}, "borderWidth": 2}
        page.nodes.append(node)
    page.legend = [(v[0], v[1]) for k, v in STYLE.items() if k in used]
    if "" in used:
        page.legend.append(OTHER[:2])
    rows, lines = [], {}
    for low, high, data in g.edges(data=True):
        key = (str(low), str(high), data["arrow"])
        line = lines.setdefault(key, {"from": key[0], "to": key[1], "arrows": key[2],
                                      "relations": [], "sources": []})
        if data["relation"] not in line["relations"]:
            line["relations"].append(data["relation"])
        line["sources"] += data["sources"]
        a, b = (ents[low], ents[high]) if data["arrow"] == "to" else (ents[high], ents[low])
        rows.append((a.label, data["relation"], b.label, sources_html(data["sources"])))
    for line in lines.values():
        label = "; ".join(line.pop("relations"))
        srcs = line.pop("sources")
        page.edges.append(line | {"label": label, "title": sources_text(srcs) or label})
    items = "".join(
        f'<li id="{node_key(str(n))}"><strong>{escape(e.label)}</strong> '
        f"({escape(_style(e, tops)[1][0])})</li>"
        for n, e in sorted(ents.items(), key=lambda kv: kv[1].label))
    table = "".join(f"<tr><td>{escape(a)}</td><td>{escape(r)}</td><td>{escape(b)}</td>"
                    f"<td>{s}</td></tr>" for a, r, b, s in sorted(rows))
    page.lists = (f"<h3>Bodies, people and agencies ({len(ents)})</h3><ul>{items}</ul>"
                  "<h3>Relations</h3><table><thead><tr><th>who</th><th>relation</th>"
                  f"<th>what</th><th>source</th></tr></thead><tbody>{table}</tbody></table>")


def board_options(tops: list[TopBoard], chosen: str) -> str:
    """The board selector's options (escaped): "all areas at once", then each area's top
    boards; ``chosen`` (an IRI, ALL, or "" for a focus) is selected once."""
    out = ['<option value=""' + (" selected" if chosen == "" else "")
           + ">(the focus above)</option>"] if chosen == "" else []
    out.append(f'<option value="{ALL}"{" selected" if chosen == ALL else ""}>'
               "All areas at once</option>")
    done = False
    for area in dict.fromkeys(t.area for t in tops):
        opts = []
        for t in (t for t in tops if t.area == area):
            here = t.entity.iri == chosen and not done
            done = done or here
            opts.append(f'<option value="{escape(t.entity.iri)}"{" selected" if here else ""}>'
                        f"{escape(t.entity.label)} ({t.reach} below)</option>")
        out.append(f'<optgroup label="{escape(area)}">{"".join(opts)}</optgroup>')
    return "".join(out)


def controls(ds: Dataset, focus: str, depth: int, chain: bool, scope: Scope,
             tops: list[TopBoard] | None = None, board: str = ALL) -> str:
    """The served page's form: top board, focus, steps out, chain, area, plan and "as at"
    (escaped)."""
    docs = documents(ds)
    tops = top_boards(ds, scope.documents(ds)) if tops is None else tops

    def options(pairs, chosen) -> str:
        return '<option value="">all</option>' + "".join(
            f'<option value="{escape(v)}"{" selected" if v == chosen else ""}>{escape(t)}'
            "</option>" for v, t in pairs)

    areas = sorted({d.area for d in docs if d.area})
    plans = [(d.doc_id, plan_name(d)) for d in docs]
    return (
        '<form id="filters" method="get" class="controls" data-working>'
        f'<label>Top board <select name="board" id="board">{board_options(tops, board)}'
        "</select></label><br>"
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
        '<button type="submit">Show</button> <span class="working">working…</span></form>')


# Choosing a board draws it (the focus is cleared); choosing an area moves to its first top
# board unless every area is shown. No document text in it.
CONTROLS_JS = """(function () {
  var form = document.getElementById("filters");
  if (!form) { return; }
  var board = form.elements.namedItem("board"), focus = form.elements.namedItem("focus");
  board.addEventListener("change", function () {
    focus.value = "";
    document.body.classList.add("busy");
    form.submit();
  });
  form.elements.namedItem("area").addEventListener("change", function () {
    if (board.value !== "all") { board.value = ""; }
  });
})();"""
