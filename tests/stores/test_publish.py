"""Persisting to a store replaces only what changed, round-trips terms exactly, and fails
with errors that name the server."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Literal, URIRef

from cspgraph.errors import ConfigError, StoreError
from cspgraph.graph.store import remote
from cspgraph.graph.store.backends import new_dataset, persist
from cspgraph.graph.store.digest import server_form
from cspgraph.graph.store.remote import MANIFEST, SparqlServer
from cspgraph.settings import Settings

from .conftest import SERVERS, copy_dataset, free_port, spec_for

PERSISTENT = ["oxigraph-dir", "oxigraph-server", "virtuoso"]
EX = "https://w3id.org/cspgraph/id/"


@pytest.fixture(params=PERSISTENT)
def spec(request, tmp_path):
    return spec_for(request.param, request, tmp_path / "store")


@pytest.fixture
def base(sample_build) -> Dataset:
    return copy_dataset(sample_build.dataset)


def doc_graphs(ds: Dataset) -> list[str]:
    return sorted(str(g.identifier) for g in ds.graphs()
                  if len(g) and "/graph/" in str(g.identifier)
                  and not str(g.identifier).endswith(("/resolution", "/suggestions")))


def test_publishing_the_same_dataset_again_replaces_nothing(spec, base):
    persist(base, spec)
    report = persist(base, spec)
    assert not report.changed and report.triples == 0
    assert sorted(report.unchanged) == sorted(str(g.identifier) for g in base.graphs() if len(g))


def test_changing_one_graph_replaces_only_that_graph(spec, base):
    persist(base, spec)
    changed = doc_graphs(base)[0]
    extra = (URIRef(EX + "test/thing"), URIRef(EX + "test/note"), Literal("added later"))
    base.graph(URIRef(changed)).add(extra)
    report = persist(base, spec)
    assert report.replaced == [changed]
    assert not report.added and not report.dropped
    assert len(report.unchanged) == len(named(base)) - 1
    replica = new_dataset(spec)
    try:
        assert extra in replica.graph(URIRef(changed))
    finally:
        replica.close()


def test_a_dropped_documents_graph_is_removed(spec, base):
    persist(base, spec)
    gone = doc_graphs(base)[-1]
    base.remove_graph(base.graph(URIRef(gone)))
    report = persist(base, spec)
    assert report.dropped == [gone]
    assert not report.added and not report.replaced
    replica = new_dataset(spec)
    try:
        assert gone not in named(replica)
        assert sorted(named(replica)) == sorted(named(base))
    finally:
        replica.close()
    if spec.startswith("sparql+"):
        assert SparqlServer.from_spec(spec, Settings()).count(gone) == 0


def named(ds: Dataset) -> dict:
    return {str(g.identifier): g for g in ds.graphs() if len(g)}


def tricky() -> Dataset:
    """Literals of every kind cspgraph writes and some it may, in two odd-named graphs."""
    from rdflib.namespace import XSD as _XSD  # at module level pytest trips on its __getattr__
    ds = Dataset(default_union=True)
    s = URIRef(EX + "test/a%20b?c=d&e=f#frag")
    values = [
        Literal("plain"), Literal(""), Literal('quote " backslash \\ tab \t new\nline \r'),
        Literal("typographic – ‘quotes’ — é ü 中文 😀"), Literal("x" * 5000),
        Literal("en", lang="en-GB"), Literal("fr", lang="fr"),
        Literal("typed", datatype=_XSD.string),
        Literal("2009-04-01", datatype=_XSD.date),
        Literal("2026-11-26T04:29:05+00:00", datatype=_XSD.dateTime),
        Literal("2026-11-26T04:29:05", datatype=_XSD.dateTime),
        Literal("2026-11-26T04:29:05.5+01:00", datatype=_XSD.dateTime),
        Literal("1.0", datatype=_XSD.decimal), Literal("0.731", datatype=_XSD.decimal),
        Literal("-2.50", datatype=_XSD.decimal), Literal(42), Literal(-7), Literal(True),
        Literal(1.5e3), Literal("2020", datatype=_XSD.gYear),
        Literal("odd", datatype=URIRef("http://example.org/datatype")),
    ]
    first = ds.graph(URIRef(EX + "graph/round-trip"))
    for i, value in enumerate(values):
        first.add((s, URIRef(f"{EX}test/p{i}"), value))
    second = ds.graph(URIRef("urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66"))
    second.add((URIRef("urn:isbn:0451450523"), URIRef(EX + "test/seeAlso"),
                URIRef("http://example.org/ünïcode/path")))
    return ds


def test_terms_and_graph_names_round_trip_exactly(spec):
    from rdflib.namespace import XSD as _XSD
    original = tricky()
    persist(original, spec)
    replica = new_dataset(spec)
    try:
        assert sorted(named(replica)) == sorted(named(original))
        for name, graph in named(original).items():
            got = named(replica)[name]
            if spec.startswith("oxigraph:"):  # oxrdflib reads "x" back as "x"^^xsd:string
                got = server_form(got)
            assert set(got) == set(server_form(graph)), name  # exactly, term by term
            for s, p, o in graph:  # what server_form changed is spelling only
                (back,) = got.objects(s, p)
                if isinstance(o, Literal):
                    assert str(back) == str(o) or back.eq(o), (o, back)
                    assert back.language == (o.language.lower() if o.language else None)
                    assert back.datatype == (None if o.datatype == _XSD.string else o.datatype)
                else:
                    assert back == o
    finally:
        replica.close()


def test_an_unreachable_server_is_a_clear_error(base):
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(StoreError) as info:
        new_dataset("sparql+" + url)
    assert url in str(info.value) and "cannot reach" in str(info.value)
    with pytest.raises(StoreError) as info:
        persist(base, "sparql+" + url)
    assert url in str(info.value)


def test_a_wrong_endpoint_is_a_clear_error(oxigraph_server):
    url = oxigraph_server.removeprefix("sparql+").replace("/query", "/nothing-here/query")
    with pytest.raises(StoreError) as info:
        new_dataset("sparql+" + url)
    assert url in str(info.value) and "HTTP 404" in str(info.value)


def test_a_spec_without_a_known_graph_store_is_read_only_until_the_setting(base):
    server = SparqlServer.from_spec("sparql+http://127.0.0.1:1/ds/sparql-query", Settings())
    with pytest.raises(ConfigError) as info:
        server.publish(base)
    assert "CSPGRAPH_STORE_GRAPHS_URL" in str(info.value) and server.query_url in str(info.value)
    given = Settings(store_graphs_url="http://127.0.0.1:1/ds/data")
    assert SparqlServer.from_spec("sparql+http://127.0.0.1:1/ds/q", given).graphs_url == (
        "http://127.0.0.1:1/ds/data")


@pytest.mark.parametrize(("spec", "graphs"), [
    ("sparql+http://h:7878/query", "http://h:7878/store"),
    ("sparql+https://h/db/sparql", "https://h/db/sparql-graph-crud"),
    ("sparql+http://h:8890/sparql-auth", "http://h:8890/sparql-graph-crud"),
])
def test_the_graph_store_endpoint_is_derived_from_the_query_endpoint(spec, graphs):
    server = SparqlServer.from_spec(spec, Settings())
    assert (server.query_url, server.graphs_url) == (spec.removeprefix("sparql+"), graphs)


@pytest.mark.parametrize("bad", ["sparql+http:///query", "http://h/query", "sparql:h"])
def test_a_malformed_spec_is_a_config_error(bad):
    with pytest.raises(ConfigError):
        new_dataset(bad)


@pytest.fixture
def server(request) -> SparqlServer:
    return SparqlServer.from_spec(request.getfixturevalue(f"{request.param}_server"), Settings())


@pytest.mark.parametrize("server", [s.replace("-server", "") for s in SERVERS], indirect=True)
def test_a_graph_changed_behind_cspgraphs_back_is_refused_then_force_heals(
        server, base, monkeypatch):
    monkeypatch.setattr(remote.time, "sleep", lambda _s: None)
    server.publish(base)
    victim = doc_graphs(base)[0]
    server.put_graph(victim, b"<urn:x:s> <urn:x:p> <urn:x:o> .\n")
    with pytest.raises(StoreError) as info:
        server.fetch()
    assert victim in str(info.value) and "differ" in str(info.value)
    report = server.publish(base, force=True)
    assert victim in report.replaced
    assert sorted(named(server.fetch())) == sorted(named(base))


@pytest.mark.parametrize("server", ["virtuoso"], indirect=True)
def test_a_graph_longer_than_the_servers_row_limit_is_read_in_pages(server, base):
    server.publish(base)
    name = max(named(base), key=lambda n: len(named(base)[n]))
    size = len(named(base)[name])
    assert server.count(name) == size > 1000  # tests start Virtuoso with 1000 rows a result
    assert len(server.read_graph(name)) < size  # read at once, it is cut short (at 1,001)
    assert len(server.read_graph(name, expected=size)) == size


def test_virtuoso_writes_through_its_digest_authenticated_endpoint(virtuoso_server, base):
    ds = tricky()
    right = Settings(store_user="dba", store_password="dba")  # the loopback test instance's
    server = SparqlServer.from_spec(virtuoso_server, right)
    assert server.graphs_url.endswith("/sparql-graph-crud-auth")
    server.publish(ds)
    assert sorted(named(server.fetch())) == sorted(named(ds))
    wrong = SparqlServer.from_spec(virtuoso_server, Settings(store_user="dba",
                                                             store_password="wrong"))
    ds.graph(URIRef(EX + "graph/round-trip")).add(
        (URIRef(EX + "test/x"), URIRef(EX + "test/y"), Literal("z")))
    with pytest.raises(StoreError) as info:
        wrong.publish(ds)
    assert "HTTP 401" in str(info.value) and "CSPGRAPH_STORE_USER" in str(info.value)
    assert wrong.graphs_url.split("?")[0] in str(info.value)


def test_the_manifest_is_not_part_of_the_replica(oxigraph_server, base):
    persist(base, oxigraph_server)
    server = SparqlServer.from_spec(oxigraph_server, Settings())
    assert server.count(str(MANIFEST)) > 0
    assert str(MANIFEST) not in named(new_dataset(oxigraph_server))
    assert server.graph_names() == sorted(named(base))


def test_build_with_a_server_store_builds_in_memory_and_publishes(oxigraph_server):
    from cspgraph.graph import queries as q
    from cspgraph.graph.build.dataset import build

    result = build(settings=Settings(store=oxigraph_server))
    assert type(result.dataset.store).__name__ == "CompactStore"  # in memory
    replica = new_dataset(oxigraph_server)
    assert doc_graphs(replica) == doc_graphs(result.dataset)
    assert [a.label for a in q.who_chairs(replica, "Prevent Strategy Group")] == ["Tim Rice"]


@pytest.mark.parametrize("fixture", ["oxigraph_server", "virtuoso_server"])
def test_a_rebuild_in_a_new_run_rewrites_only_the_changed_documents_graph(
        fixture, request, tmp_path):
    """Separate builds share no load cache: every document is read again and stamped with
    a new load time, yet only the document whose bytes changed is written."""
    import shutil

    from cspgraph.graph.build.dataset import build
    from cspgraph.graph.build.provenance import graph_iri
    from cspgraph.loaders import sample_paths

    folder = tmp_path / "docs"
    folder.mkdir()
    for path in sample_paths():
        shutil.copy(path, folder / path.name)
    settings = Settings(store=request.getfixturevalue(fixture))
    SparqlServer.from_spec(settings.store, settings).publish(Dataset())  # empty the server
    first = build([folder], settings)
    assert first.published.added and not first.published.replaced
    again = build([folder], settings)
    assert not again.published.changed
    edited = sorted(folder.iterdir())[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA line added later.\n",
                      encoding="utf-8")
    third = build([folder], settings)
    edited_graph = str(graph_iri(next(r.doc_id for r in third.reports
                                      if r.path == str(edited))))
    documents_replaced = [g for g in third.published.replaced if g in doc_graphs(first.dataset)]
    assert documents_replaced == [edited_graph]
    assert not third.published.added and not third.published.dropped
