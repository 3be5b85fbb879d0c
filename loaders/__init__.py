"""Loaders: read documents into the normalised model and recognise facts in them.

Importing this package registers the built-in readers and recognisers.
"""

import importlib

from cspgraph.loaders.document import Document
from cspgraph.loaders.load import LoadResult, load_document
from cspgraph.loaders.readers import text as _text
from cspgraph.loaders.recognisers import (
    action_plans,
    gap_tables,
    glossary,
    governance_prose,
    group_summaries,
    metadata,
    police_crime_plans,
    priority_lists,
    priority_tables,
    recommendation_tables,
)
from cspgraph.loaders.recognisers import reading as _reading
from cspgraph.loaders.registry import (
    ReadFn,
    reader_for,
    readers,
    recognisers,
    register_reader,
    register_recogniser,
    supported_suffixes,
)
from cspgraph.loaders.samples import sample_paths

__all__ = [
    "LoadResult",
    "load_document",
    "reader_for",
    "readers",
    "recognisers",
    "register_reader",
    "register_recogniser",
    "sample_paths",
    "supported_suffixes",
]


def _lazy(module: str, function: str) -> ReadFn:
    """A reader that imports its module (and its format library) on first use."""
    def read(data: bytes, path: str) -> Document:
        return getattr(importlib.import_module(module), function)(data, path)
    return read


register_reader("text", (".txt", ".text"), _text.read_text, version="2")
register_reader("markdown", (".md", ".markdown"),
                _lazy("cspgraph.loaders.readers.markdown", "read_markdown"))
register_reader("docx", (".docx",), _lazy("cspgraph.loaders.readers.docx", "read_docx"))
register_reader("pdf", (".pdf",), _lazy("cspgraph.loaders.readers.pdf", "read_pdf"))
register_reader("html", (".html", ".htm"), _lazy("cspgraph.loaders.readers.html", "read_html"))
for _module in (
    metadata,
    glossary,
    recommendation_tables,
    priority_tables,
    gap_tables,
    action_plans,
    governance_prose,
    group_summaries,
    priority_lists,
    police_crime_plans,
):
    register_recogniser(_module.__name__.rsplit(".", 1)[-1], _module.recognise, version="1")
register_recogniser("reading", _reading.recognise, version="1")
