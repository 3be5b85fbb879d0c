"""Benchmark: load the bundled samples through the reader and every recogniser.

Imports cspgraph once, loads each sample once to warm up (imports, compiled
regexes), then loads every sample ``--repeat`` times in this process and
prints the median milliseconds per document and for the whole set. Interpreter
start and imports are not counted. Recognisers that fail are reported, not
fatal, so the figure stays meaningful while recognisers are being written.

    python benchmarks/load_speed.py [--repeat 20] [--budget-ms 1000] [--json] [FILE ...]

The table also splits each round's time between the reader and each
recogniser (medians over all documents), to show where the time goes.

Exit status: 0 within budget, 1 over budget, 2 when a file cannot be loaded.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
import time
from pathlib import Path


def measure(paths: list[Path], repeat: int) -> dict[str, object]:
    """Median load times (ms) per document and for the set, with facts and problems."""
    from cspgraph.loaders import load_document, recognisers

    blobs = {p: p.read_bytes() for p in paths}
    facts: dict[str, int] = {}
    problems: dict[str, list[str]] = {}
    for path, data in blobs.items():  # warm up; record what each load finds
        result = load_document(path, data=data)
        facts[path.name] = len(result.facts)
        problems[path.name] = result.problems
    per_doc: dict[str, list[float]] = {p.name: [] for p in paths}
    totals: list[float] = []
    for _ in range(repeat):
        round_start = time.perf_counter()
        for path, data in blobs.items():
            start = time.perf_counter()
            load_document(path, data=data)
            per_doc[path.name].append((time.perf_counter() - start) * 1000)
        totals.append((time.perf_counter() - round_start) * 1000)
    return {
        "repeat": repeat,
        "recognisers": [r.name for r in recognisers()],
        "documents": {
            name: {
                "median_ms": round(statistics.median(times), 3),
                "max_ms": round(max(times), 3),
                "facts": facts[name],
                "problems": problems[name],
            }
            for name, times in per_doc.items()
        },
        "total_median_ms": round(statistics.median(totals), 3),
        "total_max_ms": round(max(totals), 3),
        "stages": stages(blobs, repeat),
    }


def stages(blobs: dict[Path, bytes], repeat: int) -> dict[str, float]:
    """Median ms per round spent in the reader and in each recogniser, over all documents."""
    from cspgraph.loaders import reader_for, recognisers

    rounds: dict[str, list[float]] = {}
    for _ in range(repeat):
        spent: dict[str, float] = {}
        for path, data in blobs.items():
            start = time.perf_counter()
            document = reader_for(path).read(data, str(path))
            spent["reader"] = spent.get("reader", 0.0) + time.perf_counter() - start
            for rec in recognisers():
                start = time.perf_counter()
                with contextlib.suppress(Exception):  # measure() reports failures
                    list(rec.recognise(document))
                spent[rec.name] = spent.get(rec.name, 0.0) + time.perf_counter() - start
        for name, seconds in spent.items():
            rounds.setdefault(name, []).append(seconds * 1000)
    return {name: round(statistics.median(ms), 3) for name, ms in rounds.items()}


def _print(report: dict[str, object], budget_ms: float) -> None:
    documents = report["documents"]
    assert isinstance(documents, dict)
    width = max((len(name) for name in documents), default=8)
    print(f"{'document':<{width}}  {'median ms':>9}  {'max ms':>8}  {'facts':>5}")
    for name, row in documents.items():
        print(
            f"{name:<{width}}  {row['median_ms']:>9.2f}  {row['max_ms']:>8.2f}  {row['facts']:>5}"
        )
        for problem in row["problems"]:
            print(f"  problem: {problem}")
    total = report["total_median_ms"]
    print(f"{'all documents':<{width}}  {total:>9.2f}  {report['total_max_ms']:>8.2f}")
    stages = report["stages"]
    assert isinstance(stages, dict)
    print("where a round's time goes (median ms, all documents):")
    for stage, ms in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"  {stage:<{width - 2}}  {ms:>9.2f}")
    verdict = "within" if total <= budget_ms else "OVER"
    rounds = report["repeat"]
    print(f"median of {rounds} rounds: {total:.1f} ms, {verdict} the {budget_ms:g} ms budget")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="documents (default: the samples)")
    parser.add_argument("--repeat", type=int, default=20, help="timed rounds (default 20)")
    parser.add_argument("--budget-ms", type=float, default=1000.0, help="total budget per round")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    from cspgraph.errors import CspGraphError
    from cspgraph.loaders import sample_paths

    paths = args.files or sample_paths()
    try:
        report = measure(paths, max(1, args.repeat))
    except (CspGraphError, OSError) as exc:
        print(f"cannot load: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        _print(report, args.budget_ms)
    total = report["total_median_ms"]
    assert isinstance(total, float)
    return 0 if total <= args.budget_ms else 1


if __name__ == "__main__":
    sys.exit(main())
