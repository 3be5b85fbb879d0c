"""cspgraph.ontology"""
