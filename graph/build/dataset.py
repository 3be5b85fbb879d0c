"""Build the dataset: load each document, write its facts into its own named graph.

A document that cannot be read is skipped with a message naming it; the others
still load. Each document's triples are written to a scratch graph first and
copied in only when complete, so no half-written graph is ever left behind.

Rebuilds are incremental with a :class:`LoadCache`: a document whose bytes (sha256) and
id are unchanged is not read or recognised again; its graph as emitted is reused.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Dataset

from cspgraph.errors import CspGraphError, InputError
from cspgraph.graph.build.curation import CurationReport, read_entries
from cspgraph.graph.build.curation import apply as apply_curation
from cspgraph.graph.build.curation import pairs as curation_pairs
from cspgraph.graph.build.curation import stamp as stamp_curation
from cspgraph.graph.build.emit import emit_facts
from cspgraph.graph.build.provenance import describe_load, graph_iri
from cspgraph.graph.build.resolve import Resolution, resolve
from cspgraph.graph.store.backends import backend_for, new_dataset
from cspgraph.graph.store.terms import Interner
from cspgraph.loaders import load_document, sample_paths, supported_suffixes
from cspgraph.loaders.coverage import unread_layouts
from cspgraph.loaders.facts import Coverage
from cspgraph.loaders.load import LoadResult, document_id, read_bytes
from cspgraph.loaders.merge import Candidate, describe
from cspgraph.loaders.registry import recognisers
from cspgraph.settings import Settings

if TYPE_CHECKING:
    from cspgraph.graph.similarity.suggest import SuggestionReport
    from cspgraph.graph.store.remote import PublishReport


@dataclass
class DocumentReport:
    """What happened to one input file."""

    path: str
    doc_id: str | None = None
    facts: int = 0
    triples: int = 0
    coverage: Coverage | None = None
    error: str | None = None
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. too little of it understood
    result: LoadResult | None = None
    reused: bool = False  # unchanged since the last build with the same cache: not re-read

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def candidates(self) -> list[Candidate]:
        """Facts read but not asserted: below CSPGRAPH_MIN_CONFIDENCE."""
        return [describe(f) for f in self.result.candidates] if self.result else []


@dataclass
class LoadCache:
    """Documents already loaded, by (sha256 of their bytes, document id, loader version):
    each one's graph as emitted (before entity resolution) and its report."""

    entries: dict[tuple[str, str, str], tuple[set[tuple], DocumentReport]] = field(
        default_factory=dict)

    def get(self, key: tuple[str, str, str]) -> tuple[set[tuple], DocumentReport] | None:
        return self.entries.get(key)

    def keep(self, live: set[tuple[str, str, str]]) -> None:
        """Forget documents no longer in the corpus."""
        for key in set(self.entries) - live:
            del self.entries[key]


@dataclass
class BuildResult:
    """The dataset and a report per input file."""

    dataset: Dataset
    reports: list[DocumentReport]
    resolution: Resolution | None = None
    curation: CurationReport = field(default_factory=CurationReport)
    suggestions: SuggestionReport | None = None
    published: PublishReport | None = None  # with a SPARQL server store: what was written

    @property
    def loaded(self) -> list[DocumentReport]:
        return [r for r in self.reports if r.ok]

    @property
    def failed(self) -> list[DocumentReport]:
        return [r for r in self.reports if not r.ok]


def expand_paths(paths: Iterable[str | Path], follow_links: bool = False
                 ) -> tuple[list[Path], list[DocumentReport]]:
    """Files to load, with folders expanded recursively; every entry not loaded is reported
    with its reason: an unsupported format, a symbolic link (followed only with
    ``follow_links``), a link loop or a broken link, a device, pipe or socket."""
    files: list[Path] = []
    skipped: list[DocumentReport] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            _walk(p, follow_links, files, skipped)
        else:
            files.append(p)
    return files, skipped


