"""Loaders: read documents into the normalised model and recognise facts in them.

Importing this package registers the built-in readers and recognisers.
"""

from cspgraph.loaders import text as _text
from cspgraph.loaders.load import LoadResult, load_document
from cspgraph.loaders.recognisers import recommendation_tables as _rec_tables
from cspgraph.loaders.registry import (
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

register_reader("text", (".txt", ".md", ".markdown", ".text"), _text.read_text, version="1")
register_recogniser("recommendation_tables", _rec_tables.recognise, version="1")
