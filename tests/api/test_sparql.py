"""The SPARQL 1.1 Protocol endpoint over the sample graph: methods, formats, refusals, limits."""

from __future__ import annotations

import csv
import io
import json
import threading
import time
import xml.etree.ElementTree as ET

import pytest
from rdflib import Dataset, Graph

ORG = "http://www.w3.org/ns/org#"
BODIES = (f"PREFIX org: <{ORG}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
          "SELECT ?body ?label WHERE { ?body a org:Organization ; rdfs:label ?label } "
          "ORDER BY ?label LIMIT 5")
ASK = f"ASK {{ ?post a <{ORG}Post> }}"
CONSTRUCT = (f"CONSTRUCT {{ ?post <{ORG}postIn> ?body }} "
             f"WHERE {{ ?post <{ORG}postIn> ?body }} LIMIT 10")
CARTESIAN = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SLOW = CARTESIAN[:-1] + "FILTER(?a = <urn:nothing>) }"  # no row ever comes out
SRX = "{http://www.w3.org/2005/sparql-results#}"


def test_get_select_json_by_default(client):
    r = client.get("/sparql", params={"query": BODIES})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    body = r.json()
    assert body["head"]["vars"] == ["body", "label"]
    rows = body["results"]["bindings"]
    assert len(rows) == 5
    assert all(row["body"]["type"] == "uri" and row["label"]["type"] == "literal" for row in rows)


def test_post_form_and_sparql_query_body_agree_with_get(client):
    got = client.get("/sparql", params={"query": BODIES}).json()
    form = client.post("/sparql", data={"query": BODIES})
    direct = client.post("/sparql", content=BODIES.encode(),
                         headers={"Content-Type": "application/sparql-query"})
    assert form.status_code == direct.status_code == 200
    assert form.json() == direct.json() == got


