"""The landing page at ``/`` (HTML, document text escaped) and its JSON twin."""

from __future__ import annotations

from html import escape

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from cspgraph import __version__
from cspgraph.api.deps import GraphDep
from cspgraph.api.schemas import ERRORS
from cspgraph.graph.queries import Summary, summary

router = APIRouter()


@router.get("/api/summary", response_model=Summary, responses=ERRORS, tags=["overview"])
def get_summary(ds: GraphDep) -> Summary:
    """What is loaded: documents with kinds and periods, and counts of bodies, people, ..."""
    return summary(ds)


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def landing(ds: GraphDep) -> str:
    """The landing page: what is loaded, a search box, and links onward."""
    s = summary(ds)
    rows = "".join(
        f"<tr><td>{escape(d.plan.label if d.plan else d.file_name)}</td>"
        f"<td>{escape(d.kind or '')}</td><td>{escape(d.period or '')}</td>"
        f"<td><a href=\"/api/plans/{escape(d.doc_id)}\">{escape(d.file_name)}</a></td></tr>"
        for d in s.documents)
    counts = "".join(f"<li>{n} {escape(name)}</li>" for name, n in s.counts.items())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>cspgraph</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}}
</style></head><body>
<h1>cspgraph</h1>
<p>Who chairs, leads and reports to what in community safety partnerships, with sources.</p>
<form action="/api/search" method="get"><label for="q">Find a body, person, agency or plan
(name, alias or acronym):</label> <input id="q" name="q" required>
<button type="submit">Search</button></form>
<h2>Loaded documents</h2>
<table><thead><tr><th>Plan</th><th>Kind</th><th>Period</th><th>Document</th></tr></thead>
<tbody>{rows}</tbody></table>
<h2>The graph holds</h2><ul>{counts}</ul>
<h2>Maps</h2><ul>
<li><a href="/maps/governance">Governance map</a>: bodies, chairs and reporting lines</li>
<li><a href="/maps/alignment">Alignment map and matrix</a>: priorities and the objectives
they serve</li>
<li><a href="/maps/duplicates">Duplicates map</a>: similar recommendations across areas</li>
</ul>
<h2>More</h2><ul>
<li><a href="/docs">Interactive API docs</a></li>
<li><a href="/api/quality">Governance quality report (SHACL) and coverage</a></li>
<li><a href="/api/duplicates">Near-duplicate recommendations across partnerships</a></li>
<li><a href="/sparql">SPARQL endpoint</a> (read-only)</li>
<li><a href="/graph">The whole graph</a> (TriG, Turtle, JSON-LD, N-Quads)</li>
</ul><p><small>cspgraph {escape(__version__)}</small></p></body></html>"""
