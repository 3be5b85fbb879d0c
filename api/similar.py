"""The similarity commands: similar items, duplicates across partnerships, and review.

They call graph/similarity and only format. The model is imported on first use, so
these commands take some seconds longer than the others the first time in a process.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from cspgraph.api.cli import app, err, guarded, out
from cspgraph.api.output import Fmt, FmtOpt, GraphOpt, dataset, emit_json, source_text, table

if TYPE_CHECKING:
    from rdflib import Dataset

    from cspgraph.graph.similarity.duplicates import Corpus

PANEL = "Similar recommendations"


def _corpus(ds: Dataset) -> Corpus:
    from cspgraph.graph.similarity.duplicates import build_corpus

    with err.status("embedding items (the model loads once)..."):
        return guarded(lambda: build_corpus(ds))


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
    from cspgraph.graph.similarity.duplicates import similar_to_item, similar_to_text

    ds = dataset(graph)
    corpus = _corpus(ds)
    if query.startswith(("http://", "https://")):
        if corpus.index(query) is None:
            err.print(f"[red]error:[/red] no embedded item has the id {query}")
            raise typer.Exit(2)
        found = similar_to_item(ds, corpus, query, top, same_document)
    else:
        found = similar_to_text(ds, corpus, query, top)
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
    graph: GraphOpt = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """Near-duplicate items across partnerships, side by side with their sources."""
    from cspgraph.graph.similarity.duplicates import DEFAULT_MIN_SCORE, clusters, duplicate_pairs

    ds = dataset(graph)
    pairs = duplicate_pairs(ds, _corpus(ds), DEFAULT_MIN_SCORE if min_score is None else min_score)
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
    rows = [(f"{p.score:.2f}", Text(_label(p.a)), source_text(p.a_sources, 40), Text(_label(p.b)),
             source_text(p.b_sources, 40)) for p in pairs]
    out.print(table(f"{len(pairs)} near-duplicate pairs across documents",
                    ("score", "item", "source", "similar item", "source"), rows))


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
    from cspgraph.graph.curation import append_entries

    ds = dataset(graph)
    if not any(s.kind != "same as" for s in q.suggestions(ds)):
        from cspgraph.graph.similarity.suggest import suggest

        corpus = _corpus(ds)
        guarded(lambda: suggest(ds, corpus))
    pending = [s for s in q.suggestions(ds, "pending") if kind in ("all", s.kind)]
    out.print(f"{len(pending)} pending suggestions; decisions go to {curation}")
    decided = 0
    for s in pending:
        out.print(table(f"{s.kind} suggestion, score {s.score:.2f}", ("", "item"),
                        [("this", Text(s.subject.label)), ("that", Text(s.proposal.label))]))
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
