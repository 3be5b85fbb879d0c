"""Run read-only SPARQL queries, within a time and row limit, and render their results.

``run_query`` is the plain call of the command line. ``run_limited`` is what the HTTP
endpoint uses: it parses the query once, refuses updates (403), remote access (SERVICE,
FROM an IRI that is not one of the dataset's graphs), then evaluates it in the calling
thread, reading the lazy result row by row and checking a deadline and the row count
between rows. Parts of a query that rdflib evaluates eagerly (ORDER BY, aggregates,
CONSTRUCT) are stopped at the deadline by a watchdog that raises in the evaluating thread.
Past a limit the answer is an error, never a truncated result.
"""

from __future__ import annotations

import ctypes
import threading
import time
from dataclasses import dataclass

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.query import Result

from cspgraph.errors import (
    NotAcceptableError,
    NotFoundError,
    QueryError,
    QueryRefused,
    QueryTimeout,
    QueryTooLarge,
)

_UPDATE_WORDS = ("insert", "delete", "load", "clear", "drop", "create", "add", "move", "copy")

RESULT_FORMATS = {  # SELECT and ASK: format name -> media type
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_FORMATS = {  # CONSTRUCT and DESCRIBE: format name -> media type
    "turtle": "text/turtle",
    "trig": "application/trig",
    "nt": "application/n-triples",
    "json-ld": "application/ld+json",
}
_RDFLIB_NAMES = {"nt": "nt11"}
MEDIA_ALIASES = {  # extra media types clients send, beside the canonical ones
    "application/json": "json", "application/xml": "xml", "text/xml": "xml",
    "application/x-turtle": "turtle", "text/plain": "nt", "application/x-trig": "trig",
    "application/json+ld": "json-ld",
}


@dataclass
class Table:
    """A SELECT result as plain strings: column names and rows."""

    columns: list[str]
    rows: list[list[str]]


@dataclass
class Answer:
    """A query's whole result, read within the limits."""

    result: Result
    kind: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    size: int  # rows, or triples for CONSTRUCT and DESCRIBE
    seconds: float

    @property
    def is_graph(self) -> bool:
        return self.kind in ("CONSTRUCT", "DESCRIBE")


def _refuse_service(_ctx: object, part: object) -> object:
    """rdflib custom evaluation: a SERVICE pattern anywhere in a query is refused when it is
    evaluated (inside EXISTS, a sub-query or an expression as well), so nothing this process
    evaluates ever calls another server."""
    if getattr(part, "name", None) == "ServiceGraphPattern":
        raise QueryError("SERVICE is not allowed: this endpoint never calls other servers",
                         "query this dataset only")
    raise NotImplementedError  # every other part: rdflib's own evaluation


def switch_off_federation() -> None:
    """Switch off rdflib's remote access for this process: no SERVICE, and no graph fetched
    for a FROM or FROM NAMED the dataset does not hold."""
    import rdflib.plugins.sparql as rdflib_sparql

    rdflib_sparql.SPARQL_LOAD_GRAPHS = False
    rdflib_sparql.CUSTOM_EVALS["cspgraph-no-service"] = _refuse_service


switch_off_federation()


def run_query(ds: Dataset, query: str) -> Result:
    """Run a read-only query with the endpoint's checks (no update, no SERVICE, no remote
    FROM); QueryError for a syntax error or an unsafe query."""
    prepared = prepare(ds, query)
    try:
        return ds.query(prepared)
    except QueryError:
        raise
    except Exception as exc:  # pyparsing and rdflib raise many kinds for one cause
        raise QueryError(f"cannot run query: {_first_line(exc)}",
                         "check the SPARQL syntax") from exc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:300] if text else type(exc).__name__


def _looks_like_update(query: str) -> bool:
    from rdflib.plugins.sparql.parser import parseUpdate

    lowered = query.lower()
    if not any(word in lowered for word in _UPDATE_WORDS):
        return False
    try:
        parseUpdate(query)
    except Exception:
        return False
    return True


