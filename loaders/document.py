"""The normalised document model every reader produces and every recogniser reads.

A ``Document`` is a list of ``Block``s: headings, paragraphs, list items and
tables. Tables hold ``Row``s of ``Cell``s, and a cell holds its own paragraphs
and list items as blocks. Every block, row and cell carries the ``Span`` of
source lines it came from, so every fact can name its lines.

Text in the model is *plain*: tags stripped, entities decoded, runs of white
space folded to one space. ``Document.plain_line(n)`` gives the plain text of
source line ``n``; a fact's quote is always a substring of the plain text of
its span.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, order=True)
class Span:
    """A 1-based, inclusive range of source lines, with a page for paged formats."""

    start: int
    end: int
    page: int | None = None

    def __post_init__(self) -> None:
        if self.start < 1 or self.end < self.start:
            raise ValueError(f"bad span {self.start}-{self.end}")

    def lines(self) -> range:
        """The line numbers the span covers."""
        return range(self.start, self.end + 1)

    def join(self, other: Span) -> Span:
        """The smallest span covering both."""
        return Span(min(self.start, other.start), max(self.end, other.end), self.page)

    def __str__(self) -> str:
        where = f"{self.start}" if self.start == self.end else f"{self.start}-{self.end}"
        return f"p{self.page}:{where}" if self.page is not None else where


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE = "table"


@dataclass
class Block:
    """A heading, paragraph, list item or table, in plain text.

    ``marker`` is the list marker as printed ("1.", "3.2.1", "•", "-", "➤", "(a)"),
    already removed from ``text``. ``level`` is the heading level (1-6) or the
    list nesting depth. ``bold`` is true when the whole block was bold.
    """

    kind: BlockKind
    text: str
    span: Span
    level: int = 0
    marker: str = ""
    bold: bool = False
    rows: list[Row] = field(default_factory=list)

    @property
    def ordered(self) -> bool:
        """True for a numbered or lettered list item."""
        return self.kind is BlockKind.LIST_ITEM and any(c.isalnum() for c in self.marker)


@dataclass
class Cell:
    """One table cell: its plain text and the paragraphs and list items inside it."""

    text: str
    span: Span
    parts: list[Block] = field(default_factory=list)
    bold: bool = False


@dataclass
class Row:
    """One table row. ``header`` marks a header row (column titles)."""

    cells: list[Cell]
    span: Span
    header: bool = False

    def texts(self) -> list[str]:
        """The plain text of each cell."""
        return [c.text for c in self.cells]


@dataclass
class Document:
    """A source document read into the normalised model."""

    id: str
    name: str
    path: str
    sha256: str
    media_type: str
    reader: str
    lines: list[str]
    blocks: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    plain_lines: list[str] = field(default_factory=list)

    def plain_line(self, n: int) -> str:
        """Plain text of 1-based source line ``n`` ('' past the end)."""
        source = self.plain_lines or self.lines
        return source[n - 1] if 1 <= n <= len(source) else ""

    def plain(self, span: Span) -> str:
        """Plain text of every line of ``span``, joined by single spaces."""
        return " ".join(t for t in (self.plain_line(n) for n in span.lines()) if t)

    def nonblank_lines(self) -> list[int]:
        """Numbers of the source lines that hold anything but white space."""
        return [i for i, line in enumerate(self.lines, 1) if line.strip()]

    def walk(self) -> Iterator[Block]:
        """Every block in reading order, descending into table cells."""
        for block in self.blocks:
            yield block
            for row in block.rows:
                for cell in row.cells:
                    yield from cell.parts

    def tables(self) -> Iterator[Block]:
        """The table blocks, in order."""
        return (b for b in self.blocks if b.kind is BlockKind.TABLE)