def _walk(folder: Path, follow_links: bool, files: list[Path],
          skipped: list[DocumentReport]) -> None:
    suffixes = set(supported_suffixes())
    seen = {folder.resolve()}

    def skip(path: Path, why: str) -> None:
        skipped.append(DocumentReport(str(path), error=f"skipped {path}: {why}"))

    def visit(directory: Path) -> None:
        try:
            entries = sorted(directory.iterdir())
        except OSError as exc:
            skip(directory, f"cannot read the folder: {exc.strerror or exc}")
            return
        for child in entries:
            if child.is_symlink():
                if not follow_links:
                    skip(child, "a symbolic link; not followed (use --follow-links)")
                    continue
                if not child.exists():
                    skip(child, "a broken symbolic link")
                    continue
            if child.is_dir():
                real = child.resolve()
                if real in seen:
                    skip(child, "a link loop: this folder is already being read")
                    continue
                seen.add(real)
                visit(child)
            elif not child.is_file():
                skip(child, "not a regular file (a device, pipe or socket)")
            elif child.suffix.lower() in suffixes:
                files.append(child)
            elif not child.name.startswith("."):
                known = " ".join(sorted(suffixes))
                skip(child, f"unsupported format '{child.suffix or '(no suffix)'}'; "
                            f"supported: {known}")

    visit(folder)


def build(
    paths: Iterable[str | Path] | None = None,
    settings: Settings | None = None,
    on_document: Callable[[DocumentReport], None] | None = None,
    curation: Iterable[str | Path] = (),
    suggest: bool = False,
    cache: LoadCache | None = None,
    exclude: Iterable[str | Path] = (),
) -> BuildResult:
    """Load ``paths`` (default: the bundled samples) into a new dataset, resolve entities
    and apply the curation files (``curation`` and the ``curation`` setting). With
    ``suggest``, also embed the items and write scored duplicate and alignment suggestions.
    With ``cache``, documents unchanged since the cache's last build are not read again.
    Files in ``exclude`` are left out (an upload replacing a document in a folder).
    With a SPARQL server as the ``store`` setting, the graph is built in memory and then
    published to the server.

    A malformed curation file raises InputError before anything is loaded.

    >>> result = build()
    >>> len(result.loaded)
    5
    """
    settings = settings or Settings.from_env()
    entries = [e for f in [*settings.curation_files(), *curation] for e in read_entries(f)]
    files, reports = expand_paths(sample_paths() if paths is None else paths,
                                  settings.follow_links)
    left_out = {Path(p).resolve() for p in exclude}
    files = [f for f in files if f.resolve() not in left_out]
    store = backend_for(settings.store)
    # A store read as a replica (a server) gets the graph built in memory and published.
    ds = new_dataset("memory") if store.replica else store.open(settings.store, settings)
    used_ids: set[str] = set()
    live: set[tuple[str, str, str]] = set()
    terms = Interner()  # one object per term across the build's documents
    for path in files:
        report = load_into(ds, path, settings, used_ids, cache=cache, live=live, terms=terms)
        reports.append(report)
        if on_document:
            on_document(report)
    if cache is not None:
        cache.keep(live)
    report = CurationReport()
    refused, merged = curation_pairs(ds, entries, report)
    resolution = resolve(ds, refused, merged)
    apply_curation(ds, entries, report)
    suggested = None
    if suggest:  # imports the model: only on request
        from cspgraph.graph.similarity.duplicates import build_corpus
        from cspgraph.graph.similarity.suggest import suggest as write_suggestions

        reviews = [e for e in entries if e.kind == "review"]
        suggested = write_suggestions(ds, build_corpus(ds, settings), reviews, settings)
        report.stale += suggested.stale_reviews
        stamp_curation(ds, reviews)
    published = None
    if store.replica:  # only the graphs whose content changed are written
        published = store.persist(ds, settings.store, settings)
    return BuildResult(ds, reports, resolution, report, suggested, published)


