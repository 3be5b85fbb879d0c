"""Benchmark: cspgraph's ``encode`` against a bare ``SentenceTransformer.encode`` call,
and which batching is fastest on this machine at unchanged neighbours.

Takes the texts embedded from the bundled samples (each item bare and with its context),
repeats them to ``--texts`` (default 800) and makes each copy distinct with a
" [copy N]" suffix, so the cache cannot skip repeats: both sides embed exactly the same
texts. The model is loaded and warmed up first; loading and imports are not counted.

Each round times ``model.encode(texts, batch_size=32)`` and then ``encode(texts)`` into
a fresh, empty cache folder (so cspgraph pays for hashing, batching, its progress bar and
writing the cache). It prints sentences/s for both (median over rounds) and the ratio,
target >= 0.9; then the time to encode the same texts again from the warm cache.

Then a table of ways to batch the same texts (``encode_batches``, no cache): the current
path; texts in their given order (no sorting by length); sorted by length with batch
sizes 16, 32, 64 and 128; and ``torch.set_num_threads`` at the core count. Each row gives
sentences/s (wall clock, and per CPU-second, which load from other work on the machine
disturbs less) and how many texts' top-10 neighbour lists (cosine, over all the texts) are
the same as the reference path's (``model.encode``, batch 32).

    python benchmarks/encode_throughput.py [--texts 800] [--rounds 2] [--json]

Exit status: 0 when the ratio meets the target, 1 when it does not.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time

import numpy as np

TARGET = 0.9


def sample_texts() -> list[str]:
    """The distinct texts of the sample items, bare and with context."""
    from cspgraph.graph.build.dataset import build
    from cspgraph.graph.similarity.texts import embeddable_items

    items = embeddable_items(build().dataset)
    return list(dict.fromkeys(t for it in items for t in (it.text(), it.text(True))))


def corpus(base: list[str], size: int) -> list[str]:
    """``size`` distinct texts: ``base`` repeated, each copy suffixed " [copy N]"."""
    return [base[i % len(base)] + (f" [copy {i // len(base)}]" if i >= len(base) else "")
            for i in range(size)]


def measure(size: int, rounds: int, batch_size: int = 32) -> dict[str, object]:
    """Sentences/s of the bare model and of ``encode``, and the warm-cache time."""
    import torch

    from cspgraph.graph.similarity.encode import encode
    from cspgraph.graph.similarity.model import load_model, model_id
    from cspgraph.settings import Settings

    base = sample_texts()
    texts = corpus(base, size)
    start = time.perf_counter()
    model = load_model(Settings.from_env())
    load_s = time.perf_counter() - start
    model.encode(texts[:64], batch_size=batch_size)  # warm up
    runs: dict[str, list[tuple[float, float]]] = {"bare": [], "encode": []}
    warm: list[float] = []

    def bare() -> None:
        model.encode(texts, batch_size=batch_size)

    def ours() -> None:
        with tempfile.TemporaryDirectory(prefix="cspgraph-bench-") as cache_dir:
            settings = Settings.from_env(cache_dir=cache_dir)
            encode(texts, settings, batch_size=batch_size)
            start = time.perf_counter()
            encode(texts, settings, batch_size=batch_size)  # everything cached now
            warm.append(time.perf_counter() - start)

    for r in range(rounds):  # alternate who goes first, so load from others evens out
        for name in (("bare", "encode") if r % 2 == 0 else ("encode", "bare")):
            wall, cpu = time.perf_counter(), time.process_time()
            (bare if name == "bare" else ours)()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            if name == "encode":
                wall -= warm[-1]
            runs[name].append((len(texts) / wall, len(texts) / cpu))
    bare_rate = statistics.median(w for w, _ in runs["bare"])
    our_rate = statistics.median(w for w, _ in runs["encode"])
    bare_cpu = statistics.median(c for _, c in runs["bare"])
    our_cpu = statistics.median(c for _, c in runs["encode"])
    return {
        "texts": len(texts),
        "sample_texts": len(base),
        "batch_size": batch_size,
        "rounds": rounds,
        "torch_threads": torch.get_num_threads(),
        "model": model_id(Settings.from_env()),
        "model_load_s": round(load_s, 2),
        "bare_sentences_per_s": round(bare_rate, 1),
        "encode_sentences_per_s": round(our_rate, 1),
        "ratio": round(our_rate / bare_rate, 3),
        "bare_rounds": [round(w, 1) for w, _ in runs["bare"]],
        "encode_rounds": [round(w, 1) for w, _ in runs["encode"]],
        "bare_per_cpu_s": round(bare_cpu, 1),
        "encode_per_cpu_s": round(our_cpu, 1),
        "ratio_cpu": round(our_cpu / bare_cpu, 3),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "warm_cache_s": round(statistics.median(warm), 3),
    }


def top10(vectors: np.ndarray) -> np.ndarray:
    """Each text's 10 nearest other texts by cosine."""
    from cspgraph.graph.similarity.cache import normalise
    from cspgraph.graph.similarity.search import all_pairs_top_k

    return all_pairs_top_k(normalise(vectors), 10)[0]


