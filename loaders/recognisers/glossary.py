"""Layout family recogniser: glossary (being written)."""

from __future__ import annotations

from collections.abc import Iterator

from cspgraph.loaders.document import Document
from cspgraph.loaders.facts import Fact


def recognise(doc: Document) -> Iterator[Fact]:
    """Yield the facts this layout family finds in ``doc``."""
    yield from ()
