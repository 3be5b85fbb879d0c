"""Where the dataset lives: store backends, registered by the scheme of a store spec.

A spec is ``SCHEME`` or ``SCHEME:REST`` (the ``store`` setting, ``CSPGRAPH_STORE``), and the
backend registered for its scheme opens and persists it:

- ``memory``: cspgraph's compact in-memory store (``graph/store/compact.py``, the rdflib
  Store plugin ``cspgraph-compact``): no server, about 50 bytes a quad plus its distinct
  terms, fast from one partnership to a national corpus, and what pySHACL works on.
- ``oxigraph:DIR``: an on-disk Oxigraph store via oxrdflib.
- ``sparql+http(s)://...``: a SPARQL 1.1 server that keeps the graph for everyone
  (``graph/store/remote.py``): the dataset opened is a local in-memory replica read from it,
  and ``persist`` publishes to it.

Every other module talks to the ``rdflib.Dataset`` this returns and never to a store
directly. Another store is added with ``register_backend`` (docs/stores.md).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from rdflib import Dataset, URIRef, plugin
from rdflib.store import Store

from cspgraph.errors import ConfigError, StoreError

if TYPE_CHECKING:
    from cspgraph.graph.store.remote import PublishReport
    from cspgraph.settings import Settings

COMPACT_STORE = "cspgraph-compact"  # rdflib Store plugin name (registered in __init__.py)
_BUILTIN_MODULES = ("cspgraph.graph.store.remote",)  # register their backends when imported


@runtime_checkable
class StoreBackend(Protocol):
    """What keeps a dataset for one scheme of store spec.

    ``replica`` is True when ``open`` gives a local copy of what the store holds (a server):
    a build then starts from an empty memory dataset and ``persist`` writes it back.
    """

    replica: bool

    def open(self, spec: str, settings: Settings | None = None) -> Dataset:
        """The dataset ``spec`` names, with default_union=True and cspgraph's prefixes."""
        ...

    def persist(self, ds: Dataset, spec: str, settings: Settings | None = None,
                names: list[str] | None = None) -> PublishReport | None:
        """Write ``ds``'s named graphs (only ``names``, if given) to ``spec``; what changed,
        or None when nothing needs writing."""
        ...

    def describe(self, spec: str) -> str:
        """One line saying where ``spec`` keeps the graph."""
        ...


_BACKENDS: dict[str, StoreBackend] = {}


def register_backend(scheme: str, backend: StoreBackend) -> None:
    """Make specs ``scheme`` and ``scheme:...`` open through ``backend`` (replacing any
    backend registered for that scheme)."""
    if not scheme or ":" in scheme:
        raise ValueError(f"a store scheme is a non-empty name without ':', not {scheme!r}")
    if not isinstance(backend, StoreBackend):
        raise TypeError(f"{backend!r} is not a StoreBackend (replica, open, persist, describe)")
    _BACKENDS[scheme] = backend


def registered_schemes() -> list[str]:
    """The schemes a store spec may start with, sorted."""
    _load_builtins()
    return sorted(_BACKENDS)


def backend_for(spec: str) -> StoreBackend:
    """The backend registered for ``spec``'s scheme; ConfigError naming the spec and the
    registered schemes if there is none."""
    _load_builtins()
    backend = _BACKENDS.get(spec.split(":", 1)[0])
    if backend is None:
        raise ConfigError(
            f"unknown store '{spec}'",
            f"the registered store schemes are {', '.join(registered_schemes())}: e.g. "
            "'memory', 'oxigraph:DIR' or 'sparql+http://HOST:PORT/PATH' (setting CSPGRAPH_STORE)",
        )
    return backend


def _load_builtins() -> None:
    for name in _BUILTIN_MODULES:
        importlib.import_module(name)


def new_dataset(spec: str = "memory", settings: Settings | None = None) -> Dataset:
    """The dataset in the store ``spec`` names; queries see the union of graphs.

    ``memory`` and ``oxigraph:DIR`` give the store itself (a new DIR starts empty);
    ``sparql+http(s)://HOST:PORT/PATH`` gives an in-memory replica of what the server holds
    (StoreError naming the URL if it cannot be read).
    """
    return backend_for(spec).open(spec, settings)


def persist(ds: Dataset, spec: str, settings: Settings | None = None,
            names: list[str] | None = None) -> PublishReport | None:
    """Write ``ds``'s named graphs to the store ``spec`` names, replacing only the graphs
    whose content changed and dropping graphs ``ds`` no longer has; returns what changed.

    ``memory`` keeps nothing beyond the process: None. A dataset that already lives in an
    Oxigraph store is on disk already: None. ``names`` limits the write to those graphs.
    """
    return backend_for(spec).persist(ds, spec, settings, names)


def describe_store(spec: str) -> str:
    """One line saying where the store ``spec`` keeps the graph."""
    return backend_for(spec).describe(spec)


def memory_dataset() -> Dataset:
    """An empty in-memory dataset (``graph/store/compact.py``) whose queries see the union
    of its graphs."""
    return Dataset(store=COMPACT_STORE, default_union=True)


