"""Reading documents for the loader tests and checking what a recogniser finds in them."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

import pytest

from cspgraph.loaders import sample_paths
from cspgraph.loaders.document import Document
from cspgraph.loaders.facts import Fact
from cspgraph.loaders.readers.text import read_text

T = TypeVar("T", bound=Fact)
Recognise = Callable[[Document], Iterable[Fact]]
DATA = Path(__file__).resolve().parents[1] / "loaders" / "data"


def read_path(path: Path) -> Document:
    """A text file read as the text reader reads it."""
    return read_text(path.read_bytes(), str(path))


def text_doc(text: str, name: str) -> Document:
    """``text`` read as the text reader reads a file called ``name``."""
    return read_text(text.encode("utf-8"), name)


def data_doc(name: str, as_name: str | None = None) -> Document:
    """The test document ``tests/loaders/data/<name>``, read as a file called ``as_name``."""
    return read_text((DATA / name).read_bytes(), as_name or name)


def sample(part: str) -> Path:
    """The bundled sample whose file name contains ``part``."""
    return next(p for p in sample_paths() if part in p.name)


# The two samples most loader tests read: the 2009-2012 plan and the 2017-2018 agreement.
PLAN_2009 = sample("partnership-plan-2009")
AGREEMENT = sample("community-safety-agreement")


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


def sample_fixture(path: Path, recognise: Recognise):
    """A module fixture: the sample at ``path`` and what ``recognise`` finds in it."""

    @pytest.fixture(scope="module")
    def fixture() -> tuple[Document, list[Fact]]:
        return recognised(path, recognise)

    return fixture
