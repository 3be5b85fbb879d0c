"""The duplicates map: clusters of similar items across partnerships, coloured by area.

Each pair is a duplicate suggestion (``suggestion_iri("duplicate", a, b)``) with a review
status: pending pairs are drawn as before, accepted ones green and solid, rejected ones
only listed. With ``review`` (a served page on a server with an API key) each pair gets
Confirm and Reject buttons that POST /api/reviews from the page.
"""

from __future__ import annotations

from html import escape

from rdflib import Dataset

from cspgraph.graph.queries.plans import documents
from cspgraph.graph.similarity.duplicates import Pair, clusters
from cspgraph.graph.similarity.status import pair_iri, review_statuses  # noqa: F401 (shared)
from cspgraph.graph.similarity.texts import EmbedItem
from cspgraph.viz.page import MapPage, node_key, sources_html, sources_text

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22", "#17becf")
ACCEPTED = "#1a7f37"

CONTROLS = (
    '<form id="review" autocomplete="off"><fieldset><legend>Review pairs</legend>'
    '<label for="review-key">API key (kept in this tab only):</label> '
    '<input id="review-key" type="password" autocomplete="off"> '
    '<label for="review-author">Your name (optional):</label> '
    '<input id="review-author" type="text" maxlength="200"> '
    '<output id="review-status" aria-live="polite"></output></fieldset></form>')

# Delegated on document: the click panel clones list entries into #detail, so listeners on
# the buttons themselves would be lost. Answers and errors are shown with textContent only.
SCRIPT = """(function () {
  var form = document.getElementById("review"), out = document.getElementById("review-status");
  if (!form) { return; }  // a file written for offline reading: no server to write to
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
  });
  function mark(iri, status) {
    document.querySelectorAll("[data-status-of]").forEach(function (el) {
      if (el.dataset.statusOf === iri) { el.textContent = status; }
    });
    if (!edges.get(iri)) { return; }
    edges.update(status === "rejected" ? {id: iri, hidden: true}
      : {id: iri, hidden: false, width: 3, color: {color: "ACCEPTED", highlight: "ACCEPTED"}});
  }
  function failed(response, body) {
    var what = (body && body.error) || response.statusText || "error";
    var detail = (body && body.detail) ? ": " + body.detail : "";
    return "not saved (" + response.status + " " + what + ")" + detail;
  }
  document.addEventListener("click", function (ev) {
    var button = ev.target.closest ? ev.target.closest("button[data-suggestion]") : null;
    if (!button) { return; }
    var iri = button.dataset.suggestion, status = button.dataset.status;
    var review = {suggestion: iri, status: status};
    var author = document.getElementById("review-author").value.trim();
    if (author) { review.author = author; }
    button.disabled = true;
    out.textContent = "saving " + status + " (the graph is rebuilt, this takes a while)...";
    fetch("/api/reviews", {
      method: "POST",
      headers: {"Content-Type": "application/json",
                "X-API-Key": document.getElementById("review-key").value},
      body: JSON.stringify(review)
    }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (body) {
        if (!response.ok) { out.textContent = failed(response, body); return; }
        var now = (body.suggestion && body.suggestion.status) || status;
        mark(iri, now);
        out.textContent = now + ": recorded in " + body.curation_file + " line " + body.line;
      });
    }).catch(function (err) {
      out.textContent = "not saved: the server did not answer (" + err.message + ")";
    }).finally(function () { button.disabled = false; });
  });
})();""".replace("ACCEPTED", ACCEPTED)


def areas_of(ds: Dataset) -> dict[str, str]:
    """Document id -> the area its plan covers (the document id when none is stated)."""
    return {d.doc_id: d.area or d.doc_id for d in documents(ds)}


