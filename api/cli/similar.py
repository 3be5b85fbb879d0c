"""The similarity commands: similar items, duplicates across partnerships, and review.

They call graph/similarity and only format. The model is imported on first use, so
these commands take some seconds longer than the others the first time in a process;
a spinner, then a bar of texts embedded, shows on standard error meanwhile.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from cspgraph.api.cli.app import app, guarded, out
from cspgraph.api.cli.output import Fmt, FmtOpt, GraphOpt, dataset, emit_json, source_text, table
from cspgraph.api.cli.progress import working

if TYPE_CHECKING:
    from cspgraph.graph.similarity.duplicates import Corpus
    from cspgraph.graph.store.types import KnowledgeGraph

PANEL = "Similar recommendations"
EMBEDDING = "loading the model and embedding items..."


class Status(StrEnum):
    """Review statuses a listing can ask for (graph/similarity/status.py CHOICES)."""

    pending = "pending"
    accepted = "accepted"
    rejected = "rejected"
    all = "all"


def _corpus(ds: KnowledgeGraph, graph: Path | None = None) -> Corpus:
    """The embedded items; a graph file's saved vectors (``cspgraph build``) are used."""
    from cspgraph.graph.similarity.vectors import corpus_for

    with working(EMBEDDING) as progress:
        return guarded(lambda: corpus_for(ds, graph_file=graph, progress=progress)[0])


def _label(item) -> str:
    where = " ".join(x for x in (item.theme or item.parent or "", item.number or "") if x)
    return f"{where}: {item.label}" if where else item.label


@app.command(rich_help_panel=PANEL)
def similar(
    query: Annotated[str, typer.Argument(help="Free text, or an item's id (its IRI).")],
    top: Annotated[int, typer.Option("--top", min=1, help="How many neighbours.")] = 10,
    same_document: Annotated[bool, typer.Option(
        "--same-document", help="Also list items of the item's own document.")] = False,
    graph: GraphOpt = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """Items most like a text or an item, from other documents, with scores and sources."""
    from cspgraph.graph.similarity.duplicates import (
        embedded_item,
        is_item_ref,
        query_text,
        similar_to_item,
        similar_to_text,
    )

    by_id = is_item_ref(query)
    if not by_id:
        guarded(lambda: query_text(query))  # refused before the model loads
    ds = dataset(graph)
    corpus = _corpus(ds, graph)
    if by_id:
        item = guarded(lambda: embedded_item(corpus, query))
        found = similar_to_item(ds, corpus, item, top, same_document)
    else:
        with working(EMBEDDING):  # the model loads here when every item was cached
            found = guarded(lambda: similar_to_text(ds, corpus, query, top))
    if fmt is Fmt.json:
        emit_json(found)
        return
    rows = [(f"{n.score:.2f}", n.item.doc_id, _label(n.item), source_text(n.sources))
            for n in found]
    out.print(table(f"Most like: {query}", ("score", "document", "item", "source"), rows))


@app.command(rich_help_panel=PANEL)
def duplicates(
    min_score: Annotated[float | None, typer.Option(
        "--min-score", help="Lowest score (default: the calibrated one).")] = None,
    cluster: Annotated[bool, typer.Option(
        "--cluster", help="Group pairs into clusters of near-duplicates.")] = False,
    status: Annotated[Status | None, typer.Option(
        "--status", help="Only pairs in this review state: pending, accepted, rejected, or "
        "all (default: all but rejected).")] = None,
    graph: GraphOpt = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """Near-duplicate items across partnerships, side by side with their sources and
    review status (rejected pairs only with --status rejected or all)."""
    from cspgraph.graph.similarity.duplicates import DEFAULT_MIN_SCORE, clusters, duplicate_pairs
    from cspgraph.graph.similarity.status import with_status

    ds = dataset(graph)
    pairs = duplicate_pairs(ds, _corpus(ds, graph),
                            DEFAULT_MIN_SCORE if min_score is None else min_score)
    pairs = with_status(ds, pairs, status.value if status else None)
    if cluster:
        groups = clusters(pairs)
        if fmt is Fmt.json:
            emit_json(groups)
            return
        rows = [(str(n), item.doc_id, _label(item)) for n, group in enumerate(groups, 1)
                for item in group]
        out.print(table(f"{len(groups)} clusters of near-duplicates",
                        ("cluster", "document", "item"), rows))
        return
    if fmt is Fmt.json:
        emit_json(pairs)
        return
    rows = [(f"{p.score:.2f}", p.status, Text(_label(p.a)), source_text(p.a_sources, 40),
             Text(_label(p.b)), source_text(p.b_sources, 40)) for p in pairs]
    out.print(table(f"{len(pairs)} near-duplicate pairs across documents",
                    ("score", "status", "item", "source", "similar item", "source"), rows))


def _side(side: str, label: str, refs: list) -> list[tuple]:
    """Table rows for one side of a suggestion: its label, then each place it is written."""
    places = [(Text(r.document), r.lines, Text(f"\u201c{' '.join(r.quote.split())}\u201d"))
              for r in refs] or [("", "", "")]
    return [(side if n == 0 else "", Text(label) if n == 0 else "", *place)
            for n, place in enumerate(places)]


@app.command(rich_help_panel=PANEL)
def review(
    curation: Annotated[Path, typer.Option(
        "--curation", help="The curation file the decisions are appended to.")
                        ] = Path("curation.yaml"),
    graph: GraphOpt = None,
    author: Annotated[str | None, typer.Option("--author", help="Who is reviewing.")] = None,
    kind: Annotated[str, typer.Option(
        "--kind", help="duplicate, alignment, 'same as' or all.")] = "all",
) -> None:
    """Confirm or reject pending suggestions one by one (y/n/s to skip/q to quit).

    Decisions go to the curation file, so they survive rebuilds: a rejected suggestion is
    not suggested again, a confirmed one answers queries as a curated fact.
    """
    from cspgraph.graph import queries as q
    from cspgraph.graph.build.curation import append_entries
    from cspgraph.graph.queries.review import named_at

    ds = dataset(graph)
    if not any(s.kind != "same as" for s in q.suggestions(ds)):
        from cspgraph.graph.similarity.suggest import suggest

        corpus = _corpus(ds, graph)
        with working("suggesting links..."):
            guarded(lambda: suggest(ds, corpus))
    pending = [s for s in q.suggestions(ds, "pending") if kind in ("all", s.kind)]
    out.print(f"{len(pending)} pending suggestions; decisions go to {curation}")
    decided = 0
    for s in pending:
        rows = [row for side, e in (("this", s.subject), ("that", s.proposal))
                for row in _side(side, e.label, named_at(ds, e.iri))]
        out.print(table(f"{s.kind} suggestion, score {s.score:.2f}",
                        ("", "item", "document", "line", "quoted text"), rows))
        answer = typer.prompt("same? [y]es / [n]o / [s]kip / [q]uit", default="s").lower()[:1]
        if answer == "q":
            break
        if answer not in ("y", "n"):
            continue
        reason = typer.prompt("reason (optional)", default="", show_default=False)
        status = "accepted" if answer == "y" else "rejected"
        entry = ({"name": s.subject.iri, "same_as": s.proposal.iri, "status": status}
                 if s.kind == "same as" else {"suggestion": s.iri, "status": status})
        if reason:
            entry["reason"] = reason
        guarded(lambda e=entry: append_entries(curation, [{"review": e}], author,
                                               date.today().isoformat()))
        decided += 1
    out.print(f"{decided} decisions written to {curation}; rebuild with "
              f"'cspgraph build --suggest --curation {curation}' to apply them")
