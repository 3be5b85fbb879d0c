"""Routes: the read-only SPARQL 1.1 Protocol endpoint, ``GET`` and ``POST /sparql``.

The query is evaluated by ``graph.sparql_worker.run_isolated`` in a worker process, within the
``sparql_timeout`` and ``sparql_max_rows`` settings, so the event loop keeps serving other
requests while it runs. Results are negotiated from ``Accept`` (or the ``format``
parameter) by ``graph.queries.sparql.answer_format``: SELECT and ASK as SPARQL JSON, XML,
CSV or TSV; CONSTRUCT and DESCRIBE as Turtle, TriG, N-Triples or JSON-LD.
Updates are refused with 403.

``GET /sparql/editor`` is the query page for people (HTML, not in the OpenAPI schema): it
evaluates through the same ``run_within`` and shows results as a table with download links;
a browser asking ``GET /sparql`` with no query is sent there.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from cspgraph.api.http.deps import SettingsDep, SnapshotDep
from cspgraph.api.http.schemas import ERRORS, NOT_ACCEPTABLE
from cspgraph.errors import BadInputError, QueryError, QueryRefused, UnsupportedMediaTypeError
from cspgraph.graph.queries.sparql import (
    GRAPH_FORMATS,
    RESULT_FORMATS,
    answer_format,
    answer_table,
    render_answer,
)
from cspgraph.graph.queries.sparql_examples import EXAMPLES
from cspgraph.graph.queries.sparql_examples import example as find_example
from cspgraph.graph.queries.sparql_worker import run_within
from cspgraph.viz.sparql import EDITOR_PATH, Outcome, sparql_page

router = APIRouter(tags=["standard interfaces"])

EXAMPLE = ("PREFIX org: <http://www.w3.org/ns/org#>\n"
           "SELECT ?body ?label WHERE { ?body a org:Organization ; "
           "<http://www.w3.org/2000/01/rdf-schema#label> ?label } LIMIT 10")
FORMAT_NAMES = Literal["json", "xml", "csv", "tsv", "turtle", "trig", "nt", "json-ld"]


class Term(BaseModel):
    """One RDF term in a SPARQL JSON binding."""

    type: str = Field(examples=["uri"])
    value: str
    datatype: str | None = None
    lang: str | None = Field(None, alias="xml:lang")


class Bindings(BaseModel):
    bindings: list[dict[str, Term]]


class Head(BaseModel):
    vars: list[str] = []
    link: list[str] | None = None


class SparqlResults(BaseModel):
    """SPARQL 1.1 Query Results JSON: ``results`` for SELECT, ``boolean`` for ASK."""

    head: Head
    results: Bindings | None = None
    boolean: bool | None = None


def _content() -> dict[str, Any]:
    text = {"schema": {"type": "string"}}
    content: dict[str, Any] = {RESULT_FORMATS["json"]: {
        "schema": {"$ref": "#/components/schemas/SparqlResults"},
        "example": {"head": {"vars": ["body", "label"]}, "results": {"bindings": [
            {"body": {"type": "uri", "value": "https://w3id.org/cspgraph/id/org/board"},
             "label": {"type": "literal", "value": "Partnership Board"}}]}}}}
    for name, media in {**RESULT_FORMATS, **GRAPH_FORMATS}.items():
        if name != "json":
            content[media] = text if name != "json-ld" else {"schema": {}}
    return content


RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"model": SparqlResults, "description": "The query's results in the negotiated "
          "format.", "content": _content()},
    **ERRORS, **NOT_ACCEPTABLE,
}


async def _answer(request: Request, snapshot: Any, settings: Any, query: str | None,
                  fmt: str | None) -> Response:
    if not query:
        raise QueryError("no query given", "send a SPARQL query as the 'query' parameter "
                                           "(GET or form POST) or as an "
                                           "application/sparql-query body")
    answer = await run_in_threadpool(run_within, snapshot.dataset, query, settings)
    chosen, content_type = answer_format(answer.kind, request.headers.get("accept"), fmt)
    body = await run_in_threadpool(render_answer, answer, chosen)
    return Response(body, media_type=content_type, headers={"Vary": "Accept"})


def _refuse_update(update: str | None) -> None:
    if update is not None:
        raise QueryRefused("updates are not allowed: this endpoint is read-only",
                           "send a query (SELECT, ASK, CONSTRUCT or DESCRIBE), not 'update'")


def _refuse_dataset(default_graph: list[str] | None, named_graph: list[str] | None) -> None:
    if default_graph or named_graph:
        raise QueryError("default-graph-uri and named-graph-uri are not supported",
                         "use FROM or GRAPH with one of the dataset's graph IRIs in the query")


@router.get("/sparql", response_class=Response, responses=RESPONSES, response_model=None)
async def sparql_get(
    request: Request, snapshot: SnapshotDep, settings: SettingsDep,
    query: Annotated[str | None, Query(description="A SPARQL 1.1 query.",
                                       examples=[EXAMPLE])] = None,
    format: Annotated[FORMAT_NAMES | None, Query(
        description="Result format, for browsers; overrides Accept.")] = None,
    update: Annotated[str | None, Query(description="Refused: the endpoint is read-only.",
                                        include_in_schema=False)] = None,
    default_graph_uri: Annotated[list[str] | None, Query(alias="default-graph-uri",
                                                         include_in_schema=False)] = None,
    named_graph_uri: Annotated[list[str] | None, Query(alias="named-graph-uri",
                                                       include_in_schema=False)] = None,
) -> Response:
    """Run a read-only SPARQL query (SPARQL 1.1 Protocol, GET ?query=)."""
    if (query is None and format is None and update is None and not default_graph_uri
            and not named_graph_uri and "text/html" in request.headers.get("accept", "")):
        return RedirectResponse(EDITOR_PATH, status_code=303)  # a person: the query page
    _refuse_update(update)
    _refuse_dataset(default_graph_uri, named_graph_uri)
    return await _answer(request, snapshot, settings, query, format)


_POST_BODY = {"requestBody": {"required": True, "content": {
    "application/x-www-form-urlencoded": {"schema": {
        "type": "object", "required": ["query"],
        "properties": {"query": {"type": "string", "examples": [EXAMPLE]},
                       "format": {"type": "string", "enum": list(FORMAT_NAMES.__args__)}}}},
    "application/sparql-query": {"schema": {"type": "string"}, "example": EXAMPLE},
}}}


@router.post("/sparql", response_class=Response, responses=RESPONSES, response_model=None,
             openapi_extra=_POST_BODY)
async def sparql_post(
    request: Request, snapshot: SnapshotDep, settings: SettingsDep,
    format: Annotated[FORMAT_NAMES | None, Query(
        description="Result format, for browsers; overrides Accept.")] = None,
) -> Response:
    """Run a read-only SPARQL query sent as a form (query=) or an application/sparql-query body."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    if kind == "application/sparql-update":
        _refuse_update("")
    if kind == "application/sparql-query":
        query = _decode(body)
    elif kind == "application/x-www-form-urlencoded":
        form = parse_qs(_decode(body), keep_blank_values=True)
        _refuse_update(form["update"][0] if "update" in form else None)
        _refuse_dataset(form.get("default-graph-uri"), form.get("named-graph-uri"))
        query = form.get("query", [None])[0]
        if format is None and form.get("format"):
            format = form["format"][0]
            if format not in FORMAT_NAMES.__args__:
                raise BadInputError(f"unknown result format '{format[:40]}'",
                                    f"use one of {', '.join(FORMAT_NAMES.__args__)}")
    else:
        raise UnsupportedMediaTypeError(
            f"cannot read a '{kind[:80] or 'missing'}' body",
            "send application/x-www-form-urlencoded (query=) or application/sparql-query")
    return await _answer(request, snapshot, settings, query, format)


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise QueryError("the request body is not UTF-8", "send the query as UTF-8") from exc


