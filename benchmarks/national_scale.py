"""How cost grows with the corpus: build, memory, disk and point queries per size and store.

For each scale of the SYNTHETIC corpus (``synthetic_corpus.py``: 1x is 70 documents, 10x
650, 100x 6,570) and each embedded store:

- build: a child process runs ``build()`` over the documents (real loaders), then keeps
  the graph (memory: an N-Quads file written atomically; oxigraph: the on-disk store it
  built into). Wall time, documents/s, triples/s and the child's peak RSS are printed;
- disk: the N-Quads file or the Oxigraph folder;
- point queries through the API (FastAPI app in process, no network; each request names a
  different entity, so the per-snapshot response cache is not what is measured): who
  chairs a body, what an agency leads, a sub-group's chain of accountability (``GET
  /api/bodies/{id}`` answers both), and the alignment matrix of one plan against its
  force area's Police and Crime Plan; p50 and p99 over ``--queries`` requests each.

Duplicates of one item (``/api/similar``) and API throughput at 50 connections are not
measured here: see ``similarity_scale.py`` and ``api_load.py``.

    python benchmarks/national_scale.py [--scales 1 10] [--stores memory oxigraph]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = Path(os.path.expanduser("~/.cache/cspgraph/benchmarks/national"))


def corpus(scale: int, seed: int) -> Path:
    """The generated corpus folder for ``scale`` (made once, then reused)."""
    out = CACHE / f"scale-{scale}-seed-{seed}"
    if not (out / "manifest.json").exists():
        shutil.rmtree(out, ignore_errors=True)
        sys.path.insert(0, str(HERE))
        from synthetic_corpus import generate

        generate(scale, out, seed)
    return out


def child_build(docs: Path, store: str, keep: Path) -> None:
    """In the child: build, keep the graph, print figures as JSON."""
    from cspgraph.graph.build import build
    from cspgraph.graph.io import save
    from cspgraph.settings import Settings

    spec = "memory" if store == "memory" else f"oxigraph:{keep}"
    t = time.perf_counter()
    result = build([docs], Settings(store=spec))
    built = time.perf_counter() - t
    if store == "memory":
        save(result.dataset, keep, "nquads")
    total = time.perf_counter() - t
    print(json.dumps({"documents": len(result.loaded), "triples": len(result.dataset),
                      "build_s": built, "total_s": total}))


def measure_build(docs: Path, store: str, keep: Path) -> dict:
    """Run the build in a child; add its peak RSS (MiB) and the disk size (MB)."""
    cmd = [sys.executable, __file__, "--child", str(docs), store, str(keep)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
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
    """Distinct entities to ask about, from the corpus's ground truth."""
    bodies, agencies, lower, plans = set(), set(), set(), []
    for d in manifest["documents"]:
        bodies |= set(d.get("chairs", {}))
        lower |= {r[0] for r in d.get("relations", []) if r[1] in ("reports to", "sub-group of")}
        for p in d.get("priorities", []):
            agencies |= set(p.get("lead_agencies", []))
            for plan in p.get("objectives", {}):
                if "Police and Crime Plan" in plan:
                    plans.append((Path(d["file"]).stem, plan))
    pick = lambda pool: rng.sample(sorted(pool), min(n, len(pool)))  # noqa: E731
    chairs = pick(bodies - lower)  # the chain asks about other bodies: no cached answers
    return {
        "who chairs": [(f"/api/bodies/{b}", {}) for b in chairs],
        "agency leads": [(f"/api/agencies/{a}", {}) for a in pick(agencies)],
        "accountability chain": [(f"/api/bodies/{b}", {}) for b in pick(lower)],
        "alignment matrix": [("/api/alignment", {"plan": p, "against": a})
                             for p, a in pick(set(plans))],
    }


def measure_queries(store: str, keep: Path, asks: dict[str, list[tuple]]) -> dict:
    """p50/p99 in ms per query kind, through the API app in this process."""
    from fastapi.testclient import TestClient

    from cspgraph.api.main import create_app
    from cspgraph.api.state import GraphState, Snapshot
    from cspgraph.graph.io import load
    from cspgraph.graph.store import new_dataset
    from cspgraph.settings import Settings

    ds = load(keep) if store == "memory" else new_dataset(f"oxigraph:{keep}")
    state = GraphState(Settings())
    state._snapshot = Snapshot(ds)
    client = TestClient(create_app(state))
    out = {}
    for kind, calls in asks.items():
        times, errors = [], 0
        for path, params in calls:
            t = time.perf_counter()
            r = client.get(path, params=params)
            times.append((time.perf_counter() - t) * 1000)
            errors += r.status_code != 200
        times.sort()
        out[kind] = (statistics.median(times), times[min(len(times) - 1,
                                                         round(0.99 * (len(times) - 1)))],
                     errors, len(times))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    ap.add_argument("--stores", nargs="+", default=["memory", "oxigraph"],
                    choices=["memory", "oxigraph"])
    ap.add_argument("--queries", type=int, default=50, help="requests per query kind")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.2f}")
    rows = []
    for scale in args.scales:
        folder = corpus(scale, args.seed)
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        asks = requests_for(manifest, args.queries, random.Random(args.seed))
        for store in args.stores:
            keep = CACHE / "built" / f"scale-{scale}-{store}" / (
                "graph.nq" if store == "memory" else "store")
            shutil.rmtree(keep.parent, ignore_errors=True)
            keep.parent.mkdir(parents=True)
            b = measure_build(folder / "documents", store, keep)
            q = measure_queries(store, keep, asks)
            rows.append((scale, store, b, q))
            print(f"scale {scale} {store}: {json.dumps(b)}", flush=True)
            for kind, (p50, p99, errors, n) in q.items():
                print(f"  {kind}: p50 {p50:.1f} ms p99 {p99:.1f} ms ({n} requests, "
                      f"{errors} errors)", flush=True)
    print("\nscale store     docs  triples   build s  docs/s  triples/s  peak MiB  disk MB"
          "  who-chairs p50/p99  leads p50/p99  chain p50/p99  alignment p50/p99 (ms)")
    for scale, store, b, q in rows:
        cells = "  ".join(f"{q[k][0]:.0f}/{q[k][1]:.0f}" for k in q)
        print(f"{scale:>4}x {store:<8} {b['documents']:>5} {b['triples']:>8} "
              f"{b['total_s']:>8.1f} {b['documents'] / b['total_s']:>7.1f} "
              f"{b['triples'] / b['total_s']:>10.0f} {b['rss_mib']:>9.0f} {b['disk_mb']:>8.1f}"
              f"  {cells}")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child_build(Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4]))
    else:
        main()
