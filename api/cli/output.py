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
from rich.text import Text

from cspgraph.api.cli.app import guarded
from cspgraph.api.cli.tables import QUOTE_CHARS, FitTable, SourceCell, shorten  # noqa: F401

if TYPE_CHECKING:
    from collections.abc import Iterable

    from cspgraph.graph.queries import SourceRef
    from cspgraph.graph.store.types import KnowledgeGraph

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


def dataset(graph: Path | None = None) -> KnowledgeGraph:
    """The graph to ask: a saved file when given, else the bundled samples built in memory."""
    if graph is not None:
        from cspgraph.graph.store.io import load

        return guarded(lambda: load(graph))
    from cspgraph.graph.build.dataset import build

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


def source_text(sources: Iterable[SourceRef], limit: int = QUOTE_CHARS) -> SourceCell:
    """``file:lines “quote”`` per place; quotes from the same lines share one location."""
    return SourceCell(sources, limit)


def table(title: str, columns: Iterable[str], rows: Iterable[Iterable[str | Text]]
          ) -> FitTable:
    """A table of plain-text cells (never rich markup: brackets in quotes survive) that
    fits the terminal (see api/cli/tables.py). An OPTIONAL column empty in every row is left
    out."""
    cols = list(columns)
    cells = [[c if isinstance(c, Text) else Text(c or "") for c in row] for row in rows]
    keep = [n for n, col in enumerate(cols)
            if col not in OPTIONAL or any(row[n].plain for row in cells)]
    return FitTable(title, [cols[n] for n in keep], [[row[n] for n in keep] for row in cells],
                    no_wrap=SHORT)
