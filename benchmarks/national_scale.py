"""How cost grows with the corpus: build, memory, disk and point queries per size and store.

For each scale of the SYNTHETIC corpus (``synthetic_corpus.py``: 1x is 70 documents, 10x
650, 100x 6,570) and each embedded store:

- build: a child process runs ``build()`` over the documents (real loaders), then keeps
  the graph (memory: an N-Quads file written atomically; oxigraph: the on-disk store it
  built into), then embeds its items into an empty embedding cache (as on a fresh clone)
  and saves the vectors beside the graph, as ``cspgraph build`` does. Wall time (build and
  embedding apart), documents/s, triples/s and the child's peak RSS are printed;
- disk: the N-Quads file or the Oxigraph folder, and the vectors (.npy and sidecar);
- the first similarity answers of a fresh server (``/api/similar?item=``, then
  ``/api/duplicates?limit=20``), cold (the first request of its kind) and warm (the next,
  on a distinct URL); the server reads the saved vectors at start-up, with an empty
  embedding cache, so neither may embed;
- point queries through the HTTP API (memory: ``cspgraph serve --graph FILE`` in a child
  process on loopback; oxigraph: the FastAPI app in process, since each query takes
  seconds). Each request names a different entity, so the per-snapshot response cache is
  not what is measured: who chairs a body, what an agency leads, a sub-group's chain of
  accountability (``GET /api/bodies/{id}`` answers both), the alignment matrix of one plan
  against its force area's Police and Crime Plan, and the duplicates of one item
  (``/api/similar?item=``). One warm-up request per kind is timed apart ("first"); p50
  and p99 over ``--queries`` requests each;
- API throughput (memory only): ``wrk`` with 50 connections for ``--seconds``, rotating
  through every URL of the point queries, twice: "first", where each answer is computed
  once for wrk's headers and then cached, and "warm", where answers come from the
  response cache, as they would on a live server; plus the server's peak RSS.

    python benchmarks/national_scale.py [--scales 1 10 100] [--stores memory oxigraph] [--reuse]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
CACHE = Path(os.path.expanduser("~/.cache/cspgraph/benchmarks/national"))


def corpus(scale: int, seed: int) -> Path:
    """The generated corpus folder for ``scale`` (made once, then reused)."""
    out = CACHE / f"scale-{scale}-seed-{seed}"
    if not (out / "manifest.json").exists():
        shutil.rmtree(out, ignore_errors=True)
        from synthetic_corpus import generate

        generate(scale, out, seed)
    return out


def child_build(docs: Path, store: str, keep: Path) -> None:
    """In the child: build, keep the graph, embed its items and save the vectors beside it
    (as ``cspgraph build`` does), print figures as JSON."""
    from cspgraph.graph.build.dataset import build
    from cspgraph.graph.similarity.vectors import embed_graph, save_vectors, vector_paths
    from cspgraph.graph.store.io import save
    from cspgraph.settings import Settings

    spec = "memory" if store == "memory" else f"oxigraph:{keep}"
    settings = Settings.from_env(store=spec)
    t = time.perf_counter()
    result = build([docs], settings)
    built = time.perf_counter() - t
    if store == "memory":
        save(result.dataset, keep, "nquads")
    total = time.perf_counter() - t
    e = time.perf_counter()
    vectors = embed_graph(result.dataset, settings)
    save_vectors(keep, vectors)
    embed_s = time.perf_counter() - e
    npy, sidecar = vector_paths(keep)
    print(json.dumps({"documents": len(result.loaded), "triples": len(result.dataset),
                      "build_s": built, "total_s": total, "embed_s": embed_s,
                      "items": len(vectors.iris), "vector_rows": len(vectors.keys),
                      "vectors_mb": (npy.stat().st_size + sidecar.stat().st_size) / 1e6}))


def measure_build(docs: Path, store: str, keep: Path) -> dict:
    """Run the build in a child with an empty embedding cache (as on a fresh clone); add
    its peak RSS (MiB) and the disk size (MB) of the graph, vectors apart."""
    import tempfile

    cmd = [sys.executable, __file__, "--child", str(docs), store, str(keep)]
    with tempfile.TemporaryDirectory(prefix="cspgraph-cold-cache-") as cache:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                env={**os.environ, "CSPGRAPH_CACHE_DIR": cache})
        _, status, usage = os.wait4(proc.pid, 0)
    out = proc.stdout.read().decode()
    if status != 0:
        raise SystemExit(f"build failed for {store}: {out}")
    figures = json.loads(out.strip().splitlines()[-1])
    figures["rss_mib"] = usage.ru_maxrss / 1024
    size = keep.stat().st_size if keep.is_file() else sum(
        f.stat().st_size for f in keep.rglob("*") if f.is_file())
    figures["disk_mb"] = size / 1e6
    return figures


def requests_for(manifest: dict, n: int, rng: random.Random) -> dict[str, list[tuple]]:
    """Distinct entities to ask about (one more than ``n`` per kind, the first being the
    warm-up), from the corpus's ground truth."""
    bodies, agencies, lower, plans = set(), set(), set(), []
    for d in manifest["documents"]:
        bodies |= set(d.get("chairs", {}))
        lower |= {r[0] for r in d.get("relations", []) if r[1] in ("reports to", "sub-group of")}
        for p in d.get("priorities", []):
            agencies |= set(p.get("lead_agencies", []))
            for plan in p.get("objectives", {}):
                if "Police and Crime Plan" in plan:
                    plans.append((Path(d["file"]).stem, plan))
    pick = lambda pool: rng.sample(sorted(pool), min(n + 1, len(pool)))  # noqa: E731
    chairs = pick(bodies - lower)  # the chain asks about other bodies: no cached answers
    return {
        "who chairs": [(f"/api/bodies/{b}", {}) for b in chairs],
        "agency leads": [(f"/api/agencies/{a}", {}) for a in pick(agencies)],
        "accountability chain": [(f"/api/bodies/{b}", {}) for b in pick(lower)],
        "alignment matrix": [("/api/alignment", {"plan": p, "against": a})
                             for p, a in pick(set(plans))],
    }


