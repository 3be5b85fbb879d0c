"""Loaders: read documents into the normalised model and recognise facts in them.

Importing this package registers the built-in readers and recognisers.
"""

from cspgraph.loaders import text as _text
from cspgraph.loaders.load import LoadResult, load_document
from cspgraph.loaders.recognisers import (
    action_plans,
    body_mentions,
    gap_tables,
    glossary,
    governance_prose,
    group_summaries,
    metadata,
    priority_lists,
    priority_tables,
    recommendation_tables,
)
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
    body_mentions,
):
    register_recogniser(_module.__name__.rsplit(".", 1)[-1], _module.recognise, version="1")
