"""Triple-pattern reads for the query layer, without rdflib's per-call wrapper.

On a dataset whose queries see the union of its graphs (what ``store.new_dataset`` makes),
``ds.value``/``ds.objects``/``ds.subjects`` pass the pattern to the store with no context
after several checks that cost as much as the lookup itself. These helpers ask the store
directly and give the same answers; on any other graph they call rdflib as usual.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Dataset, Graph
from rdflib.term import Node


def triples(ds: Graph, pattern: tuple) -> Iterator[tuple]:
    """``ds.triples(pattern)`` for a pattern of terms and Nones."""
    if isinstance(ds, Dataset) and ds.default_union:
        return (t for t, _ in ds.store.triples(pattern, None))
    return ds.triples(pattern)


def objects(ds: Graph, s: Node | None, p: Node | None) -> Iterator[Node]:
    """``ds.objects(s, p)``."""
    return (o for _, _, o in triples(ds, (s, p, None)))


def subjects(ds: Graph, p: Node | None, o: Node | None) -> Iterator[Node]:
    """``ds.subjects(p, o)``."""
    return (s for s, _, _ in triples(ds, (None, p, o)))


def value(ds: Graph, s: Node | None, p: Node, o: Node | None = None) -> Node | None:
    """``ds.value(s, p)`` (or ``ds.value(None, p, o)``): any one match, or None."""
    if s is None and o is None:
        return None
    for t in triples(ds, (s, p, o)):
        return t[2] if o is None else t[0]
    return None