def prepare(ds: Dataset, query: str):
    """Parse and check a query: QueryRefused for an update, QueryError for anything unsafe."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    if not query or not query.strip():
        raise QueryError("no query given", "send a SPARQL query in the 'query' parameter")
    try:
        prepared = translateQuery(parseQuery(query))
    except Exception as exc:  # pyparsing and rdflib raise many kinds for one cause
        if _looks_like_update(query):
            raise QueryRefused("updates are not allowed: this endpoint is read-only",
                               "send SELECT, ASK, CONSTRUCT or DESCRIBE") from exc
        raise QueryError(f"cannot parse query: {_first_line(exc)}",
                         "check the SPARQL syntax") from exc
    if _uses(prepared.algebra, "ServiceGraphPattern"):
        raise QueryError("SERVICE is not allowed: this endpoint never calls other servers",
                         "query this dataset only")
    graphs = {g.identifier for g in ds.graphs() if len(g)}
    for clause in prepared.algebra.get("datasetClause") or []:
        iri = clause["default"] if "default" in clause else clause["named"]
        if iri not in graphs:  # an empty graph is fetched by rdflib, so it is refused too
            raise QueryError(f"FROM <{iri}>: no such graph in this dataset",
                             "name one of the dataset's graphs; nothing is fetched")
    return prepared


def _uses(node: object, name: str, depth: int = 0) -> bool:
    from rdflib.plugins.sparql.parserutils import CompValue

    if depth > 200:  # too deep to check is too deep to run
        raise QueryError("query too deeply nested", "simplify the query")
    if isinstance(node, CompValue):
        if node.name == name:
            return True
        return any(_uses(v, name, depth + 1) for v in node.values())
    if isinstance(node, (list, tuple)):
        return any(_uses(v, name, depth + 1) for v in node)
    return False


class _Deadline(BaseException):
    """Raised inside the evaluating thread by the watchdog (never escapes run_limited)."""


class _Watchdog:
    """Raise _Deadline in this thread after ``seconds`` unless disarmed first."""

    def __init__(self, seconds: float) -> None:
        self.thread = threading.get_ident()
        self.lock = threading.Lock()
        self.armed, self.fired = True, False
        self.timer = threading.Timer(max(seconds, 0.0), self._fire)
        self.timer.daemon = True

    def _fire(self) -> None:
        with self.lock:
            if self.armed:
                self.fired = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.thread),
                                                           ctypes.py_object(_Deadline))

    def __enter__(self) -> _Watchdog:
        self.timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.timer.cancel()
        with self.lock:
            self.armed = False
            if self.fired:  # clear it if it has not been raised yet
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.thread), None)


def run_limited(ds: Dataset, query: str, timeout: float, max_rows: int) -> Answer:
    """Evaluate a read-only query within ``timeout`` seconds and ``max_rows`` rows.

    QueryRefused (403) for an update, QueryError (400) for a bad query, QueryTimeout (503)
    past the time limit, QueryTooLarge (413) past the row limit. Blocks: call it from a
    worker thread.
    """
    prepared = prepare(ds, query)
    started = time.monotonic()
    deadline = started + timeout
    try:
        with _Watchdog(timeout):
            result = ds.query(prepared)
            size = _drain(result, deadline, max_rows, timeout)
    except _Deadline:
        raise _timeout(timeout) from None
    except QueryError:
        raise
    except RecursionError as exc:
        raise QueryError("query too deeply nested", "simplify the query") from exc
    except MemoryError:
        raise  # the worker process answers it as over the memory limit
    except Exception as exc:  # evaluation errors are the query's, not the server's
        raise QueryError(f"cannot run query: {_first_line(exc)}",
                         "check the SPARQL syntax and functions used") from exc
    return Answer(result, result.type, size, time.monotonic() - started)


def _drain(result: Result, deadline: float, max_rows: int, timeout: float) -> int:
    """Read the lazy result whole, checking the deadline and row count between rows."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        size = len(result.graph)
    elif result.type == "ASK":
        return 1
    else:
        size = 0
        for _row in result:
            size += 1
            if size > max_rows:
                break
            if time.monotonic() > deadline:
                raise _timeout(timeout)
    if size > max_rows:
        unit = "triples" if result.type in ("CONSTRUCT", "DESCRIBE") else "rows"
        raise QueryTooLarge(f"the result has more than {max_rows} {unit} (the row limit)",
                            "add LIMIT and OFFSET to read it in pages, or narrow the query")
    return size