def item_requests(answers: list[dict], n: int, rng: random.Random) -> list[tuple]:
    """``/api/similar`` for ``n`` + 1 items named in the agency-leads answers."""
    iris = sorted({i["entity"]["iri"] for a in answers for i in a.get("items", [])
                   if i.get("kind") in ("Action", "Recommendation")})
    return [("/api/similar", {"item": iri}) for iri in rng.sample(iris, min(n + 1, len(iris)))]


def timed(get, calls: list[tuple]) -> tuple[dict, list[dict]]:
    """Warm-up, p50 and p99 (ms) of ``calls`` made one at a time, and the JSON answers."""
    times, errors, answers = [], 0, []
    for path, params in calls:
        t = time.perf_counter()
        r = get(path, params=params)
        times.append((time.perf_counter() - t) * 1000)
        errors += r.status_code != 200
        answers.append(r.json() if r.status_code == 200 else {})
    first, rest = times[0], sorted(times[1:]) or times
    p99 = rest[min(len(rest) - 1, round(0.99 * (len(rest) - 1)))]
    return {"first": first, "p50": statistics.median(rest), "p99": p99, "errors": errors,
            "n": len(rest)}, answers


def ask_all(get, asks: dict[str, list[tuple]], n: int, rng: random.Random) -> dict:
    """The five point queries through ``get`` (an HTTP or test client's get)."""
    out, answers = {}, {}
    for kind, calls in asks.items():
        out[kind], answers[kind] = timed(get, calls)
    asks["duplicates"] = item_requests(answers["agency leads"], n, rng)
    out["duplicates"], _ = timed(get, asks["duplicates"])
    return out


def first_similarity(get, keep: Path, rng: random.Random) -> dict:
    """The first similarity answer and duplicates page of a fresh server, cold (its first
    such request) and warm (the next, on a distinct URL, so not the response cache), in ms."""
    from cspgraph.graph.similarity.vectors import vector_paths

    iris = json.loads(vector_paths(keep)[1].read_text(encoding="utf-8"))["items"]
    a, b = rng.sample(iris, 2)
    calls = {"similar cold": ("/api/similar", {"item": a}),
             "similar warm": ("/api/similar", {"item": b}),
             "duplicates cold": ("/api/duplicates", {"limit": 20}),
             "duplicates warm": ("/api/duplicates", {"limit": 20, "offset": 20})}
    out = {}
    for name, (path, params) in calls.items():
        t = time.perf_counter()
        r = get(path, params=params)
        out[name] = (time.perf_counter() - t) * 1000
        if r.status_code != 200:
            raise SystemExit(f"{path} {params}: {r.status_code} {r.text[:300]}")
    return out


