"""A client of the SPARQL 1.1 server that keeps cspgraph's graph.

The server is the system of record: cspgraph publishes its named graphs to it and reads
them back into a local in-memory replica, where the query layer answers. Reads use the
SPARQL 1.1 Protocol (``CONSTRUCT`` per graph on the query endpoint); writes use the Graph
Store Protocol (one ``PUT`` of N-Triples per changed graph, ``DELETE`` for dropped ones),
which both Oxigraph and Virtuoso take in one request whatever the graph's size.

A manifest graph on the server (``MANIFEST``) holds, for each published graph, the digest
of its content (``dcterms:identifier "sha256:..."``), its triple count (``void:triples``)
and when it was last written (``dcterms:modified``). Publishing replaces only the graphs
whose digest changed and writes the manifest last; reading checks every graph against it,
so a replica never holds a graph cut short by a server's row limit or half written by a
publish running at the same time. See docs/stores.md.

>>> server = SparqlServer.from_spec("sparql+http://127.0.0.1:7878/query")
>>> server.graphs_url
'http://127.0.0.1:7878/store'
"""

from __future__ import annotations

import http.client
import itertools
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCTERMS, VOID, XSD

from cspgraph.errors import ConfigError, StoreError
from cspgraph.graph.build.names import iri
from cspgraph.graph.store.backends import bind_prefixes, memory_dataset, register_backend
from cspgraph.graph.store.digest import digest, graph_digest, nt_lines
from cspgraph.settings import Settings

SCHEMES = ("sparql+http://", "sparql+https://")  # the store specs of a SPARQL server
MANIFEST = iri("graph", "manifest")
TIMEOUT = 300.0  # seconds per request: a large graph takes Oxigraph ~10 s per 100k triples
FETCH_ATTEMPTS = 3  # a fetch that overlaps a publish reads again after a pause
_NOT_IN_IRI = set('<>"{}|^`\\ \t\r\n')


@dataclass(frozen=True)
class Entry:
    """What the manifest says about one published graph."""

    digest: str
    triples: int
    modified: str


@dataclass
class PublishReport:
    """Which named graphs a publish added, replaced, dropped or left alone."""

    target: str
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    triples: int = 0
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced or self.dropped)

    def summary(self) -> str:
        """One line, e.g. 'published to URL: 1 added, 0 replaced, 0 dropped, 6 unchanged ...'."""
        return (f"published to {self.target}: {len(self.added)} added, {len(self.replaced)} "
                f"replaced, {len(self.dropped)} dropped, {len(self.unchanged)} unchanged "
                f"({self.triples:,} triples sent in {self.seconds:.1f} s)")


