"""Benchmark: ways to load ~100k triples into a SPARQL server, and to read them back.

Compares rdflib's SPARQLUpdateStore (one INSERT DATA per triple; per batch of 1,000; one
INSERT DATA for everything) with cspgraph's publish (one Graph Store PUT of N-Triples per
named graph), then times a second, unchanged publish and a fetch into a local replica.
The data is shaped like cspgraph's output (benchmarks/store_choice.py), in graphs of 48k
triples. Run it against a throwaway server: it writes graphs under .../graph/bench-*.

    scripts/virtuoso.sh start 8890
    python benchmarks/sparql_publish.py sparql+http://127.0.0.1:8890/sparql
    oxigraph serve --location /tmp/ox --bind 127.0.0.1:7878 &
    python benchmarks/sparql_publish.py sparql+http://127.0.0.1:7878/query

Prints one row per method: seconds and triples per second.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from rdflib import Dataset, Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore
from store_choice import generate

from cspgraph.errors import StoreError
from cspgraph.graph.store.remote import SparqlServer

PER_TRIPLE_SAMPLE = 2_000  # one HTTP request each: timed on a sample, then scaled


def quads(n: int, tag: str) -> list[tuple]:
    """``n`` cspgraph-shaped quads in graphs named .../graph/bench-<tag>-<doc>."""
    base = "https://w3id.org/cspgraph/id/graph/"
    return [(s, p, o, URIRef(str(g).replace(base + "doc-", f"{base}bench-{tag}-")))
            for s, p, o, g in generate(n)]


def update_store(server: SparqlServer) -> Callable[[URIRef], Graph]:
    """A graph of rdflib's SPARQLUpdateStore per name (Graph, not Dataset.graph: that one
    sends CREATE GRAPH, which Oxigraph refuses for a graph that exists)."""
    update = server.query_url
    if update.endswith("/query"):  # Oxigraph; Virtuoso updates on its query endpoint
        update = update.removesuffix("/query") + "/update"
    store = SPARQLUpdateStore(query_endpoint=server.query_url, update_endpoint=update)
    graphs: dict[URIRef, Graph] = {}
    return lambda name: graphs.setdefault(name, Graph(store=store, identifier=name))


def by_rdflib(server: SparqlServer, data: list[tuple], batch: int) -> None:
    graph = update_store(server)
    for i in range(0, len(data), batch):
        graph(data[0][3]).store.addN((s, p, o, graph(g)) for s, p, o, g in data[i:i + batch])


def per_triple(server: SparqlServer, data: list[tuple]) -> None:
    graph = update_store(server)
    for s, p, o, g in data[:PER_TRIPLE_SAMPLE]:
        graph(g).add((s, p, o))


def local(data: list[tuple]) -> Dataset:
    ds = Dataset(default_union=True)
    ds.addN((s, p, o, ds.graph(g)) for s, p, o, g in data)
    return ds


def timed(label: str, n: int, fn: Callable[[], object], scale: float = 1.0) -> None:
    start = time.perf_counter()
    try:
        fn()
    except (StoreError, Exception) as exc:  # a refused request is a result worth printing
        text = str(exc).strip().splitlines()
        print(f"| {label} | failed after {time.perf_counter() - start:.1f} s: "
              f"{text[0][:120] if text else type(exc).__name__} | |")
        return
    seconds = (time.perf_counter() - start) * scale
    note = " (scaled from a sample)" if scale != 1.0 else ""
    print(f"| {label} | {seconds:.1f} s{note} | {n / seconds:,.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spec", help="sparql+http://HOST:PORT/PATH of a throwaway server")
    parser.add_argument("--triples", type=int, default=100_000)
    args = parser.parse_args()
    server = SparqlServer.from_spec(args.spec)
    n = args.triples
    written: list[str] = []

    def names(data: list[tuple]) -> set[str]:
        found = {str(q[3]) for q in data}
        written.extend(found)
        return found

    print(f"| Method ({n:,} triples, {server.query_url}) | Time | Triples/s |")
    print("|---|---|---|")
    data = quads(n, "triple")
    names(data[:PER_TRIPLE_SAMPLE])
    timed("SPARQLUpdateStore, Graph.add (one INSERT DATA per triple)", n,
          lambda: per_triple(server, data), n / PER_TRIPLE_SAMPLE)
    data = quads(n, "batch")
    names(data)
    timed("SPARQLUpdateStore, addN per 1,000 triples", n, lambda: by_rdflib(server, data, 1000))
    data = quads(n, "one")
    names(data)
    timed("SPARQLUpdateStore, one addN (one INSERT DATA request)", n,
          lambda: by_rdflib(server, data, n))
    data = quads(n, "put")
    ds = local(data)
    put_names = sorted(names(data))
    timed("cspgraph publish (Graph Store PUT per graph)", n,
          lambda: server.publish(ds, put_names))
    timed("cspgraph publish again (nothing changed)", n, lambda: server.publish(ds, put_names))
    timed("cspgraph fetch (read back, checked)", n, server.fetch)
    server.publish(Dataset(), put_names)
    for name in set(written) - set(put_names):
        server.delete_graph(name)


if __name__ == "__main__":
    main()
