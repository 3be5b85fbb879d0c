"""Run SPARQL SELECT/ASK/CONSTRUCT queries and render their results."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Dataset
from rdflib.query import Result

from cspgraph.errors import QueryError

_UPDATE_WORDS = ("insert", "delete", "load", "clear", "drop", "create", "add", "move", "copy")


@dataclass
class Table:
    """A SELECT result as plain strings: column names and rows."""

    columns: list[str]
    rows: list[list[str]]


def run_query(ds: Dataset, query: str) -> Result:
    """Run a read-only query; QueryError for a syntax error or an update."""
    if _looks_like_update(query):
        raise QueryError("updates are not allowed here", "send SELECT, ASK, CONSTRUCT or DESCRIBE")
    try:
        return ds.query(query)
    except Exception as exc:  # pyparsing and rdflib raise many kinds for one cause
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise QueryError(f"cannot run query: {first[:300]}", "check the SPARQL syntax") from exc


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


def as_table(result: Result) -> Table:
    """A SELECT or ASK result as a Table of strings."""
    if result.type == "ASK":
        return Table(["ask"], [[str(bool(result.askAnswer)).lower()]])
    if result.type != "SELECT":
        raise QueryError("only SELECT and ASK results make a table", "use --format turtle")
    columns = [str(v) for v in result.vars or []]
    rows = [["" if v is None else str(v) for v in row] for row in result]
    return Table(columns, rows)


def render(result: Result, fmt: str) -> str:
    """The result as 'json', 'csv', 'xml', 'tsv' (SELECT/ASK) or 'turtle' (CONSTRUCT)."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return result.serialize(format="turtle").decode("utf-8")
    if fmt not in ("json", "csv", "xml", "tsv"):
        raise QueryError(f"unknown result format '{fmt}'", "use table, json, csv, tsv or xml")
    return result.serialize(format=fmt).decode("utf-8")