@pytest.mark.parametrize(("accept", "media"), [
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("application/xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
    ("text/html;q=0.9, text/csv;q=0.5", "text/csv"),
    ("*/*", "application/sparql-results+json"),
])
def test_select_results_by_content_negotiation(client, accept, media):
    r = client.get("/sparql", params={"query": BODIES}, headers={"Accept": accept})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == media
    assert "accept" in r.headers["vary"].lower()


def test_select_formats_carry_the_same_rows(client):
    rows = client.get("/sparql", params={"query": BODIES}).json()["results"]["bindings"]
    labels = [row["label"]["value"] for row in rows]
    iris = [row["body"]["value"] for row in rows]

    xml = client.get("/sparql", params={"query": BODIES, "format": "xml"})
    root = ET.fromstring(xml.content)
    assert [v.get("name") for v in root.iter(f"{SRX}variable")] == ["body", "label"]
    assert [b.text for b in root.iter(f"{SRX}literal")] == labels

    table = list(csv.reader(io.StringIO(client.get(
        "/sparql", params={"query": BODIES, "format": "csv"}).text)))
    assert table[0] == ["body", "label"]
    assert [r[1] for r in table[1:]] == labels

    tsv = client.get("/sparql", params={"query": BODIES, "format": "tsv"}).text.splitlines()
    assert tsv[0] == "?body\t?label"
    assert [line.split("\t")[0] for line in tsv[1:]] == [f"<{iri}>" for iri in iris]
    assert tsv[1].split("\t")[1] == json.dumps(labels[0], ensure_ascii=False)


@pytest.mark.parametrize(("fmt", "answer"), [
    ("json", '"boolean": true'), ("xml", "<boolean>true</boolean>"),
    ("csv", "true"), ("tsv", "true"),
])
def test_ask_in_every_result_format(client, fmt, answer):
    r = client.get("/sparql", params={"query": ASK, "format": fmt})
    assert r.status_code == 200
    assert answer in r.text


@pytest.mark.parametrize(("accept", "rdflib_format"), [
    ("text/turtle", "turtle"), ("application/trig", "trig"),
    ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
])
def test_construct_as_rdf_by_content_negotiation(client, accept, rdflib_format):
    r = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == accept
    parsed = Dataset()
    parsed.parse(data=r.content, format=rdflib_format)
    assert len(parsed) == 10 or sum(len(g) for g in parsed.graphs()) == 10


def test_describe_defaults_to_turtle(client):
    r = client.post("/sparql", data={"query": f"DESCRIBE ?p WHERE {{ ?p a <{ORG}Post> }} LIMIT 1"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/turtle")
    assert len(Graph().parse(data=r.text, format="turtle")) > 0


def test_unacceptable_format_is_406_in_the_error_shape(client):
    r = client.get("/sparql", params={"query": BODIES}, headers={"Accept": "image/png"})
    assert r.status_code == 406
    assert set(r.json()) == {"error", "detail", "hint", "status"} and r.json()["status"] == 406
    assert r.json()["error"] == "not_acceptable"
    r = client.get("/sparql", params={"query": ASK, "format": "turtle"})
    assert r.status_code == 406 and r.json()["error"] == "not_acceptable"


@pytest.mark.parametrize("send", [
    lambda c: c.get("/sparql", params={"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}),
    lambda c: c.get("/sparql", params={"update": "DELETE WHERE { ?s ?p ?o }"}),
    lambda c: c.post("/sparql", data={"update": "CLEAR ALL"}),
    lambda c: c.post("/sparql", data={"query": "LOAD <http://example.org/data.ttl>"}),
    lambda c: c.post("/sparql", content=b"DROP ALL",
                     headers={"Content-Type": "application/sparql-update"}),
    lambda c: c.post("/sparql", content=b"DELETE WHERE { ?s ?p ?o }",
                     headers={"Content-Type": "application/sparql-query"}),
])
def test_updates_are_refused_with_403(client, send):
    before = len(client.app.state.graph.snapshot.dataset)
    r = send(client)
    assert r.status_code == 403, r.text
    assert r.json()["error"] == "query_refused" and r.json()["status"] == 403
    assert len(client.app.state.graph.snapshot.dataset) == before


@pytest.mark.parametrize("query", [
    "SELECT WHERE {",
    "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * FROM <http://127.0.0.1:9/data.ttl> { ?s ?p ?o }",
])
def test_bad_or_remote_queries_are_400(client, query):
    r = client.get("/sparql", params={"query": query})
    assert r.status_code == 400
    assert set(r.json()) == {"error", "detail", "hint", "status"}
    assert r.json()["error"] == "bad_query"


def test_missing_query_and_wrong_body_type(client):
    missing = client.get("/sparql")
    assert missing.status_code == 400 and missing.json()["error"] == "bad_query"
    r = client.post("/sparql", content=b"{}", headers={"Content-Type": "application/json"})
    assert r.status_code == 415 and r.json()["status"] == 415
    assert r.json()["error"] == "unsupported_media_type"


def test_from_one_named_graph(client):
    from cspgraph.graph.build.provenance import graph_iri

    doc_id = client.get("/api/documents").json()["items"][0]["doc_id"]
    first = graph_iri(doc_id)  # a document's own named graph
    r = client.get("/sparql", params={
        "query": f"SELECT (COUNT(*) AS ?n) FROM <{first}> {{ ?s ?p ?o }}"})
    assert r.status_code == 200
    assert int(r.json()["results"]["bindings"][0]["n"]["value"]) > 0


def test_too_many_rows_is_413_not_a_truncated_result(client, api_settings):
    r = client.get("/sparql", params={"query": CARTESIAN})
    assert r.status_code == 413 and r.json()["error"] == "query_too_large"
    assert str(api_settings.sparql_max_rows) in r.json()["detail"]


def test_rows_under_the_limit_are_all_returned(client, api_settings):
    limit = api_settings.sparql_max_rows
    r = client.get("/sparql", params={"query": f"SELECT * {{ ?s ?p ?o }} LIMIT {limit}",
                                      "format": "csv"})
    assert r.status_code == 200
    assert len(r.text.strip().splitlines()) == limit + 1


def _in_thread(client, query: str) -> tuple[threading.Thread, dict]:
    outcome: dict = {}

    def slow() -> None:
        started = time.monotonic()
        outcome["response"] = client.get("/sparql", params={"query": query})
        outcome["seconds"] = time.monotonic() - started
        outcome["done"] = time.monotonic()

    thread = threading.Thread(target=slow, daemon=True)
    thread.start()
    return thread, outcome


@pytest.fixture(scope="module")
def slow_client(api_state):
    """A client whose SPARQL limit leaves room for a fast request on a busy machine."""
    from dataclasses import replace

    from fastapi.testclient import TestClient

    from cspgraph.api.http.app import create_app
    from cspgraph.api.http.state import GraphState

    state = GraphState(replace(api_state.settings, sparql_timeout=6.0))
    state._snapshot = api_state.snapshot
    return TestClient(create_app(state))


# Only lazily evaluated queries are tested here. rdflib builds an ORDER BY or aggregate
# result whole before yielding a row; the watchdog's stop is best effort for those and, on a
# loaded machine, was seen to miss (docs/api.md, "Limits").
@pytest.mark.parametrize("query", [SLOW])
def test_pathological_query_is_stopped_while_others_are_served(slow_client, query):
    timeout = slow_client.app.state.graph.settings.sparql_timeout
    thread, outcome = _in_thread(slow_client, query)
    time.sleep(0.5)  # the slow query is running now
    fast = slow_client.get("/sparql", params={"query": ASK})
    fast_done = time.monotonic()
    assert fast.status_code == 200
    thread.join(timeout + 60)
    assert not thread.is_alive()
    assert fast_done < outcome["done"], "the fast request waited for the slow one"
    r = outcome["response"]
    assert r.status_code == 503, r.text
    assert r.json()["error"] == "query_timeout"
    # stopped near the limit (generous: CI machines are busy; speed is the benchmark's job)
    assert outcome["seconds"] < 3 * timeout + 5
    # the worker thread is healthy afterwards: the next query runs normally
    assert slow_client.get("/sparql", params={"query": BODIES}).status_code == 200


def test_openapi_documents_the_endpoint(client):
    spec = client.get("/openapi.json").json()["paths"]["/sparql"]
    assert set(spec) == {"get", "post"}
    content = spec["get"]["responses"]["200"]["content"]
    for media in ("application/sparql-results+json", "application/sparql-results+xml",
                  "text/csv", "text/tab-separated-values", "text/turtle"):
        assert media in content
    assert "application/sparql-query" in spec["post"]["requestBody"]["content"]
