"""Benchmark: latency of other requests while a bad SPARQL query runs.

Starts ``cspgraph serve`` on the bundled samples on a free loopback port, then for each
bad query (a catastrophic regex, an ORDER BY over a cross join, a huge VALUES list, a
nested NOT EXISTS with SERVICE) sends it once and, while it runs, sends ``--requests``
``GET /api/summary`` requests one after another. It prints a table of the query, its
status, its seconds and the p50 and p99 milliseconds of the concurrent summaries, with a
baseline row of summaries alone.

    python benchmarks/sparql_isolation.py [--requests 50] [--timeout 3] [--wrk 10]

With ``--wrk SECONDS`` (Debian package ``wrk``) it also loads ``GET /api/summary`` from
50 connections for that long, alone and then while slow queries (an ORDER BY over a cross
join, stopped at the time limit) are sent one after another, and prints both throughputs
and their ratio.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

QUERIES = {
    "catastrophic regex": 'SELECT * WHERE { ?s ?p ?o FILTER regex(str(?o), "^(a|aa)+$") } '
                          "ORDER BY ?o",
    "order by over cross join": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } "
                                "ORDER BY ?c ?f ?i",
    "0.5 MB VALUES list": "SELECT * WHERE { VALUES ?x { " + '"a" ' * 125_000 + "} }",
    "NOT EXISTS with SERVICE": "ASK { ?a ?b ?c FILTER NOT EXISTS { SERVICE "
                               "<http://127.0.0.1:9/> { ?s ?p ?o } } }",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, data: bytes | None = None) -> tuple[int, float]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=300) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    return status, time.perf_counter() - started


def _summaries(base: str, n: int, stop: threading.Event | None = None) -> list[float]:
    times = []
    for _ in range(n):
        if stop is not None and stop.is_set():
            break
        times.append(_get(f"{base}/api/summary")[1] * 1000)
    return times


def _p(times: list[float], q: float) -> float:
    if not times:
        return float("nan")
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _wrk(base: str, seconds: float) -> float:
    out = subprocess.run(["wrk", "-t1", "-c50", f"-d{seconds:g}s", f"{base}/api/summary"],
                         capture_output=True, text=True, check=True).stdout
    return float(out.split("Requests/sec:")[1].split()[0])


def _wrk_comparison(base: str, seconds: float) -> None:
    alone = _wrk(base, seconds)
    stop = threading.Event()

    def slow() -> None:
        body = urllib.parse.urlencode({"query": QUERIES["order by over cross join"]}).encode()
        while not stop.is_set():
            _get(f"{base}/sparql", body)

    worker = threading.Thread(target=slow, daemon=True)
    worker.start()
    during = _wrk(base, seconds)
    stop.set()
    print(f"\nwrk -c50 GET /api/summary: {alone:,.0f} req/s alone, {during:,.0f} req/s while "
          f"slow queries run (x{alone / during:.2f} slower)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--timeout", type=float, default=3.0)
    parser.add_argument("--wrk", type=float, default=0.0, help="seconds of wrk -c50 load")
    args = parser.parse_args()
    port = _free_port()
    env = {**os.environ, "CSPGRAPH_SPARQL_TIMEOUT": str(args.timeout)}
    main = "from cspgraph.api.cli.app import main; main()"
    server = subprocess.Popen([sys.executable, "-c", main,
                               "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                _get(f"{base}/api/summary")
                break
            except OSError:
                time.sleep(0.2)
        _summaries(base, 5)  # warm
        alone = _summaries(base, args.requests)
        print(f"{'query':28} {'status':>6} {'seconds':>8} {'p50 ms':>8} {'p99 ms':>8}")
        print(f"{'(summaries alone)':28} {'':>6} {'':>8} {statistics.median(alone):8.1f} "
              f"{_p(alone, 0.99):8.1f}")
        for name, query in QUERIES.items():
            outcome: dict[str, float] = {}
            stop = threading.Event()

            def bad(q: str = query, outcome: dict[str, float] = outcome,
                    stop: threading.Event = stop) -> None:
                body = urllib.parse.urlencode({"query": q}).encode()
                outcome["status"], outcome["seconds"] = _get(f"{base}/sparql", body)
                stop.set()

            worker = threading.Thread(target=bad)
            worker.start()
            time.sleep(0.05)
            during = _summaries(base, args.requests, stop)
            worker.join()
            print(f"{name:28} {int(outcome['status']):>6} {outcome['seconds']:8.2f} "
                  f"{statistics.median(during) if during else float('nan'):8.1f} "
                  f"{_p(during, 0.99):8.1f}")
        if args.wrk:
            _wrk_comparison(base, args.wrk)
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
