"""Smaller holes found by probing the served graph (issue 18, finding 18), each fixed."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

from fastapi.testclient import TestClient

from cspgraph.api.http.app import create_app
from cspgraph.api.http.state import GraphState

API_KEY = "test-key-not-secret"  # the key of conftest.api_settings

FORMULAS = ('SELECT ?x WHERE { VALUES ?x { "=HYPERLINK(\\"http://x\\")" "+1+1" "-2" "@SUM(A1)"'
            ' "plain" } }')


def test_every_response_says_nosniff(client):
    for path in ("/", "/api/summary", "/api/plans", "/sparql?query=ASK%7B%7D", "/no-such-page"):
        assert client.get(path).headers.get("x-content-type-options") == "nosniff", path


def test_sparql_csv_neutralises_formulas(client):
    r = client.get("/sparql", params={"query": FORMULAS, "format": "csv"})
    assert r.status_code == 200
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0] == ["x"]
    values = sorted(v for (v,) in rows[1:])
    assert values == sorted(["'=HYPERLINK(\"http://x\")", "'+1+1", "'-2", "'@SUM(A1)", "plain"])


def test_a_date_is_written_yyyy_mm_dd(client):
    assert client.get("/api/plans", params={"as_at": "0"}).status_code == 422
    assert client.get("/api/plans", params={"as_at": "1700000000"}).status_code == 422
    assert client.get("/api/plans", params={"as_at": "2023-06-01"}).status_code == 200


def test_an_unknown_form_format_is_refused_before_the_query_runs(client):
    r = client.post("/sparql", data={"query": "ASK {}", "format": "AAA"})
    assert r.status_code == 400 and "AAA" in r.json()["detail"]
    assert r.json()["error"] == "bad_input" and "json" in r.json()["hint"]


def test_from_named_an_existing_graph_works_and_an_empty_graph_is_refused(client):
    graph = client.get("/sparql", params={
        "query": "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } } LIMIT 1",
        "format": "json"}).json()["results"]["bindings"][0]["g"]["value"]
    named = client.get("/sparql", params={
        "query": f"SELECT (COUNT(*) AS ?n) FROM NAMED <{graph}> {{ GRAPH ?g {{ ?s ?p ?o }} }}"})
    assert named.status_code == 200
    assert int(named.json()["results"]["bindings"][0]["n"]["value"]) > 0
    empty = client.get("/sparql", params={
        "query": "SELECT * FROM <https://w3id.org/cspgraph/id/doc/nothing-here> { ?s ?p ?o }"})
    assert empty.status_code == 400


def test_a_chunked_upload_over_the_limit_is_413_not_400(api_settings, tmp_path):
    state = GraphState(replace(api_settings, upload_dir=str(tmp_path), max_request_bytes=10_000))
    small = TestClient(create_app(state))

    def chunks():
        yield b'--x\r\nContent-Disposition: form-data; name="file"; filename="p.txt"\r\n\r\n'
        for _ in range(20):
            yield b"Plan line of text. " * 100

    r = small.post("/api/documents", content=chunks(), headers={
        "X-API-Key": API_KEY, "Content-Type": "multipart/form-data; boundary=x"})
    assert r.status_code == 413, r.text
    assert r.json()["status"] == 413
