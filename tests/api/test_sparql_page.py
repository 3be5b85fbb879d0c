"""The SPARQL query page (/sparql/editor) over the sample graph: the examples run and return
rows, results are an escaped table with a download link per format, and every error of
the endpoint's evaluation (syntax, refusal, limits) shows on the page."""

from __future__ import annotations

import csv
import io
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from cspgraph.graph.queries.sparql_examples import EXAMPLES

HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
CARTESIAN = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SLOW = CARTESIAN[:-1] + "FILTER(?a = <urn:nothing>) }"


def _cells(html: str) -> list[list[str]]:
    """The results table's body rows, as unescaped cell texts."""
    body = re.search(r'<table class="results">.*?<tbody>(.*?)</tbody>', html, re.S)
    assert body, "no results table"
    return [[unescape(c) for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S)]


def _downloads(html: str) -> dict[str, str]:
    """format name -> the download link's URL."""
    links = re.findall(r'<a href="(/sparql\?[^"]+)" download="[^"]+">', html)
    return {parse_qs(urlsplit(unescape(u)).query)["format"][0]: unescape(u) for u in links}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.key)
def test_every_example_runs_and_returns_rows(client, example):
    r = client.get("/sparql", params={"query": example.query, "format": "csv"})
    assert r.status_code == 200, r.text
    rows = list(csv.reader(io.StringIO(r.text)))
    assert len(rows) > 1, f"{example.key} returned no rows on the sample graph"
    page = client.get("/sparql/editor", params={"query": example.query})
    assert page.status_code == 200
    cells = _cells(page.text)
    assert len(cells) == len(rows) - 1
    assert all(any(cell for cell in row) for row in cells)


def test_counts_example_agrees_with_a_direct_count(client):
    counts = next(e for e in EXAMPLES if e.key == "counts")
    table = dict(_row for _row in list(csv.reader(io.StringIO(client.get(
        "/sparql", params={"query": counts.query, "format": "csv"}).text)))[1:])
    direct = client.get("/sparql", params={"query": "SELECT (COUNT(DISTINCT ?a) AS ?n) "
                                            "{ ?a a <https://w3id.org/cspgraph/def#Action> }",
                                            "format": "csv"}).text.splitlines()[1]
    assert table["Action"] == direct


def test_a_browser_asking_sparql_without_a_query_is_sent_to_the_page(client):
    r = client.get("/sparql", headers=HTML, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/sparql/editor"
    assert client.get("/sparql").status_code == 400  # the protocol's answer is unchanged
    page = client.get("/sparql", headers=HTML)
    assert page.status_code == 200 and "<textarea" in page.text
    for e in EXAMPLES:
        assert f'href="/sparql/editor?example={e.key}"' in page.text


def test_an_example_fills_the_editor_without_running(client):
    e = EXAMPLES[1]
    r = client.get("/sparql/editor", params={"example": e.key})
    assert r.status_code == 200
    editor = re.search(r"<textarea[^>]*>(.*?)</textarea>", r.text, re.S)
    assert editor and unescape(editor.group(1)) == e.query
    assert 'class="results"' not in r.text
    assert client.get("/sparql/editor", params={"example": "nope"}).status_code == 404


def test_results_are_escaped(client):
    query = 'SELECT ?x { VALUES ?x { "<script>alert(1)</script>" "a & b" } }'
    r = client.get("/sparql/editor", params={"query": query})
    assert r.status_code == 200
    assert "<script>alert(1)" not in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    assert sorted(c for row in _cells(r.text) for c in row) == \
        ["<script>alert(1)</script>", "a & b"]


def test_select_downloads_give_each_result_format(client):
    query = EXAMPLES[0].query
    links = _downloads(client.get("/sparql/editor", params={"query": query}).text)
    assert set(links) == {"csv", "tsv", "json", "xml"}
    media = {"csv": "text/csv", "tsv": "text/tab-separated-values",
             "json": "application/sparql-results+json", "xml": "application/sparql-results+xml"}
    for fmt, url in links.items():
        r = client.get(url, headers=HTML)
        assert r.status_code == 200
        assert r.headers["content-type"].split(";")[0] == media[fmt]
        assert parse_qs(urlsplit(url).query)["query"] == [query]


def test_construct_shows_triples_and_downloads_rdf(client):
    query = ("PREFIX org: <http://www.w3.org/ns/org#> "
             "CONSTRUCT { ?post org:postIn ?body } WHERE { ?post org:postIn ?body }")
    r = client.get("/sparql/editor", params={"query": query})
    assert r.status_code == 200
    cells = _cells(r.text)
    assert cells and {row[1] for row in cells} == {"http://www.w3.org/ns/org#postIn"}
    links = _downloads(r.text)
    assert {"turtle", "trig"} <= set(links) and "csv" not in links
    turtle = client.get(links["turtle"], headers=HTML)
    assert turtle.headers["content-type"].startswith("text/turtle")
    from rdflib import Graph

    assert len(Graph().parse(data=turtle.text, format="turtle")) == len(cells)


@pytest.mark.parametrize(("query", "status", "words"), [
    ("SELECT * {", 400, "cannot parse query"),
    ("SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", 400,
     "SERVICE is not allowed"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", 403, "query_refused"),
    (CARTESIAN, 413, "row limit"),
    (SLOW, 503, "time limit"),
])
def test_errors_show_on_the_page(client, query, status, words):
    r = client.get("/sparql/editor", params={"query": query}, headers=HTML)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("text/html")
    alert = re.search(r'<p class="error" role="alert">(.*?)</p>', r.text, re.S)
    assert alert and words in unescape(alert.group(1))
    editor = re.search(r"<textarea[^>]*>(.*?)</textarea>", r.text, re.S)
    assert editor and unescape(editor.group(1)) == query  # kept for editing


def test_the_query_size_limit_shows_on_the_page(api_state):
    """The page is held to the endpoint's query size limit (small here, to fit a URL)."""
    from dataclasses import replace

    from fastapi.testclient import TestClient

    from cspgraph.api.http.app import create_app
    from cspgraph.api.http.state import GraphState

    state = GraphState(replace(api_state.settings, sparql_max_query_bytes=200))
    state._snapshot = api_state.snapshot
    small = TestClient(create_app(state))
    query = "SELECT * { ?s ?p ?o } LIMIT 1 # " + "x" * 200
    assert small.get("/sparql", params={"query": query}).status_code == 413
    r = small.get("/sparql/editor", params={"query": query}, headers=HTML)
    assert r.status_code == 413 and "query size limit" in r.text
    assert small.get("/sparql/editor", params={"query": query[:40]}).status_code == 200
