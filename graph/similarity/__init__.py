"""Sentence-embedding similarity: near-duplicate recommendations and suggested links.

Heavy libraries (torch, sentence-transformers) are imported only inside the functions
that need them, so the rest of cspgraph stays fast to start.
"""