def variants(size: int, rounds: int) -> list[dict[str, object]]:
    """Sentences/s and top-10 agreement of each way to batch, median over ``rounds``."""
    import torch

    from cspgraph.graph.similarity.encode import BATCH_SIZE, encode_batches
    from cspgraph.graph.similarity.model import load_model
    from cspgraph.settings import Settings

    texts = corpus(sample_texts(), size)
    model = load_model(Settings.from_env())
    model.encode(texts[:64], batch_size=32)  # warm up
    threads = torch.get_num_threads()
    reference = top10(model.encode(texts, batch_size=32, convert_to_numpy=True))

    def unsorted(batch: int):
        parts = [model.encode(texts[i:i + batch], batch_size=batch, convert_to_numpy=True)
                 for i in range(0, len(texts), batch)]
        return np.concatenate(parts)

    def with_threads(batch: int):
        torch.set_num_threads(os.cpu_count() or 1)
        try:
            return encode_batches(model, texts, batch)
        finally:
            torch.set_num_threads(threads)

    ways = [(f"current (sorted, batch {BATCH_SIZE})", lambda: encode_batches(model, texts)),
            ("given order, batch 32", lambda: unsorted(32))]
    ways += [(f"sorted, batch {b}", lambda b=b: encode_batches(model, texts, b))
             for b in (16, 32, 64, 128)]
    ways.append((f"sorted, batch {BATCH_SIZE}, {os.cpu_count()} torch threads (was {threads})",
                 lambda: with_threads(BATCH_SIZE)))
    rates: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in ways}
    same: dict[str, int] = {}
    for r in range(rounds):  # every way once per round, in turn: load drifts over a run
        for name, run in ways[r % len(ways):] + ways[:r % len(ways)]:
            wall, cpu = time.perf_counter(), time.process_time()
            vectors = run()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            rates[name].append((len(texts) / wall, len(texts) / cpu))
            same[name] = int((top10(vectors) == reference).all(axis=1).sum())
    return [{"way": name,
             "sentences_per_s": round(statistics.median(w for w, _ in rates[name]), 1),
             "per_cpu_s": round(statistics.median(c for _, c in rates[name]), 1),
             "top10_same": same[name], "texts": len(texts)} for name, _ in ways]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=800, help="texts per round (default 800)")
    parser.add_argument("--rounds", type=int, default=2, help="timed rounds (default 2)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    report = measure(max(1, args.texts), max(1, args.rounds))
    report["variants"] = variants(max(11, args.texts), max(1, args.rounds))
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"model {report['model']} (loaded in {report['model_load_s']} s), "
              f"{report['torch_threads']} torch threads, batch {report['batch_size']}")
        print(f"{report['texts']} distinct texts from {report['sample_texts']} sample texts, "
              f"median of {report['rounds']} rounds:")
        print(f"  bare SentenceTransformer.encode  {report['bare_sentences_per_s']:>7.1f} "
              f"sentences/s  {report['bare_rounds']}")
        print(f"  cspgraph encode (empty cache)    {report['encode_sentences_per_s']:>7.1f} "
              f"sentences/s  {report['encode_rounds']}")
        verdict = "meets" if report["ratio"] >= TARGET else "BELOW"
        print(f"  ratio {report['ratio']:.3f}: {verdict} the {TARGET} target")
        print(f"  per CPU-second: bare {report['bare_per_cpu_s']}, encode "
              f"{report['encode_per_cpu_s']}, ratio {report['ratio_cpu']:.3f}")
        print(f"  load average at the end: {report['load_average']} "
              "(other work on the machine makes wall-clock figures noisy)")
        print(f"  again from the warm cache: {report['warm_cache_s']:.3f} s for "
              f"{report['texts']} texts")
        print(f"\nways to batch, median of {report['rounds']} rounds (top-10 lists the same as "
              "model.encode's, batch 32):")
        for row in report["variants"]:
            print(f"  {row['way']:<48} {row['sentences_per_s']:>7.1f} sentences/s "
                  f"{row['per_cpu_s']:>6.1f} per CPU-s  "
                  f"top-10 same {row['top10_same']}/{row['texts']}")
    return 0 if report["ratio"] >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
