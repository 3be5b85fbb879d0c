"""Reading documents for the loader tests and checking what a recogniser finds in them."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from cspgraph.loaders import sample_paths
from cspgraph.loaders.document import Document
from cspgraph.loaders.facts import Fact
from cspgraph.loaders.readers.text import read_text

T = TypeVar("T", bound=Fact)
Recognise = Callable[[Document], Iterable[Fact]]


def read_path(path: Path) -> Document:
    """A text file read as the text reader reads it."""
    return read_text(path.read_bytes(), str(path))


def of(facts: Iterable[Fact], kind: type[T]) -> list[T]:
    """The facts of one kind, in order."""
    return [f for f in facts if isinstance(f, kind)]


def assert_quotes(doc: Document, facts: Iterable[Fact]) -> None:
    """Every fact's quote really is in the span it names."""
    for fact in facts:
        assert fact.source.quote in doc.plain(fact.source.span), fact


def recognised(path: Path, recognise: Recognise) -> tuple[Document, list[Fact]]:
    """The document at ``path`` and what ``recognise`` finds in it."""
    doc = read_path(path)
    return doc, list(recognise(doc))


def assert_fast(recognise: Recognise, seconds: float) -> None:
    """``recognise`` reads every bundled sample within ``seconds`` (reading aside)."""
    docs = [read_path(p) for p in sample_paths()]
    start = time.perf_counter()
    for doc in docs:
        list(recognise(doc))
    assert time.perf_counter() - start < seconds
