"""The served graph: one immutable snapshot at a time, swapped whole on rebuild.

Readers take the current snapshot at the start of a request and keep it, so during an
upload or rebuild they see the old graph or the new one, never a half-built one. Writers
are serialised by a lock and build the new graph aside before swapping it in.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cspgraph.errors import ConfigError, NotRebuildableError
from cspgraph.settings import Settings

if TYPE_CHECKING:
    from cspgraph.graph.build.dataset import BuildResult
    from cspgraph.graph.similarity.duplicates import Corpus
    from cspgraph.graph.similarity.vectors import ItemVectors
    from cspgraph.graph.store.types import KnowledgeGraph

log = logging.getLogger("cspgraph.api")


@dataclass
class Snapshot:
    """One built graph and what was learnt building it."""

    dataset: KnowledgeGraph
    build: BuildResult | None = None
    _corpus: Corpus | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    vectors: ItemVectors | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        from cspgraph.graph.queries import warm

        warm(self.dataset)  # before the snapshot is served, not on its first request
        # The graph is millions of long-lived objects: leave them out of the collector's
        # full passes, which otherwise stall requests for seconds at national scale (7 s a
        # pass at 100x the synthetic corpus). Unfreezing first lets a replaced snapshot's
        # cycles be collected.
        gc.unfreeze()
        gc.collect()
        gc.freeze()

    def corpus(self, settings: Settings) -> Corpus:
        """The embedded items of this snapshot: made by :meth:`embed` before serving, or
        here on first use when the state does not embed up front (the model loads once)."""
        with self._lock:
            if self._corpus is None:
                self._embed(settings)
            return self._corpus

    def embed(self, settings: Settings, previous: ItemVectors | None = None,
              graph_file: Path | None = None) -> None:
        """Make the corpus now: rows of ``previous`` (or of the vectors saved beside
        ``graph_file``) are reused where model and text match; the rest are embedded
        (through the on-disk cache). New vectors are saved beside ``graph_file``."""
        with self._lock:
            if self._corpus is None:
                self._embed(settings, previous, graph_file)

    def _embed(self, settings: Settings, previous: ItemVectors | None = None,
               graph_file: Path | None = None) -> None:
        from cspgraph.graph.similarity.duplicates import mutual_table
        from cspgraph.graph.similarity.vectors import corpus_for

        log.info("embedding the graph's items for similarity (once per graph)")
        started = time.perf_counter()
        corpus, self.vectors = corpus_for(self.dataset, settings, graph_file, _log_progress(),
                                          previous, save=True)
        mutual_table(corpus)  # the duplicates' neighbours, before the first request
        self._corpus = corpus
        log.info("%d items embedded in %.1f s", len(corpus.items), time.perf_counter() - started)
        gc.freeze()  # as the graph: 100k items in the collector's passes stall requests


def _log_progress() -> Callable[[int, int], None]:
    """A ``progress(done, total)`` that logs the start, each tenth done, and the end."""
    logged = [-1]

    def progress(done: int, total: int) -> None:
        tenth = 10 * done // max(total, 1)
        if tenth > logged[0] or done == total:
            logged[0] = tenth
            log.info("embedded %d of %d texts", done, total)

    return progress


def _samples() -> list[Path]:
    from cspgraph.loaders import sample_paths

    return list(sample_paths())


class GraphState:
    """What the server serves: settings, the documents behind the graph, the snapshot.

    With ``embed`` (as ``cspgraph serve`` runs it) every snapshot's items are embedded
    before it is served, so no request waits on the model: a saved graph's vectors are
    read from beside its file, and a rebuilt snapshot embeds only the items it adds.
    Without it, a snapshot embeds on its first similarity request.
    """

    def __init__(self, settings: Settings, documents: list[Path] | None = None,
                 graph_file: Path | None = None, curation: list[Path] | None = None,
                 embed: bool = False) -> None:
        self.settings = settings
        self.embed = embed
        self.documents = list(documents or [])  # empty and no graph file: the samples
        self.graph_file = graph_file
        self.curation = list(curation or [])
        self._write = threading.Lock()
        self._snapshot: Snapshot | None = None
        from cspgraph.graph.build.dataset import LoadCache

        self._loads = LoadCache()  # rebuilds read only documents that changed
        self.data_dir = settings.data_folder()
        self.upload_dir = Path(settings.upload_dir).expanduser() if settings.upload_dir else (
            self.data_dir / "uploads")
        self.upload_dir.mkdir(parents=True, exist_ok=True)
        self.reviews_file = self.data_dir / "reviews.yaml"
        if not self.curation and self.reviews_file.is_file():
            self.curation = [self.reviews_file]  # what users decided before a restart
        kept = sorted(p for p in self.upload_dir.iterdir() if p.is_file()
                      and not p.name.startswith(".") and p.name != "reviews.yaml")
        if kept and not (graph_file and not self.documents):  # uploads kept from before
            self.documents = [*(self.documents or list(_samples())), *kept]

    @property
    def snapshot(self) -> Snapshot:
        """The current snapshot (built on first use)."""
        if self._snapshot is None:
            with self._write:
                if self._snapshot is None:
                    self._snapshot = self._ready(self._build(self.documents))
        return self._snapshot

    def _ready(self, snapshot: Snapshot) -> Snapshot:
        """``snapshot``, embedded first when the state embeds up front (reusing the
        current snapshot's vectors, or those saved beside the graph file)."""
        if self.embed:
            current = self._snapshot.vectors if self._snapshot is not None else None
            saved = self.graph_file if (self._snapshot is None and self.graph_file is not None
                                        and not self.documents) else None
            try:
                snapshot.embed(self.settings, current, saved)
            except ConfigError as exc:  # no model: serve the rest; similarity says why
                log.warning("similarity unavailable: %s", exc.message)
        return snapshot

    def _build(self, documents: list[Path]) -> Snapshot:
        from cspgraph.graph.build.dataset import build

        if self.graph_file is not None and not documents:
            from cspgraph.graph.store.io import load

            return Snapshot(load(self.graph_file))
        result = build(documents or None, self.settings, curation=self.curation,
                       cache=self._loads)
        return Snapshot(result.dataset, result)

    def same_document(self, path: Path) -> Path | None:
        """The loaded document whose bytes are ``path``'s (same sha256), if any."""
        from cspgraph.graph.similarity.model import file_sha256

        wanted = file_sha256(path)
        build = self.snapshot.build
        for report in build.loaded if build is not None else []:
            loaded = Path(report.path)
            if loaded != path and loaded.is_file() and file_sha256(loaded) == wanted:
                return loaded
        return None

    def rebuild_with(self, extra: Path, replacing: Path | None = None) -> BuildResult:
        """Rebuild with one more document (in place of ``replacing``, when given) and swap
        it in, unless that document fails.

        Returns the build result; the caller reports its problems. On failure the
        current snapshot stays as it was.
        """
        from cspgraph.graph.build.dataset import build, preload_isolated
        from cspgraph.loaders import sample_paths

        with self._write:
            base = self.documents or ([] if self.graph_file else list(sample_paths()))
            if replacing is not None:
                base = [p for p in base if Path(p) != replacing]
            preload_isolated(extra, self.settings, self._loads)  # parsed in a child process
            result = build([*base, extra], self.settings, curation=self.curation,
                           cache=self._loads, exclude=[replacing] if replacing else ())
            mine = [r for r in result.reports if Path(r.path) == extra]
            if mine and mine[0].ok:
                self._snapshot = self._ready(Snapshot(result.dataset, result))
                self.documents = [*base, extra]
            return result

    def rebuild(self, suggest: bool = True) -> BuildResult:
        """Rebuild from the same documents and curation files, then swap the result in.

        With ``suggest`` (the default) the new snapshot also holds the scored duplicate and
        alignment suggestions, so reviews of them can be listed and applied.
        """
        with self._write:
            return self._rebuild(suggest)

    def curate(self, entries: list[dict], author: str | None = None, when: str | None = None,
               suggest: bool = True) -> tuple[BuildResult, Path, list[int]]:
        """Append curation entries, rebuild with them and swap the new snapshot in.

        The entries go to the first curation file, or to ``<data_dir>/reviews.yaml``
        (then added to the curation files). Returns the build, the file and the entries'
        lines. If the rebuild finds a new entry stale (it matches nothing), the file is
        restored, the snapshot kept as it was, and InputError raised naming the line.
        """
        from cspgraph.errors import InputError
        from cspgraph.graph.build.curation import append_entries, read_entries

        with self._write:
            if self.graph_file is not None and not self.documents:
                raise NotRebuildableError(
                    "this server serves a saved graph file, which cannot be rebuilt with "
                    "curation", "serve the documents instead of --graph to record reviews")
            added = not self.curation
            path = self.curation[0] if self.curation else self.reviews_file
            path.parent.mkdir(parents=True, exist_ok=True)
            before = path.read_bytes() if path.exists() else None
            append_entries(path, entries, author, when)
            lines = [e.line for e in read_entries(path)[-len(entries):]]
            if added:
                self.curation = [path]
            try:
                result = self._rebuild(suggest, swap=False)
                stale = [s for s in result.curation.stale
                         if any(s.startswith(f"{path}:{n}:") for n in lines)]
                if stale:
                    raise InputError(path.name,  # the file's name, not the server's path
                                     "; ".join(s.split(": ", 1)[-1] for s in stale),
                                     "name a suggestion or entities the graph holds",
                                     line=lines[0])
            except BaseException:
                if before is None:
                    path.unlink(missing_ok=True)
                else:
                    path.write_bytes(before)
                if added:
                    self.curation = []
                raise
            self._snapshot = self._ready(Snapshot(result.dataset, result))
            return result, path, lines

    def _rebuild(self, suggest: bool, swap: bool = True) -> BuildResult:
        from cspgraph.graph.build.dataset import build

        if self.graph_file is not None and not self.documents:
            raise NotRebuildableError("this server serves a saved graph file, which cannot "
                                      "be rebuilt", "serve the documents instead of --graph")
        result = build(self.documents or None, self.settings, curation=self.curation,
                       suggest=suggest, cache=self._loads)
        if swap:
            self._snapshot = self._ready(Snapshot(result.dataset, result))
        return result

