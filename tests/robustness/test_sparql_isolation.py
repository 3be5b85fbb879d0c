"""One SPARQL query cannot stall the server: it runs in a worker process that is killed at
the deadline, with its memory capped, and its text is bounded before it is parsed
(issue 18, findings 2, 11 and 12)."""

from __future__ import annotations

import resource
import threading
import time

REGEX = 'SELECT * WHERE { ?s ?p ?o FILTER regex(str(?o), "^(a|aa)+(b|bb)+$") } ORDER BY ?o'
CROSS_JOIN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"


def test_a_catastrophic_regex_does_not_stall_other_requests(client):
    done: dict[str, float] = {}
    answer = {}

    def bad() -> None:
        answer["r"] = client.get("/sparql", params={"query": CROSS_JOIN})
        done["bad"] = time.monotonic()

    worker = threading.Thread(target=bad)
    worker.start()
    time.sleep(0.3)  # the bad query is running in its worker
    summary = client.get("/api/summary")
    done["summary"] = time.monotonic()
    worker.join(timeout=30)
    assert summary.status_code == 200
    assert done["summary"] < done["bad"]  # answered while the bad query still ran
    assert answer["r"].status_code == 503 and "time limit" in answer["r"].json()["detail"]
    assert answer["r"].json()["error"] == "query_timeout"


def test_regex_in_a_filter_is_stopped_at_the_limit(client):
    r = client.get("/sparql", params={"query": REGEX})
    assert r.status_code in (200, 503)  # the samples may answer fast; never a hang


def test_an_order_by_over_a_cross_join_leaves_the_server_memory_alone(client):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB
    r = client.get("/sparql", params={"query": CROSS_JOIN})
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert r.status_code in (413, 503)
    assert after - before < 100 * 1024  # the worker's memory was not the server's


def test_a_half_megabyte_values_list_is_413_before_it_is_parsed(client):
    query = "SELECT * WHERE { VALUES ?x { " + '"a" ' * 125_000 + "} }"
    started = time.monotonic()
    r = client.post("/sparql", data={"query": query})
    assert r.status_code == 413 and "query size limit" in r.json()["detail"], r.text
    assert r.json()["error"] == "query_too_large"
    assert time.monotonic() - started < 30  # refused, not parsed for minutes


def test_a_query_over_the_memory_cap_is_stopped(api_settings, sample_build):
    from dataclasses import replace

    from fastapi.testclient import TestClient

    from cspgraph.api.http.app import create_app
    from cspgraph.api.http.state import GraphState, Snapshot

    state = GraphState(replace(api_settings, sparql_memory_mb=64, sparql_timeout=20.0))
    state._snapshot = Snapshot(sample_build.dataset, sample_build)
    small = TestClient(create_app(state))
    r = small.get("/sparql", params={"query": CROSS_JOIN})
    assert r.status_code == 413 and "memory limit" in r.json()["detail"]
    assert r.json()["error"] == "query_too_large"
