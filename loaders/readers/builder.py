"""The one builder of the document model: every reader gives it ``Piece``s, it makes the
``Document`` (``loaders/document.py``).

A reader says what the format itself says (a heading, a paragraph, a list item with the
number the format prints, a table of cells, and where each is in the file); the builder
does the rest the same way for every format:

* a paragraph that starts with a list marker ("•", "-", "1.", "2.1", "(a)", "iv)") is a
  list item; a number printed in an item's text wins over the one the format draws, and
  of several markers ("- 1. To direct") the innermost number wins;
* list items nest by their indentation where the format gives no level;
* a block is ``bold`` when every letter after its marker is bold, and keeps where its
  bold words are (``Block.bold_spans``);
* a table row whose cells hold loose text (no paragraphs of their own) is split at "•"
  bullets and at a printed run "1. ... 2. ... 3. ..." into list items; a first row of
  short, unnumbered cells is the header row; rows without text are dropped, and a table
  of one column is read as its paragraphs.

Every block is made of *units*: the file's lines for text and Markdown, and for the other
formats one unit per paragraph or table row. ``Document.places`` says where each unit is
in the file's own coordinates (``Place``), so a fact's source names the line, the Word
paragraph or table row and cell, the PDF page and line, or the HTML element's line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cspgraph.loaders.document import Block, BlockKind, Cell, Document, Place, Row, Span
from cspgraph.loaders.parse.markers import INLINE_BULLET, MARKER, PRINTED_NUMBER, SECTION_NUMBER
from cspgraph.loaders.readers.layout import furniture, reshape

Runs = list[tuple[str, bool]]  # (text, bold)

_TOKEN = re.compile(r"\s+|\S+")
_INLINE_NUMBER = re.compile(r"(?<!\S)(\d{1,3})[.)](?=\s)")


@dataclass
class Piece:
    """One block as a reader finds it, before the builder makes it a ``Block``.

    ``kind`` is "heading", "paragraph", "list_item", "loose" (text in a table cell that is
    in no paragraph of its own), "table" or "blank". ``marker`` is a list number the
    format draws but the text may lack (Word's numbering, ``<ol>``); ``level`` is a heading
    level or a list depth the format gives; ``indent`` is the text's indentation where
    the format gives no depth. A table's ``rows`` hold, per row, per cell, the cell's
    pieces, ``row_places`` where each row is, and ``header_rows`` how many of the first
    rows the format itself marks as column titles.
    """

    kind: str
    runs: Runs = field(default_factory=list)
    level: int = 0
    marker: str = ""
    indent: int | None = None
    rows: list[list[list[Piece]]] = field(default_factory=list)
    place: Place | None = None
    row_places: list[Place] = field(default_factory=list)
    header_rows: int = 0  # rows the format marks as column titles (else the builder judges)
    role: str = ""  # "contents": a line of a contents list

    def text(self) -> str:
        return "".join(t for t, _ in self.runs)


# -- text in runs -----------------------------------------------------------------------------
def fold(runs: Runs) -> tuple[str, list[bool]]:
    """The runs' text with white space folded to single spaces, and each character's
    boldness (a folded space is bold only between two bold words of one run)."""
    flags = {bold for _, bold in runs}
    if len(flags) <= 1:  # one boldness throughout: fold in one step
        text = " ".join("".join(t for t, _ in runs).split())
        if flags and flags.pop():
            return text, [ch != " " for ch in text]
        return text, [False] * len(text)
    out: list[str] = []
    mask: list[bool] = []
    space = False
    for text, bold in runs:
        for token in _TOKEN.findall(text):
            if token[0].isspace():
                space = bool(out)
                continue
            if space:
                out.append(" ")
                mask.append(False)
                space = False
            out.append(token)
            mask.extend([bold] * len(token))
    return "".join(out), mask


def all_bold(text: str, mask: list[bool], start: int = 0) -> bool:
    """True when ``text[start:]`` has letters or digits and every one of them is bold."""
    tail = mask[start:]
    if all(tail) or not any(tail):  # one boldness: only whether there is a word matters
        return bool(tail) and tail[0] and any(ch.isalnum() for ch in text[start:])
    flags = [b for ch, b in zip(text[start:], tail, strict=True) if ch.isalnum()]
    return bool(flags) and all(flags)


def bold_spans(text: str, mask: list[bool], start: int = 0) -> tuple[tuple[int, int], ...]:
    """Character ranges of ``text[start:]`` (counted from ``start``) that are bold, each
    holding a letter or digit; the spaces between bold words join their ranges."""
    out: list[list[int]] = []
    for i in range(start, len(text)):
        if not mask[i]:
            continue
        if out and (out[-1][1] == i - start or not text[out[-1][1] + start:i].strip()):
            out[-1][1] = i - start + 1
        else:
            out.append([i - start, i - start + 1])
    return tuple((a, b) for a, b in out if any(c.isalnum() for c in text[start + a:start + b]))


def slice_runs(runs: Runs, begin: int, end: int) -> Runs:
    """The characters ``begin:end`` of the runs' text, with their boldness."""
    out: Runs = []
    pos = 0
    for text, bold in runs:
        lo, hi = max(begin - pos, 0), min(end - pos, len(text))
        if lo < hi:
            out.append((text[lo:hi], bold))
        pos += len(text)
    return out


def split_runs(runs: Runs, sep: str) -> list[Runs]:
    """Pieces of the runs between occurrences of the one-character ``sep``."""
    out: list[Runs] = [[]]
    for text, bold in runs:
        first, *rest = text.split(sep)
        out[-1].append((first, bold))
        out.extend([(piece, bold)] for piece in rest)
    return out


def _blank(runs: Runs) -> bool:
    return all(not t.strip() for t, _ in runs)


def numbered_run(runs: Runs) -> tuple[Runs, list[Runs]]:
    """Split loose text at a printed run "1. a 2. b 3. c" into (intro, items).

    The run starts with "1." at the start of the text or after ".", ";", ":", "!" or
    "?", and goes on with 2, 3, ... in order; a lone "1." counts only at the very start
    or after ":" or ";" (an intro announcing the list). Text without such a run comes
    back whole, with no items.
    """
    text = "".join(t for t, _ in runs)
    starts: list[int] = []
    for m in _INLINE_NUMBER.finditer(text):
        number = int(m.group(1))
        if starts and number == len(starts) + 1:
            starts.append(m.start())
        elif not starts and number == 1:
            before = text[: m.start()].rstrip()
            if not before or before[-1] in ".;:!?":
                starts.append(m.start())
    lone = len(starts) == 1 and text[: starts[0]].strip()[-1:] not in ("", ":", ";")
    if not starts or lone:
        return runs, []
    bounds = zip([0, *starts], [*starts, len(text)], strict=True)
    pieces = [slice_runs(runs, begin, end) for begin, end in bounds]
    return pieces[0], pieces[1:]


def leading_markers(text: str) -> tuple[int, str]:
    """(where the text starts, the marker) after up to three list markers: "- 1. To
    direct" -> the "1."; a number ends the markers, so in "1. 5 of 7" the "5" is text."""
    pos, marker = 0, ""
    for _ in range(3):
        if any(c.isalnum() for c in marker):
            break
        m = MARKER.match(text, pos)
        if not m:
            break
        pos, marker = m.end(), m.group().strip()
    return pos, marker


def looks_like_header(row: Row) -> bool:
    """Column titles: short, unnumbered, single-paragraph cells, the first one filled."""
    texts = row.texts()
    if not texts or not texts[0] or not any(c.isalpha() for t in texts for c in t):
        return False
    for cell in row.cells:
        t = cell.text
        if len(t) >= 60 or len(cell.parts) > 1 or any(p.ordered for p in cell.parts):
            return False
        if t and (t[0].isdigit() or t[-1].isdigit() or MARKER.match(t)):
            return False
    return True


# -- the builder ------------------------------------------------------------------------------
class DocumentBuilder:
    """Makes one ``Document`` from pieces.

    With ``lines`` (text, Markdown), the units are the file's lines and each piece is added
    with the span of lines it covers. Without, each piece added makes its own unit (a
    table one per row) at the piece's ``place``.
    """

    def __init__(self, document: Document, lines: list[str] | None = None) -> None:
        self.document = document
        self.by_line = lines is not None
        if lines is not None:
            document.lines = list(lines)
            document.plain_lines = [""] * len(lines)
        self.indents: list[int] = []  # indentation of the open list levels

    # -- units ---------------------------------------------------------------------------
    def _unit(self, raw: str, plain: str, place: Place | None) -> int:
        doc = self.document
        doc.lines.append(raw)
        doc.plain_lines.append(plain)
        doc.places.append(place or Place(len(doc.lines)))
        return len(doc.lines)

    def _span(self, piece: Piece, plain: str, span: Span | None) -> Span:
        if span is not None:
            return span
        place = piece.place or Place(len(self.document.lines) + 1)
        n = self._unit(piece.text(), plain, place)
        return Span(n, n, place.page)

    def set_plain(self, span: Span, texts: list[str]) -> None:
        """The plain text of each line of ``span`` (text and Markdown readers)."""
        for n, text in zip(span.lines(), texts, strict=False):
            self.document.plain_lines[n - 1] = text

    # -- pieces --------------------------------------------------------------------------
    def add(self, piece: Piece, span: Span | None = None) -> Block | None:
        """Add one piece (with ``span`` when the units are the file's lines); the block it
        made, or None for a blank piece or an empty table."""
        if piece.kind == "blank":
            if not self.by_line:
                self._unit("", "", piece.place)
            return None
        if piece.kind == "table":
            return self._table(piece, span)
        runs = piece.runs
        if piece.kind == "heading" and piece.marker and not PRINTED_NUMBER.match(
                piece.text().lstrip()):
            runs = [(piece.marker + " ", False), *runs]  # Word's heading numbers are printed
        text, mask = fold(runs)
        if not text and not self.by_line:  # an empty paragraph still parts the blocks around it
            self._unit("", "", piece.place)
            return None
        if piece.kind == "heading":  # a section number printed before it is its marker
            self.indents.clear()
            number = SECTION_NUMBER.match(text)
            start = number.end() if number and number.end() < len(text) else 0
            block = Block(BlockKind.HEADING, text[start:], self._span(piece, text, span),
                          level=max(1, min(piece.level, 6)), marker=text[:start].strip(),
                          bold=all_bold(text, mask, start), bold_spans=bold_spans(text, mask,
                                                                                  start))
            return self._keep(block, text, span)
        start, marker = leading_markers(text)
        if piece.kind == "list_item" and not any(c.isalnum() for c in marker):
            if piece.marker:  # the number the format draws; the text prints none
                marker, start = piece.marker, 0
            elif not marker:
                marker = "-"
        if not self.by_line and piece.kind == "paragraph" and (why := furniture(text)):
            n = self._unit(piece.text(), text, piece.place)  # a page number, a bare item number
            self.furniture(Span(n, n, piece.place.page if piece.place else None), why)
            return None
        where = self._span(piece, text, span)
        if piece.role == "contents":
            block = Block(BlockKind.PARAGRAPH, text[start:], where, marker=marker,
                          role="contents")
            return self._keep(block, text, span)
        inline = [m.start() for m in INLINE_BULLET.finditer(text, start)]
        if inline and (len(inline) >= 2 or (marker and not any(c.isalnum() for c in marker))):
            return self._bullets(piece, text, mask, start, marker, inline, where, span)
        if not marker:
            self.indents.clear()
            block = Block(BlockKind.PARAGRAPH, text, where,
                          bold=all_bold(text, mask), bold_spans=bold_spans(text, mask))
            return self._keep(block, text, span)
        level = self._level(piece)
        block = Block(BlockKind.LIST_ITEM, text[start:], where, level,
                      marker, all_bold(text, mask, start), bold_spans(text, mask, start))
        return self._keep(block, text, span)

    def _bullets(self, piece: Piece, text: str, mask: list[bool], start: int, marker: str,
                 at: list[int], where: Span, span: Span | None) -> Block:
        """Several bullets run together in one line, all on the line's span."""
        level = self._level(piece) if marker else 1
        if not marker:
            self.indents.clear()
        blocks = run_together(text, mask, start, marker, at, where, level)
        for block in blocks:
            self._keep(block, text, span)
        return blocks[0] if blocks else self._keep(Block(BlockKind.PARAGRAPH, text, where),
                                                  text, span)

    def furniture(self, span: Span, reason: str) -> None:
        """Lines that hold no content (a page number, a file path): kept with the reason."""
        self.document.furniture.append((span, reason))
        if self.by_line:
            for n in span.lines():
                self.document.plain_lines[n - 1] = " ".join(self.document.lines[n - 1].split())

    def _keep(self, block: Block, plain: str, span: Span | None) -> Block:
        if span is not None and self.by_line and not self.document.plain_lines[span.start - 1]:
            self.document.plain_lines[span.start - 1] = plain
        self.document.blocks.append(block)
        return block

    def _level(self, piece: Piece) -> int:
        """The list depth: the format's, else by indentation against the open levels."""
        indent = piece.indent if piece.indent is not None else 2 * (max(piece.level, 1) - 1)
        while self.indents and indent < self.indents[-1]:
            self.indents.pop()
        if not self.indents or indent > self.indents[-1]:
            self.indents.append(indent)
        return len(self.indents)

    def _table(self, piece: Piece, span: Span | None) -> Block | None:
        rows_in = [(cells, piece.row_places[i] if i < len(piece.row_places) else piece.place)
                   for i, cells in enumerate(piece.rows)]
        if not self.by_line:
            rows_in = [(cells, place) for cells, place in rows_in
                       if any(not _blank(p.runs) for cell in cells for p in cell)]
            if rows_in and max(len(cells) for cells, _ in rows_in) == 1:
                for cells, _ in rows_in:  # one column: a text box, read as its paragraphs
                    for part in cells[0]:
                        self.add(Piece(part.kind if part.kind != "loose" else "paragraph",
                                       part.runs, part.level, part.marker, place=part.place))
                return None
        if not rows_in:
            return None
        rows: list[Row] = []
        for i, (cells, place) in enumerate(rows_in):
            if span is not None:  # the file's lines: a row is on its own line, or the next
                n = place.line if piece.row_places and place else span.start + i
                row_span = Span(n, n, span.page)
            else:
                n = self._unit("", "", place)
                row_span = Span(n, n, place.page if place else None)
            row = Row([self.cell(parts, row_span) for parts in cells], row_span)
            self.document.plain_lines[n - 1] = " ".join(t for t in row.texts() if t)
            if not self.by_line:
                self.document.lines[n - 1] = "\t".join(row.texts())
            rows.append(row)
        if piece.header_rows:
            for row in rows[:piece.header_rows]:
                row.header = True
        else:
            rows[0].header = looks_like_header(rows[0])
            for row in rows[1:]:
                row.header = rows[0].header and row.texts() == rows[0].texts()
        table_span = Span(rows[0].span.start, rows[-1].span.end, rows[0].span.page)
        block = Block(BlockKind.TABLE, "", table_span, rows=rows)
        self.document.blocks.append(block)
        return block

    def cell(self, parts: list[Piece], span: Span) -> Cell:
        """One table cell from its pieces: its text, its parts and its boldness."""
        blocks: list[Block] = []
        whole: Runs = []
        for piece in parts:
            whole += [(" ", False), *piece.runs]
            if _blank(piece.runs):
                continue
            if piece.kind == "list_item":
                text, mask = fold(piece.runs)
                m = PRINTED_NUMBER.match(text)
                marker = m.group().strip() if m else (piece.marker or "•")
                start = m.end() if m else 0
                blocks.append(Block(BlockKind.LIST_ITEM, text[start:], span,
                                    max(1, piece.level), marker, all_bold(text, mask, start),
                                    bold_spans(text, mask, start)))
            elif piece.kind == "loose":
                blocks += _loose(piece.runs, span, max(1, piece.level))
            else:
                text, mask = fold(piece.runs)
                start, marker = leading_markers(text)
                marker = marker if marker and not any(c.isalnum() for c in marker) else ""
                at = [m.start() for m in INLINE_BULLET.finditer(text, start if marker else 0)]
                if marker or len(at) >= 2:  # "• A", "• A • B" in one paragraph of a cell
                    blocks += run_together(text, mask, start if marker else 0, marker, at,
                                           span, max(1, piece.level))
                    continue
                blocks.append(Block(BlockKind.PARAGRAPH, text, span, bold=all_bold(text, mask),
                                    bold_spans=bold_spans(text, mask)))
        text, mask = fold(whole)
        return Cell(text, span, blocks, bold=all_bold(text, mask))

    def build(self) -> Document:
        """The document, its lines' plain text and places complete."""
        doc = self.document
        if len(doc.places) < len(doc.lines):
            doc.places += [Place(n) for n in range(len(doc.places) + 1, len(doc.lines) + 1)]
        if not self.by_line:
            reshape(doc)  # titles typed as paragraphs read as the text's headings
        return doc


def run_together(text: str, mask: list[bool], start: int, marker: str, at: list[int],
                 span: Span, level: int) -> list[Block]:
    """Bullets run together in one text ("Intro: • A • B"): an intro paragraph (or, when
    the text starts with ``marker``, the first item) and one list item per bullet at
    ``at``."""
    out: list[Block] = []
    for k, (a, b) in enumerate(zip([start, *at], [*at, len(text)], strict=True)):
        glyph = text[a] if k else marker
        a += 1 if k else 0
        while a < b and text[a] == " ":
            a += 1
        b = len(text[:b].rstrip())
        if a >= b:
            continue
        words, flags = text[:b], mask[:b]
        if glyph and (m := PRINTED_NUMBER.match(text, a)) and m.end() < b:
            glyph, a = m.group().strip(), m.end()  # "• 1. Continue": the number printed wins
        if glyph:
            out.append(Block(BlockKind.LIST_ITEM, text[a:b], span, level, glyph,
                             all_bold(words, flags, a), bold_spans(words, flags, a)))
        else:
            out.append(Block(BlockKind.PARAGRAPH, text[a:b], span, bold=all_bold(
                words, flags, a), bold_spans=bold_spans(words, flags, a)))
    return out


def _loose(runs: Runs, span: Span, level: int) -> list[Block]:
    """Loose cell text as an intro paragraph, numbered items and "•" bullets."""
    out: list[Block] = []
    first, *bullets = split_runs(runs, "•")
    intro, numbered = numbered_run(first)
    if not _blank(intro):
        text, mask = fold(intro)
        out.append(Block(BlockKind.PARAGRAPH, text, span, bold=all_bold(text, mask),
                         bold_spans=bold_spans(text, mask)))
    for piece in numbered:
        text, mask = fold(piece)
        m = PRINTED_NUMBER.match(text)
        start = m.end() if m else 0
        out.append(Block(BlockKind.LIST_ITEM, text[start:], span, level,
                         m.group().strip() if m else "", all_bold(text, mask, start),
                         bold_spans(text, mask, start)))
    for piece in bullets:  # an empty one too: every "•" printed is kept
        text, mask = fold(piece)
        m = PRINTED_NUMBER.match(text)  # "• 1. Continue": the number printed wins
        start = m.end() if m and m.end() < len(text) else 0
        out.append(Block(BlockKind.LIST_ITEM, text[start:], span, level,
                         text[:start].strip() or "•", all_bold(text, mask, start),
                         bold_spans(text, mask, start)))
    return out