def duplicates_map(pairs: list[Pair], statuses: dict[str, str] | None = None,
                   review: bool = False, areas: dict[str, str] | None = None) -> MapPage:
    """Near-duplicate pairs (from ``duplicate_pairs``) as clusters; click an item for its
    text and its neighbours with scores and review status (``statuses``: suggestion IRI to
    pending/accepted/rejected, default pending). Rejected pairs are listed, not drawn.
    ``review`` adds Confirm/Reject buttons and the key field (served pages only). Items are
    coloured by ``areas`` (document id -> area, see ``areas_of``), else by document."""
    statuses = statuses or {}
    marked = [(p, (iri := pair_iri(p)), statuses.get(iri, "pending")) for p in pairs]
    drawn = [m for m in marked if m[2] != "rejected"]
    area = {d: (areas or {}).get(d, d) for p, _, _ in drawn for d in (p.a.doc_id, p.b.doc_id)}
    groups = sorted(set(area.values()))
    colour = {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(groups)}
    page = MapPage(title="Near-duplicate items across partnerships",
                   options={"edges": {"font": {"size": 10}, "smooth": False}})
    page.legend = [(g, colour[g]) for g in groups]
    page.intro = ("<p>Colour: the area (or the document, where it names none). "
                  "Green lines: pairs a reviewer confirmed. "
                  "Click an item to read it beside its neighbours.</p>")
    if review:
        page.controls, page.script = CONTROLS, SCRIPT
    srcs, neighbours = {}, {}
    for p, iri, state in drawn:
        srcs[p.a.iri], srcs[p.b.iri] = p.a_sources, p.b_sources
        neighbours.setdefault(p.a.iri, []).append((p.b, p.score, iri, state))
        neighbours.setdefault(p.b.iri, []).append((p.a, p.score, iri, state))
        edge = {"id": iri, "from": p.a.iri, "to": p.b.iri, "label": f"{p.score:.2f}",
                "title": f"score {p.score:.2f}, {state}", "arrows": ""}
        if state == "accepted":
            edge |= {"color": {"color": ACCEPTED, "highlight": ACCEPTED}, "width": 3}
        page.edges.append(edge)
    sections = []
    for n, group in enumerate(clusters([m[0] for m in drawn]), 1):
        entries = []
        for it in group:
            page.nodes.append({"id": it.iri, "label": _short(it.label), "shape": "dot",
                               "color": colour[area[it.doc_id]],
                               "title": f"{it.label}\n{sources_text(srcs[it.iri])}"})
            near = "".join(
                f"<li>{score:.2f}: {escape(o.label)} ({escape(o.doc_id)}) "
                f"{_status(iri, state, review)}</li>"
                for o, score, iri, state in sorted(neighbours[it.iri], key=lambda x: -x[1]))
            entries.append(f'<li id="{node_key(it.iri)}"><strong>{escape(it.label)}</strong> '
                           f"({escape(it.kind)}, {escape(it.doc_id)})<br>"
                           f"<small>{sources_html(srcs[it.iri])}</small>"
                           f"<br>Neighbours:<ul>{near}</ul></li>")
        sections.append(f"<h3>Cluster {n} ({len(group)} items)</h3><ul>{''.join(entries)}</ul>")
    page.lists = "".join(sections) or "<p>No near-duplicates found.</p>"
    rejected = "".join(f"<li>{p.score:.2f}: {_item(p.a)} and {_item(p.b)} "
                       f"{_status(iri, state, review)}</li>"
                       for p, iri, state in marked if state == "rejected")
    if rejected:
        page.lists += f'<h3 id="rejected">Rejected, hidden from the map</h3><ul>{rejected}</ul>'
    return page


def _item(it: EmbedItem) -> str:
    return f"{escape(it.label)} ({escape(it.doc_id)})"


def _status(iri: str, state: str, review: bool) -> str:
    """The pair's status label and, with ``review``, its Confirm and Reject buttons."""
    key = escape(iri)
    html = f'[<span class="review-status" data-status-of="{key}">{escape(state)}</span>]'
    if review:
        html += "".join(f' <button type="button" data-suggestion="{key}" '
                        f'data-status="{value}">{label}</button>'
                        for value, label in (("accepted", "Confirm"), ("rejected", "Reject")))
    return html


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "\u2026"
