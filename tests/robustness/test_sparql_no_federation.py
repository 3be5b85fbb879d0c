"""SERVICE anywhere in a query never reaches another server: not at the top level, not
inside EXISTS or NOT EXISTS, not in an expression, not from the command line."""

from __future__ import annotations

import socket
import threading

import pytest
from rdflib import Dataset, Literal, URIRef

from cspgraph.errors import QueryError
from cspgraph.graph.queries.sparql import run_limited, run_query


class _Listener:
    """A loopback TCP listener that counts the connections it accepts."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=2)
        self.sock.close()


@pytest.fixture()
def listener():
    found = _Listener()
    yield found
    found.close()


def _queries(port: int) -> list[str]:
    service = f"SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }}"
    return [
        f"SELECT * {{ {service} }}",
        f"ASK {{ FILTER EXISTS {{ {service} }} }}",
        f"ASK {{ ?a ?b ?c FILTER NOT EXISTS {{ {service} }} }}",
        f"SELECT * {{ ?a ?b ?c BIND(EXISTS {{ {service} }} AS ?x) }}",
        f"SELECT ?a {{ ?a ?b ?c }} ORDER BY (NOT EXISTS {{ {service} }})",
        f"SELECT * {{ {{ SELECT * {{ ?a ?b ?c FILTER NOT EXISTS {{ {service} }} }} }} }}",
        f"SELECT * {{ ?a ?b ?c OPTIONAL {{ {service} }} }}",
        f"SELECT * FROM <http://127.0.0.1:{port}/data.ttl> {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <http://127.0.0.1:{port}/data.ttl> {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    ]


@pytest.fixture()
def dataset() -> Dataset:
    ds = Dataset()
    triple = (URIRef("urn:x:a"), URIRef("urn:x:b"), Literal("c"))
    ds.graph(URIRef("urn:x:g")).add(triple)
    ds.add(triple)  # in the default graph too, so every pattern has a row to test
    return ds


def test_service_inside_not_exists_never_connects_over_http(client, listener):
    for query in _queries(listener.port):
        r = client.get("/sparql", params={"query": query})
        assert r.status_code == 400, query
    assert listener.connections == 0


@pytest.mark.parametrize("run", [run_query, lambda ds, q: run_limited(ds, q, 2.0, 100)],
                         ids=["cli-run_query", "endpoint-run_limited"])
def test_service_inside_not_exists_never_connects_from_python_or_the_cli(run, dataset, listener):
    for query in _queries(listener.port):
        with pytest.raises(QueryError):
            run(dataset, query)
    assert listener.connections == 0


def test_rdflib_evaluation_itself_refuses_service(dataset, listener):
    """Past every check, rdflib's own evaluation of a SERVICE pattern is switched off."""
    query = (f"ASK {{ ?a ?b ?c FILTER NOT EXISTS {{ SERVICE <http://127.0.0.1:{listener.port}/>"
             " { ?s ?p ?o } } }")
    with pytest.raises(QueryError):
        dataset.query(query).askAnswer  # noqa: B018 - evaluating is the point
    assert listener.connections == 0


def test_a_query_too_deep_to_check_is_refused(dataset):
    query = "SELECT * WHERE { " + "{ " * 300 + "?s ?p ?o" + " }" * 300 + " }"
    with pytest.raises(QueryError):
        run_query(dataset, query)
