"""Named graphs in the form stores keep them, as N-Triples lines, and a digest of them.

Stores keep values, not spellings. Measured on Oxigraph 0.5 and Virtuoso 7.2: both store
``"1.0"^^xsd:decimal`` as ``"1"``; Oxigraph (and oxrdflib) treat ``"x"`` and
``"x"^^xsd:string`` as one term (RDF 1.1) where rdflib does not; Oxigraph lower-cases
language tags. Literals are written that way (``canonical_literal``) before a graph is
published or compared, so what is published reads back exactly and a digest taken before
publishing equals one taken after reading back. Other spellings (dates, times, doubles)
already agree once rdflib has parsed them.

The digest leaves out when a graph was made (``prov:generatedAtTime`` and
``prov:endedAtTime``): loading unchanged bytes again gives the same graph at a later time,
and a store should keep the graph it has rather than be rewritten for a new time stamp.

>>> canonical_literal(Literal("1.50", datatype=XSD.decimal))
rdflib.term.Literal('1.5', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from rdflib import XSD, BNode, Dataset, Graph, Literal, Node, URIRef
from rdflib.compare import to_canonical_graph

Triple = tuple[Node, Node, Node]
PROV = "http://www.w3.org/ns/prov#"
STAMPS = frozenset(f"<{PROV}{name}>" for name in ("generatedAtTime", "endedAtTime"))
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def canonical_literal(lit: Literal) -> Literal:
    """``lit`` spelt as the stores keep it: the same value, the same datatype or language."""
    if lit.language:
        lang = lit.language.lower()
        return lit if lang == lit.language else Literal(str(lit), lang=lang)
    if lit.datatype == XSD.string:
        return Literal(str(lit))
    if lit.datatype == XSD.decimal:
        try:
            value = Decimal(str(lit))
        except InvalidOperation:  # ill-typed: stores keep the text as it is
            return lit
        text = "0" if value == 0 else format(value.normalize(), "f")
        return lit if text == str(lit) else Literal(text, datatype=XSD.decimal)
    return lit


def canonical_triple(triple: Triple) -> Triple:
    s, p, o = triple
    return (s, p, canonical_literal(o)) if isinstance(o, Literal) else triple


def server_form(triples: Iterable[Triple]) -> Graph:
    """A new graph holding ``triples`` with every literal in canonical spelling."""
    out = Graph()
    for triple in triples:
        out.add(canonical_triple(triple))
    return out


def nt_lines(graph: Graph, canonical: bool = True) -> list[str]:
    """``graph`` as sorted N-Triples lines, literals in canonical spelling unless told not;
    blank nodes are relabelled canonically, so equal graphs give equal lines."""
    triples: Iterable[Triple] = graph
    if any(isinstance(term, BNode) for triple in graph for term in triple):
        triples = to_canonical_graph(graph)
    convert = canonical_triple if canonical else None
    return sorted({_line(convert(t) if convert else t) for t in triples})


def digest(lines: list[str]) -> str:
    """``sha256:`` and the hex SHA-256 of ``lines`` (as ``nt_lines`` gives them), leaving
    out the lines that only say when the graph was made (``STAMPS``)."""
    kept = (line for line in lines if line.split(" ", 2)[1] not in STAMPS)
    return "sha256:" + hashlib.sha256("\n".join(kept).encode("utf-8")).hexdigest()


def graph_digest(graph: Graph, canonical: bool = True) -> str:
    """The digest of ``graph``'s N-Triples lines (see ``nt_lines``)."""
    return digest(nt_lines(graph, canonical))


def _line(triple: Triple) -> str:
    return " ".join(_term(term) for term in triple) + " ."


def _term(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        text = f'"{str(term).translate(_ESCAPES)}"'
        if term.language:
            return f"{text}@{term.language}"
        return f"{text}^^<{term.datatype}>" if term.datatype else text
    raise TypeError(f"not an RDF term: {term!r}")


def graph_digests(ds: Dataset) -> dict[str, str]:
    """The digest of every non-empty named graph of dataset ``ds``, by graph IRI."""
    return {str(g.identifier): graph_digest(g) for g in ds.graphs() if len(g)}
