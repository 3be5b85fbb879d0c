"""Uploaded documents: checked, saved under a safe name within a size limit, loaded into a
graph built aside, and reported as facts, triples and coverage.

``load_upload`` is the whole upload: a file of an unregistered format is refused (415), one
over the limit (413) or holding bytes the graph already has (409, unless ``replace``) is
refused and removed, and one that fails to load leaves the graph as it was (400). Only a
document that loads is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol

from cspgraph.errors import ConflictError, TooLargeError, UnknownFormatError, UnreadableUploadError

if TYPE_CHECKING:
    from cspgraph.graph.build.dataset import BuildResult
    from cspgraph.settings import Settings

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
CHUNK = 1 << 16


@dataclass
class LineNotUnderstood:
    """A non-blank line that produced no fact and is not furniture."""

    line: int
    text: str


@dataclass
class DocumentLoad:
    """What loading an uploaded document found: facts, triples and its coverage."""

    document: str
    doc_id: str
    facts: int
    triples: int
    lines: int = field(metadata={"description": "Non-blank lines."})
    understood: int
    furniture: int
    coverage: float = field(metadata={"description": "Share of lines that gave a fact."})
    not_understood: list[LineNotUnderstood] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    graph_triples: int = 0


class UploadTarget(Protocol):
    """What an upload is loaded into: the served graph's state."""

    settings: Settings
    upload_dir: Path

    def same_document(self, path: Path) -> Path | None: ...

    def rebuild_with(self, extra: Path, replacing: Path | None = None) -> BuildResult: ...


def base_name(name: str | None) -> str:
    """The file's own name from an uploaded name, whatever path (``/`` or ``\\``) it came with."""
    return Path((name or "").replace("\\", "/")).name


def safe_name(name: str | None, folder: Path) -> Path:
    """A path in ``folder`` for an uploaded file: its base name made safe, never reused."""
    base = base_name(name)
    stem, suffix = Path(base).stem, Path(base).suffix.lower()
    stem = _UNSAFE.sub("-", stem).strip("-.")[:80] or "upload"
    suffix = _UNSAFE.sub("", suffix)
    path, n = folder / f"{stem}{suffix}", 2
    while path.exists():
        path, n = folder / f"{stem}-{n}{suffix}", n + 1
    return path


def check_format(name: str) -> None:
    """UnknownFormatError unless a registered reader handles ``name``'s suffix."""
    from cspgraph.loaders import supported_suffixes

    suffixes = supported_suffixes()
    if Path(name).suffix.lower() not in suffixes:
        raise UnknownFormatError(name or "the upload", "not a registered format",
                                 f"send one of the registered suffixes: {' '.join(suffixes)}")


def save_upload(stream: BinaryIO, name: str, folder: Path, limit: int) -> Path:
    """Copy ``stream`` to a safe new name in ``folder`` (``write_atomic``: the file appears
    whole or not at all), no more than ``limit`` bytes (TooLargeError past it)."""
    from cspgraph.graph.store.io import write_atomic

    path = safe_name(name, folder)
    path.open("xb").close()  # reserve the name
    size = 0

    def copy(out: BinaryIO) -> None:
        nonlocal size
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > limit:
                raise TooLargeError(f"{name}: over the {limit}-byte upload limit",
                                    "split the document, or raise CSPGRAPH_MAX_DOCUMENT_BYTES")
            out.write(chunk)

    try:
        write_atomic(path, copy)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def upload_report(result: BuildResult, path: Path, name: str) -> DocumentLoad:
    """The report on the uploaded document at ``path`` in ``result``; UnreadableUploadError
    (naming ``name``, never the server's path) and the file removed if it did not load."""
    mine = next((r for r in result.reports if Path(r.path) == path), None)
    if mine is None or not mine.ok:
        path.unlink(missing_ok=True)
        why = mine.error if mine else "it was not loaded"
        raise UnreadableUploadError(why.replace(str(path), name),
                                    "fix or convert the file; the graph is unchanged")
    cov = mine.coverage
    doc = mine.result.document if mine.result else None
    missing = [LineNotUnderstood(n, doc.plain_line(n) if doc else "")
               for n in (cov.not_understood if cov else [])]
    return DocumentLoad(
        path.name, mine.doc_id or "", mine.facts, mine.triples, cov.total if cov else 0,
        len(cov.understood) if cov else 0, len(cov.furniture) if cov else 0,
        round(cov.share, 3) if cov else 0.0, missing, list(mine.problems),
        len(result.dataset))


def load_upload(target: UploadTarget, stream: BinaryIO, filename: str | None,
                replace: bool = False) -> DocumentLoad:
    """Check, save and load one uploaded document into ``target``; see the module doc."""
    from cspgraph.loaders.load import document_id

    name = base_name(filename)
    check_format(name)
    limit = min(target.settings.max_request_bytes, target.settings.max_document_bytes)
    path = save_upload(stream, name, target.upload_dir, limit)
    try:
        same = target.same_document(path)
        if same is not None and not replace:
            raise ConflictError(f"{name}: the graph already holds these bytes as "
                                f"'{same.name}' (document {document_id(same)})",
                                "send replace=true to load it in its place")
        result = target.rebuild_with(path, replacing=same)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return upload_report(result, path, name)
