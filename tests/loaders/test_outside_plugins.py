"""An outside reader (a new file suffix) and an outside recogniser, registered through the
public registry the way a plugin would, load a document end to end; afterwards the
registry is as it was."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest

from cspgraph.errors import UnknownFormatError
from cspgraph.loaders import (
    load_document,
    readers,
    recognisers,
    register_reader,
    register_recogniser,
    registry,
    supported_suffixes,
)
from cspgraph.loaders.document import Document, Span
from cspgraph.loaders.facts import Fact, Priority, Source
from cspgraph.loaders.readers.text import new_document, read_lines

SUFFIX = ".tally"
# One record a "|"-separated field; a record that starts "priority:" names a priority.
TALLY = ("Tally of a made-up board|priority: Quieter streets|note: nothing here"
         "|priority: Safer parks")


def read_tally(data: bytes, path: str) -> Document:
    """An outside reader: every "|"-separated field of the file is a line."""
    document = new_document(path, hashlib.sha256(data).hexdigest(), "text/x-tally", "tally")
    return read_lines(document, data.decode("utf-8").split("|"))


def recognise_tally(doc: Document) -> Iterator[Fact]:
    """An outside recogniser: a "priority: NAME" line is a priority of the plan."""
    for n in doc.nonblank_lines():
        line = doc.plain_line(n)
        if line.startswith("priority:"):
            name = line.removeprefix("priority:").strip()
            span = Span(n, n)
            yield Priority(Source(span, doc.plain(span)), key=f"priority/tally/{n}", name=name,
                           made_by="tally plugin")


@pytest.fixture()
def plugins(monkeypatch) -> None:
    """The outside reader and recogniser registered; the registry restored afterwards."""
    monkeypatch.setattr(registry, "_READERS", dict(registry._READERS))
    monkeypatch.setattr(registry, "_RECOGNISERS", dict(registry._RECOGNISERS))
    register_reader("tally", (SUFFIX.upper(),), read_tally, version="7")
    register_recogniser("tally", recognise_tally, version="3")


def test_the_outside_reader_and_recogniser_load_a_document(plugins) -> None:
    assert "tally" in {r.name for r in readers()}
    assert "tally" in {r.name for r in recognisers()}
    assert SUFFIX in supported_suffixes()  # suffixes are matched in lower case
    result = load_document(f"board{SUFFIX}", data=TALLY.encode("utf-8"))
    assert result.problems == []
    assert result.document.reader == "tally"
    assert result.document.plain_line(2) == "priority: Quieter streets"
    mine = [f for f in result.facts if isinstance(f, Priority) and f.made_by == "tally plugin"]
    assert [(p.name, p.source.span.start) for p in mine] == [("Quieter streets", 2),
                                                          ("Safer parks", 4)]
    assert result.recognisers["tally"] == "3"
    assert "tally:3" in result.reader_version


def test_the_outside_recogniser_reads_built_in_formats_too(plugins) -> None:
    result = load_document("board.txt", data=b"Our plan\n\npriority: Fewer burglaries\n")
    mine = [f.name for f in result.facts if isinstance(f, Priority) and f.made_by == "tally plugin"]
    assert mine == ["Fewer burglaries"]


def test_the_registry_is_restored_after_the_plugins_fixture() -> None:
    assert "tally" not in {r.name for r in readers()}
    assert "tally" not in {r.name for r in recognisers()}
    with pytest.raises(UnknownFormatError):
        load_document(f"board{SUFFIX}", data=TALLY.encode("utf-8"))