def measure_in_process(keep: Path, asks: dict[str, list[tuple]], n: int,
                       rng: random.Random) -> dict:
    """Point queries through the API app in this process, on the Oxigraph store (its
    vectors read from beside the store's folder before the first request)."""
    from fastapi.testclient import TestClient

    from cspgraph.api.http.app import create_app
    from cspgraph.api.http.state import GraphState, Snapshot
    from cspgraph.graph.store.backends import new_dataset
    from cspgraph.settings import Settings

    state = GraphState(Settings())
    t = time.perf_counter()
    state._snapshot = Snapshot(new_dataset(f"oxigraph:{keep}"))
    state._snapshot.embed(state.settings, graph_file=keep)
    figures = {"load_s": time.perf_counter() - t}
    get = TestClient(create_app(state)).get
    figures["similarity"] = first_similarity(get, keep, rng)
    figures["queries"] = ask_all(get, asks, n, rng)
    return figures


def measure_served(keep: Path, asks: dict[str, list[tuple]], n: int, rng: random.Random,
                   seconds: int) -> dict:
    """Point queries over loopback HTTP, then wrk at 50 connections, on ``cspgraph serve``."""
    import httpx
    from api_load import HOST, free_port, start_server, wait_until_up

    port = free_port()
    base = f"http://{HOST}:{port}"
    t = time.perf_counter()
    log = keep.parent / "serve.log"
    with log.open("wb") as fh:  # an empty embedding cache: the server must not need one
        os.environ["CSPGRAPH_CACHE_DIR"] = str(keep.parent / "serve-cache")
        try:
            server = start_server(port, ["--graph", str(keep)], stderr=fh)
        finally:
            del os.environ["CSPGRAPH_CACHE_DIR"]
    try:
        try:
            wait_until_up(base, server, timeout=3600)
        except SystemExit as exc:
            raise SystemExit(f"{exc}\n{log.read_text(errors='replace')[-2000:]}") from None
        figures = {"load_s": time.perf_counter() - t}
        with httpx.Client(base_url=base, timeout=3600) as client:
            figures["similarity"] = first_similarity(client.get, keep, rng)
            figures["queries"] = ask_all(client.get, asks, n, rng)
        if shutil.which("wrk"):  # the first run computes each answer for wrk's headers;
            calls = [c for found in asks.values() for c in found]  # the second hits the cache
            figures["throughput"] = wrk_rotating(base, calls, seconds)
            figures["throughput_warm"] = wrk_rotating(base, calls, seconds)
        status = Path(f"/proc/{server.pid}/status").read_text()
        figures["serve_rss_mib"] = int(status.split("VmHWM:")[1].split()[0]) / 1024
    finally:
        server.terminate()
        server.wait(30)
    return figures


def wrk_rotating(base: str, calls: list[tuple], seconds: int) -> dict:
    """wrk, 50 connections, one thread, each request the next of ``calls`` in turn."""
    import tempfile

    import httpx

    paths = [httpx.URL(base + path, params=params).raw_path.decode() for path, params in calls]
    script = ("local paths = {" + ",".join(json.dumps(p) for p in paths) + "}\n"
              "local i = 0\nrequest = function()\n  i = i % #paths + 1\n"
              "  return wrk.format('GET', paths[i])\nend\n")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(script)
    try:
        out = subprocess.run(["wrk", "-t1", "-c50", f"-d{seconds}s", "--timeout", "30s",
                              "--latency", "-s", fh.name, base], check=True,
                             capture_output=True, text=True).stdout
    finally:
        os.unlink(fh.name)
    units = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}
    dist = {p: float(v) * units[u] for p, v, u in
            re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)}
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"req_s": rate, "p50": dist["50"], "p99": dist["99"], "urls": len(paths),
            "errors": int(bad.group(1)) if bad else 0}


