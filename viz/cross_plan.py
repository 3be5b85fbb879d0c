"""The PCC's cross-plan page: every compared local plan against one higher plan, with a
selector for the higher plan, the local plans and the area, and CSV and PNG downloads."""

from __future__ import annotations

import json

from cspgraph.graph.queries import Document, Entity
from cspgraph.graph.queries.cross_plan import CrossPlanAlignment
from cspgraph.viz.alignment import MATRIX_PNG_JS
from cspgraph.viz.entity_pages import Linker, sources
from cspgraph.viz.html import Markup, bullets, esc, href, join, link, page, table


def _doc_label(d: Document) -> str:
    return f"{d.plan.label if d.plan else d.file_name} {d.period or ''}".strip()


def selector(higher: list[Entity], local: list[Document], against: str | None,
             chosen: list[str], area: str | None) -> Markup:
    """The form choosing the higher plan, the local plans (none chosen: all) and the area."""
    opts = "".join(f'<option value="{esc(e.iri)}"{" selected" if e.iri == against else ""}>'
                   f"{esc(e.label)}</option>" for e in higher)
    plans = "".join(f'<option value="{esc(d.doc_id)}"{" selected" if d.doc_id in chosen else ""}>'
                    f"{esc(_doc_label(d))}</option>" for d in local)
    return Markup(
        '<form class="inline" method="get" action="/alignment" data-working>'
        f'<div><label for="against">Higher plan</label><select id="against" name="against">'
        f"{opts}</select></div>"
        f'<div><label for="plan">Local plans (none chosen: all)</label>'
        f'<select id="plan" name="plan" multiple size="4">{plans}</select></div>'
        f'<div><label for="area">Area</label><input id="area" name="area" '
        f'value="{esc(area or "")}" placeholder="any"></div>'
        '<button type="submit">Show</button> <span class="working">working…</span></form>')


def png_json(v: CrossPlanAlignment) -> str:
    """The view as the matrix PNG script reads it: plans as rows, objectives as columns."""
    served = {(sp.document.doc_id, cov.objective.iri) for cov in v.objectives
              for sp in cov.served_by}
    lone = {d.doc_id for d in v.plans_citing_nothing}
    data = {"title": f"Local plans against {v.against.label} {v.period or ''}".strip(),
            "file": f"cross-plan-{v.against.iri.rsplit('/', 1)[-1]}.png",
            "priorities": [_doc_label(d) for d in v.plans],
            "objectives": [c.objective.label for c in v.objectives],
            "cells": [["asserted" if (d.doc_id, c.objective.iri) in served else ""
                       for c in v.objectives] for d in v.plans],
            "unserved": [not c.served_by for c in v.objectives],
            "lone": [d.doc_id in lone for d in v.plans]}
    return (json.dumps(data).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026"))


def cross_plan_page(v: CrossPlanAlignment | None, form: Markup, lk: Linker,
                    csv_href: str | None, json_href: str | None, note: str = "") -> str:
    """The page: the selector, then each objective with the plans serving it, the gaps,
    and the plans shown apart (out of period)."""
    parts: list[object] = [form]
    if note:
        parts.append(Markup(f'<p class="note">{esc(note)}</p>'))
    if v is not None:
        rows = []
        for cov in v.objectives:
            if not cov.served_by:
                rows.append((esc(cov.objective.label), Markup("<strong>no plan</strong>"), "", ""))
            for sp in cov.served_by:
                prios = join([lk.name(c.priority) for c in sp.cells], "; ")
                rows.append((esc(cov.objective.label), lk.name(sp.document.plan)
                             if sp.document.plan else esc(sp.document.file_name),
                             prios, sources(s for c in sp.cells for s in c.sources)))
        downloads = Markup(
            f'<p class="downloads">{link(csv_href or "#", "Download CSV", download="")} '
            '<button type="button" data-matrix="cross-plan">Download PNG</button></p>'
            f'<script type="application/json" id="cross-plan">{png_json(v)}</script>')
        apart = [Markup(f"{link(href('/plans/' + d.document.doc_id), _doc_label(d.document))}: "
                        f"{esc(d.reason)}") for d in v.apart]
        parts += [
            Markup(f"<p>{len(v.plans)} local plans compared against "
                   f"{esc(v.against.label)} {esc(v.period or '')}.</p>"),
            downloads,
            Markup("<h2>Objectives and the plans that serve them</h2>"),
            table(["Objective", "Served by plan", "Through its priorities", "Source"], rows)
            if rows else Markup(f'<p class="empty">The graph holds no objectives of '
                                f"{esc(v.against.label)}.</p>"),
            Markup("<h2>Objectives no loaded plan serves</h2>"),
            bullets([o.label for o in v.unserved_objectives], "none: every objective is served"),
            Markup("<h2>Plans linking nothing to its objectives</h2>"),
            bullets([Markup(link(href("/plans/" + d.doc_id), _doc_label(d)))
                     for d in v.plans_citing_nothing], "none"),
            Markup("<h2>Plans shown apart</h2>"),
            bullets(apart, "none: every chosen plan's period overlaps"),
        ]
    title = f"Alignment across plans: {v.against.label}" if v else "Alignment across plans"
    return page(title, join(parts), json_href=json_href,
                head=f"<script>window.addEventListener('DOMContentLoaded',function(){{"
                     f"{MATRIX_PNG_JS}}});</script>" if v else "")
