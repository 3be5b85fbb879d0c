"""Canonical literal spelling and graph digests (graph/store/digest.py)."""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from cspgraph.graph.store.digest import canonical_literal, graph_digest, nt_lines, server_form

XS = "http://www.w3.org/2001/XMLSchema#"
EX = "https://w3id.org/cspgraph/id/test/"


@pytest.mark.parametrize(("lexical", "canonical"), [
    ("1.0", "1"), ("1.50", "1.5"), ("-0.0", "0"), ("01.10", "1.1"), ("100", "100"),
    ("0.731", "0.731"), (".5", "0.5"), ("-2.50", "-2.5"),
])
def test_decimals_are_spelt_as_the_servers_keep_them(lexical, canonical):
    decimal = URIRef(XS + "decimal")
    got = canonical_literal(Literal(lexical, datatype=decimal))
    assert (str(got), got.datatype) == (canonical, decimal)


def test_strings_lose_xsd_string_and_language_tags_are_lower_cased():
    assert canonical_literal(Literal("x", datatype=URIRef(XS + "string"))) == Literal("x")
    assert canonical_literal(Literal("x", lang="en-GB")).language == "en-gb"
    same = Literal("2020", datatype=URIRef(XS + "gYear"))
    assert canonical_literal(same) is same


def test_lines_are_n_triples_that_parse_back_to_the_same_graph():
    g = Graph()
    s = URIRef(EX + "a")
    for i, o in enumerate([Literal('q " b \\ n\n r\r t\t'), Literal("é 😀"), Literal(""),
                           Literal("x", lang="fr"), Literal(3), URIRef("urn:x:y")]):
        g.add((s, URIRef(f"{EX}p{i}"), o))
    back = Graph().parse(data="\n".join(nt_lines(g)), format="nt")
    assert set(back) == set(server_form(g))


def test_isomorphic_graphs_with_blank_nodes_have_one_digest():
    def graph(label: str) -> Graph:
        g, b = Graph(), BNode(label)
        g.add((URIRef(EX + "a"), URIRef(EX + "has"), b))
        g.add((b, URIRef(EX + "name"), Literal("n")))
        return g

    one, two = graph("first"), graph("second")
    assert isomorphic(one, two) and graph_digest(one) == graph_digest(two)
    two.add((URIRef(EX + "a"), URIRef(EX + "more"), Literal(1)))
    assert graph_digest(one) != graph_digest(two)


def test_the_digest_ignores_spelling_only_when_asked():
    a, b = Graph(), Graph()
    a.add((URIRef(EX + "s"), URIRef(EX + "p"), Literal("1.0", datatype=URIRef(XS + "decimal"))))
    b.add((URIRef(EX + "s"), URIRef(EX + "p"), Literal("1", datatype=URIRef(XS + "decimal"))))
    assert graph_digest(a) == graph_digest(b)
    assert graph_digest(a, canonical=False) != graph_digest(b, canonical=False)


def test_the_digest_ignores_when_a_graph_was_made_but_nothing_else():
    from datetime import UTC, datetime

    from cspgraph.graph.build.provenance import describe_load

    def loaded(when: datetime, sha: str = "ab12") -> Graph:
        g = Graph()
        describe_load(g, "doc", file_name="plan.txt", path="plan.txt", sha256=sha,
                      media_type="text/plain", loader_version="v1", when=when)
        return g

    earlier, later = datetime(2025, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC)
    assert graph_digest(loaded(earlier)) == graph_digest(loaded(later))
    assert graph_digest(loaded(earlier)) != graph_digest(loaded(earlier, sha="cd34"))