@dataclass(frozen=True)
class SparqlServer:
    """A SPARQL 1.1 server: its query endpoint, its Graph Store endpoint and credentials."""

    query_url: str
    graphs_url: str = ""  # empty: read-only, every write is a ConfigError
    user: str = ""
    password: str = field(default="", repr=False)
    timeout: float = TIMEOUT

    @classmethod
    def from_spec(cls, spec: str, settings: Settings | None = None) -> SparqlServer:
        """The server a ``sparql+http(s)://`` store spec names; ConfigError if it names none.

        The Graph Store endpoint comes from the ``store_graphs_url`` setting, or is derived
        from the query endpoint for Oxigraph (``/query`` -> ``/store``) and Virtuoso
        (``/sparql`` -> ``/sparql-graph-crud``, ``-auth`` when a ``store_user`` is set);
        without either the server can be read but not written.
        """
        settings = settings or Settings.from_env()
        if not spec.startswith(SCHEMES):
            raise ConfigError(f"store '{spec}' is not a SPARQL server",
                              "write it as sparql+http://HOST:PORT/PATH of the query endpoint")
        url = spec.removeprefix("sparql+")
        parts = urllib.parse.urlsplit(url)
        if not parts.hostname:
            raise ConfigError(f"store '{spec}' names no host",
                              "write it as sparql+http://HOST:PORT/PATH of the query endpoint")
        graphs = settings.store_graphs_url or _derived_graphs_url(parts, bool(settings.store_user))
        if graphs and urllib.parse.urlsplit(graphs).scheme not in ("http", "https"):
            raise ConfigError(f"CSPGRAPH_STORE_GRAPHS_URL={graphs!r} is not an http(s) URL",
                              "give the server's Graph Store endpoint, e.g. http://HOST:PORT/store")
        return cls(url, graphs, settings.store_user, settings.store_password)

    # Reading

    def manifest(self) -> dict[str, Entry]:
        """Published graph name -> its manifest entry; empty if nothing was published."""
        graph = self.read_graph(str(MANIFEST), self.count(str(MANIFEST)))
        entries = {}
        for name, triples in graph.subject_objects(VOID.triples):
            entries[str(name)] = Entry(str(graph.value(name, DCTERMS.identifier) or ""),
                                       int(triples), str(graph.value(name, DCTERMS.modified) or ""))
        return entries

    def graph_names(self) -> list[str]:
        """The named graphs cspgraph published to this server (the manifest's), sorted."""
        return sorted(self.manifest())

    def count(self, name: str) -> int:
        """How many triples the server holds in graph ``name``."""
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {_iri_ref(name)} {{ ?s ?p ?o }} }}"
        body = self._post(self.query_url, {"query": query},
                          "application/sparql-results+json", f"counting graph {name}")
        try:
            return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise StoreError(
                f"the SPARQL server at {self.query_url} gave no count for graph {name}: "
                f"{body[:200]!r}", "check the URL is a SPARQL 1.1 query endpoint") from exc

    def read_graph(self, name: str, expected: int | None = None,
                   into: Graph | None = None) -> Graph:
        """Every triple of graph ``name``, added to ``into`` (default: a new graph), which
        is returned. A server that caps result rows (Virtuoso's ResultSetMaxRows) returns
        fewer than ``expected``: the graph is then read again in pages of that many."""
        graph = Graph() if into is None else into
        pattern = f"GRAPH {_iri_ref(name)} {{ ?s ?p ?o }}"
        got = self._construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {pattern} }}", name, graph)
        if expected is None or not 0 < got < expected:
            return graph
        graph.remove((None, None, None))
        for offset in itertools.count(0, got):
            # The limit is outside the ordered subquery: Virtuoso refuses ORDER BY with an
            # offset past 10,000 inside one (SR353); the digest check catches a bad page.
            page = self._construct(
                f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {{ SELECT ?s ?p ?o WHERE {{ {pattern} }} "
                f"ORDER BY ?s ?p ?o }} }} LIMIT {got} OFFSET {offset}", name, graph)
            if page < got:
                break
        return graph

    def fetch(self, verify: bool = True) -> Dataset:
        """A new in-memory dataset holding every published graph (the manifest left out),
        with default_union=True and cspgraph's prefixes, as ``store.new_dataset`` makes.

        With ``verify``, each graph must match its manifest entry; a mismatch is read again
        (a publish may be running), then is a StoreError naming the graph.
        """
        for attempt in range(FETCH_ATTEMPTS):
            manifest = self.manifest()
            ds = memory_dataset()
            bind_prefixes(ds)
            differ = []
            for name, entry in sorted(manifest.items()):
                graph = self.read_graph(name, entry.triples, ds.graph(URIRef(name)))
                if verify and (len(graph) != entry.triples
                               or graph_digest(graph, canonical=False) != entry.digest):
                    differ.append(f"{name} ({len(graph):,} triples, manifest {entry.triples:,})")
            if not differ:
                return ds
            if attempt + 1 < FETCH_ATTEMPTS:
                time.sleep(attempt + 1)
        raise StoreError(
            f"the SPARQL server at {self.query_url} holds {len(differ)} graph(s) that differ "
            f"from what cspgraph published: {'; '.join(differ[:3])}",
            "if a publish is running, try again when it ends; otherwise publish again with "
            "force, and check no other tool writes these graphs",
        )

    # Writing

    def publish(self, ds: Dataset, names: list[str] | None = None,
                force: bool = False) -> PublishReport:
        """Make the server hold ``ds``'s named graphs: replace each one whose content changed
        (one Graph Store PUT each), drop published graphs ``ds`` no longer has, leave the rest.

        ``names`` limits the publish to those graphs (a name ``ds`` lacks is dropped);
        ``force`` rewrites every graph whatever the manifest says.
        """
        start = time.perf_counter()
        self._graph_url(str(MANIFEST))  # no Graph Store endpoint: fail before any request
        local = named_graphs(ds)
        old = self.manifest()
        scope = sorted(set(local) | set(old)) if names is None else sorted(set(names))
        report = PublishReport(self.query_url)
        manifest = dict(old)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        for name in scope:
            if name == str(MANIFEST):
                continue
            if name not in local:
                if name in old:
                    self.delete_graph(name)
                    del manifest[name]
                    report.dropped.append(name)
                continue
            lines = nt_lines(local[name])
            content = digest(lines)
            if name in old and old[name].digest == content and not force:
                report.unchanged.append(name)
                continue
            self.put_graph(name, _payload(lines))
            manifest[name] = Entry(content, len(lines), now)
            (report.replaced if name in old else report.added).append(name)
            report.triples += len(lines)
        if report.changed or force:
            self.put_graph(str(MANIFEST), _payload(nt_lines(manifest_graph(manifest))))
        report.seconds = time.perf_counter() - start
        return report

    def put_graph(self, name: str, data: bytes) -> None:
        """Replace graph ``name`` with N-Triples ``data`` (Graph Store Protocol PUT)."""
        self._send("PUT", self._graph_url(name), data, {"Content-Type": "application/n-triples"},
                   f"writing graph {name}")

    def delete_graph(self, name: str) -> None:
        """Remove graph ``name``; one the server does not have is not an error."""
        self._send("DELETE", self._graph_url(name), None, {}, f"dropping graph {name}",
                   missing_ok=True)

    # HTTP

    def _graph_url(self, name: str) -> str:
        _iri_ref(name)
        if not self.graphs_url:
            raise ConfigError(
                f"cannot tell the Graph Store endpoint of the SPARQL server at {self.query_url}, "
                "so cannot write to it",
                "set CSPGRAPH_STORE_GRAPHS_URL (Oxigraph: .../store; "
                "Virtuoso: .../sparql-graph-crud)",
            )
        sep = "&" if "?" in self.graphs_url else "?"
        return f"{self.graphs_url}{sep}{urllib.parse.urlencode({'graph': name})}"

    def _construct(self, query: str, name: str, graph: Graph) -> int:
        """Add the triples ``query`` constructs to ``graph``; returns how many came."""
        body = self._post(self.query_url, {"query": query}, "application/n-triples",
                          f"reading graph {name}")
        try:
            graph.parse(data=body, format="nt")
        except Exception as exc:  # rdflib's parser raises many types; all mean a bad answer
            raise StoreError(f"the SPARQL server at {self.query_url} answered reading graph "
                             f"{name} with something other than N-Triples: "
                             f"{_first_line(str(exc).encode()) or type(exc).__name__}",
                             "check the URL is the server's SPARQL query endpoint") from exc
        return sum(1 for line in body.splitlines() if line.strip() and line[:1] != b"#")

    def _post(self, url: str, form: dict[str, str], accept: str, what: str) -> bytes:
        data = urllib.parse.urlencode(form).encode()
        return self._send("POST", url, data, {
            "Content-Type": "application/x-www-form-urlencoded", "Accept": accept}, what)

    def _send(self, method: str, url: str, data: bytes | None, headers: dict[str, str],
              what: str, missing_ok: bool = False) -> bytes:
        endpoint = url.split("?", 1)[0]
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with self._opener().open(request, timeout=self.timeout) as answer:
                return answer.read()
        except urllib.error.HTTPError as exc:
            if missing_ok and exc.code == 404:
                return b""
            detail = _first_line(exc.read())
            raise StoreError(
                f"the SPARQL server at {endpoint} refused {what}: HTTP {exc.code} {exc.reason}"
                + (f": {detail}" if detail else ""), _hint(exc.code)) from None
        except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
            reason = getattr(exc, "reason", None) or exc
            raise StoreError(f"cannot reach the SPARQL server at {endpoint} ({what}): {reason}",
                             "start the server, or check the URL in CSPGRAPH_STORE") from None

    def _opener(self) -> urllib.request.OpenerDirector:
        if not self.user:
            return urllib.request.build_opener()
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        for url in (self.query_url, self.graphs_url):
            passwords.add_password(None, url, self.user, self.password)
        return urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(passwords),
                                           urllib.request.HTTPBasicAuthHandler(passwords))


class SparqlBackend:
    """``sparql+http(s)://HOST:PORT/PATH``: a SPARQL 1.1 server keeps the graph; it is read
    into a local in-memory replica and written back by publishing."""

    replica = True

    def open(self, spec: str, settings: Settings | None = None) -> Dataset:
        return SparqlServer.from_spec(spec, settings).fetch()

    def persist(self, ds: Dataset, spec: str, settings: Settings | None = None,
                names: list[str] | None = None) -> PublishReport:
        return SparqlServer.from_spec(spec, settings).publish(ds, names)

    def describe(self, spec: str) -> str:
        return (f"{spec}: the SPARQL 1.1 server at {spec.removeprefix('sparql+')} "
                "(queries run on a local replica)")


def named_graphs(ds: Dataset) -> dict[str, Graph]:
    """``ds``'s non-empty named graphs by name; StoreError if its default graph holds triples
    (a SPARQL server's default graph is no place to publish them)."""
    default = DATASET_DEFAULT_GRAPH_ID
    out: dict[str, Graph] = {}
    for graph in ds.graphs():
        if not len(graph):
            continue
        if graph.identifier == default:
            raise StoreError(f"the dataset has {len(graph):,} triples outside any named graph",
                             "only named graphs can be published; load a TriG or N-Quads file")
        out[str(graph.identifier)] = graph
    return out


def manifest_graph(entries: dict[str, Entry]) -> Graph:
    """The manifest: per graph, its digest, triple count and last write time."""
    graph = Graph()
    for name, entry in entries.items():
        node = URIRef(name)
        graph.add((node, DCTERMS.identifier, Literal(entry.digest)))
        graph.add((node, VOID.triples, Literal(entry.triples)))
        if entry.modified:
            graph.add((node, DCTERMS.modified, Literal(entry.modified, datatype=XSD.dateTime)))
    return graph


def _derived_graphs_url(parts: urllib.parse.SplitResult, auth: bool) -> str:
    path = parts.path.rstrip("/")
    if path.endswith("/query"):  # Oxigraph: /query, /update, /store
        new = path.removesuffix("/query") + "/store"
    elif path.endswith(("/sparql", "/sparql-auth")):  # Virtuoso
        new = path.rsplit("/", 1)[0] + ("/sparql-graph-crud-auth" if auth else "/sparql-graph-crud")
    else:
        return ""
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, new, "", ""))


def _iri_ref(name: str) -> str:
    if not name or _NOT_IN_IRI & set(name) or ":" not in name:
        raise StoreError(f"'{name}' is not an IRI a graph can be named by",
                         "graph names are absolute IRIs without spaces or <>\"{}|^`\\")
    return f"<{name}>"


def _payload(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def _first_line(body: bytes) -> str:
    text = body.decode("utf-8", "replace").strip()
    return text.splitlines()[0][:300] if text else ""


def _hint(status: int) -> str:
    if status in (401, 403):
        return ("the server wants credentials for this: set CSPGRAPH_STORE_USER and "
                "CSPGRAPH_STORE_PASSWORD (Virtuoso: an account with SPARQL_UPDATE)")
    if status == 404:
        return "check the endpoint URL (CSPGRAPH_STORE, CSPGRAPH_STORE_GRAPHS_URL)"
    return "see the server's log for the cause"


for _scheme in SCHEMES:
    register_backend(_scheme.removesuffix("://"), SparqlBackend())
