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
    var hint = (body && body.hint) ? " (" + body.hint + ")" : "";
    return "not saved (" + response.status + " " + what + ")" + detail + hint;
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


STATUSES = {"": "pending and accepted", "pending": "pending", "accepted": "accepted",
            "rejected": "rejected", "all": "all"}


def filter_pairs(pairs: list[Pair], statuses: dict[str, str], areas: dict[str, str], *,
                 kind: str | None = None, document: str | None = None,
                 area: str | None = None, status: str | None = None) -> list[Pair]:
    """The pairs with an item of ``kind``, an item from ``document`` (an id), an item from
    ``area``, and review ``status`` (None or "": pending and accepted; "all": any)."""
    def keep(p: Pair) -> bool:
        state = statuses.get(pair_iri(p), "pending")
        sides = (p.a, p.b)
        return ((not kind or any(i.kind == kind for i in sides))
                and (not document or any(i.doc_id == document for i in sides))
                and (not area or any(areas.get(i.doc_id, i.doc_id) == area for i in sides))
                and (status == "all" or (state == status if status else state != "rejected")))

    return [p for p in pairs if keep(p)]


def filters(pairs: list[Pair], areas: dict[str, str], chosen: dict[str, str]) -> str:
    """The GET form of kind, document, area and status (escaped); choices come from every
    pair found, ``chosen`` holds the current ones."""
    def select(name: str, label: str, pairs_: list[tuple[str, str]]) -> str:
        opts = "".join(f'<option value="{escape(v)}"'
                       f'{" selected" if v == chosen.get(name, "") else ""}>{escape(t)}'
                       "</option>" for v, t in pairs_)
        return f'<label>{label} <select name="{name}">{opts}</select></label> '

    items = [i for p in pairs for i in (p.a, p.b)]
    kinds = sorted({i.kind for i in items})
    docs = sorted({i.doc_id for i in items})
    places = sorted({areas.get(i.doc_id, i.doc_id) for i in items})
    every = [("", "any")]
    return ('<form id="pair-filters" method="get" class="controls" data-working>'
            + select("kind", "Kind", every + [(k, k) for k in kinds])
            + select("document", "Document", every + [(d, d) for d in docs])
            + select("area", "Area", every + [(a, a) for a in places])
            + select("status", "Status", list(STATUSES.items()))
            + '<button type="submit">Show</button> <span class="working">working…</span>'
            "</form>")


def pair_table(marked: list[tuple[Pair, str, str]], areas: dict[str, str], review: bool
               ) -> str:
    """The pairs as a table (escaped): score, each side's text, kind, document, area and
    source, and the review status (with Confirm and Reject when ``review``)."""
    def side(it: EmbedItem, srcs) -> str:
        place = areas.get(it.doc_id, it.doc_id)
        return (f"<strong>{escape(it.label)}</strong><br><small>{escape(it.kind)} · "
                f"{escape(it.doc_id)} · {escape(place)}</small><br>"
                f'<small class="source">{sources_html(srcs)}</small>')

    rows = "".join(f'<tr data-pair="{escape(iri)}"><td>{p.score:.2f}</td>'
                   f"<td>{side(p.a, p.a_sources)}</td><td>{side(p.b, p.b_sources)}</td>"
                   f"<td>{_status(iri, state, review)}</td></tr>" for p, iri, state in marked)
    if not rows:
        return '<p id="pairs" class="empty">No pair matches these filters.</p>'
    return ('<table id="pairs"><thead><tr><th scope="col">score</th><th scope="col">one item'
            '</th><th scope="col">the other</th><th scope="col">status</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>")


def duplicates_map(pairs: list[Pair], statuses: dict[str, str] | None = None,
                   review: bool = False, areas: dict[str, str] | None = None,
                   chosen: dict[str, str] | None = None, found: list[Pair] | None = None
                   ) -> MapPage:
    """Near-duplicate pairs (from ``duplicate_pairs``, filtered by ``filter_pairs``) as a
    table read first, and as clusters on a map opened on demand; click an item for its
    text and its neighbours with scores and review status (``statuses``: suggestion IRI to
    pending/accepted/rejected, default pending). Rejected pairs are listed, never drawn.
    ``review`` adds Confirm/Reject buttons and the key field (served pages only). Items are
    coloured by ``areas`` (document id -> area, see ``areas_of``), else by document.
    ``found`` (every pair, before filtering) and ``chosen`` (the filters) make the served
    filter form."""
    statuses = statuses or {}
    marked = [(p, (iri := pair_iri(p)), statuses.get(iri, "pending")) for p in pairs]
    drawn = [m for m in marked if m[2] != "rejected"]
    area = {d: (areas or {}).get(d, d) for p, _, _ in drawn for d in (p.a.doc_id, p.b.doc_id)}
    groups = sorted(set(area.values()))
    colour = {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(groups)}
    page = MapPage(title="Near-duplicate items across partnerships",
                   options={"edges": {"font": {"size": 10}, "smooth": False}},
                   collapsed="Show as a map (clusters of similar items)")
    page.legend = [(g, colour[g]) for g in groups]
    total = f" of the {len(found)} found" if found is not None else ""
    page.intro = (f"<p>{len(marked)} pair{'' if len(marked) == 1 else 's'}{total}: items "
                  "so alike they may say the same thing. Confirm a pair to record it as a "
                  "duplicate, reject it to hide it. On the map, colour is the area (or the "
                  "document, where it names none), green lines are confirmed pairs; click an "
                  "item to read it beside its neighbours.</p>")
    page.controls = filters(found if found is not None else pairs, areas or {}, chosen or {})
    if review:
        page.controls += CONTROLS
        page.script = SCRIPT
    page.before_map = pair_table(marked, areas or {}, review)
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
    page.lists = "".join(sections) or "<p>No near-duplicates drawn.</p>"
    return page


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
