"""The alignment map: a plan's priorities linked to higher plans' objectives, and a matrix."""

from __future__ import annotations

import json
import re
from html import escape
from urllib.parse import quote

from rdflib import Dataset, URIRef

from cspgraph.graph.queries.matrix import cell_labels, matrix_csv
from cspgraph.graph.queries.plans import alignment, documents, find_document, higher_plans
from cspgraph.graph.queries.results import AlignmentMatrix, Document, Entity
from cspgraph.graph.queries.sources import entity
from cspgraph.viz.page import MapPage, node_key, sources_html, sources_text

PRIORITY, GAP_PRIO, GAP_OBJ, PLAN = "#1f77b4", "#ff7f0e", "#d62728", "#525252"
PLAN_COLOURS = ("#2ca02c", "#9467bd", "#17becf", "#bcbd22", "#e377c2", "#8c564b", "#7f7f7f")
LABEL_WIDTH = 260  # px: longer texts wrap
LINE = 18  # px per wrapped line of a 14px label


def default_plan(ds: Dataset) -> str:
    """The first document linking a priority to a higher plan's objective (the default)."""
    for d in documents(ds):
        if any(alignment(ds, d.doc_id, h.iri).cells for h in higher_plans(ds, d.doc_id)):
            return d.doc_id
    return documents(ds)[0].doc_id


