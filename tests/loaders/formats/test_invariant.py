"""The same document as .txt, .docx and .pdf loads to the same facts.

Each sample is read from its .txt, written as a real Word or PDF file (in a temporary
folder), and loaded again from that file. Facts are compared as multisets by a key
that leaves out where they are (spans, pages) and the white space of their quotes.
A difference is allowed only when it is listed below with its reason.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from cspgraph.loaders import LoadResult, load_document, sample_paths
from cspgraph.loaders.document import Document
from cspgraph.loaders.facts import Fact
from cspgraph.loaders.text import read_text

SAMPLES = {p.stem: p for p in sample_paths()}
_LINE_REF = re.compile(r"\b(lines?) \d+(?:[-–]\d+)?")  # where a message points: a span too

# sample -> [(regex searched in "missing <key>" / "extra <key>", why the formats differ)]
DOCX_DIFFERENCES: dict[str, list[tuple[str, str]]] = {}
PDF_DIFFERENCES: dict[str, list[tuple[str, str]]] = {}
DIFFERENCES = {"docx": DOCX_DIFFERENCES, "pdf": PDF_DIFFERENCES}


def fact_key(fact: Fact) -> str:
    """The fact's type and fields, its source left out but for the words it quotes."""
    fields = {f.name: getattr(fact, f.name) for f in dataclasses.fields(fact)}
    fields.pop("source")
    if isinstance(fields.get("message"), str):
        fields["message"] = _LINE_REF.sub(r"\1 N", fields["message"])
    quote = " ".join(fact.source.quote.split())
    listed = ", ".join(f"{k}={v!r}" for k, v in fields.items())
    return f"{type(fact).__name__}({listed}) quoting {quote!r}"


def _writer(fmt: str) -> Callable[[Document, Path], Path]:
    if fmt == "docx":
        from .docx_writer import write_docx

        return write_docx
    return pytest.importorskip(f"{__package__}.pdf_writer").write_pdf


@cache
def _from_text(name: str) -> LoadResult:
    return load_document(SAMPLES[name])


def _differences(expected: list[Fact], got: list[Fact]) -> list[str]:
    want, have = Counter(map(fact_key, expected)), Counter(map(fact_key, got))
    return [f"missing {k}" for k in sorted((want - have).elements())] + [
        f"extra {k}" for k in sorted((have - want).elements())
    ]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str], LoadResult]:
    """Load a sample written as ``fmt``: (sample name, fmt) -> LoadResult, each made once."""
    folder = tmp_path_factory.mktemp("formats")
    loaded: dict[tuple[str, str], LoadResult] = {}

    def load(name: str, fmt: str) -> LoadResult:
        if (name, fmt) not in loaded:
            path = SAMPLES[name]
            document = read_text(path.read_bytes(), str(path))
            out = _writer(fmt)(document, folder / f"{name}.{fmt}")
            loaded[name, fmt] = load_document(out)
        return loaded[name, fmt]

    return load


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_same_facts_in_every_format(written, name: str, fmt: str) -> None:
    result = written(name, fmt)
    assert result.document.reader == fmt
    allowed = DIFFERENCES[fmt].get(name, [])
    found = _differences(_from_text(name).facts, result.facts)
    unexplained = [d for d in found if not any(re.search(p, d) for p, _ in allowed)]
    assert not unexplained, f"{name}.{fmt}: facts differ from the .txt:\n" + "\n".join(unexplained)
    stale = [(p, why) for p, why in allowed if not any(re.search(p, d) for d in found)]
    assert not stale, f"{name}.{fmt}: listed differences no longer seen: {stale}"


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_quotes_stay_on_their_lines(written, name: str, fmt: str) -> None:
    result = written(name, fmt)
    assert result.problems == []
    assert result.facts, f"{name}.{fmt} gave no facts"


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_fact_from_a_pdf_names_its_page(written, name: str) -> None:
    """Provenance in a PDF is page + line: no recogniser may drop the page."""
    result = written(name, "pdf")
    pageless = [f for f in result.facts if f.source.span.page is None]
    assert not pageless, [type(f).__name__ for f in pageless][:5]


def test_every_listed_difference_says_why() -> None:
    for table in DIFFERENCES.values():
        for name, entries in table.items():
            assert name in SAMPLES, f"no sample named {name}"
            for pattern, why in entries:
                re.compile(pattern)
                assert len(why.split()) >= 4, f"{name}: say why {pattern!r} differs"
