"""Load one document: check the file, read it with the right reader, run every
recogniser over it, and report which lines produced facts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from cspgraph.errors import InputError
from cspgraph.loaders.coverage import coverage
from cspgraph.loaders.document import Document
from cspgraph.loaders.facts import Coverage, Fact, Furniture, Source
from cspgraph.loaders.merge import GENERIC, merge, one_priority_per_name
from cspgraph.loaders.registry import reader_for, recognisers

DEFAULT_MAX_BYTES = 20_000_000
DEFAULT_MIN_CONFIDENCE = 0.6


@dataclass
class LoadResult:
    """A document, the facts found in it, and the coverage report."""

    document: Document
    facts: list[Fact]
    coverage: Coverage
    recognisers: dict[str, str] = field(default_factory=dict)  # name -> version
    problems: list[str] = field(default_factory=list)  # recogniser failures, kept per document
    candidates: list[Fact] = field(default_factory=list)  # read, not sure enough to assert

    @property
    def reader_version(self) -> str:
        """Reader and recogniser names with versions, for provenance."""
        parts = [f"reader:{self.document.reader}"]
        parts += [f"{name}:{version}" for name, version in sorted(self.recognisers.items())]
        return " ".join(parts)


def read_bytes(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file's bytes, refusing missing, unreadable, empty or oversized files."""
    p = Path(path)
    if not p.exists():
        raise InputError(str(path), "no such file", "check the path")
    if p.is_dir():
        raise InputError(str(path), "is a folder", "name the files in it, or the folder's files")
    size = p.stat().st_size
    if size == 0:
        raise InputError(str(path), "the file is empty", "export the document again")
    if size > max_bytes:
        raise InputError(
            str(path),
            f"{size} bytes is over the limit of {max_bytes}",
            "raise CSPGRAPH_MAX_DOCUMENT_BYTES or split the document",
        )
    try:
        return p.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InputError(str(path), reason, "check the file's permissions") from exc


def document_id(path: str | Path) -> str:
    """A stable id for a document, from its file name: lower case, hyphens."""
    stem = Path(path).stem.lower()
    out = "".join(c if c.isalnum() else "-" for c in stem)
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-") or "document"


def load_document(
    path: str | Path,
    data: bytes | None = None,
    reader: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> LoadResult:
    """Read ``path`` (or ``data`` named by it) and run all recognisers over it.

    The layout recognisers run first and the generic reading after them; its facts are
    merged with theirs (``loaders/merge.py``), and those below ``min_confidence`` are
    kept as candidates. Raises InputError for files that cannot be read at all; a
    recogniser that fails on odd text is reported in ``problems`` and the others still run.
    """
    chosen = reader_for(path, reader)
    raw = read_bytes(path, max_bytes) if data is None else data
    if not raw:
        raise InputError(str(path), "the file is empty", "export the document again")
    document = chosen.read(raw, str(path))
    if not any(line.strip() for line in document.lines):
        raise InputError(str(path), "has no text (only blank lines or spaces)",
                         "export the document again, with its text")
    if not document.sha256:
        document.sha256 = hashlib.sha256(raw).hexdigest()
    facts: list[Fact] = []
    generic: list[Fact] = []
    versions: dict[str, str] = {}
    problems: list[str] = []
    if document.furniture:  # what the reader itself set aside: page numbers, rules, paths
        facts += [Furniture(Source(span, document.plain(span)), reason)
                  for span, reason in document.furniture]
    for rec in recognisers():
        versions[rec.name] = rec.version
        found: list[Fact] = []
        try:
            found.extend(rec.recognise(document))
        except Exception as exc:  # a recogniser bug must not lose the other facts
            problems.append(f"recogniser {rec.name} failed on {path}: {type(exc).__name__}: {exc}")
        problems.extend(quote_problems(document, found, rec.name))
        (generic if rec.name == GENERIC else facts).extend(found)
    kept, candidates = merge(facts, generic, min_confidence)
    facts = one_priority_per_name(facts + kept)
    return LoadResult(document, facts, coverage(document, facts), versions, problems,
                      candidates)


def quote_problems(document: Document, facts: list[Fact], recogniser: str = "") -> list[str]:
    """Facts whose quote is not on their lines (white space folded), one message each.

    Facts a failing recogniser yielded before it failed are kept, so they are
    checked too; a wrong quote is reported, not dropped.
    """
    texts: dict[tuple[int, int], str] = {}
    out: list[str] = []
    for fact in facts:
        span = fact.source.span
        key = (span.start, span.end)
        if key not in texts:
            texts[key] = " ".join(" ".join(document.plain_line(n) for n in span.lines()).split())
        if " ".join(fact.source.quote.split()) not in texts[key]:
            who = f"recogniser {recogniser}: " if recogniser else ""
            out.append(
                f"{who}{type(fact).__name__} at line {span} quotes words that are not on "
                f"its lines: {fact.source.quote[:60]!r}"
            )
    return out
