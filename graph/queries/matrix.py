"""The alignment matrix as a grid of cell labels and as CSV, for downloads and pages."""

from __future__ import annotations

from cspgraph.graph.queries.results import AlignmentMatrix
from cspgraph.graph.queries.spreadsheet import csv_text


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


def matrix_csv(m: AlignmentMatrix) -> str:
    """The matrix as CSV: one row per priority, one column per objective, then the gaps.

    A cell says how the link is known: "asserted", "curated" or "suggested 0.71"; an empty
    cell is no link. The last row marks objectives no priority serves.
    """
    unserved = {o.iri for o in m.unserved_objectives}
    citing_nothing = {p.iri for p in m.priorities_citing_nothing}
    rows = [[p.label, *row, "yes" if p.iri in citing_nothing else ""]
            for p, row in zip(m.priorities, cell_labels(m), strict=True)]
    rows.append(["(served by no priority)",
                 *("yes" if o.iri in unserved else "" for o in m.objectives), ""])
    return csv_text(["priority", *(o.label for o in m.objectives), "cites no objective"], rows)


__all__ = ["cell_labels", "matrix_csv"]
