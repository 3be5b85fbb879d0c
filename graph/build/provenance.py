"""Provenance: every extracted triple is traceable to its lines and quoted words.

cspgraph uses one method everywhere: standard RDF reification. For each triple
``s p o`` that a fact puts in a document's named graph, the same graph holds

    <stmt> a rdf:Statement ; rdf:subject s ; rdf:predicate p ; rdf:object o ;
           prov:wasDerivedFrom <span> .
    <span> a csp:SourceSpan ; csp:inDocument <doc> ;
           csp:lineStart 12 ; csp:lineEnd 12 ; csp:quote "the words" .

Lines are in the file's own coordinates (``Document.locate``): the line of a text or HTML
file, page and line of a PDF (``csp:page``), the paragraph of a Word file, with
``csp:locator`` naming a Word table cell or a span over a page break in words.

Statement and span IRIs are hashes of their content, so building the same
document twice gives the same graph, and a triple stated in several places
simply gains several spans.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Protocol

from rdflib import Literal, Node, URIRef
from rdflib.namespace import XSD

from cspgraph import __version__
from cspgraph.graph.build.names import digest, iri
from cspgraph.loaders.document import Location, Span
from cspgraph.loaders.facts import Source
from cspgraph.ontology.namespaces import CSP, DCTERMS, PROV, RDF


def document_iri(doc_id: str) -> URIRef:
    """The node for a source document."""
    return iri("doc", doc_id)


def graph_iri(doc_id: str) -> URIRef:
    """The named graph holding everything read from one document."""
    return iri("graph", doc_id)


class TripleSink(Protocol):
    """Where triples are written: an rdflib Graph, or a plain set of triples."""

    def add(self, triple: tuple[Node, Node, Node], /) -> object: ...


def _as_is(span: Span, quote: str) -> Location:
    return Location(span.start, span.end, span.page)


class ProvenanceWriter:
    """Adds triples to one document graph, each reified with its source span; ``locate``
    turns a span of the document's units into the file's own coordinates."""

    def __init__(self, graph: TripleSink, doc_id: str,
                 locate: Callable[[Span, str], Location] | None = None) -> None:
        self.graph = graph
        self.doc_id = doc_id
        self.doc = document_iri(doc_id)
        self.locate = locate or _as_is
        self._spans: dict[tuple[int, int, int | None, str], URIRef] = {}

    def span(self, source: Source) -> URIRef:
        """The span node for ``source``, created on first use."""
        s = source.span
        key = (s.start, s.end, s.page, source.quote)
        node = self._spans.get(key)
        if node is not None:
            return node
        at = self.locate(s, source.quote)
        where = f"{at.line_start}-{at.line_end}" + (f"-p{at.page}" if at.page is not None else "")
        said = (source.quote, at.label) if at.label else (source.quote,)
        node = iri("doc", self.doc_id, "span", where, digest(*said, size=8))
        g = self.graph
        g.add((node, RDF.type, CSP.SourceSpan))
        g.add((node, CSP.inDocument, self.doc))
        g.add((node, CSP.lineStart, Literal(at.line_start)))
        g.add((node, CSP.lineEnd, Literal(at.line_end)))
        if at.page is not None:
            g.add((node, CSP.page, Literal(at.page)))
        if at.label:
            g.add((node, CSP.locator, Literal(at.label)))
        g.add((node, CSP.quote, Literal(source.quote)))
        self._spans[key] = node
        return node

    def add(self, s: Node, p: Node, o: Node, source: Source) -> None:
        """Add ``s p o`` to the graph, derived from ``source``."""
        g = self.graph
        g.add((s, p, o))
        stmt = iri("stmt", self.doc_id, digest(s.n3(), p.n3(), o.n3(), size=16))
        g.add((stmt, RDF.type, RDF.Statement))
        g.add((stmt, RDF.subject, s))
        g.add((stmt, RDF.predicate, p))
        g.add((stmt, RDF.object, o))
        g.add((stmt, PROV.wasDerivedFrom, self.span(source)))


def describe_load(
    graph: TripleSink,
    doc_id: str,
    *,
    file_name: str,
    path: str,
    sha256: str,
    media_type: str,
    loader_version: str,
    when: datetime | None = None,
) -> None:
    """Record in the document's graph which file it came from, when, and by what."""
    when = when or datetime.now(UTC)
    doc, g_iri = document_iri(doc_id), graph_iri(doc_id)
    activity = iri("graph", doc_id, "load")
    stamp = Literal(when.isoformat(timespec="seconds"), datatype=XSD.dateTime)
    for triple in (
        (doc, RDF.type, CSP.SourceDocument),
        (doc, CSP.fileName, Literal(file_name)),
        (doc, CSP.sha256, Literal(sha256)),
        (doc, DCTERMS.format, Literal(media_type)),
        (doc, DCTERMS.source, Literal(path)),
        (g_iri, RDF.type, PROV.Entity),
        (g_iri, PROV.wasDerivedFrom, doc),
        (g_iri, PROV.wasGeneratedBy, activity),
        (g_iri, PROV.generatedAtTime, stamp),
        (activity, RDF.type, PROV.Activity),
        (activity, PROV.used, doc),
        (activity, PROV.endedAtTime, stamp),
        (activity, PROV.wasAssociatedWith, iri("software", "cspgraph", __version__)),
        (activity, CSP.loaderVersion, Literal(f"cspgraph {__version__} {loader_version}")),
    ):
        graph.add(triple)
