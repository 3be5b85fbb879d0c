"""cspgraph.api"""
