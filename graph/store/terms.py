"""One object per distinct RDF term.

rdflib's memory store keeps the very term objects it is given. Parsers and emitters make a
new object for every occurrence, so a million triples naming one predicate hold a million
copies of it. Passing terms through an ``Interner`` first keeps one copy of each: about a
quarter less memory for a loaded graph (``benchmarks/national_scale.py``).
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib.plugins.parsers.nquads import NQuadsParser
from rdflib.term import Node


class Interner:
    """Maps each term to the first equal term it was given."""

    def __init__(self) -> None:
        self._terms: dict[Node, Node] = {}

    def __call__(self, term: Node) -> Node:
        return self._terms.setdefault(term, term)

    def triples(self, triples: Iterable[tuple]) -> set[tuple]:
        """``triples`` as a set, with every term interned."""
        return {(self(s), self(p), self(o)) for s, p, o in triples}


class InterningNQuadsParser(NQuadsParser):
    """rdflib's N-Quads parser, giving one object per distinct IRI and literal."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._intern = Interner()

    def uriref(self) -> Node | bool:  # a URIRef, or False where none starts here
        term = super().uriref()
        return term if term is False else self._intern(term)

    def literal(self) -> Node | bool:
        term = super().literal()
        return term if term is False else self._intern(term)
