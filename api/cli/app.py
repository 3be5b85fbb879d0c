"""The ``cspgraph`` command line. It holds no logic: each command calls graph/ or loaders/.

Exit codes (also in docs/cli.md and docs/errors.md; each error class carries its own):
  0  success; for ``validate``, the graph conforms
  1  done, with problems: ``validate`` found violations, or ``build`` skipped some files
     or found stale curation entries
  2  usage or bad input: nothing was done (bad arguments, unreadable input, no document
     loaded)
  3  a name matches nothing, or several things
  4  a graph file or the SPARQL store could not be read or written
  5  a query was malformed, refused, too slow or too large
  6  a setting cannot be used
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from cspgraph import __version__
from cspgraph.api.cli.options import CurationOpt, FollowLinksOpt, GraphFileOpt
from cspgraph.errors import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, BadInputError, CspGraphError

app = typer.Typer(
    help="Read community safety plans into one RDF graph of who owns what, and query it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(text: object) -> str:
    """``text`` fit for the terminal: control characters (ANSI escapes) shown as "?" and
    rich markup escaped, so a file name such as "[/x].txt" prints as it is."""
    return escape(_CONTROL.sub("?", str(text)))
T = TypeVar("T")

EXIT_ERROR = EXIT_USAGE


def guarded(fn: Callable[[], T]) -> T:
    """Run ``fn``; a CspGraphError becomes a message and a hint, on two lines, and its
    class's exit code (2 to 6, docs/errors.md)."""
    try:
        return fn()
    except CspGraphError as exc:
        err.print(f"[red]error:[/red] {safe(exc.message)}", highlight=False, markup=True)
        if exc.hint:
            err.print(f"hint: {safe(exc.hint)}", highlight=False, markup=False)
        raise typer.Exit(exc.exit_code) from None


