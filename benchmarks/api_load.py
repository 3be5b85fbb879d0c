"""Load benchmark of the HTTP API: p50/p99 latency and throughput at 50 connections.

Starts ``cspgraph serve`` (the bundled samples) on 127.0.0.1 on a free port in a
subprocess, waits until it answers, then for each request below, after a warm-up, loads
it from 50 concurrent connections for a bounded time and count:

- with ``wrk`` (Debian package ``wrk``; used when installed): ``--seconds`` per route,
  one client thread, latency distribution from ``wrk --latency``;
- otherwise with an ``httpx.AsyncClient``: ``--requests`` per route, at most
  ``--seconds``. httpx's connection pool is itself slow at 50 connections (a bare FastAPI
  "ping" measures about 280 req/s through it here), so its figures are upper bounds.

The client runs on the same 2-core machine, so its CPU use is part of the figures.
Target: p99 under 50 ms for who-chairs on the sample graph.

    python benchmarks/api_load.py [--tool auto|wrk|httpx] [--seconds 10] [--requests 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass

import httpx

HOST = "127.0.0.1"
REQUESTS = {
    "who-chairs": ("/api/bodies/Worcestershire Prevent Strategy Group", {}),
    "alignment": ("/api/alignment", {"plan": "West Cheshire 2023-24",
                                     "against": "Police and Crime Plan"}),
}
TARGET_P99_MS = {"who-chairs": 50.0}


@dataclass
class Figures:
    name: str
    count: int
    errors: int
    seconds: float
    latencies_ms: list[float]
    given: dict[int, float] | None = None  # percentiles reported by the tool itself

    def percentile(self, p: float) -> float:
        if self.given and int(p) in self.given:
            return self.given[int(p)]
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]

    def line(self) -> str:
        target = TARGET_P99_MS.get(self.name)
        met = target is not None and self.percentile(99) < target
        verdict = "" if target is None else (
            f"  (target p99 < {target:.0f} ms: {'met' if met else 'MISSED'})")
        return (f"{self.name:<11} {self.count:>6} requests  {self.errors} errors  "
                f"p50 {self.percentile(50):6.1f} ms  p99 {self.percentile(99):6.1f} ms  "
                + ("" if self.given else f"mean {statistics.fmean(self.latencies_ms):6.1f} ms  ")
                + f"{self.count / self.seconds:7.1f} req/s{verdict}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(port: int, options: list[str] = (), stderr=subprocess.PIPE
                 ) -> subprocess.Popen:
    """``cspgraph serve [options]`` on 127.0.0.1:port in a subprocess (output kept out of
    the way; ``stderr`` a file for servers that run long)."""
    code = "import sys; from cspgraph.api.cli.app import main; sys.argv[0] = 'cspgraph'; main()"
    env = {**os.environ, "CSPGRAPH_HOST": HOST}
    return subprocess.Popen([sys.executable, "-c", code, "serve", "--host", HOST,
                             "--port", str(port), *options], env=env, stdout=subprocess.DEVNULL,
                            stderr=stderr)


def wait_until_up(base: str, server: subprocess.Popen, timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            said = server.stderr.read().decode(errors="replace") if server.stderr else ""
            raise SystemExit(f"server exited ({server.returncode}): {said[-2000:]}")
        try:
            if httpx.get(base + "/openapi.json", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"server did not answer within {timeout:.0f} s")


async def run(base: str, name: str, path: str, params: dict, total: int, concurrency: int,
              seconds: float) -> Figures:
    """``total`` requests (at most ``seconds``) from ``concurrency`` connections."""
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        first = await client.get(path, params=params)
        if first.status_code != 200:
            raise SystemExit(f"{name}: {first.status_code} {first.text[:300]}")
        await asyncio.gather(*(client.get(path, params=params) for _ in range(concurrency)))
        latencies: list[float] = []
        errors = 0
        issued = 0
        deadline = time.monotonic() + seconds

        async def worker() -> None:
            nonlocal issued, errors
            while issued < total and time.monotonic() < deadline:
                issued += 1
                start = time.perf_counter()
                response = await client.get(path, params=params)
                latencies.append((time.perf_counter() - start) * 1000)
                errors += response.status_code != 200

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return Figures(name, len(latencies), errors, time.perf_counter() - start, latencies)


_WRK_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def run_wrk(base: str, name: str, path: str, params: dict, concurrency: int,
            seconds: float) -> Figures:
    """Load with wrk for ``seconds``; p50 and p99 from its latency distribution."""
    url = str(httpx.URL(base + path, params=params))
    first = httpx.get(url, timeout=30)
    if first.status_code != 200:
        raise SystemExit(f"{name}: {first.status_code} {first.text[:300]}")
    subprocess.run(["wrk", "-t1", f"-c{concurrency}", "-d2s", url], check=True,
                   capture_output=True)  # warm-up
    out = subprocess.run(["wrk", "-t1", f"-c{concurrency}", f"-d{max(1, int(seconds))}s",
                          "--timeout", "10s", "--latency", url], check=True,
                         capture_output=True, text=True).stdout
    dist = {p: float(v) * _WRK_UNITS[u] for p, v, u in
            re.findall(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)}
    took = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)", out)
    count = int(took.group(1))
    secs = float(took.group(2)) * _WRK_UNITS[took.group(3)] / 1000
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errs = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                     out)
    errors = (int(bad.group(1)) if bad else 0) + (sum(map(int, errs.groups())) if errs else 0)
    # wrk gives percentiles, not samples: keep them as the samples of this run
    return Figures(name, count, errors, secs, [dist["50"], dist["99"]],
                   {50: dist["50"], 99: dist["99"]})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests per route")
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10.0, help="most time per route")
    parser.add_argument("--tool", choices=("auto", "wrk", "httpx"), default="auto")
    args = parser.parse_args()
    tool = ("wrk" if shutil.which("wrk") else "httpx") if args.tool == "auto" else args.tool
    port = free_port()
    base = f"http://{HOST}:{port}"
    server = start_server(port)
    try:
        started = time.monotonic()
        wait_until_up(base, server)
        print(f"server {base} up in {time.monotonic() - started:.1f} s; "
              f"{tool}, {args.concurrency} connections, {args.seconds:.0f} s per route"
              + ("" if tool == "wrk" else f" or {args.requests} requests")
              + f", {os.cpu_count()} CPUs")
        for name, (path, params) in REQUESTS.items():
            figures = (run_wrk(base, name, path, params, args.concurrency, args.seconds)
                       if tool == "wrk" else
                       asyncio.run(run(base, name, path, params, args.requests,
                                       args.concurrency, args.seconds)))
            print(figures.line(), flush=True)
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
