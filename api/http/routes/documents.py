"""Routes: the documents behind the graph, and uploading one more (needs X-API-Key).

An upload is checked (size, registered suffix), saved under a safe name in the upload
folder and loaded with the others into a new graph built aside. Only if the document
loads is the new graph swapped in; otherwise the answer is 400 with the loader's message
(naming the file and the line) and the graph is as it was.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, HTTPException, Query, UploadFile

from cspgraph.api.http.deps import GraphDep, PagingDep, StateDep, WriteKey
from cspgraph.api.http.schemas import ERRORS, Page
from cspgraph.errors import CspGraphError
from cspgraph.graph import queries as q
from cspgraph.graph.queries.results import Document
from cspgraph.loaders import supported_suffixes
from cspgraph.loaders.load import document_id

router = APIRouter(tags=["documents"])

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
CHUNK = 1 << 16


class UnreadableUploadError(CspGraphError):
    """An uploaded document could not be loaded; the graph was left as it was."""

    http_status = 400


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


def safe_name(name: str | None, folder: Path) -> Path:
    """A path in ``folder`` for an uploaded file: its base name made safe, never reused."""
    base = Path((name or "").replace("\\", "/")).name
    stem, suffix = Path(base).stem, Path(base).suffix.lower()
    stem = _UNSAFE.sub("-", stem).strip("-.")[:80] or "upload"
    suffix = _UNSAFE.sub("", suffix)
    path, n = folder / f"{stem}{suffix}", 2
    while path.exists():
        path, n = folder / f"{stem}-{n}{suffix}", n + 1
    return path


@router.get("/api/documents", response_model=Page[Document], responses=ERRORS,
            summary="Documents in the graph")
def list_documents(ds: GraphDep, paging: PagingDep) -> dict:
    """Every document in the graph, with its kind, period and the plans it cites."""
    return paging.page(q.documents(ds))


@router.post("/api/documents", response_model=DocumentLoad, status_code=201,
             responses=ERRORS, dependencies=[WriteKey],
             summary="Upload a document to load (needs X-API-Key)")
def upload_document(
    state: StateDep,
    file: Annotated[UploadFile, File(description=(
        "The document; its suffix must be a registered format, e.g. .txt, .md, .docx."))],
    replace: Annotated[bool, Query(description=(
        "When the graph already holds a document with the same bytes (sha256): load this "
        "one in its place instead of answering 409."))] = False,
) -> DocumentLoad:
    """Load an uploaded document into the graph; a file that cannot be read changes nothing.
    A file the graph already holds (same sha256) is 409, naming the document, unless
    ``replace=true``."""
    suffixes = supported_suffixes()
    name = Path((file.filename or "").replace("\\", "/")).name
    if Path(name).suffix.lower() not in suffixes:
        raise HTTPException(415, f"{name or 'the upload'}: not a registered format; "
                                 f"registered suffixes: {' '.join(suffixes)}")
    limit = min(state.settings.max_request_bytes, state.settings.max_document_bytes)
    path = safe_name(name, state.upload_dir)
    path.open("xb").close()  # reserve the name
    partial = path.with_name(f".{path.name}.upload-tmp")  # hidden until whole
    size = 0
    try:
        with partial.open("wb") as out:
            while chunk := file.file.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise HTTPException(413, f"{name}: over the {limit}-byte upload limit")
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, path)
        same = state.same_document(path)
        if same is not None and not replace:
            raise HTTPException(409, f"{name}: the graph already holds these bytes as "
                                     f"'{same.name}' (document {document_id(same)}); send "
                                     "replace=true to load it in its place")
        result = state.rebuild_with(path, replacing=same)
    except BaseException:
        partial.unlink(missing_ok=True)
        path.unlink(missing_ok=True)
        raise
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
