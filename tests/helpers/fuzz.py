"""Hypothesis strategies and checks the readers' property tests share."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import assume
from hypothesis import strategies as st

from cspgraph.loaders.document import Document
from cspgraph.loaders.readers.text import covered_lines

# Printable text for one paragraph or cell: no control, surrogate or unassigned characters.
PRINTABLE = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cn")), min_size=1, max_size=60)


def text_of(pieces: Sequence[str]) -> st.SearchStrategy[str]:
    """Up to 150 characters or ``pieces`` of markup, joined: a file's text to fuzz a reader."""
    return st.lists(
        st.one_of(st.characters(blacklist_categories=("Cs", "Cc")), st.sampled_from(list(pieces))),
        max_size=150,
    ).map("".join)


def folded(text: str) -> str:
    """``text`` with its white space folded, as a reader prints it; examples that fold to
    nothing or hold markdown emphasis marks are passed over."""
    out = " ".join(text.split())
    assume(out and "**" not in out and "__" not in out)
    return out


def assert_paragraph_and_cell(document: Document, printed: str) -> None:
    """``document`` is a paragraph reading ``printed`` and a table row ``printed | Lead``."""
    assert document.plain_lines[0] == printed
    assert document.blocks[-1].rows[0].texts() == [printed, "Lead"]


def assert_no_line_lost(document: Document) -> None:
    """Every non-blank line of ``document`` is covered by a block, row or furniture."""
    assert set(document.nonblank_lines()) <= covered_lines(document)