def load_into(
    ds: Dataset, path: str | Path, settings: Settings, used_ids: set[str] | None = None,
    data: bytes | None = None, cache: LoadCache | None = None,
    live: set[tuple[str, str, str]] | None = None, terms: Interner | None = None,
) -> DocumentReport:
    """Load one document into ``ds`` as its own named graph; never raises on bad input.

    With ``cache``, an unchanged document's graph is reused unread (``report.reused``);
    ``live`` collects the cache keys of this build; ``terms`` shares term objects with
    the build's other documents.
    """
    report = DocumentReport(str(path))
    doc_id = _unique(document_id(path), used_ids)
    try:
        raw = read_bytes(path, settings.max_document_bytes) if data is None else data
        key = (hashlib.sha256(raw).hexdigest(), doc_id,
               f"{loader_version()} min_confidence:{settings.min_confidence}")
        if live is not None:
            live.add(key)
        if cache is not None and (hit := cache.get(key)) is not None:
            scratch, report = hit[0], replace(hit[1], path=str(path), reused=True)
        else:
            result = load_document(path, data=raw, max_bytes=settings.max_document_bytes,
                                   min_confidence=settings.min_confidence)
            scratch = _emit(doc_id, path, result, terms or Interner())
            report = _report(report, doc_id, result, len(scratch), settings)
            if cache is not None:
                cache.entries[key] = (scratch, report)
    except CspGraphError as exc:
        report.error = str(exc)
        return report
    except Exception as exc:  # a reader bug is reported against the file, not fatal
        report.error = str(InputError(str(path), f"unexpected {type(exc).__name__}: {exc}"))
        return report
    target = ds.graph(graph_iri(doc_id))
    target.remove((None, None, None))
    target.addN((s, p, o, target) for s, p, o in scratch)
    return report


def preload_isolated(path: str | Path, settings: Settings, cache: LoadCache,
                     timeout: float = 600.0) -> bool:
    """Read ``path`` in a forked child process and keep its graph and report in ``cache``,
    so the build that follows reuses them unread: the memory a big PDF or Word file takes
    while it is parsed is the child's, and goes back to the system when the child ends.
    False (and nothing kept) when the child fails; the build then reads the file itself and
    reports what is wrong with it."""
    import multiprocessing
    import pickle

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_preload_child, args=(path, settings, sender), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            return False
        key, entry = pickle.loads(receiver.recv_bytes())
    except (EOFError, OSError, pickle.UnpicklingError):
        return False
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(timeout=5)
    if entry is None:
        return False
    cache.entries[key] = entry
    return True


def _preload_child(path: str | Path, settings: Settings, sender) -> None:
    import os
    import pickle

    message: tuple = (None, None)
    try:
        scratch_cache = LoadCache()
        report = load_into(new_dataset("memory"), path, settings, cache=scratch_cache)
        if report.ok and scratch_cache.entries:
            message = next(iter(scratch_cache.entries.items()))
    except BaseException:
        message = (None, None)
    try:
        sender.send_bytes(pickle.dumps(message))
    finally:
        sender.close()
        os._exit(0)


def loader_version() -> str:
    """cspgraph's version and every recogniser's: a change to either reloads everything."""
    from cspgraph import __version__

    return " ".join([__version__, *(f"{r.name}:{r.version}" for r in recognisers())])


def _unique(doc_id: str, used_ids: set[str] | None) -> str:
    """``doc_id``, or ``doc_id-2``, ``-3``... when another file of the build has it."""
    if used_ids is None:
        return doc_id
    base, n = doc_id, 2
    while doc_id in used_ids:
        doc_id, n = f"{base}-{n}", n + 1
    used_ids.add(doc_id)
    return doc_id


def _emit(doc_id: str, path: str | Path, result: LoadResult, terms: Interner) -> set[tuple]:
    """The document's facts and load record as a set of triples with one object per
    distinct term (an rdflib Graph would index them twice: here and in the dataset)."""
    doc = result.document
    scratch: set[tuple] = set()
    emit_facts(scratch, doc_id, result.facts, doc.locate)
    describe_load(scratch, doc_id, file_name=doc.name, path=str(path), sha256=doc.sha256,
                  media_type=doc.media_type, loader_version=result.reader_version)
    return terms.triples(scratch)


def _report(report: DocumentReport, doc_id: str, result: LoadResult, triples: int,
            settings: Settings) -> DocumentReport:
    report.doc_id = doc_id
    report.facts = len(result.facts)
    report.triples = triples
    report.coverage = result.coverage
    report.problems = list(result.document.notes) + result.problems
    report.warnings = understood_warning(result, settings.min_understood)
    report.result = result
    return report


def understood_warning(result: LoadResult, least: float) -> list[str]:
    """A warning when less than ``least`` of the document's lines are understood, naming
    the parts that gave no facts where it can tell."""
    cov = result.coverage
    if not cov.total or cov.share >= least:
        return []
    unread = unread_layouts(result.document, cov)
    what = ("; gave no facts: " + "; ".join(unread)) if unread else ""
    return [f"only {cov.share:.0%} of its {cov.total} lines were understood (below "
            f"{least:.0%}: CSPGRAPH_MIN_UNDERSTOOD){what}"]
