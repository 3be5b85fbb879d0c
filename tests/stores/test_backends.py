"""Stores are backends registered by scheme: an outside one plugs in, an unknown one is named."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Literal, URIRef

from cspgraph.errors import ConfigError
from cspgraph.graph.build.dataset import build
from cspgraph.graph.store import backends
from cspgraph.graph.store.backends import (
    StoreBackend,
    backend_for,
    describe_store,
    new_dataset,
    persist,
    register_backend,
    registered_schemes,
)
from cspgraph.graph.store.compact import CompactStore
from cspgraph.loaders import sample_paths
from cspgraph.settings import Settings


class ScratchBackend:
    """An outside store: rdflib's Memory store, one dataset per name, kept in a dict."""

    replica = False

    def __init__(self) -> None:
        self.kept: dict[str, Dataset] = {}
        self.persisted: list[tuple[str, list[str] | None]] = []

    def open(self, spec: str, settings: Settings | None = None) -> Dataset:
        if spec not in self.kept:
            self.kept[spec] = Dataset(store="Memory", default_union=True)
        return self.kept[spec]

    def persist(self, ds: Dataset, spec: str, settings: Settings | None = None,
                names: list[str] | None = None) -> None:
        self.persisted.append((spec, names))

    def describe(self, spec: str) -> str:
        return f"{spec}: a scratch store"


@pytest.fixture
def scratch(monkeypatch) -> ScratchBackend:
    """A ScratchBackend registered as 'scratch' for one test only."""
    backends._load_builtins()
    monkeypatch.setattr(backends, "_BACKENDS", dict(backends._BACKENDS))
    backend = ScratchBackend()
    register_backend("scratch", backend)
    return backend


def test_the_built_in_schemes_are_registered():
    assert registered_schemes() == ["memory", "oxigraph", "sparql+http", "sparql+https"]
    for spec in ("memory", "oxigraph:/tmp/x", "sparql+http://h:1/query", "sparql+https://h/q"):
        assert isinstance(backend_for(spec), StoreBackend)
        line = describe_store(spec)
        assert line.startswith(spec) and "\n" not in line


def test_the_compact_store_is_an_rdflib_store_plugin():
    assert isinstance(Dataset(store="cspgraph-compact").store, CompactStore)
    assert isinstance(new_dataset("memory").store, CompactStore)


def test_an_outside_backend_opens_and_persists_through_the_registry(scratch):
    assert "scratch" in registered_schemes()
    ds = new_dataset("scratch:one")
    ds.graph(URIRef("urn:g")).add((URIRef("urn:s"), URIRef("urn:p"), Literal("o")))
    assert new_dataset("scratch:one") is ds and len(ds) == 1
    assert len(new_dataset("scratch:two")) == 0
    assert persist(ds, "scratch:one", names=["urn:g"]) is None
    assert scratch.persisted == [("scratch:one", ["urn:g"])]
    assert describe_store("scratch:one") == "scratch:one: a scratch store"


def test_a_build_goes_into_the_store_of_the_setting(scratch):
    result = build(sample_paths()[:1], Settings(store="scratch:built"))
    assert result.dataset is scratch.kept["scratch:built"]
    assert not isinstance(result.dataset.store, CompactStore)
    assert len(result.dataset) > 100 and result.published is None


def test_a_backend_must_have_the_protocol(monkeypatch):
    monkeypatch.setattr(backends, "_BACKENDS", dict(backends._BACKENDS))
    with pytest.raises(TypeError):
        register_backend("broken", object())  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        register_backend("a:b", ScratchBackend())


@pytest.mark.parametrize("spec", ["nosuch:thing", "nosuch", "", "http://h/query"])
def test_an_unknown_scheme_is_a_config_error_naming_the_spec_and_the_schemes(spec):
    with pytest.raises(ConfigError) as info:
        new_dataset(spec)
    message = str(info.value)
    assert f"'{spec}'" in message
    for scheme in ("memory", "oxigraph", "sparql+http", "sparql+https"):
        assert scheme in message
    with pytest.raises(ConfigError, match="unknown store"):
        persist(Dataset(), spec)
