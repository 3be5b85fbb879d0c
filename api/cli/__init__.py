"""The ``cspgraph`` command line: parse arguments, call graph/ and loaders/, print.
No logic of its own; ``app.main`` is the entry point.
"""
