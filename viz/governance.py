"""The governance map: bodies, sub-groups, posts and people, and the agencies that lead.

Served, it opens on one area's top board (the selector lists each area's top boards);
"all areas" draws everything at once. Levels run upward (accountability), names wrap, and
nodes keep apart so no two labels overlap.
"""

from __future__ import annotations

from html import escape

from cspgraph.graph.queries.governance import (
    ALL,
    MAX_NODES,
    GovernanceView,
    GovNode,
    Scope,
    TopBoard,
    governance_view,
    top_boards,
)
from cspgraph.graph.queries.plans import documents
from cspgraph.graph.store.types import KnowledgeGraph
from cspgraph.viz.alignment import plan_name
from cspgraph.viz.page import MapPage, node_key, sources_html, sources_text

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


def governance_map(ds: KnowledgeGraph, focus: str | None = None, depth: int = 2, *,
                   board: str | None = None, chain: bool = False, scope: Scope | None = None,
                   max_nodes: int | None = MAX_NODES, strict: bool = True) -> MapPage:
    """The governance map of ``governance_view`` (which chooses what it shows: a focus, a
    top board or every area, in ``scope``), drawn with its legend, lists and form."""
    scope = scope or Scope()
    view = governance_view(ds, focus, depth, board=board, chain=chain, scope=scope,
                           max_nodes=max_nodes, strict=strict)
    page = MapPage(title=view.title, total=view.total, options=OPTIONS)
    _draw(page, view)
    page.intro = ("<p>Accountability runs upward: each board sits above what reports to it. "
                  "Hover a line for its source (document, line, quoted text).</p>"
                  + "".join(f'<p class="note">{escape(n)}</p>' for n in view.notes))
    page.controls = controls(ds, view.focus, depth, chain, scope, view.tops, view.board)
    page.script = CONTROLS_JS
    return page


def _style(n: GovNode) -> tuple[str, tuple[str, str, str]]:
    kind = TOP if n.top else n.entity.type
    return kind, STYLE.get(kind, OTHER)


def _draw(page: MapPage, view: GovernanceView) -> None:
    """Nodes styled by type (top boards apart) with a legend, labelled edges (one line per
    pair, its relations joined) and the list view."""
    used = set()
    nodes = sorted(view.nodes, key=lambda n: n.entity.label)
    ents = {n.entity.iri: n.entity for n in nodes}
    for n in nodes:
        e = n.entity
        kind, (name, colour, shape) = _style(n)
        used.add(kind if kind in STYLE else "")
        node = {"id": e.iri, "label": e.label, "title": f"{e.label} ({name})",
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
    for edge in view.edges:
        key = (edge.low, edge.high, edge.arrow)
        line = lines.setdefault(key, {"from": key[0], "to": key[1], "arrows": key[2],
                                      "relations": [], "sources": []})
        if edge.relation not in line["relations"]:
            line["relations"].append(edge.relation)
        line["sources"] += edge.sources
        a, b = ((ents[edge.low], ents[edge.high]) if edge.arrow == "to"
                else (ents[edge.high], ents[edge.low]))
        rows.append((a.label, edge.relation, b.label, sources_html(edge.sources)))
    for line in lines.values():
        label = "; ".join(line.pop("relations"))
        srcs = line.pop("sources")
        page.edges.append(line | {"label": label, "title": sources_text(srcs) or label})
    items = "".join(
        f'<li id="{node_key(n.entity.iri)}"><strong>{escape(n.entity.label)}</strong> '
        f"({escape(_style(n)[1][0])})</li>" for n in nodes)
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


def controls(ds: KnowledgeGraph, focus: str, depth: int, chain: bool, scope: Scope,
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


__all__ = ["OPTIONS", "STYLE", "TOP", "board_options", "controls", "governance_map"]
