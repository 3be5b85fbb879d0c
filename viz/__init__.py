"""cspgraph.viz"""
