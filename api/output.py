"""Output helpers shared by the ask and similarity commands: formats, sources, tables.

Kept apart from the commands so that every command module can import them without
importing another command module.
"""

from __future__ import annotations

import json
import sys
from dataclasses import fields, is_dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from cspgraph.api.cli import guarded

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rdflib import Dataset

    from cspgraph.graph.queries import SourceRef

QUOTE_CHARS = 60
# Columns left out when empty in every row, and columns never wrapped.
OPTIONAL = {"role", "detail", "no.", "due", "also known as", "replaced by"}
SHORT = {"type", "kind", "role", "no.", "period"}


class Fmt(StrEnum):
    """Output formats of the ask commands."""

    table = "table"
    json = "json"


GraphOpt = Annotated[Path | None, typer.Option(
    "--graph", help="A graph file written by 'cspgraph build'. Default: build the bundled "
    "samples in memory.")]
FmtOpt = Annotated[Fmt, typer.Option("--format", help="table, or json (a list of answers "
                                     "with their sources).")]


def dataset(graph: Path | None = None) -> Dataset:
    """The graph to ask: a saved file when given, else the bundled samples built in memory."""
    if graph is not None:
        from cspgraph.graph.io import load

        return guarded(lambda: load(graph))
    from cspgraph.graph.build import build

    return guarded(lambda: build()).dataset


def plain(value: Any) -> Any:
    """``value`` as JSON-ready data: dataclasses as dicts, dates as ISO strings.

    A SourceRef also gets its ``lines`` ("12" or "12-14").
    """
    from cspgraph.graph.queries import SourceRef

    if is_dataclass(value) and not isinstance(value, type):
        data = {f.name: plain(getattr(value, f.name)) for f in fields(value)}
        if isinstance(value, SourceRef):
            data["lines"] = value.lines
        return data
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    return value


def emit_json(value: Any) -> None:
    """Print ``value`` as indented JSON on standard output."""
    sys.stdout.write(json.dumps(plain(value), indent=2, ensure_ascii=False) + "\n")


def shorten(quote: str, limit: int = QUOTE_CHARS) -> str:
    """``quote`` cut at a word boundary to about ``limit`` characters, with an ellipsis."""
    quote = " ".join(quote.split())
    if len(quote) <= limit:
        return quote
    cut = quote[: limit - 1].rsplit(" ", 1)[0]
    return f"{cut}…"


def source_text(sources: Iterable[SourceRef], limit: int = QUOTE_CHARS) -> Text:
    """``file:lines “quote”`` per place; quotes from the same lines share one location."""
    places: dict[tuple[str, str, str | None], list[str]] = {}
    for s in sorted(sources):
        quotes = places.setdefault((s.document, s.lines, s.curated_by), [])
        if (quote := f"\u201c{shorten(s.quote, limit)}\u201d") not in quotes:
            quotes.append(quote)
    parts = [f"{doc}:{lines} {' '.join(quotes)}" + (f" (curated by {by})" if by else "")
             for (doc, lines, by), quotes in places.items()]
    return Text("; ".join(parts))


def table(title: str, columns: Iterable[str], rows: Iterable[Iterable[str | Text]]) -> Table:
    """A table of plain-text cells (never rich markup: brackets in quotes survive).

    An OPTIONAL column empty in every row is left out.
    """
    cols = list(columns)
    cells = [[c if isinstance(c, Text) else Text(c or "") for c in row] for row in rows]
    keep = [n for n, col in enumerate(cols)
            if col not in OPTIONAL or any(row[n].plain for row in cells)]
    t = Table(title=Text(title), title_justify="left")
    for n in keep:
        t.add_column(cols[n], overflow="fold", no_wrap=cols[n] in SHORT)
    for row in cells:
        t.add_row(*(row[n] for n in keep))
    return t