@router.get(EDITOR_PATH, response_class=HTMLResponse, include_in_schema=False)
async def sparql_editor(
    snapshot: SnapshotDep, settings: SettingsDep,
    query: Annotated[str | None, Query()] = None,
    example: Annotated[str | None, Query(max_length=40)] = None,
) -> HTMLResponse:
    """The query page: an editor, examples, results as a table, downloads; errors on it."""
    if example is not None:
        chosen = find_example(example)
        if chosen is None:
            return HTMLResponse(sparql_page("", EXAMPLES, note=f"no example '{example}'"),
                                status_code=404)
        return HTMLResponse(sparql_page(chosen.query, EXAMPLES, note=chosen.about))
    if not query or not query.strip():
        return HTMLResponse(sparql_page(EXAMPLES[0].query if query is None else "", EXAMPLES,
                                        note=None if query is None else "write a query"))
    try:
        answer = await run_in_threadpool(run_within, snapshot.dataset, query, settings)
    except QueryError as exc:
        outcome = Outcome(error=f"{exc.code}: {exc.message}" + (f"\nhint: {exc.hint}"
                                                                 if exc.hint else ""))
        return HTMLResponse(sparql_page(query, EXAMPLES, outcome),
                            status_code=exc.http_status)
    kinds = GRAPH_FORMATS if answer.is_graph else RESULT_FORMATS
    table = await run_in_threadpool(answer_table, answer)
    outcome = Outcome(table, answer.kind, list(kinds), answer.seconds)
    return HTMLResponse(sparql_page(query, EXAMPLES, outcome))

