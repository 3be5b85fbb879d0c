"""Store: where the dataset lives (compact memory, Oxigraph, a SPARQL server) and how it
is saved and loaded. Knows nothing of plans or governance.
"""

from rdflib import plugin
from rdflib.store import Store

# Dataset(store="cspgraph-compact"): the compact in-memory store, imported on first use.
plugin.register("cspgraph-compact", Store, "cspgraph.graph.store.compact", "CompactStore")
