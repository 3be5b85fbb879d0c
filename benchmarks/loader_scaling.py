"""Benchmark: how each part of loading grows with its input, on adversarial text shapes.

For each shape (capitalised runs, "Present ... Apologies" blocks, "X action by date" lines,
"the priorities are ..." sentences, long headings, table rows, numbered recommendations)
it doubles the number of repeats from ``--start`` to ``--stop``, reads the text and runs
every recogniser on it, and prints the seconds of the reader and of each recogniser with
the growth factor from the size before (2.0 is linear when the input doubles, 4.0
quadratic). The last line names the worst growth seen.

    python benchmarks/loader_scaling.py [--start 1000] [--stop 16000] [--budget 60]

A part whose time passes ``--budget`` seconds at one size is not run at larger sizes.
Exit status: 0 when every growth factor is under 3.0, 1 otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time

SHAPES = {
    "capitalised runs": "Anytown Borough Council Community Safety Partnership Board Group "
                        "Forum Panel Executive Steering Delivery Hub ",
    "present/apologies blocks": "Present: Cllr A Smith (Chair), J Doe (Police), B Roe "
                                "(Council)\nApologies: C Poe (Probation)\n",
    "action by date lines": "Agenda item {n}: Jane Roe action by 31 March 2025 to review "
                            "the plan.\n",
    "priorities are sentences": "The priorities are Fraud; Rural Crime; Hate Crime and "
                                "Domestic Abuse. ",
    "long headings": "# " + "Community Safety Partnership Priorities " * 20 + "\n\n",
    "table rows": "| Priority {n} | Lead agency | Action to be taken by March |\n",
    "numbered recommendations": "{n}. The Partnership should review the plan with the "
                                "Police and Crime Commissioner.\n",
}


def _text(shape: str, repeats: int) -> str:
    unit = SHAPES[shape]
    head = "| Priority | Lead | Action |\n|---|---|---|\n" if shape == "table rows" else ""
    return head + "".join(unit.format(n=n) for n in range(repeats))


def _times(text: str, skip: set[str]) -> dict[str, float]:
    from cspgraph.loaders import reader_for, recognisers

    out: dict[str, float] = {}
    start = time.perf_counter()
    document = reader_for("bench.md").read(text.encode("utf-8"), "bench.md")
    out["reader"] = time.perf_counter() - start
    for rec in recognisers():
        if rec.name in skip:
            continue
        start = time.perf_counter()
        with contextlib.suppress(Exception):  # a failure is the load's to report
            list(rec.recognise(document))
        out[rec.name] = time.perf_counter() - start
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start", type=int, default=1000)
    parser.add_argument("--stop", type=int, default=16000)
    parser.add_argument("--budget", type=float, default=60.0)
    parser.add_argument("--shape", action="append", choices=sorted(SHAPES))
    args = parser.parse_args()
    worst = (0.0, "")
    for shape in args.shape or list(SHAPES):
        print(f"\n{shape}")
        previous: dict[str, float] = {}
        skip: set[str] = set()
        repeats = args.start
        while repeats <= args.stop:
            text = _text(shape, repeats)
            times = _times(text, skip)
            total = sum(times.values())
            cells = []
            for part, seconds in sorted(times.items(), key=lambda kv: -kv[1])[:4]:
                growth = seconds / previous[part] if previous.get(part, 0) > 0.02 else None
                if growth is not None and growth > worst[0]:
                    worst = (growth, f"{part} on {shape} at {repeats}")
                cells.append(f"{part} {seconds:.2f}s" + (f" x{growth:.1f}" if growth else ""))
            print(f"  {repeats:>6} repeats {len(text) / 1e6:6.2f} MB  total {total:6.2f}s  "
                  + ", ".join(cells))
            skip |= {p for p, s in times.items() if s > args.budget}
            previous = times
            repeats *= 2
    print(f"\nworst growth when the input doubles: x{worst[0]:.1f} ({worst[1]})")
    return 0 if worst[0] < 3.0 else 1


if __name__ == "__main__":
    sys.exit(main())
