"""Routes: the documents behind the graph, and uploading one more (needs X-API-Key).

The upload is handed to ``graph.build.uploads.load_upload``: checked (size, registered
suffix), saved under a safe name and loaded with the others into a new graph built aside,
swapped in only if the document loads (400 with the loader's message otherwise).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Query, UploadFile

from cspgraph.api.http.deps import GraphDep, PagingDep, StateDep, WriteKey
from cspgraph.api.http.schemas import ERRORS, Page
from cspgraph.graph import queries as q
from cspgraph.graph.build.uploads import DocumentLoad, load_upload
from cspgraph.graph.queries.results import Document

router = APIRouter(tags=["documents"])


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
    return load_upload(state, file.file, file.filename, replace)