def _version(value: bool) -> None:
    if value:
        out.print(f"cspgraph {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """cspgraph: who chairs, leads and reports to what, with sources."""


@app.command()
def build(
    docs: Annotated[list[Path] | None, typer.Argument(
        help="Documents or folders to load. Default: the bundled sample corpus.")] = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="Graph file to write.")] = Path(
        "graph.trig"),
    fmt: Annotated[str | None, typer.Option("--format", help="trig, nquads, turtle or json-ld. "
                                            "Default: from the file suffix.")] = None,
    verbose: Annotated[bool, typer.Option("-v", "--verbose",
                                          help="List the text of lines not understood.")] = False,
    curation: CurationOpt = None,
    suggest: Annotated[bool, typer.Option(
        "--suggest", help="Also embed the items and store scored duplicate and alignment "
        "suggestions (loads the model).")] = False,
    follow_links: FollowLinksOpt = False,
    embed: Annotated[bool, typer.Option(
        "--embed/--no-embed", help="Embed the items for similarity and write the vectors "
        "beside the graph (<output>.vectors.npy and .json), so 'serve --graph' answers "
        "similarity without the model.")] = True,
) -> None:
    """Load documents into a graph file and embed its items, printing facts and coverage
    per document."""
    from cspgraph.graph.build.dataset import build as build_graph
    from cspgraph.graph.store.io import guess_format, save
    from cspgraph.settings import Settings

    guarded(lambda: guess_format(output, fmt))
    settings = guarded(lambda: Settings.from_env(follow_links=follow_links or None))
    with err.status("loading documents and embedding items (the model loads once)..."
                    if suggest else "loading documents..."):
        result = guarded(lambda: build_graph(docs or None, settings, curation=curation or (),
                                             suggest=suggest))
    _print_build(result, verbose)
    if result.suggestions is not None:
        s = result.suggestions
        out.print(f"suggested: {s.duplicates} duplicate pairs, {s.alignments} alignments "
                  f"({s.accepted} accepted and {s.rejected} rejected by review)")
    if result.published is not None:
        out.print(result.published.summary(), highlight=False, markup=False)
    for line in result.curation.applied:
        out.print(f"curated: {safe(line)}", highlight=False)
    for line in result.curation.stale:
        err.print(f"[yellow]stale curation entry:[/yellow] {safe(line)}", highlight=False)
    if not result.loaded:
        err.print("[red]error:[/red] no document could be loaded; nothing was written")
        raise typer.Exit(EXIT_ERROR)
    used = guarded(lambda: save(result.dataset, output, fmt))
    quads = len(result.dataset)
    out.print(f"wrote {safe(output)} ({used}, {quads} triples in {len(result.loaded)} "
              "document graphs)")
    if embed:
        _embed_build(result.dataset, output, settings)
    if result.failed or result.curation.stale:
        raise typer.Exit(EXIT_PROBLEMS)


def _embed_build(dataset, output: Path, settings) -> None:
    """Embed the built graph's items and write the vectors beside ``output``."""
    from cspgraph.api.cli.progress import working
    from cspgraph.graph.similarity.vectors import embed_graph, save_vectors

    with working("embedding items for similarity...") as progress:
        vectors = guarded(lambda: embed_graph(dataset, settings, progress))
    npy, _ = guarded(lambda: save_vectors(output, vectors))
    out.print(f"wrote {safe(npy)} ({len(vectors.iris)} items, "
              f"{vectors.nbytes / 1e6:.1f} MB, model {safe(vectors.model)})")


def _print_build(result, verbose: bool) -> None:
    from cspgraph.api.cli.output import table

    rows = []
    for r in result.reports:
        if not r.ok:
            rows.append((_CONTROL.sub("?", Path(r.path).name), "not loaded", "", "", "", "", "",
                         "", "see below"))
            continue
        cov = r.coverage
        missing = _ranges(cov.not_understood) if cov else ""
        if len(missing) > 30:
            missing = missing[:30].rsplit(",", 1)[0] + ", ..."
        reader = r.result.document.reader if r.result else ""
        rows.append((_CONTROL.sub("?", Path(r.path).name),
                     f"{reader} (unchanged)" if r.reused else reader,
                     str(r.facts), str(len(r.candidates)), str(r.triples),
                     f"{cov.share:.0%} of {cov.total}" if cov else "",
                     str(len(cov.partly)) if cov else "",
                     str(len(cov.furniture)) if cov else "", missing or "none"))
    out.print(table("Documents", ("document", "read as", "facts", "candidates", "triples",
                                  "understood", "partly", "furniture", "lines not understood"),
                    rows))
    if not verbose and any(r.ok and r.coverage and r.coverage.not_understood
                           for r in result.reports):
        out.print("(-v lists every line not understood and every candidate fact)")
    for r in result.reports:
        if not r.ok:
            err.print(f"[yellow]skipped:[/yellow] {safe(r.error)}", highlight=False)
        for warning in r.warnings:
            err.print(f"[yellow]warning:[/yellow] {safe(Path(r.path).name)}: {safe(warning)}",
                      highlight=False)
        for problem in r.problems:
            err.print(f"[yellow]note:[/yellow] {safe(problem)}", highlight=False)
        if verbose and r.ok and r.coverage and r.result:
            for n in r.coverage.not_understood:
                line = r.result.document.plain_line(n)[:120]
                out.print(f"  {safe(Path(r.path).name)}:{n}: {safe(line)}", highlight=False)
            for c in r.candidates:
                out.print(f"  candidate {safe(Path(r.path).name)}:{c.line}: {c.type} "
                          f"({safe(c.says[:100])}) read by {c.made_by}, "
                          f"{c.confidence:.0%} sure", highlight=False)


def _ranges(numbers: list[int]) -> str:
    """'3-5, 9' from [3, 4, 5, 9]."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)


@app.command()
def validate(
    graph: Annotated[Path, typer.Argument(help="A graph file written by 'cspgraph build'.")],
) -> None:
    """Run the SHACL governance shapes; exit 0 if the graph conforms, 1 if not."""
    from cspgraph.graph.build.validate import validate as run_validation
    from cspgraph.graph.store.io import load

    ds = guarded(lambda: load(graph))
    report = run_validation(ds)
    if report.findings:
        from cspgraph.api.cli.output import table

        groups: dict[tuple[str, str], list[str]] = {}
        for f in report.findings:
            groups.setdefault((f.severity, f.message), []).append(f.label)
        rows = [(severity, _CONTROL.sub("?", message), str(len(labels)),
                 _CONTROL.sub("?", "; ".join(sorted(set(labels))[:3])))
                for (severity, message), labels in groups.items()]
        out.print(table("Governance report", ("severity", "finding", "count", "examples"), rows))
    verdict = "conforms" if report.conforms else "does not conform"
    out.print(f"{safe(graph)}: {verdict} ({len(report.findings)} findings, "
              f"{len(report.violations())} violations)")
    raise typer.Exit(EXIT_OK if report.conforms else EXIT_PROBLEMS)


@app.command()
def query(
    graph: Annotated[Path, typer.Argument(help="A graph file written by 'cspgraph build'.")],
    sparql: Annotated[str, typer.Argument(help="A SPARQL SELECT, ASK or CONSTRUCT query.")],
    fmt: Annotated[str, typer.Option("--format", help="table, json, csv, tsv or xml.")] = "table",
) -> None:
    """Run a read-only SPARQL query over a graph file."""
    from cspgraph.graph.queries.sparql import as_table, render, run_query
    from cspgraph.graph.store.io import load

    ds = guarded(lambda: load(graph))
    result = guarded(lambda: run_query(ds, sparql))
    if fmt == "table" and result.type in ("SELECT", "ASK"):
        from cspgraph.api.cli.output import table

        data = as_table(result)
        out.print(table("", [_CONTROL.sub("?", c) for c in data.columns],
                        [[_CONTROL.sub("?", cell) for cell in row] for row in data.rows]))
        out.print(f"{len(data.rows)} rows")
        return
    sys.stdout.write(guarded(lambda: render(result, fmt)))


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="trig, nquads, turtle or json-ld; or "
                                     "csv, with --table.")],
    graph_file: Annotated[Path | None, typer.Argument(
        metavar="GRAPH", help="A graph file written by 'cspgraph build' (or --graph). "
        "Default: build the bundled samples in memory.")] = None,
    table: Annotated[str | None, typer.Option(
        "--table", help="With --format csv: the register, governance, actions or "
        "priorities.")] = None,
    graph: GraphFileOpt = None,
    area: Annotated[str | None, typer.Option(
        "--area", help="With --table: only what documents of this area state.")] = None,
    plan: Annotated[str | None, typer.Option(
        "--plan", help="With --table: only what this document states.")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output",
                                                help="File to write. Default: standard output.")
                      ] = None,
) -> None:
    """Convert a graph to another RDF format, or write a register as CSV (atomically)."""
    from cspgraph.api.cli.output import dataset
    from cspgraph.graph.queries.registers import REGISTERS, register, register_csv, register_rows
    from cspgraph.graph.store.io import save, serialize, write_atomic

    tables = " or ".join((", ".join(list(REGISTERS)[:-1]), list(REGISTERS)[-1]))
    if fmt == "csv" and table is None:
        guarded(lambda: _refuse("--format csv needs --table", f"add --table {tables}"))
    if fmt != "csv" and (table or area or plan):
        guarded(lambda: _refuse("--table, --area and --plan go with --format csv",
                                "add --format csv, or leave them out for an RDF format"))
    if graph is not None and graph_file is not None and graph != graph_file:
        guarded(lambda: _refuse("two graph files given", "give GRAPH or --graph, not both"))
    if table is not None:
        guarded(lambda: register(table))  # an unknown table fails before the graph is read
    ds = dataset(graph or graph_file)
    if table is None:
        if output is None:
            sys.stdout.write(guarded(lambda: serialize(ds, fmt)).decode("utf-8"))
            return
        guarded(lambda: save(ds, output, fmt))
        out.print(f"wrote {safe(output)} ({fmt})")
        return
    rows = guarded(lambda: register_rows(ds, table, area, plan))
    text = register_csv(table, rows)
    if output is None:
        sys.stdout.write(text)
        return
    guarded(lambda: write_atomic(output, text.encode("utf-8")))
    out.print(f"wrote {safe(output)} ({table} register, {len(rows)} rows)")


def _refuse(message: str, hint: str) -> None:
    """Stop a command whose options do not go together (exit code 2, via guarded)."""
    raise BadInputError(message, hint)


@app.command()
def serve(
    docs: Annotated[list[Path] | None, typer.Argument(
        help="Documents or folders to serve. Default: the bundled sample corpus.")] = None,
    graph: Annotated[Path | None, typer.Option(
        "--graph", help="Serve a graph file written by 'cspgraph build' instead.")] = None,
    host: Annotated[str | None, typer.Option(
        "--host", help="Address to bind (default 127.0.0.1, setting CSPGRAPH_HOST).")] = None,
    port: Annotated[int | None, typer.Option(
        "--port", help="Port (default 8000, setting CSPGRAPH_PORT).")] = None,
    curation: CurationOpt = None,
    follow_links: FollowLinksOpt = False,
) -> None:
    """Build (or load) the graph and serve the API, the SPARQL endpoint and the pages."""
    import uvicorn

    from cspgraph.api.cli.progress import log_to_stderr
    from cspgraph.api.http.app import create_app
    from cspgraph.api.http.state import GraphState
    from cspgraph.settings import Settings

    log_to_stderr()  # embedding at start-up, model loading for text queries, errors
    settings = guarded(lambda: Settings.from_env(follow_links=follow_links or None))
    state = GraphState(settings, docs or [], graph, curation or [], embed=True)
    with err.status("building the graph and embedding its items (once, before serving)..."):
        guarded(lambda: state.snapshot)
    built = state.snapshot.build
    if built is not None:  # what was read, skipped and not understood, as 'build' says it
        _print_build(built, verbose=False)
        if not built.loaded:
            err.print("[red]error:[/red] no document could be loaded; nothing to serve")
            raise typer.Exit(EXIT_ERROR)
    bind_host, bind_port = host or settings.host, port or settings.port
    base = f"http://{bind_host}:{bind_port}"
    out.print(f"cspgraph {__version__} serving {len(state.snapshot.dataset)} triples")
    out.print(f"  landing page: {base}/")
    out.print(f"  API docs:     {base}/docs")
    out.print(f"  SPARQL:       {base}/sparql")
    uvicorn.run(create_app(state), host=bind_host, port=bind_port, log_level="warning")


def main() -> None:
    """Entry point of the ``cspgraph`` command."""
    app()


from cspgraph.api.cli import ask, similar, viz  # noqa: E402, F401  (registers the ask commands on app)