KINDS = ("who chairs", "agency leads", "accountability chain", "alignment matrix",
         "duplicates")


def table(rows: list[tuple]) -> None:
    """The summary tables: build and memory, then queries, then throughput."""
    print("\nscale store      docs   triples  build s  docs/s  triples/s  build MiB  disk MB"
          "  serve MiB")
    for scale, store, b, m in rows:
        serve = f"{m['serve_rss_mib']:>9.0f}" if "serve_rss_mib" in m else "        -"
        print(f"{scale:>4}x {store:<8} {b['documents']:>6} {b['triples']:>9} "
              f"{b['total_s']:>8.1f} {b['documents'] / b['total_s']:>7.1f} "
              f"{b['triples'] / b['total_s']:>10.0f} {b['rss_mib']:>10.0f} "
              f"{b['disk_mb']:>8.1f}  {serve}")
    print("\nscale store    build+embed s  embed s  items  vectors MB  load s   first similar "
          "cold/warm ms  first duplicates page cold/warm ms")
    for scale, store, b, m in rows:
        sim = m["similarity"]
        print(f"{scale:>4}x {store:<8} {b['total_s'] + b['embed_s']:>12.1f} {b['embed_s']:>8.1f} "
              f"{b['items']:>6} {b['vectors_mb']:>11.1f} {m.get('load_s', 0):>6.1f} "
              f"{sim['similar cold']:>14.0f}/{sim['similar warm']:<14.0f} "
              f"{sim['duplicates cold']:>14.0f}/{sim['duplicates warm']:<.0f}")
    print("\np50/p99 ms (first request apart)  " + "  ".join(f"{k:>22}" for k in KINDS))
    for scale, store, _, m in rows:
        q = m["queries"]
        cells = "  ".join(f"{q[k]['p50']:>6.0f}/{q[k]['p99']:<6.0f}({q[k]['first']:>7.0f})"
                          for k in KINDS)
        print(f"{scale:>4}x {store:<8}                   {cells}")
    print("\nthroughput, 50 connections (wrk):  req/s   p50 ms   p99 ms  distinct URLs")
    for scale, store, _, m in rows:
        for run in ("throughput", "throughput_warm"):
            if t := m.get(run):
                print(f"{scale:>4}x {store:<8} {'warm' if 'warm' in run else 'first':<5}"
                      f"             {t['req_s']:>7.0f} {t['p50']:>8.1f} {t['p99']:>8.1f}  "
                      f"{t['urls']:>6}" + (f"  {t['errors']} errors" if t["errors"] else ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    ap.add_argument("--stores", nargs="+", default=["memory", "oxigraph"],
                    choices=["memory", "oxigraph"])
    ap.add_argument("--queries", type=int, default=50, help="requests per query kind")
    ap.add_argument("--oxigraph-queries", type=int, default=5,
                    help="requests per query kind on Oxigraph (each takes seconds)")
    ap.add_argument("--seconds", type=int, default=10, help="wrk run per size")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--reuse", action="store_true",
                    help="keep the graph and build figures of an earlier run at that size")
    args = ap.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.2f}")
    rows = []
    for scale in args.scales:
        folder = corpus(scale, args.seed)
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        for store in args.stores:
            n = args.queries if store == "memory" else args.oxigraph_queries
            rng = random.Random(args.seed)
            asks = requests_for(manifest, n, rng)
            keep = CACHE / "built" / f"scale-{scale}-{store}" / (
                "graph.nq" if store == "memory" else "store")
            figures = keep.parent / "build.json"
            if args.reuse and figures.exists() and keep.exists():
                b = json.loads(figures.read_text())  # the graph and figures of an earlier run
            else:
                shutil.rmtree(keep.parent, ignore_errors=True)
                keep.parent.mkdir(parents=True)
                b = measure_build(folder / "documents", store, keep)
                figures.write_text(json.dumps(b))
            print(f"scale {scale} {store}: {json.dumps(b)}", flush=True)
            m = (measure_served(keep, asks, n, rng, args.seconds) if store == "memory"
                 else measure_in_process(keep, asks, n, rng))
            print(f"  {json.dumps(m)}", flush=True)
            rows.append((scale, store, b, m))
    table(rows)


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child_build(Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4]))
    else:
        main()
