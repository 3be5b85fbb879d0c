"""Store: where the dataset lives (compact memory, Oxigraph, a SPARQL server) and how it
is saved and loaded. Knows nothing of plans or governance.
"""
