"""Where the dataset lives, behind rdflib's Store interface.

``memory`` is cspgraph's compact in-memory store (``graph/store/compact.py``): no
server, about 50 bytes a quad plus its distinct terms, fast from one partnership to a
national corpus, and what pySHACL works on. ``oxigraph:DIR`` is an on-disk Oxigraph store
via oxrdflib. ``sparql+http(s)://...`` is a SPARQL 1.1
server that keeps the graph for everyone (``graph/store/remote.py``): the dataset returned is a
local in-memory replica read from it, and ``persist`` publishes to it. Every other module
talks to the ``rdflib.Dataset`` this returns and never to a store directly.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Dataset, URIRef

from cspgraph.errors import ConfigError, StoreError

if TYPE_CHECKING:
    from cspgraph.graph.store.remote import PublishReport
    from cspgraph.settings import Settings

SPARQL_SCHEMES = ("sparql+http://", "sparql+https://")


def new_dataset(spec: str = "memory", settings: Settings | None = None) -> Dataset:
    """The dataset in the store ``spec`` names; queries see the union of graphs.

    ``memory`` and ``oxigraph:DIR`` give the store itself (a new DIR starts empty);
    ``sparql+http(s)://HOST:PORT/PATH`` gives an in-memory replica of what the server holds
    (StoreError naming the URL if it cannot be read).
    """
    if spec.startswith(SPARQL_SCHEMES):
        from cspgraph.graph.store.remote import SparqlServer

        return SparqlServer.from_spec(spec, settings).fetch()
    if spec == "memory":
        ds = memory_dataset()
    elif spec.startswith("oxigraph:"):
        ds = Dataset(store="Oxigraph", default_union=True)
        ds.open(str(_folder(spec)))
    else:
        raise ConfigError(
            f"unknown store '{spec}'",
            "use 'memory', 'oxigraph:DIR' or 'sparql+http://HOST:PORT/PATH' "
            "(setting CSPGRAPH_STORE)",
        )
    bind_prefixes(ds)
    return ds


def memory_dataset() -> Dataset:
    """An empty in-memory dataset (``graph/store/compact.py``) whose queries see the union
    of its graphs."""
    from cspgraph.graph.store.compact import CompactStore

    return Dataset(store=CompactStore(), default_union=True)


def persist(ds: Dataset, spec: str, settings: Settings | None = None,
            names: list[str] | None = None) -> PublishReport | None:
    """Write ``ds``'s named graphs to the store ``spec`` names, replacing only the graphs
    whose content changed and dropping graphs ``ds`` no longer has; returns what changed.

    ``memory`` keeps nothing beyond the process: None. A dataset that already lives in an
    Oxigraph store is on disk already: None. ``names`` limits the write to those graphs.
    """
    if spec.startswith(SPARQL_SCHEMES):
        from cspgraph.graph.store.remote import SparqlServer

        return SparqlServer.from_spec(spec, settings).publish(ds, names)
    if spec == "memory":
        return None
    if spec.startswith("oxigraph:"):
        if type(ds.store).__name__ == "OxigraphStore":
            return None
        return _persist_oxigraph(ds, spec, names)
    raise ConfigError(f"unknown store '{spec}'",
                      "use 'memory', 'oxigraph:DIR' or 'sparql+http://HOST:PORT/PATH'")


def _persist_oxigraph(ds: Dataset, spec: str, names: list[str] | None) -> PublishReport:
    """Copy ``ds``'s changed graphs into the on-disk Oxigraph store of ``spec``."""
    import time

    from cspgraph.graph.store.digest import canonical_triple, graph_digest
    from cspgraph.graph.store.remote import PublishReport, named_graphs

    start = time.perf_counter()
    local = named_graphs(ds)
    target = Dataset(store="Oxigraph", default_union=True)
    try:
        target.open(str(_folder(spec)))
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