def _timeout(timeout: float) -> QueryTimeout:
    return QueryTimeout(f"query stopped after {timeout:g} s (the time limit)",
                        "narrow the query: bind more variables, or add LIMIT")


def negotiate(accept: str | None, offers: dict[str, str], default: str) -> str:
    """The format name (a value of ``offers``: media type -> name) ``accept`` prefers.

    No Accept header, or ``*/*``, gives ``default``; nothing acceptable raises
    NotAcceptableError (406).
    """
    if not accept or not accept.strip():
        return default
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept.split(",")):
        media, _, params = part.strip().partition(";")
        media = media.strip().lower()
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0 and media:
            ranked.append((-quality, position, media))
    for _q, _pos, media in sorted(ranked):
        if media in offers:
            return offers[media]
        if media in ("*/*", "*"):
            return default
        if media.endswith("/*"):
            kind = media[:-1]
            for offered, name in offers.items():
                if offered.startswith(kind):
                    return name
    raise NotAcceptableError(f"cannot answer in {accept[:200]}",
                             f"accept one of {', '.join(sorted(set(offers)))}")


def answer_format(kind: str, accept: str | None, fmt: str | None = None) -> tuple[str, str]:
    """The format name and Content-Type for a ``kind`` (SELECT, ASK, CONSTRUCT, DESCRIBE)
    result: ``fmt`` when given (NotAcceptableError if the result cannot take it), else the
    one ``accept`` prefers; SPARQL JSON or Turtle by default."""
    is_graph = kind in ("CONSTRUCT", "DESCRIBE")
    kinds = GRAPH_FORMATS if is_graph else RESULT_FORMATS
    if fmt is not None:
        if fmt not in kinds:
            raise NotAcceptableError(f"a {kind} result cannot be given as '{fmt[:40]}'",
                                     f"use format {', '.join(kinds)}")
        chosen = fmt
    else:
        offers = {media: name for name, media in kinds.items()}
        offers.update({m: n for m, n in MEDIA_ALIASES.items() if n in kinds})
        chosen = negotiate(accept, offers, "turtle" if is_graph else "json")
    media = kinds[chosen]
    charset = "" if chosen == "json-ld" or "json" in media else "; charset=utf-8"
    return chosen, media + charset


def render_answer(answer: Answer, fmt: str) -> bytes:
    """The answer in ``fmt``: a RESULT_FORMATS name for SELECT/ASK, GRAPH_FORMATS otherwise."""
    result = answer.result
    if answer.is_graph:
        if fmt not in GRAPH_FORMATS:
            raise QueryError(f"a {answer.kind} result cannot be given as '{fmt}'",
                             f"use one of {', '.join(GRAPH_FORMATS)}")
        graph = result.graph
        if fmt == "trig":  # the triples in the default graph, not a blank-node graph
            from cspgraph.graph.store.backends import new_dataset

            quads = new_dataset()
            quads.default_graph.addN((s, p, o, quads.default_graph) for s, p, o in graph)
            return quads.serialize(format="trig", encoding="utf-8")
        for prefix, namespace in _prefixes():
            graph.bind(prefix, namespace, override=True)
        return graph.serialize(format=_RDFLIB_NAMES.get(fmt, fmt), encoding="utf-8")
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"a {answer.kind} result cannot be given as '{fmt}'",
                         f"use one of {', '.join(RESULT_FORMATS)}")
    if fmt in ("csv", "tsv") and answer.kind == "ASK":
        header = "ask" if fmt == "csv" else "?ask"
        return f"{header}\r\n{str(bool(result.askAnswer)).lower()}\r\n".encode()
    if fmt == "tsv":
        return _tsv(result).encode("utf-8")
    if fmt == "csv":
        return _csv(result).encode("utf-8")
    return result.serialize(format=fmt, encoding="utf-8")


