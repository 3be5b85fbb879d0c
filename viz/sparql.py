"""The SPARQL query page: an editor (a plain textarea), example queries, the results as a
table, and links that download the same query's results in each format the endpoint gives.

Everything shown from the query or its results is escaped (``viz.html``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cspgraph.graph.queries.sparql import Table
from cspgraph.graph.queries.sparql_examples import Example
from cspgraph.viz.html import Markup, esc, href, link, page, table

EDITOR_PATH = "/sparql/editor"
ENDPOINT_PATH = "/sparql"
SHOWN_ROWS = 1000  # rows drawn on the page; the downloads carry all of them
DOWNLOADS = {  # endpoint format name -> (link text, file extension)
    "csv": ("CSV", "csv"), "tsv": ("TSV", "tsv"),
    "json": ("SPARQL JSON", "srj"), "xml": ("SPARQL XML", "srx"),
    "turtle": ("Turtle", "ttl"), "trig": ("TriG", "trig"),
    "nt": ("N-Triples", "nt"), "json-ld": ("JSON-LD", "jsonld"),
}

EDITOR_STYLE = """<style>
textarea.query{width:100%;min-height:14rem;font:0.9rem/1.4 ui-monospace,monospace;
box-sizing:border-box;padding:.5rem}
ul.examples li{margin:.2rem 0}ul.downloads{display:flex;gap:1rem;list-style:none;padding:0}
table.results td{font-size:.9em;word-break:break-word}
.error{background:#fde8e8;border-left:4px solid #c00;padding:.4rem .8rem;white-space:pre-wrap}
</style>"""


@dataclass
class Outcome:
    """What running the page's query gave: a table and its kind, or an error."""

    table: Table | None = None
    kind: str = ""  # SELECT, ASK, CONSTRUCT or DESCRIBE
    formats: Sequence[str] = ()  # the endpoint's format names for this kind
    seconds: float = 0.0
    error: str | None = None  # "Name: message (hint)"


def download_links(query: str, formats: Sequence[str]) -> Markup:
    """One link per format to the endpoint's answer for ``query`` in it."""
    items = "".join(
        f"<li>{link(href(ENDPOINT_PATH, query=query, format=f), text, download=f'results.{ext}')}"
        "</li>" for f in formats if f in DOWNLOADS for text, ext in [DOWNLOADS[f]])
    return Markup(f'<ul class="downloads" aria-label="downloads">{items}</ul>')


def _examples(examples: Sequence[Example]) -> Markup:
    items = "".join(f"<li>{link(href(EDITOR_PATH, example=e.key), e.title)} — {esc(e.about)}"
                    "</li>" for e in examples)
    return Markup(f'<h2>Examples</h2><ul class="examples">{items}</ul>')


def _results(outcome: Outcome, query: str) -> Markup:
    if outcome.error:
        return Markup(f'<h2>Error</h2><p class="error" role="alert">{esc(outcome.error)}</p>')
    t = outcome.table
    if t is None:
        return Markup("")
    count = len(t.rows)
    unit = "triple" if outcome.kind in ("CONSTRUCT", "DESCRIBE") else "row"
    summary = f"{outcome.kind}: {count} {unit}{'' if count == 1 else 's'} in " \
              f"{outcome.seconds:.2f} s"
    cut = (f'<p class="note">The first {SHOWN_ROWS} are shown; the downloads hold all '
           f"{count}.</p>" if count > SHOWN_ROWS else "")
    shown = table(t.columns, t.rows[:SHOWN_ROWS], cls="results") if t.rows else \
        Markup('<p class="empty">No results.</p>')
    return Markup(f"<h2>Results</h2><p>{esc(summary)}</p>"
                  f"<h3>Download</h3>{download_links(query, outcome.formats)}{cut}{shown}")


def sparql_page(query: str, examples: Sequence[Example], outcome: Outcome | None = None,
                note: str | None = None) -> str:
    """The whole page: the editor holding ``query``, the examples, and ``outcome``."""
    note_html = f'<p class="note">{esc(note)}</p>' if note else ""
    body = Markup(
        f"<p>Read-only SPARQL 1.1 over the loaded graph, within the endpoint's time, row "
        f"and memory limits. Programs can send the same query to "
        f"{link(ENDPOINT_PATH, ENDPOINT_PATH)} (the SPARQL 1.1 Protocol).</p>{note_html}"
        f'<form method="get" action="{EDITOR_PATH}" data-working>'
        f'<label for="query">Query</label>'
        f'<textarea class="query" id="query" name="query" spellcheck="false">{esc(query)}'
        f'</textarea><p><button type="submit">Run query</button> '
        f'<span class="working">working…</span></p></form>'
        f"{_results(outcome, query) if outcome else ''}{_examples(examples)}")
    return page("SPARQL query", body, head=EDITOR_STYLE)
