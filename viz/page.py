"""Shared page building: a pyvis network made safe and self-contained.

pyvis 0.3.2 is used only to lay out nodes, edges and options. Its generated HTML is then
post-processed: every CDN ``<script src=http...>`` and ``<link href=http...>`` is stripped,
the vendored vis-network is referenced (``/static/...``) or inlined, ``heading=`` is never
used, every label and title is escaped here (``html.escape``) and no title contains
"href" (which would switch pyvis to a popup inserting titles as live HTML).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html import escape
from importlib.resources import files

from pyvis.network import Network

from cspgraph.viz.html import NAV

STATIC_URL = "/static/vis-network.min.js"
_CDN_SCRIPT = re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']?\s*(?:https?:)?//[^>]*>\s*</script>",
                         re.IGNORECASE | re.DOTALL)
_CDN_LINK = re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?\s*(?:https?:)?//[^>]*/?>",
                       re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>", re.IGNORECASE)
_TEMPLATE_LOOSE_TAG = re.compile(r"^\s*<center>.*?</center>", re.DOTALL)

STYLE = """<style>
body{font-family:system-ui,sans-serif;margin:1rem}
#mynetwork{width:100%;height:70vh;border:1px solid #ccc;background:#fff}
.legend span{display:inline-block;margin-right:1rem}
.legend i{display:inline-block;width:.9rem;height:.9rem;margin-right:.3rem;vertical-align:middle;
border:1px solid #555}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;
vertical-align:top}
#detail{border:1px solid #ccc;padding:.5rem;margin:.5rem 0;min-height:2rem}
nav{display:flex;flex-wrap:wrap;gap:.2rem 1rem;padding:.2rem 0 .6rem;border-bottom:1px solid #ccc}
nav a{text-decoration:none}nav a:hover{text-decoration:underline}
.working{display:none;color:#555}.busy .working{display:inline}
.note{background:#fff8e0;border-left:4px solid #e0b000;padding:.4rem .8rem}
details#map-view>summary{cursor:pointer;font-weight:600;margin:.5rem 0}
</style>"""

SCRIPT = """<script>
(function () {
  function plain(s) {  // labels and titles are escaped in the page; show them as text
    if (typeof s !== "string") { return s; }
    return new DOMParser().parseFromString(s, "text/html").documentElement.textContent;
  }
  var fixed = nodes.get().map(function (n) {
    return {id: n.id, label: plain(n.label), title: plain(n.title)};
  });
  nodes.update(fixed);
  edges.update(edges.get().map(function (e) {
    return {id: e.id, label: plain(e.label), title: plain(e.title)};
  }));
  function settled() {  // layout done: physics off; benchmarks and tests wait for "ready"
    network.setOptions({physics: false});
    document.body.dataset.ready = "1";
  }
  network.once("stabilizationIterationsDone", settled);
  network.once("stabilized", settled);
  if (nodes.length < 2 || network.physics.options.enabled === false) {
    setTimeout(settled, 0);  // nothing to lay out, or the layout places every node itself
  }
  var status = document.getElementById("search-status");
  document.getElementById("search").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = document.getElementById("q").value.trim().toLowerCase();
    var hit = nodes.get().find(function (n) {
      return q && String(n.label || "").toLowerCase().indexOf(q) >= 0;
    });
    var form = document.getElementById("filters");
    if (!hit && form && q) {  // served: ask the server to refocus the map on the name
      form.elements.namedItem("focus").value = document.getElementById("q").value.trim();
      status.textContent = "not drawn here: focusing the map on it";
      document.body.classList.add("busy");
      form.submit();
      return;
    }
    if (!hit) { status.textContent = "not found"; return; }
    status.textContent = "found: " + hit.label;
    network.selectNodes([hit.id]);
    network.focus(hit.id, {scale: 1.2});
    show(hit.id);
  });
  function show(id) {
    var box = document.getElementById("detail");
    var src = document.getElementById("item-" + String(id).replace(/[^A-Za-z0-9_-]/g, "_"));
    box.replaceChildren();
    if (src) { box.appendChild(src.cloneNode(true)); }
  }
  network.on("click", function (p) { if (p.nodes.length) { show(p.nodes[0]); } });
  var view = document.getElementById("map-view");  // a map drawn on demand: fit it on open
  if (view) {
    view.addEventListener("toggle", function () {
      if (view.open) { network.redraw(); network.fit(); }
    });
  }
  document.querySelectorAll("form[data-working]").forEach(function (f) {
    f.addEventListener("submit", function () { document.body.classList.add("busy"); });
  });
})();
</script>"""


@dataclass
class MapPage:
    """What a map shows: nodes, edges, vis options, a legend and an accessible list view.

    ``nodes``/``edges`` hold raw (unescaped) text in ``label`` and ``title``; ``lists``
    is HTML already escaped by its builder.
    """

    title: str
    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    options: dict = field(default_factory=dict)
    legend: list[tuple[str, str]] = field(default_factory=list)  # (name, colour)
    intro: str = ""  # escaped HTML
    lists: str = ""  # escaped HTML
    controls: str = ""  # escaped HTML shown only when served (forms that ask the server)
    total: int | None = None  # nodes in the whole map when only a selection is drawn
    before_map: str = ""  # escaped HTML shown above the map (a table read first)
    collapsed: str = ""  # when set, the map is drawn in a <details> with this summary
    script: str = ""  # extra JavaScript run after the page's own (no document text in it)


def node_key(iri: str) -> str:
    """The id fragment of the list entry for node ``iri`` (used by the click panel)."""
    return "item-" + re.sub(r"[^A-Za-z0-9_-]", "_", iri)


def safe_text(text: str) -> str:
    """``text`` escaped for HTML, with "href" broken so pyvis never switches to its popup."""
    return escape(text).replace("href", "hre\u200bf").replace("HREF", "HRE\u200bF")


def render(page: MapPage, inline: bool = False) -> str:
    """The page's HTML: vis-network from ``/static`` or inlined (``inline``, for files)."""
    net = Network(height="70vh", width="100%", directed=True, cdn_resources="remote")
    for n in page.nodes:
        attrs = {k: v for k, v in n.items() if k not in ("id", "label", "title")}
        net.add_node(n["id"], label=safe_text(n.get("label", "")),
                     title=safe_text(n.get("title", "")), **attrs)
    for e in page.edges:
        attrs = {k: v for k, v in e.items() if k not in ("from", "to", "label", "title")}
        if "label" in e:
            attrs["label"] = safe_text(e["label"])
        if "title" in e:
            attrs["title"] = safe_text(e["title"])
        net.add_edge(e["from"], e["to"], **attrs)
    options = {"physics": {"enabled": True, "stabilization": {"enabled": True,
                                                              "iterations": 300}},
               "interaction": {"hover": True}} | page.options
    net.set_options(json.dumps(options))
    html = net.generate_html()
    html = _CDN_SCRIPT.sub("", html)
    html = _CDN_LINK.sub("", html)
    html = _COMMENT.sub("", html)
    html = _EMPTY_HEADING.sub("", html)
    vis = (f"<script>{vis_network_js()}</script>" if inline
           else f'<script src="{STATIC_URL}"></script>')
    head = (f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(page.title)}</title>{vis}{STYLE}")
    html = html.replace("<head>", f"<head>{head}", 1)
    html = html.replace("<html>", '<!doctype html>\n<html lang="en">', 1)
    legend = "".join(f'<span><i style="background:{escape(c)}"></i>{escape(name)}</span>'
                     for name, c in page.legend)
    total = len(page.nodes) if page.total is None else page.total
    nav = "" if inline else ('<nav aria-label="site">' + "".join(
        f'<a href="{escape(h)}">{escape(t)}</a>' for h, t in NAV) + "</nav>")
    opened = (f'<details id="map-view"><summary>{escape(page.collapsed)}</summary>'
              if page.collapsed else "")
    top = (f'<body data-node-count="{len(page.nodes)}" data-edge-count="{len(page.edges)}" '
           f'data-total-node-count="{total}">{nav}'
           f"<h1>{escape(page.title)}</h1>{page.intro}{'' if inline else page.controls}"
           f"{page.before_map}{opened}"
           '<form id="search" role="search"><label for="q">Find a node by name:</label> '
           '<input id="q" name="q" type="search"> <button type="submit">Find</button> '
           '<output id="search-status" aria-live="polite"></output></form>'
           f'<p class="legend" aria-label="legend">{legend}</p>'
           '<p><a href="#list">Skip to the list view</a></p>')
    html = html.replace("<body>", top, 1)
    # SCRIPT right after the network is made: parsing a long list view first would let the
    # layout finish before its listener exists (physics never switched off)
    bottom = (f"{'</details>' if page.collapsed else ''}"
              f'<div id="detail" aria-live="polite"></div>{SCRIPT}'
              f'<section id="list"><h2>List view</h2>{page.lists}</section>'
              f"{f'<script>{page.script}</script>' if page.script else ''}</body>")
    return html.replace("</body>", bottom, 1)


def vis_network_js() -> str:
    """The vendored vis-network standalone build."""
    return (files("cspgraph.viz") / "static" / "vis-network.min.js").read_text(encoding="utf-8")


def sources_text(srcs) -> str:
    """Sources as plain text for a hover title: document, line, quote."""
    return "\n".join(f"{s.document} line {s.lines}: \u201c{s.quote}\u201d" for s in srcs)


def sources_html(srcs) -> str:
    """Sources as escaped HTML for the list view."""
    return "<br>".join(f"{escape(s.document)} line {escape(s.lines)}: "
                       f"\u201c{escape(s.quote)}\u201d" for s in srcs)
