"""The alignment matrix as a grid of cell labels and as CSV, for downloads and pages."""

from __future__ import annotations

import csv
import io

from cspgraph.graph.queries.results import AlignmentMatrix


def cell_labels(m: AlignmentMatrix) -> list[list[str]]:
    """One row per priority, one label per objective: "asserted", "curated",
    "suggested 0.71" or "" (no link). A document's or curator's link wins over a suggestion.
    """
    status: dict[tuple[str, str], str] = {}
    for c in m.cells:
        key = (c.priority.iri, c.objective.iri)
        label = c.status if c.score is None else f"{c.status} {c.score:.2f}"
        if c.status != "suggested" or key not in status:
            status[key] = label
    return [[status.get((p.iri, o.iri), "") for o in m.objectives] for p in m.priorities]


def _cell(text: str) -> str:
    """A spreadsheet-safe cell: text that a spreadsheet would run as a formula is quoted."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def matrix_csv(m: AlignmentMatrix) -> str:
    """The matrix as CSV: one row per priority, one column per objective, then the gaps.

    A cell says how the link is known: "asserted", "curated" or "suggested 0.71"; an empty
    cell is no link. The last row marks objectives no priority serves.
    """
    unserved = {o.iri for o in m.unserved_objectives}
    citing_nothing = {p.iri for p in m.priorities_citing_nothing}
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["priority", *(_cell(o.label) for o in m.objectives), "cites no objective"])
    for p, row in zip(m.priorities, cell_labels(m), strict=True):
        w.writerow([_cell(p.label), *row, "yes" if p.iri in citing_nothing else ""])
    w.writerow(["(served by no priority)",
                *("yes" if o.iri in unserved else "" for o in m.objectives), ""])
    return buf.getvalue()


__all__ = ["cell_labels", "matrix_csv"]
