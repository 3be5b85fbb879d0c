"""Benchmark: how well pdfplumber and pypdf recover the tables of the samples as PDFs.

Each bundled sample is read from its .txt, printed as a PDF by the test writer
(``tests/loaders/formats/pdf_writer.py``: ruled tables, wrapped cells, header rows
repeated over page breaks) into a temporary folder, and its tables are read back by:

* ``cspgraph reader``: ``read_pdf`` (pdfplumber's ``find_tables`` plus this project's
  handling: cell paragraphs, tables continued over page breaks, repeated headers);
* ``pdfplumber tables``: pdfplumber's ``extract_tables()`` alone, cell lines joined;
* ``pypdf lines``: pypdf's ``extract_text()``, which has no table model: every text
  line is taken as a cell, the best a reader can do without cell boundaries;
* ``pypdf layout``: ``extract_text(extraction_mode="layout")``, each line split into
  cells at runs of two or more spaces.

A cell counts as recovered when its text, as printed (white space folded), comes back
exactly, in the right column of a row matched in order to the right row (for pypdf:
as one line or fragment, in order, since it has no rows or columns). "Parts kept"
counts cells whose paragraphs and list items come back one for one (pdfplumber alone
gives a cell's printed lines, not its paragraphs); "extra rows" counts rows read that
match no row of the table (a header row repeated on each page, a row cut in two by a
page break). Time is the median over ``--repeat`` rounds of reading every page, per page.

    python benchmarks/pdf_tables.py [--repeat 3] [--json]

Exit status: 0, or 2 when the PDF writer (reportlab) or pypdf is not installed.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
Rows = list[list[list[str]]]  # rows of cells; a cell is its paragraphs and list items


def _fold(text: str) -> str:
    return " ".join(text.split())


def truth(document) -> Rows:
    """Every table row of ``document`` as printed: per cell, its parts with their markers."""
    rows: Rows = []
    for table in document.tables():
        for row in table.rows:
            rows.append([
                [_fold(f"{p.marker} {p.text}") for p in cell.parts] if cell.parts
                else [_fold(cell.text)] if cell.text else []
                for cell in row.cells
            ])
    return rows


def _text(cell: list[str]) -> str:
    return " ".join(cell)


def cspgraph_reader(data: bytes) -> Rows:
    from cspgraph.loaders.readers.pdf import read_pdf

    return truth(read_pdf(data, "benchmark.pdf"))


def pdfplumber_tables(data: bytes) -> Rows:
    import pdfplumber

    rows: Rows = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                rows += [[[_fold(line) for line in (cell or "").splitlines() if line.strip()]
                          for cell in row] for row in table]
    return rows


def pypdf_lines(data: bytes) -> Rows:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return [[[_fold(line)]] for page in reader.pages
            for line in page.extract_text().splitlines() if line.strip()]


def pypdf_layout(data: bytes) -> Rows:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    rows: Rows = []
    for page in reader.pages:
        for line in page.extract_text(extraction_mode="layout").splitlines():
            cells = [[_fold(c)] for c in re.split(r"\s{2,}", line) if c.strip()]
            if cells:
                rows.append(cells)
    return rows


METHODS: dict[str, tuple[Callable[[bytes], Rows], bool]] = {  # name -> (read, has cells)
    "cspgraph reader": (cspgraph_reader, True),
    "pdfplumber tables": (pdfplumber_tables, True),
    "pypdf lines": (pypdf_lines, False),
    "pypdf layout": (pypdf_layout, False),
}


def score(expected: Rows, got: Rows, has_cells: bool) -> tuple[int, int | None, int | None]:
    """(cells recovered, cells with their parts kept, extra rows); see the module docstring.

    Without cells (pypdf) only the first is measured.
    """
    if not has_cells:  # no rows or columns: a cell is found as a whole fragment, in order
        fragments = [_text(cell) for row in got for cell in row]
        found, at = 0, 0
        for cell in (_text(c) for row in expected for c in row if c):
            try:
                at = fragments.index(cell, at) + 1
                found += 1
            except ValueError:
                continue
        return found, None, None
    found = kept = matched = at = 0
    for row in expected:  # match rows in order: the next few rows, most equal cells
        best, best_at = 0, None
        for j in range(at, min(at + 6, len(got))):
            same = sum(1 for a, b in zip(row, got[j], strict=False) if a and _text(a) == _text(b))
            if same > best:
                best, best_at = same, j
        if best_at is not None:
            found += best
            kept += sum(1 for a, b in zip(row, got[best_at], strict=False) if a and a == b)
            matched += 1
            at = best_at + 1
    return found, kept, len(got) - matched


def measure(repeat: int) -> dict[str, object]:
    import pdfplumber

    sys.path.insert(0, str(ROOT))
    from cspgraph.loaders import sample_paths
    from cspgraph.loaders.readers.text import read_text
    from tests.loaders.formats.pdf_writer import write_pdf

    samples: dict[str, dict[str, object]] = {}
    totals: dict[str, dict[str, float]] = {
        name: {"cells": 0, "recovered": 0, "seconds": 0.0} for name in METHODS}
    pages_total = 0
    with tempfile.TemporaryDirectory() as folder:
        for path in sample_paths():
            document = read_text(path.read_bytes(), str(path))
            data = write_pdf(document, Path(folder) / f"{path.stem}.pdf").read_bytes()
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                pages = len(pdf.pages)
            pages_total += pages
            expected = truth(document)
            cells = sum(1 for row in expected for cell in row if cell)
            row: dict[str, object] = {"pages": pages, "cells": cells, "rows": len(expected)}
            for name, (read, has_cells) in METHODS.items():
                got = read(data)  # warm up; the figures come from this read
                times = []
                for _ in range(repeat):
                    start = time.perf_counter()
                    read(data)
                    times.append(time.perf_counter() - start)
                recovered, kept, extra = score(expected, got, has_cells)
                row[name] = recovered
                total = totals[name]
                total["cells"] += cells
                total["recovered"] += recovered
                total["seconds"] += statistics.median(times)
                if kept is not None and extra is not None:
                    total["kept"] = total.get("kept", 0) + kept
                    total["extra_rows"] = total.get("extra_rows", 0) + extra
            samples[path.stem] = row
    return {
        "repeat": repeat,
        "pages": pages_total,
        "samples": samples,
        "methods": {
            name: {
                "recovered": int(t["recovered"]),
                "cells": int(t["cells"]),
                "share": round(t["recovered"] / t["cells"], 4) if t["cells"] else 0.0,
                "parts_kept": int(t["kept"]) if "kept" in t else None,
                "extra_rows": int(t["extra_rows"]) if "extra_rows" in t else None,
                "ms_per_page": round(t["seconds"] * 1000 / pages_total, 1),
            }
            for name, t in totals.items()
        },
    }


def _print(report: dict[str, object]) -> None:
    samples = report["samples"]
    assert isinstance(samples, dict)
    width = max(len(name) for name in samples)
    names = list(METHODS)
    print(f"{'sample':<{width}}  {'pages':>5}  {'cells':>5}  " + "  ".join(
        f"{n:>17}" for n in names))
    for sample, row in samples.items():
        print(f"{sample:<{width}}  {row['pages']:>5}  {row['cells']:>5}  " + "  ".join(
            f"{row[n]:>17}" for n in names))
    print()
    print(f"{'method':<17}  {'cells recovered':>15}  {'share':>6}  {'parts kept':>10}  "
          f"{'extra rows':>10}  {'ms/page':>7}")
    methods = report["methods"]
    assert isinstance(methods, dict)
    for name, m in methods.items():
        kept = "-" if m["parts_kept"] is None else f"{m['parts_kept']:.0f}"
        extra = "-" if m["extra_rows"] is None else f"{m['extra_rows']:.0f}"
        print(f"{name:<17}  {m['recovered']:>7} / {m['cells']:<5}  {m['share']:>6.1%}  "
              f"{kept:>10}  {extra:>10}  {m['ms_per_page']:>7.1f}")
    print(f"({report['pages']} pages; time: median of {report['repeat']} rounds per sample)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed rounds (default 3)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    try:
        import pypdf  # noqa: F401
        import reportlab  # noqa: F401
    except ImportError as exc:
        print(f"cannot run: {exc}; install the test extra (pip install -e '.[test]')",
              file=sys.stderr)
        return 2
    report = measure(max(1, args.repeat))
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        _print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
