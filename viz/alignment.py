"""The alignment map: a plan's priorities linked to higher plans' objectives, and a matrix."""

from __future__ import annotations

from html import escape

from rdflib import Dataset

from cspgraph.graph.queries.plans import alignment, documents, higher_plans
from cspgraph.graph.queries.results import AlignmentMatrix
from cspgraph.viz.page import MapPage, node_key, sources_html, sources_text

PRIORITY, OBJECTIVE, GAP_OBJ, GAP_PRIO = "#1f77b4", "#2ca02c", "#d62728", "#ff7f0e"


def default_plan(ds: Dataset) -> str:
    """The first document linking a priority to a higher plan's objective (the default)."""
    for d in documents(ds):
        if any(alignment(ds, d.doc_id, h.iri).cells for h in higher_plans(ds, d.doc_id)):
            return d.doc_id
    return documents(ds)[0].doc_id


def alignment_map(ds: Dataset, plan: str | None = None, against: str | None = None
                  ) -> MapPage:
    """Priorities of ``plan`` against the objectives of ``against`` (default: every plan
    it cites). Asserted links solid, suggested dashed with their score."""
    plan = plan or default_plan(ds)
    targets = [against] if against else [p.iri for p in higher_plans(ds, plan)]
    matrices = [alignment(ds, plan, t, include_suggested=True) for t in targets]
    name = matrices[0].plan.label if matrices else plan
    page = MapPage(title=f"Alignment map: {name}", options={
        "layout": {"hierarchical": {"enabled": True, "direction": "LR",
                                    "sortMethod": "directed", "levelSeparation": 400}},
        "edges": {"font": {"size": 10}, "smooth": False}})
    page.legend = [("priority", PRIORITY), ("objective", OBJECTIVE),
                   ("objective no priority serves", GAP_OBJ),
                   ("priority citing no objective", GAP_PRIO)]
    page.intro = ("<p>Solid lines: links the documents assert (or a curator confirmed). "
                  "Dashed lines: suggestions, with their score.</p>")
    citing = set()
    for m in matrices:
        citing |= {c.priority.iri for c in m.cells if c.status != "suggested"}
    priorities = {p.iri: p for m in matrices for p in m.priorities}
    for iri, p in priorities.items():
        gap = iri not in citing
        page.nodes.append({"id": iri, "label": p.label, "shape": "box",
                           "color": GAP_PRIO if gap else PRIORITY,
                           "title": p.label + ("\n(cites no objective)" if gap else "")})
    for m in matrices:
        unserved = {o.iri for o in m.unserved_objectives}
        for o in m.objectives:
            gap = o.iri in unserved
            page.nodes.append({"id": o.iri, "label": o.label, "shape": "ellipse",
                               "color": GAP_OBJ if gap else OBJECTIVE,
                               "title": f"{o.label}\n{m.against.label}"
                                        + ("\n(no priority serves it)" if gap else "")})
        for c in m.cells:
            suggested = c.status == "suggested"
            score = f"{c.score:.2f}" if c.score is not None else ""
            page.edges.append({"from": c.priority.iri, "to": c.objective.iri,
                               "dashes": suggested, "label": score if suggested else "",
                               "title": (f"suggested, score {score}" if suggested
                                         else sources_text(c.sources) or c.status),
                               "arrows": "to"})
    page.lists = "".join(matrix_table(m) for m in matrices)
    page.lists += "<h3>Priorities</h3><ul>" + "".join(
        f'<li id="{node_key(iri)}">{escape(p.label)}</li>' for iri, p in priorities.items())
    page.lists += "</ul>"
    return page


def matrix_table(m: AlignmentMatrix) -> str:
    """Priorities x objectives as an HTML table (escaped): ✓ asserted, score if suggested."""
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
            f"<table class=\"matrix\"><thead><tr><th>priority</th>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
            f"<h4>Objectives no priority serves</h4><ul>{gaps}</ul>"
            f"<h4>Priorities citing no objective of this plan</h4><ul>{lone}</ul>")