class MemoryBackend:
    """``memory``: the compact in-memory store, kept only as long as the process."""

    replica = False

    def open(self, spec: str, settings: Settings | None = None) -> Dataset:
        _exact(spec, "memory")
        ds = memory_dataset()
        bind_prefixes(ds)
        return ds

    def persist(self, ds: Dataset, spec: str, settings: Settings | None = None,
                names: list[str] | None = None) -> None:
        _exact(spec, "memory")
        return None

    def describe(self, spec: str) -> str:
        return "memory: cspgraph's compact in-memory store (saved as a graph file)"


class OxigraphBackend:
    """``oxigraph:DIR``: an Oxigraph store on disk in DIR, through oxrdflib."""

    replica = False

    def open(self, spec: str, settings: Settings | None = None) -> Dataset:
        ds = Dataset(store="Oxigraph", default_union=True)
        ds.open(str(_folder(spec)))
        bind_prefixes(ds)
        return ds

    def persist(self, ds: Dataset, spec: str, settings: Settings | None = None,
                names: list[str] | None = None) -> PublishReport | None:
        if isinstance(ds.store, plugin.get("Oxigraph", Store)):
            return None  # it lives in an Oxigraph store: on disk already
        return _persist_oxigraph(ds, spec, _folder(spec), names)

    def describe(self, spec: str) -> str:
        return f"{spec}: an Oxigraph store on disk in {spec.removeprefix('oxigraph:')}"


def _exact(spec: str, name: str) -> None:
    if spec != name:
        raise ConfigError(f"unknown store '{spec}'",
                          f"write '{name}' alone (setting CSPGRAPH_STORE)")


def _persist_oxigraph(ds: Dataset, spec: str, folder: Path,
                      names: list[str] | None) -> PublishReport:
    """Copy ``ds``'s changed graphs into the on-disk Oxigraph store of ``spec``."""
    import time

    from cspgraph.graph.store.digest import canonical_triple, graph_digest
    from cspgraph.graph.store.remote import PublishReport, named_graphs

    start = time.perf_counter()
    local = named_graphs(ds)
    target = Dataset(store="Oxigraph", default_union=True)
    try:
        target.open(str(folder))
    except OSError as exc:  # pyoxigraph: the folder is locked by another process, or unreadable
        raise StoreError(f"cannot open the Oxigraph store {spec}: {exc}",
                         "stop the other process using it, or choose another folder") from exc
    try:
        stored = {str(g.identifier): g for g in target.graphs() if len(g)}
        scope = sorted(set(local) | set(stored)) if names is None else sorted(set(names))
        report = PublishReport(spec)
        for name in scope:
            old, new = stored.get(name), local.get(name)
            if new is None:
                if old is not None:
                    target.remove((None, None, None, old))
                    report.dropped.append(name)
                continue
            if old is not None and graph_digest(old) == graph_digest(new):
                report.unchanged.append(name)
                continue
            if old is not None:
                target.remove((None, None, None, old))
            context = target.graph(URIRef(name))
            target.addN((*canonical_triple(t), context) for t in new)
            (report.replaced if old is not None else report.added).append(name)
            report.triples += len(new)
    finally:
        target.close()
    report.seconds = time.perf_counter() - start
    return report


def _folder(spec: str) -> Path:
    if not spec.startswith("oxigraph:"):
        raise ConfigError(f"unknown store '{spec}'",
                          "write an Oxigraph store as 'oxigraph:DIR' (setting CSPGRAPH_STORE)")
    folder = Path(spec.removeprefix("oxigraph:"))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create the store folder {folder}: {exc.strerror or exc}",
                          "choose a writable folder in CSPGRAPH_STORE") from exc
    return folder


def bind_prefixes(ds: Dataset) -> None:
    """Bind the prefixes used in cspgraph's output, so exports read well."""
    from cspgraph.ontology.namespaces import CSP_IRI, ID_BASE, THEME_BASE

    for prefix, ns in (
        ("csp", CSP_IRI),
        ("id", ID_BASE),
        ("theme", THEME_BASE),
        ("org", "http://www.w3.org/ns/org#"),
        ("skos", "http://www.w3.org/2004/02/skos/core#"),
        ("prov", "http://www.w3.org/ns/prov#"),
        ("dcterms", "http://purl.org/dc/terms/"),
        ("foaf", "http://xmlns.com/foaf/0.1/"),
    ):
        ds.bind(prefix, ns, override=True)


def graph_version(ds: Dataset) -> int | None:
    """A number that changes with every write to ``ds``'s store, or None when the store
    keeps none (then nothing derived from it may be cached)."""
    return getattr(ds.store, "version", None)


class DerivedCache:
    """Values derived from a dataset, kept per store and recomputed when the store's
    version changes: never keyed to ``id()`` (reused after collection) or a length (the
    same after a relabel)."""

    def __init__(self) -> None:
        import weakref

        self._kept: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def get(self, ds: Dataset, make):
        """``make(ds)``, or the value kept for this version of ``ds``'s store."""
        version = graph_version(ds)
        if version is None:
            return make(ds)
        hit = self._kept.get(ds.store)
        if hit is not None and hit[0] == version:
            return hit[1]
        value = make(ds)
        self._kept[ds.store] = (version, value)
        return value


register_backend("memory", MemoryBackend())
register_backend("oxigraph", OxigraphBackend())
