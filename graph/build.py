"""Build the dataset: load each document, write its facts into its own named graph.

A document that cannot be read is skipped with a message naming it; the others
still load. Each document's triples are written to a scratch graph first and
copied in only when complete, so no half-written graph is ever left behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Dataset, Graph

from cspgraph.errors import CspGraphError, InputError
from cspgraph.graph.curation import CurationReport, read_entries
from cspgraph.graph.curation import apply as apply_curation
from cspgraph.graph.curation import pairs as curation_pairs
from cspgraph.graph.curation import stamp as stamp_curation
from cspgraph.graph.emit import emit_facts
from cspgraph.graph.provenance import describe_load, graph_iri
from cspgraph.graph.resolve import Resolution, resolve
from cspgraph.graph.store import new_dataset
from cspgraph.loaders import load_document, sample_paths, supported_suffixes
from cspgraph.loaders.facts import Coverage
from cspgraph.loaders.load import LoadResult
from cspgraph.settings import Settings

if TYPE_CHECKING:
    from cspgraph.graph.similarity.suggest import SuggestionReport


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
    result: LoadResult | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class BuildResult:
    """The dataset and a report per input file."""

    dataset: Dataset
    reports: list[DocumentReport]
    resolution: Resolution | None = None
    curation: CurationReport = field(default_factory=CurationReport)
    suggestions: SuggestionReport | None = None

    @property
    def loaded(self) -> list[DocumentReport]:
        return [r for r in self.reports if r.ok]

    @property
    def failed(self) -> list[DocumentReport]:
        return [r for r in self.reports if not r.ok]


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[DocumentReport]]:
    """Files to load, with folders expanded recursively; unsupported files are reported."""
    files: list[Path] = []
    skipped: list[DocumentReport] = []
    suffixes = set(supported_suffixes())
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for child in sorted(c for c in p.rglob("*") if c.is_file()):
                if child.suffix.lower() in suffixes:
                    files.append(child)
                elif not child.name.startswith("."):
                    known = " ".join(sorted(suffixes))
                    kind = child.suffix or "(no suffix)"
                    skipped.append(DocumentReport(
                        str(child),
                        error=f"skipped {child}: unsupported format '{kind}'; supported: {known}",
                    ))
        else:
            files.append(p)
    return files, skipped


def build(
    paths: Iterable[str | Path] | None = None,
    settings: Settings | None = None,
    on_document: Callable[[DocumentReport], None] | None = None,
    curation: Iterable[str | Path] = (),
    suggest: bool = False,
) -> BuildResult:
    """Load ``paths`` (default: the bundled samples) into a new dataset, resolve entities
    and apply the curation files (``curation`` and the ``curation`` setting). With
    ``suggest``, also embed the items and write scored duplicate and alignment suggestions.

    A malformed curation file raises InputError before anything is loaded.

    >>> result = build()
    >>> len(result.loaded)
    5
    """
    settings = settings or Settings.from_env()
    entries = [e for f in [*settings.curation_files(), *curation] for e in read_entries(f)]
    files, reports = expand_paths(sample_paths() if paths is None else paths)
    ds = new_dataset(settings.store)
    used_ids: set[str] = set()
    for path in files:
        report = load_into(ds, path, settings, used_ids)
        reports.append(report)
        if on_document:
            on_document(report)
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
    return BuildResult(ds, reports, resolution, report, suggested)


def load_into(
    ds: Dataset, path: str | Path, settings: Settings, used_ids: set[str] | None = None,
    data: bytes | None = None,
) -> DocumentReport:
    """Load one document into ``ds`` as its own named graph; never raises on bad input."""
    report = DocumentReport(str(path))
    try:
        result = load_document(path, data=data, max_bytes=settings.max_document_bytes)
    except CspGraphError as exc:
        report.error = str(exc)
        return report
    except Exception as exc:  # a reader bug is reported against the file, not fatal
        report.error = str(InputError(str(path), f"unexpected {type(exc).__name__}: {exc}"))
        return report
    doc = result.document
    doc_id = doc.id
    if used_ids is not None:
        n = 2
        while doc_id in used_ids:
            doc_id, n = f"{doc.id}-{n}", n + 1
        used_ids.add(doc_id)
    scratch = Graph()
    emit_facts(scratch, doc_id, result.facts)
    describe_load(scratch, doc_id, file_name=doc.name, path=str(path), sha256=doc.sha256,
                  media_type=doc.media_type, loader_version=result.reader_version)
    target = ds.graph(graph_iri(doc_id))
    target.remove((None, None, None))
    target.addN((s, p, o, target) for s, p, o in scratch)
    report.doc_id = doc_id
    report.facts = len(result.facts)
    report.triples = len(scratch)
    report.coverage = result.coverage
    report.problems = list(doc.notes) + result.problems
    report.result = result
    return report
