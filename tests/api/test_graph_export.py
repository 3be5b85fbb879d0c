"""GET /graph: the whole dataset or one named graph, as TriG, Turtle, JSON-LD or N-Quads."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Graph, URIRef

from cspgraph.graph.queries.sparql import graph_names


@pytest.fixture(scope="module")
def dataset(client) -> Dataset:
    return client.app.state.graph.snapshot.dataset


@pytest.fixture(scope="module")
def whole_trig(client) -> bytes:
    r = client.get("/graph")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/trig")
    return r.content


def test_whole_dataset_round_trips_as_trig(whole_trig, dataset):
    parsed = Dataset()
    parsed.parse(data=whole_trig, format="trig")
    assert len(parsed) == len(dataset)
    named = {str(g.identifier) for g in parsed.graphs() if len(g)}
    assert set(graph_names(dataset)) <= named


@pytest.mark.parametrize(("accept", "rdflib_format", "quads"), [
    ("application/n-quads", "nquads", True),
    ("application/ld+json", "json-ld", True),
    ("text/turtle", "turtle", False),
])
def test_whole_dataset_by_content_negotiation(client, dataset, accept, rdflib_format, quads):
    r = client.get("/graph", headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == accept
    if quads:
        parsed = Dataset()
        parsed.parse(data=r.content, format=rdflib_format)
        assert len(parsed) == len(dataset)
    else:  # Turtle has no named graphs: the union of them
        union = Graph().parse(data=r.content, format="turtle")
        assert len(union) == len(set(dataset.triples((None, None, None))))


def test_one_named_graph(client, dataset):
    name = graph_names(dataset)[0]
    expected = len(dataset.graph(URIRef(name)))
    r = client.get("/graph", params={"graph": name, "format": "nquads"})
    assert r.status_code == 200
    parsed = Dataset()
    parsed.parse(data=r.content, format="nquads")
    assert len(parsed) == expected
    assert {str(g.identifier) for g in parsed.graphs() if len(g)} == {name}
    assert "filename=" in r.headers["content-disposition"]
    r = client.get("/graph", params={"graph": name}, headers={"Accept": "text/turtle"})
    assert len(Graph().parse(data=r.content, format="turtle")) == expected


def test_unknown_graph_is_404(client):
    r = client.get("/graph", params={"graph": "https://example.org/no-such-graph"})
    assert r.status_code == 404
    assert r.json() == {"error": "not_found", "status": 404,
                        "detail": r.json()["detail"], "hint": r.json()["hint"]}
    assert "SELECT DISTINCT ?g" in r.json()["hint"]
    assert "no-such-graph" in r.json()["detail"]


def test_unacceptable_accept_is_406_in_the_error_shape(client):
    page = client.get("/graph", headers={"Accept": "text/html"})  # a browser: an error page
    assert page.status_code == 406 and "application/trig" in page.text
    assert page.headers["content-type"].startswith("text/html")
    r = client.get("/graph", headers={"Accept": "image/png"})
    assert r.status_code == 406
    body = r.json()
    assert set(body) == {"error", "detail", "hint", "status"} and body["status"] == 406
    assert body["error"] == "not_acceptable"
    assert "image/png" in body["detail"] and "application/trig" in body["hint"]


def test_bad_format_parameter_is_422(client):
    r = client.get("/graph", params={"format": "rdfxml"})
    assert r.status_code == 422
    assert set(r.json()) == {"error", "detail", "hint", "status"}
    assert r.json()["error"] == "invalid_request"
