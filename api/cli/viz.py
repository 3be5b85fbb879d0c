"""The ``cspgraph viz`` command: one self-contained HTML map (vis-network inlined)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cspgraph.api.cli.app import app, err, guarded, out
from cspgraph.api.cli.output import GraphOpt, dataset


class MapKind(StrEnum):
    governance = "governance"
    alignment = "alignment"
    duplicates = "duplicates"


@app.command()
def viz(
    kind: Annotated[MapKind, typer.Argument(help="governance, alignment or duplicates.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")] = Path(
        "map.html"),
    focus: Annotated[str | None, typer.Option(
        "--focus", help="Governance: a body or person to centre on.")] = None,
    depth: Annotated[int, typer.Option("--depth", min=0, help="Governance: steps out from "
                                       "--focus.")] = 2,
    chain: Annotated[bool, typer.Option(
        "--chain", help="Governance: add the focus's whole chain of accountability.")] = False,
    area: Annotated[str | None, typer.Option(
        "--area", help="Governance: only what documents of this area state.")] = None,
    as_at: Annotated[datetime | None, typer.Option(
        "--as-at", formats=["%Y-%m-%d"], help="Governance: only plans in force on this date "
        "(YYYY-MM-DD).")] = None,
    plan: Annotated[str | None, typer.Option(
        "--plan", help="Alignment: the plan whose priorities to map. Governance: only what "
        "this plan states.")] = None,
    against: Annotated[str | None, typer.Option(
        "--against", help="Alignment: one higher plan (default: every plan cited).")] = None,
    graph: GraphOpt = None,
) -> None:
    """Write an interactive map as one self-contained HTML file (works offline)."""
    from cspgraph.graph.store.io import write_atomic
    from cspgraph.viz.page import render

    ds = dataset(graph)
    if kind is MapKind.governance:
        from cspgraph.graph.queries.governance import Scope
        from cspgraph.viz.governance import governance_map

        scope = Scope(area, plan, as_at.date() if as_at else None)
        with err.status("building the map..."):
            page = guarded(lambda: governance_map(ds, focus, depth, chain=chain, scope=scope))
    elif kind is MapKind.alignment:
        from cspgraph.viz.alignment import alignment_map

        with err.status("building the map..."):
            page = guarded(lambda: alignment_map(ds, plan, against))
    else:
        from cspgraph.api.cli.progress import working
        from cspgraph.graph.similarity.duplicates import build_corpus, duplicate_pairs
        from cspgraph.viz.duplicates import areas_of, duplicates_map

        with working("loading the model and embedding items...") as progress:
            corpus = guarded(lambda: build_corpus(ds, progress=progress))
        with err.status("building the map..."):
            page = duplicates_map(duplicate_pairs(ds, corpus), areas=areas_of(ds))
    guarded(lambda: write_atomic(output, render(page, inline=True).encode("utf-8")))
    out.print(f"wrote {output} ({kind.value} map, {len(page.nodes)} nodes)", highlight=False,
              markup=False)
