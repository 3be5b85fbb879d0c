"""cspgraph.graph"""
