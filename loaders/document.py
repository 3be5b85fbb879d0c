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


@dataclass(frozen=True)
class Place:
    """Where one unit of a document (a line, a paragraph, a table row) is, in the file's own
    coordinates: ``line`` is the line of a text or Markdown file, of an HTML element in the
    page's source, or on a PDF ``page``; for Word it is the paragraph's number. ``label``
    names a Word table row ("table 2, row 3"), where a number alone would not find it."""

    line: int
    page: int | None = None
    label: str | None = None


@dataclass(frozen=True)
class Location:
    """A span in the file's own coordinates: what a fact's source records."""

    line_start: int
    line_end: int
    page: int | None = None
    label: str | None = None  # "table 2, row 3, cell 1", "paragraph 12"


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
    list nesting depth. ``bold`` is true when the whole block was bold, and
    ``bold_spans`` holds the character ranges of ``text`` that are bold.
    """

    kind: BlockKind
    text: str
    span: Span
    level: int = 0
    marker: str = ""
    bold: bool = False
    bold_spans: tuple[tuple[int, int], ...] = ()
    rows: list[Row] = field(default_factory=list)
    role: str = ""  # "contents": an entry of a contents list, the document's outline

    @property
    def lead_bold(self) -> str:
        """The bold words the block starts with ("" when it does not start bold)."""
        first = self.bold_spans[0] if self.bold_spans else None
        return self.text[first[0]:first[1]] if first and not self.text[:first[0]].strip() else ""

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
    places: list[Place] = field(default_factory=list)
    furniture: list[tuple[Span, str]] = field(default_factory=list)  # lines of no content, why
    unit: str = "line"  # what a unit is in this format: "line", "paragraph" (Word)
    _rows: dict[int, Row] | None = field(default=None, init=False, repr=False, compare=False)

    def plain_line(self, n: int) -> str:
        """Plain text of 1-based source line ``n`` ('' past the end)."""
        source = self.plain_lines or self.lines
        return source[n - 1] if 1 <= n <= len(source) else ""

    def plain(self, span: Span) -> str:
        """Plain text of every line of ``span``, joined by single spaces."""
        return " ".join(t for t in (self.plain_line(n) for n in span.lines()) if t)

    def place(self, n: int) -> Place:
        """Where unit ``n`` is in the file's own coordinates."""
        return self.places[n - 1] if 1 <= n <= len(self.places) else Place(n)

    def locate(self, span: Span, quote: str = "") -> Location:
        """Where ``span`` is in the file's own coordinates; in a table row, the cell that
        holds all of ``quote`` is named ("table 2, row 3, cell 1")."""
        first, last = self.place(span.start), self.place(span.end)
        label = first.label
        if label and quote and span.start == span.end:
            row = self._row_index().get(span.start)
            cells = [i for i, c in enumerate(row.cells, 1) if quote in c.text] if row else []
            if len(cells) == 1:
                label = f"{label}, cell {cells[0]}"
        elif label and span.end != span.start and last.label:
            label = f"{label} to {last.label}"
        if label is None and self.unit == "paragraph":
            label = (f"paragraph {first.line}" if first.line == last.line
                     else f"paragraphs {first.line}-{last.line}")
        if first.page is not None and last.page is not None and last.page != first.page:
            label = f"page {first.page}, line {first.line} to page {last.page}, line {last.line}"
            return Location(first.line, first.line, first.page, label)
        return Location(first.line, max(first.line, last.line), first.page, label)

    def _row_index(self) -> dict[int, Row]:
        if self._rows is None:
            self._rows = {row.span.start: row for block in self.tables() for row in block.rows}
        return self._rows

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
