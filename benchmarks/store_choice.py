"""Benchmark: cspgraph's compact store, rdflib's Memory store and Oxigraph (via oxrdflib)
on ~1M triples.

Generates a synthetic graph shaped like cspgraph's output (items with labels,
leads and reified provenance), loads it into each store through the same
rdflib Dataset API, and times one 3-pattern join with a FILTER. Each store runs
in its own process so peak memory is its own.

    python benchmarks/store_choice.py [--triples 1000000]

Prints one table row per store: load seconds, peak RSS, query seconds.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time

QUERY = """
PREFIX csp: <https://w3id.org/cspgraph/def#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?item ?label WHERE {
  ?item a csp:Action ; csp:leadAgency ?agency ; rdfs:label ?label .
  FILTER(?agency = <https://w3id.org/cspgraph/id/org/agency-7>)
}
"""


STORES = ["memory", "rdflib-memory", "oxigraph"]  # memory: the compact store


def generate(n_triples: int):
    """Yield (s, p, o, graph) quads shaped like cspgraph output, about n_triples of them."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import PROV, RDF, RDFS

    from cspgraph.ontology.namespaces import CSP

    base = "https://w3id.org/cspgraph/id/"
    per_item = 4 * 6  # 4 fact triples, each with 5 reification triples
    count = 0
    i = 0
    while count < n_triples:
        doc = i // 2000
        g = URIRef(f"{base}graph/doc-{doc}")
        item = URIRef(f"{base}doc/doc-{doc}/action/{i}")
        span = URIRef(f"{base}doc/doc-{doc}/span/{i}")
        facts = [
            (item, RDF.type, CSP.Action),
            (item, RDFS.label, Literal(f"Synthetic action number {i} to review arrangements")),
            (item, CSP.leadAgency, URIRef(f"{base}org/agency-{i % 50}")),
            (item, CSP.timescale, Literal(f"June {2010 + i % 10}")),
        ]
        for s, p, o in facts:
            st = URIRef(f"{base}stmt/{i}/{hash((s, p, o)) & 0xFFFFFF:x}")
            yield (s, p, o, g)
            yield (st, RDF.type, RDF.Statement, g)
            yield (st, RDF.subject, s, g)
            yield (st, RDF.predicate, p, g)
            yield (st, RDF.object, o, g)
            yield (st, PROV.wasDerivedFrom, span, g)
        count += per_item
        i += 1


def run_one(store: str, n: int) -> dict:
    """Load and query in this process; return the figures."""
    from cspgraph.graph.store.backends import new_dataset

    folder = tempfile.mkdtemp(prefix="cspgraph-bench-")
    if store == "rdflib-memory":  # rdflib's own store, the default before the compact store
        from rdflib import Dataset

        ds = Dataset(store="Memory", default_union=True)
    else:
        ds = new_dataset("memory" if store == "memory" else f"oxigraph:{folder}")
    start = time.perf_counter()
    batch = []
    for quad in generate(n):
        batch.append(quad)
        if len(batch) >= 50_000:
            ds.addN(batch)
            batch = []
    ds.addN(batch)
    triples = len(ds)  # the compact store sorts what was added on the first read
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    rows = len(list(ds.query(QUERY)))
    query_s = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"store": store, "triples": triples, "load_s": round(load_s, 1),
            "peak_rss_mib": round(peak_mib), "query_s": round(query_s, 2), "rows": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--store", choices=STORES)
    args = parser.parse_args()
    if args.store:
        print(json.dumps(run_one(args.store, args.triples)))
        return
    print(f"{'store':<14}{'triples':>10}{'load s':>9}{'peak RSS MiB':>14}{'query s':>9}{'rows':>7}")
    for store in STORES:
        line = subprocess.run([sys.executable, __file__, "--store", store, "--triples",
                               str(args.triples)], capture_output=True, text=True, check=True)
        r = json.loads(line.stdout)
        print(f"{r['store']:<14}{r['triples']:>10}{r['load_s']:>9}{r['peak_rss_mib']:>14}"
              f"{r['query_s']:>9}{r['rows']:>7}")


if __name__ == "__main__":
    main()