def _csv(result: Result) -> str:
    """SPARQL 1.1 CSV, with a value a spreadsheet would run as a formula ("=HYPERLINK(...)",
    "+1", "@SUM") made plain text by a leading apostrophe."""
    from cspgraph.graph.queries.spreadsheet import csv_text

    return csv_text([str(v) for v in result.vars or []], result)


def _prefixes() -> list[tuple[str, object]]:
    from cspgraph.graph.store.backends import new_dataset

    return list(new_dataset().namespaces())


def _tsv(result: Result) -> str:
    """SPARQL 1.1 TSV: ``?var`` headers, terms in N-Triples syntax, empty when unbound."""
    names = [str(v) for v in result.vars or []]
    lines = ["\t".join(f"?{n}" for n in names)]
    for row in result:
        lines.append("\t".join("" if term is None else _tsv_term(term) for term in row))
    return "\n".join(lines) + "\n"


def _tsv_term(term: object) -> str:
    if isinstance(term, (URIRef, BNode, Literal)):
        text = term.n3()
        return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return str(term)


def render(result: Result, fmt: str) -> str:
    """The result as 'json', 'csv', 'xml', 'tsv' (SELECT/ASK) or 'turtle' (CONSTRUCT)."""
    kind = result.type
    size = len(result.graph) if kind in ("CONSTRUCT", "DESCRIBE") else 0
    answer = Answer(result, kind, size, 0.0)
    if answer.is_graph:
        fmt = "turtle"
    elif fmt not in RESULT_FORMATS:
        raise QueryError(f"unknown result format '{fmt}'", "use table, json, csv, tsv or xml")
    return render_answer(answer, fmt).decode("utf-8")


def as_table(result: Result) -> Table:
    """A SELECT or ASK result as a Table of strings."""
    if result.type == "ASK":
        return Table(["ask"], [[str(bool(result.askAnswer)).lower()]])
    if result.type != "SELECT":
        raise QueryError("only SELECT and ASK results make a table", "use --format turtle")
    columns = [str(v) for v in result.vars or []]
    rows = [["" if v is None else str(v) for v in row] for row in result]
    return Table(columns, rows)


def answer_table(answer: Answer) -> Table:
    """Any answer as a Table of strings: SELECT and ASK as ``as_table``, CONSTRUCT and
    DESCRIBE as their triples (subject, predicate, object), sorted."""
    if not answer.is_graph:
        return as_table(answer.result)
    rows = sorted([str(s), str(p), str(o)] for s, p, o in answer.result.graph)
    return Table(["subject", "predicate", "object"], rows)


def one_graph(ds: Dataset, iri: str | None) -> Dataset:
    """The dataset itself, or a dataset holding only its named graph ``iri``."""
    if iri is None:
        return ds
    from cspgraph.graph.store.backends import bind_prefixes, new_dataset

    wanted = URIRef(iri)
    if wanted not in {g.identifier for g in ds.graphs()} or len(ds.graph(wanted)) == 0:
        raise NotFoundError(f"no named graph <{iri}> in this dataset",
                            "list them with SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }")
    out = new_dataset()
    bind_prefixes(out)
    target = out.graph(wanted)
    for triple in ds.graph(wanted):
        target.add(triple)
    return out


def graph_names(ds: Dataset) -> list[str]:
    """The IRIs of the dataset's non-empty named graphs, sorted."""
    return sorted(str(g.identifier) for g in ds.graphs()
                  if g.identifier != ds.default_graph.identifier and len(g))