def _options(labels: list[str]) -> dict:
    """Three columns (priorities, objectives, higher plans), set apart further than the
    tallest wrapped label; physics off so nothing moves onto another label."""
    lines = max((len(t) * 7 // LABEL_WIDTH + 1 for t in labels), default=1)
    return {
        "layout": {"hierarchical": {"enabled": True, "direction": "LR",
                                    "levelSeparation": LABEL_WIDTH + 180,
                                    "nodeSpacing": max(60, lines * LINE + 40),
                                    "treeSpacing": 120, "blockShifting": True,
                                    "edgeMinimization": True, "parentCentralization": True}},
        "physics": {"enabled": False},
        "nodes": {"widthConstraint": {"maximum": LABEL_WIDTH}, "margin": 8,
                  "font": {"size": 14}},
        "edges": {"font": {"size": 12, "background": "#ffffff", "strokeWidth": 0},
                  "smooth": False}}


def alignment_map(ds: Dataset, plan: str | None = None, against: str | None = None
                  ) -> MapPage:
    """Priorities of ``plan`` against the objectives of ``against`` (default: every plan
    it cites), each higher plan's objectives grouped by it and coloured as it. Asserted
    links solid, suggested dashed with their score."""
    plan = plan or default_plan(ds)
    doc = find_document(ds, plan)
    cited = higher_plans(ds, doc.doc_id)
    targets = [against] if against else [p.iri for p in cited]
    matrices = [alignment(ds, doc.doc_id, t, include_suggested=True) for t in targets]
    name = matrices[0].plan.label if matrices else (doc.plan.label if doc.plan else plan)
    colour = {m.against.iri: PLAN_COLOURS[i % len(PLAN_COLOURS)]
              for i, m in enumerate(matrices)}
    page = MapPage(title=f"Alignment map: {name}")
    page.legend = ([("priority", PRIORITY), ("priority citing no objective", GAP_PRIO)]
                   + [(f"objective of {m.against.label}", colour[m.against.iri])
                      for m in matrices]
                   + [("red outline: objective no priority serves", GAP_OBJ),
                      ("higher plan", PLAN)])
    page.intro = ("<p>Priorities on the left, the objectives they serve in the middle, "
                  "grouped by their higher plan on the right. Solid lines: links the "
                  "documents assert (or a curator confirmed). Dashed lines: suggestions, "
                  "with their score.</p>")
    if not matrices:
        page.intro += ('<p class="note">This plan cites no higher plan: choose one to '
                       "compare it with.</p>")
    citing = set()
    for m in matrices:
        citing |= {c.priority.iri for c in m.cells if c.status != "suggested"}
    priorities = {p.iri: p for m in matrices for p in m.priorities}
    for iri, p in priorities.items():
        gap = iri not in citing
        page.nodes.append({"id": iri, "label": p.label, "shape": "box", "level": 0,
                           "color": GAP_PRIO if gap else PRIORITY,
                           "font": {"color": "#ffffff"},
                           "title": p.label + ("\n(cites no objective)" if gap else "")})
    for m in matrices:
        unserved = {o.iri for o in m.unserved_objectives}
        fill = colour[m.against.iri]
        page.nodes.append({"id": m.against.iri, "label": m.against.label, "level": 2,
                           "shape": "box", "color": PLAN,
                           "font": {"color": "#ffffff", "size": 16},
                           "title": f"{m.against.label}\n(higher plan, "
                                    f"{len(m.objectives)} objectives)"})
        for o in m.objectives:
            gap = o.iri in unserved
            page.nodes.append({"id": o.iri, "label": o.label, "shape": "ellipse", "level": 1,
                               "color": {"background": fill,
                                         "border": GAP_OBJ if gap else fill},
                               "borderWidth": 4 if gap else 1,
                               "title": f"{o.label}\n{m.against.label}"
                                        + ("\n(no priority serves it)" if gap else "")})
            page.edges.append({"from": o.iri, "to": m.against.iri, "arrows": "to",
                               "color": {"color": "#bdbdbd"}, "title": "objective of"})
        for c in m.cells:
            suggested = c.status == "suggested"
            score = f"{c.score:.2f}" if c.score is not None else ""
            page.edges.append({"from": c.priority.iri, "to": c.objective.iri,
                               "dashes": suggested, "label": score if suggested else "",
                               "title": (f"suggested, score {score}" if suggested
                                         else sources_text(c.sources) or c.status),
                               "arrows": "to"})
    page.options = _options([n["label"] for n in page.nodes])
    page.controls = controls(ds, doc.doc_id, matrices[0].against.iri if against and matrices
                             else "", cited)
    page.lists = "".join(matrix_table(m, i) for i, m in enumerate(matrices))
    page.script = (MATRIX_PNG_JS if matrices else "") + CONTROLS_JS
    page.lists += "<h3>Priorities</h3><ul>" + "".join(
        f'<li id="{node_key(iri)}">{escape(p.label)}</li>' for iri, p in priorities.items())
    page.lists += "</ul>"
    return page


def plan_name(d: Document) -> str:
    """A document's plan title, with its period unless the title holds it."""
    name = d.plan.label if d.plan else d.file_name
    return name if not d.period or d.period in name else f"{name} {d.period}"


def controls(ds: Dataset, plan: str, against: str, cited: list[Entity]) -> str:
    """The served page's form (escaped): the local plan (every loaded document) and the
    higher plan (each one the plan cites, or all of them)."""
    docs = [(d.doc_id, plan_name(d)) for d in documents(ds)]
    highs = [(p.iri, p.label) for p in cited]
    if against and against not in {i for i, _ in highs}:
        highs.append((against, entity(ds, URIRef(against)).label))

    def options(pairs, chosen: str) -> str:
        return "".join(f'<option value="{escape(v)}"{" selected" if v == chosen else ""}>'
                       f"{escape(t)}</option>" for v, t in pairs)

    every = f'<option value=""{"" if against else " selected"}>every plan it cites</option>'
    return ('<form id="filters" method="get" class="controls" data-working>'
            f'<label>Local plan <select name="plan">{options(docs, plan)}</select></label> '
            f'<label>Higher plan <select name="against">{every}{options(highs, against)}'
            "</select></label> "
            '<button type="submit">Show</button> <span class="working">working…</span></form>')


# A new local plan compares with every plan it cites; either choice redraws at once.
CONTROLS_JS = """
(function () {
  var form = document.getElementById("filters");
  if (!form) { return; }
  var against = form.elements.namedItem("against");
  form.elements.namedItem("plan").addEventListener("change", function () {
    against.value = "";
    document.body.classList.add("busy");
    form.submit();
  });
  against.addEventListener("change", function () {
    document.body.classList.add("busy");
    form.submit();
  });
})();
"""


def matrix_table(m: AlignmentMatrix, index: int = 0) -> str:
    """Priorities x objectives as an HTML table (escaped): ✓ asserted, score if suggested;
    with a CSV download link and a PNG download button (drawn by ``MATRIX_PNG_JS``)."""
    head = "".join(f'<th scope="col" id="{node_key(o.iri)}">{escape(o.label)}</th>'
                   for o in m.objectives)
    cells = {(c.priority.iri, c.objective.iri): c for c in m.cells}
    rows = []
    for p in m.priorities:
        tds = []
        for o in m.objectives:
            c = cells.get((p.iri, o.iri))
            if c is None:
                tds.append("<td></td>")
            elif c.status == "suggested":
                tds.append(f"<td>suggested {c.score or 0:.2f}</td>")
            else:
                tds.append(f"<td title=\"{escape(sources_text(c.sources))}\">\u2713 "
                           f"{escape(c.status)}<br><small>{sources_html(c.sources)}</small></td>")
        rows.append(f'<tr><th scope="row">{escape(p.label)}</th>{"".join(tds)}</tr>')
    gaps = "".join(f"<li>{escape(o.label)}</li>" for o in m.unserved_objectives)
    lone = "".join(f"<li>{escape(p.label)}</li>" for p in m.priorities_citing_nothing)
    return (f"<h3>Matrix: {escape(m.plan.label)} against {escape(m.against.label)}</h3>"
            f"{matrix_downloads(m, index)}"
            f"<table class=\"matrix\"><thead><tr><th>priority</th>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
            f"<h4>Objectives no priority serves</h4><ul>{gaps}</ul>"
            f"<h4>Priorities citing no objective of this plan</h4><ul>{lone}</ul>")


def matrix_file_name(m: AlignmentMatrix) -> str:
    """A safe file stem for the matrix, e.g. "alignment-kingsford-plan-...-council-plan-..."."""
    ids = (re.sub(r"[^a-z0-9]+", "-", e.iri.rsplit("/", 1)[-1].lower()).strip("-")[:60]
           for e in (m.plan, m.against))
    return "alignment-" + "-".join(i for i in ids if i)


def matrix_json(m: AlignmentMatrix, file: str) -> str:
    """The matrix as JSON safe inside ``<script>``: "<", ">" and "&" become \\u escapes."""
    unserved = {o.iri for o in m.unserved_objectives}
    lone = {p.iri for p in m.priorities_citing_nothing}
    data = {"title": f"{m.plan.label} against {m.against.label}", "file": file,
            "priorities": [p.label for p in m.priorities],
            "objectives": [o.label for o in m.objectives], "cells": cell_labels(m),
            "unserved": [o.iri in unserved for o in m.objectives],
            "lone": [p.iri in lone for p in m.priorities]}
    return (json.dumps(data).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026"))


def matrix_downloads(m: AlignmentMatrix, index: int) -> str:
    """A "Download CSV" data-URI link (works offline, in exported files too), a "Download
    PNG" button and the matrix as JSON for the button's script."""
    stem = matrix_file_name(m)
    href = "data:text/csv;charset=utf-8," + quote(matrix_csv(m), safe="")
    return (f'<p class="downloads"><a download="{escape(stem)}.csv" href="{href}">'
            f'Download CSV</a> <button type="button" data-matrix="matrix-{index}">'
            f"Download PNG</button></p>"
            f'<script type="application/json" id="matrix-{index}">'
            f"{matrix_json(m, stem + '.png')}</script>")


# Draws a matrix (read from its JSON block) on an offscreen canvas and downloads it as PNG.
# A constant: document text reaches it only as JSON data, never as code.
MATRIX_PNG_JS = r"""
(function () {
  var FILL = {asserted: "#c7e9c0", curated: "#c6dbef", suggested: "#fff2a8"};
  var HEAD = "#eeeeee", GAP_OBJ = "#f4b6b6", GAP_PRIO = "#ffd8a8";
  var PAD = 16, LINE = 18, COL = 140, FONT = "14px sans-serif";
  var LEGEND = [["asserted", FILL.asserted], ["curated", FILL.curated],
                ["suggested", FILL.suggested], ["objective no priority serves", GAP_OBJ],
                ["priority citing no objective", GAP_PRIO]];

  function wrap(g, text, width) {
    var lines = [], line = "";
    String(text).split(/\s+/).filter(Boolean).forEach(function (word) {
      while (g.measureText(word).width > width && word.length > 1) {  // an over-long word
        var cut = word.length - 1;
        while (cut > 1 && g.measureText(word.slice(0, cut)).width > width) { cut--; }
        if (line) { lines.push(line); line = ""; }
        lines.push(word.slice(0, cut));
        word = word.slice(cut);
      }
      var next = line ? line + " " + word : word;
      if (line && g.measureText(next).width > width) { lines.push(line); line = word; }
      else { line = next; }
    });
    if (line) { lines.push(line); }
    return lines.length ? lines : [""];
  }

  function box(g, x, y, w, h, fill, lines, bold) {
    g.fillStyle = fill; g.fillRect(x, y, w, h);
    g.strokeStyle = "#888888"; g.strokeRect(x + 0.5, y + 0.5, w, h);
    g.save();
    g.beginPath(); g.rect(x + 2, y + 2, w - 4, h - 4); g.clip();  // text stays in its cell
    g.fillStyle = "#222222"; g.font = (bold ? "bold " : "") + FONT;
    lines.forEach(function (t, i) { g.fillText(t, x + 6, y + 6 + LINE * (i + 1) - 4); });
    g.restore();
  }

  function layout(g, m) {
    g.font = FONT;
    var widest = Math.max.apply(null, [80].concat(m.priorities.map(function (p) {
      return g.measureText(p).width; })));
    var rowW = Math.min(320, Math.max(160, widest + 12));
    var rows = m.priorities.map(function (p) { return wrap(g, p, rowW - 12); });
    g.font = "bold " + FONT;  // headers are drawn bold: measure them so
    var heads = m.objectives.map(function (o) { return wrap(g, o, COL - 12); });
    var headH = LINE * Math.max.apply(null, [1].concat(heads.map(function (l) {
      return l.length; }))) + 12;
    g.font = FONT;
    var legendW = LEGEND.reduce(function (s, k) { return s + 32 + g.measureText(k[0]).width; }, 0);
    var width = PAD * 2 + Math.max(legendW, rowW + COL * Math.max(1, m.objectives.length));
    g.font = "bold 16px sans-serif";
    var title = wrap(g, "Alignment matrix: " + m.title, width - PAD * 2);
    var rowsH = rows.reduce(function (s, l) { return s + Math.max(32, LINE * l.length + 12); }, 0);
    return {rowW: rowW, heads: heads, headH: headH, rows: rows, title: title, width: width,
            height: PAD * 2 + LINE * title.length + 10 + headH + rowsH + 36};
  }

  function draw(m) {
    var canvas = document.createElement("canvas"), g = canvas.getContext("2d");
    var L = layout(g, m), scale = Math.max(L.width, L.height) * 2 > 16000 ? 1 : 2;
    canvas.width = Math.ceil(L.width * scale); canvas.height = Math.ceil(L.height * scale);
    g.scale(scale, scale);
    g.fillStyle = "#ffffff"; g.fillRect(0, 0, L.width, L.height);
    g.fillStyle = "#222222"; g.font = "bold 16px sans-serif";
    L.title.forEach(function (t, i) { g.fillText(t, PAD, PAD + LINE * (i + 1) - 4); });
    var y = PAD + LINE * L.title.length + 10, x0 = PAD + L.rowW;
    box(g, PAD, y, L.rowW, L.headH, HEAD, ["priority"], true);
    L.heads.forEach(function (lines, j) {
      box(g, x0 + COL * j, y, COL, L.headH, m.unserved[j] ? GAP_OBJ : HEAD, lines, true);
    });
    y += L.headH;
    L.rows.forEach(function (lines, i) {
      var h = Math.max(32, LINE * lines.length + 12);
      box(g, PAD, y, L.rowW, h, m.lone[i] ? GAP_PRIO : HEAD, lines, false);
      m.cells[i].forEach(function (label, j) {
        var kind = label.split(" ")[0];
        var text = kind === "suggested" ? label : (label ? "\u2713 " + label : "");
        box(g, x0 + COL * j, y, COL, h, FILL[kind] || "#ffffff", text ? [text] : [], false);
      });
      y += h;
    });
    var x = PAD;
    g.font = FONT;
    LEGEND.forEach(function (k) {
      g.fillStyle = k[1]; g.fillRect(x, y + 12, 14, 14);
      g.strokeStyle = "#888888"; g.strokeRect(x + 0.5, y + 12.5, 14, 14);
      g.fillStyle = "#222222"; g.fillText(k[0], x + 20, y + 24);
      x += 32 + g.measureText(k[0]).width;
    });
    return canvas;
  }

  function download(canvas, name) {
    canvas.toBlob(function (blob) {
      var url = URL.createObjectURL(blob), a = document.createElement("a");
      a.href = url; a.download = name; a.style.display = "none";
      document.body.appendChild(a); a.click(); a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    }, "image/png");
  }

  document.querySelectorAll("button[data-matrix]").forEach(function (button) {
    button.addEventListener("click", function () {
      var data = document.getElementById(button.dataset.matrix);
      if (data) {
        var m = JSON.parse(data.textContent);
        download(draw(m), m.file);
      }
    });
  });
})();
"""
