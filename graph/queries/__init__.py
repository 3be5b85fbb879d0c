"""The query layer: plain functions answering users' questions, each answer with sources.

The CLI, the HTTP API and the pages call these and nothing lower.
"""

from rdflib import Dataset

from cspgraph.graph.queries.bodies import (
    accountability_chain,
    below,
    chairs,
    chairs_of_many,
    members,
    overseen_by,
    oversees,
    parent_bodies,
    post_holders,
    posts_held,
    reports_to,
    scrutinised_by,
    scrutinises,
    sub_groups,
    who_chairs,
)
from cspgraph.graph.queries.facts import DocumentFact, document_facts
from cspgraph.graph.queries.items import (
    children,
    cross_references,
    indicators,
    items,
    items_page,
    led_by,
    priorities,
)
from cspgraph.graph.queries.lookup import find, resolve
from cspgraph.graph.queries.matrix import cell_labels, matrix_csv
from cspgraph.graph.queries.overview import Summary, summary
from cspgraph.graph.queries.plans import (
    aliases,
    alignment,
    documents,
    documents_in_scope,
    find_document,
    higher_plans,
    objectives,
    quality_notes,
)
from cspgraph.graph.queries.results import (
    AlignmentMatrix,
    Answer,
    Document,
    Entity,
    ItemAnswer,
    SourceRef,
)
from cspgraph.graph.queries.review import (
    MergeRecord,
    Suggestion,
    confirmed_duplicates,
    merges,
    suggestions,
)

__all__ = [
    "AlignmentMatrix",
    "Answer",
    "Document",
    "DocumentFact",
    "Entity",
    "ItemAnswer",
    "MergeRecord",
    "SourceRef",
    "Suggestion",
    "Summary",
    "accountability_chain",
    "aliases",
    "alignment",
    "below",
    "cell_labels",
    "chairs",
    "chairs_of_many",
    "children",
    "confirmed_duplicates",
    "cross_references",
    "document_facts",
    "documents",
    "documents_in_scope",
    "find",
    "find_document",
    "higher_plans",
    "indicators",
    "items",
    "items_page",
    "led_by",
    "matrix_csv",
    "members",
    "merges",
    "objectives",
    "overseen_by",
    "oversees",
    "parent_bodies",
    "post_holders",
    "posts_held",
    "priorities",
    "quality_notes",
    "reports_to",
    "resolve",
    "scrutinised_by",
    "scrutinises",
    "sub_groups",
    "suggestions",
    "summary",
    "warm",
    "who_chairs",
]


def warm(ds: Dataset) -> None:
    """Build the indexes every query shares (names, documents) now, so a server's first
    request does not pay for them (677 ms at 10x the synthetic corpus)."""
    from cspgraph.graph.queries.lookup import name_index, search_indexes

    name_index(ds)
    search_indexes(ds)
    documents(ds)
