"""Small helpers the layout-family recognisers share: quoting a span and reading a cell."""

from __future__ import annotations

from cspgraph.loaders.document import Cell, Document, Row, Span
from cspgraph.loaders.facts import Source


def source_if_quoted(document: Document, span: Span, quote: str) -> Source | None:
    """A source for ``quote`` (stripped) on ``span``, or None when the plain text does not
    hold it."""
    quote = quote.strip()
    return Source(span, quote) if quote and quote in document.plain(span) else None


def quote_or_plain(document: Document, span: Span, text: str) -> str:
    """``text`` when the span's plain text holds it, else that plain text itself."""
    plain = document.plain(span)
    return text if text and text in plain else plain


def quote_or_first_line(document: Document, span: Span, text: str) -> str:
    """``text`` when the span's plain text holds it, else the first line's plain text."""
    return text if text and text in document.plain(span) else document.plain_line(span.start)


def cell_at(row: Row, index: int | None) -> Cell | None:
    """The row's cell at column ``index``; None for no column or a short row."""
    return row.cells[index] if index is not None and index < len(row.cells) else None
