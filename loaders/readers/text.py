"""The reader for plain text (``.txt``): bytes -> ``Document``.

Plain text has no markup, so the reader recognises layout, line by line, and hands each
block to the one builder (``loaders/readers/builder.py``). Every non-blank line becomes at least
one block, so no line is lost:

* ``#`` .. ``######`` lines are headings;
* lines led by a bullet ("- ", "* ", "• ", "· ", "➤", "❖", "> ") or a printed
  number ("1.", "1.1", "3.2.1", "(a)", "(i)", "a)") are list items; a bullet
  followed by a number ("- 1. To direct") keeps the innermost marker ("1.");
* a run of consecutive lines holding a TAB is one table, one row per line; a cell
  written as an HTML fragment (text exported from a web page or Word, as the bundled
  samples are) is read by ``loaders/readers/markup.py`` into paragraph and list-item parts;
* every other line is one paragraph.

Cells written as plain text (no tags) keep their lists where the text shows
them: "•" starts a bullet, and a run of printed numbers "1. ... 2. ... 3. ..."
(the first at the start or after a sentence, the rest in sequence) starts
numbered items. A file cut off inside a UTF-8 character or inside a table
cell's HTML is read as far as it goes, with a note in ``Document.notes``.

Text is plain: tags stripped, entities decoded, ``**``/``__`` removed, white
space folded. A block, row or cell is ``bold`` when every letter in it is bold.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

from cspgraph.errors import InputError
from cspgraph.loaders.document import Document, Place, Span
from cspgraph.loaders.load import document_id
from cspgraph.loaders.readers.builder import DocumentBuilder, Piece, Runs, fold
from cspgraph.loaders.readers.layout import Shape, pipe_cells, shapes
from cspgraph.loaders.readers.markup import cell_pieces, has_markup, inline_runs, without_markdown

_NUL_WINDOW = 8192
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)(.*)$")
_OPEN_CLOSE = re.compile(r"<(/?)(li|ol|p)\b[^>]*>", re.IGNORECASE)
_UNFINISHED_TAG = re.compile(r"<(?:/?[A-Za-z][^<>]*)?$")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")


def _decode(data: bytes, path: str, notes: list[str] | None = None) -> str:
    """``_decoded`` text, refused as binary when more than 1 in 100 of its characters are
    control characters or undecodable (random bytes hold about 1 in 10; text none)."""
    text = _decoded(data, path, notes)
    if len(_CONTROL.findall(text[:_NUL_WINDOW * 8])) > max(2, len(text[:_NUL_WINDOW * 8]) // 100):
        raise InputError(path, "looks like a binary file (it holds control characters, not "
                               "text)", "convert the document to text (or use the reader for "
                                        "its format)")
    return text


def _decoded(data: bytes, path: str, notes: list[str] | None = None) -> str:
    """The text of ``data``: UTF-8, with lines that are not read as Windows-1252 and noted;
    InputError naming the file for UTF-16 and binary data.

    A file cut off inside its last character loses that character, with a note.
    """
    hint_binary = "convert the document to text (or use the reader for its format)"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(path, "is UTF-16 text, not UTF-8", "re-save the file as UTF-8")
    if b"\x00" in data:  # anywhere: a NUL never reaches the graph
        raise InputError(path, "looks like a binary file (it holds NUL bytes)", hint_binary)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.end == len(data) and "unexpected end" in exc.reason:
            if notes is not None:
                line = len(_LINE_BREAK.split(data[: exc.start].decode("utf-8", "replace")))
                notes.append(
                    f"line {line}: the file ends inside a character (it looks truncated); "
                    f"the last {len(data) - exc.start} byte(s) were dropped"
                )
            return data[: exc.start].decode("utf-8", errors="replace")
        return _mixed(data, notes)


def _mixed(data: bytes, notes: list[str] | None) -> str:
    """``data`` decoded line by line: UTF-8 where a line is UTF-8, else Windows-1252 (the
    usual legacy encoding of UK office documents), with a note naming those lines."""
    parts = re.split(rb"(\r\n|\r|\n)", data)
    legacy: list[int] = []
    out = []
    for i, part in enumerate(parts):
        try:
            out.append(part.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(part.decode("cp1252", errors="replace"))
            legacy.append(i // 2 + 1)
    if notes is not None and legacy:
        shown = ", ".join(map(str, legacy[:10])) + (", ..." if len(legacy) > 10 else "")
        notes.append(f"line{'s' if len(legacy) > 1 else ''} {shown}: not UTF-8; read as "
                     f"Windows-1252 (cp1252). Re-save the file as UTF-8 if characters look "
                     f"wrong ({len(legacy)} line{'s' if len(legacy) > 1 else ''})")
    return "".join(out)


def split_lines(text: str) -> list[str]:
    """Lines of ``text`` without their endings; CRLF, CR and LF all end a line."""
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def new_document(path: str, sha256: str, media_type: str, reader: str,
                 notes: list[str] | None = None) -> Document:
    """An empty document for ``path``, named and identified as every reader names it."""
    return Document(id=document_id(path), name=Path(path).name, path=str(path), sha256=sha256,
                    media_type=media_type, reader=reader, lines=[],
                    notes=notes if notes is not None else [])


def read_text(data: bytes, path: str) -> Document:
    """Read a plain-text file into the normalised document model."""
    notes: list[str] = []
    text = _decode(data, path, notes)
    document = new_document(path, hashlib.sha256(data).hexdigest(), "text/plain", "text", notes)
    return read_lines(document, split_lines(text))


def read_lines(document: Document, lines: list[str]) -> Document:
    """``document`` built from the lines of a plain-text file."""
    builder = DocumentBuilder(document, lines)
    if add_lines(builder, lines) and (unclosed := _unclosed(lines[-1])):
        document.notes.append(
            f"line {len(lines)}: the last table row ends inside {unclosed} "
            "(the file looks truncated)"
        )
    return builder.build()


def add_lines(builder: DocumentBuilder, lines: list[str], first: int = 1) -> bool:
    """Recognise ``lines`` (line ``first`` of the file onwards) block by block into
    ``builder`` by their shapes (``loaders/readers/layout.py``); True when they end in a table."""
    markup = any(has_markup(line) for line in lines)
    runs = inline_runs if markup else plain_runs
    kinds = shapes(lines)
    table: list[int] = []  # the current table's lines: its rows and rules
    for i, (line, shape) in enumerate(zip(lines, kinds, strict=True)):
        if shape.kind in ("tab_row", "pipe_row") or shape.reason == "table rule":
            if table and _kind(kinds, table) != _kind(kinds, [i]):
                _table(builder, lines, kinds, table, first, runs, markup)
                table = []
            table.append(i)
            continue
        if table:
            _table(builder, lines, kinds, table, first, runs, markup)
            table = []
        n = first + i
        if shape.kind == "furniture":
            builder.furniture(Span(n, n), shape.reason)
        elif shape.kind == "contents":  # the entry's title: its page number left out
            builder.set_plain(Span(n, n), [fold(runs(line))[0]])
            builder.add(Piece("paragraph", runs(shape.title), role="contents"), Span(n, n))
        elif shape.kind == "heading":
            builder.add(Piece("heading", runs(line.strip()), level=shape.level), Span(n, n))
        elif shape.kind == "paragraph":
            builder.add(_line_piece(line, runs), Span(n, n))
    if table:
        _table(builder, lines, kinds, table, first, runs, markup)
    return bool(table)


def _kind(kinds: list[Shape], rows: list[int]) -> str:
    """"tab_row" or "pipe_row": the kind of table the lines at ``rows`` belong to."""
    return next((kinds[i].kind for i in rows if kinds[i].kind != "furniture"), "pipe_row")


def plain_runs(text: str) -> Runs:
    """A line of a document with no HTML in it: ``**bold**`` read, the rest as printed."""
    return without_markdown([(text, False)])


def _table(builder: DocumentBuilder, lines: list[str], kinds: list[Shape], rows: list[int],
           first: int, runs, markup: bool) -> None:
    """One TAB or "|" table from the lines at ``rows`` (its rule lines are furniture)."""
    cells: list[list[list[Piece]]] = []
    places: list[Place] = []
    for i in rows:
        if kinds[i].kind == "furniture":
            builder.furniture(Span(first + i, first + i), kinds[i].reason)
            continue
        if kinds[i].kind == "pipe_row":
            parts = [[Piece("loose", runs(cell))] for cell in pipe_cells(lines[i])]
        elif markup:
            parts = [cell_pieces(fragment) for fragment in lines[i].split("\t")]
        else:
            parts = [[Piece("loose", runs(fragment))] for fragment in lines[i].split("\t")]
        cells.append(parts)
        places.append(Place(first + i))
    if cells:
        builder.add(Piece("table", rows=cells, row_places=places),
                    Span(first + rows[0], first + rows[-1]))


def _line_piece(line: str, runs=inline_runs) -> Piece:
    """The heading or paragraph one non-table line is (the builder finds list markers)."""
    heading = _HEADING.match(line)
    if heading:
        title = re.sub(r"\s+#+\s*$", "", heading.group(2))
        return Piece("heading", runs(title), level=len(heading.group(1)))
    return Piece("paragraph", runs(line), indent=len(line) - len(line.lstrip(" \t")))


def _unclosed(line: str) -> str:
    """What ``line`` leaves open at its end: an unfinished tag, or <ol>, <li>, <p> elements.

    (<ul> is left out: bullet lists written as "<ul> • a • b" are often never closed.)
    """
    if _UNFINISHED_TAG.search(line):
        return "an unfinished tag"
    depth: dict[str, int] = {}
    for m in _OPEN_CLOSE.finditer(line):
        tag = m.group(2).lower()
        depth[tag] = depth.get(tag, 0) + (-1 if m.group(1) else 1)
    return ", ".join(f"<{tag}>" for tag in ("ol", "li", "p") if depth.get(tag, 0) > 0)


def covered_lines(document: Document) -> set[int]:
    """Source lines covered by the span of some block, row or cell part, or kept as
    furniture."""
    covered: set[int] = {n for span, _ in document.furniture for n in span.lines()}
    for block in document.blocks:
        covered.update(block.span.lines())
        for row in block.rows:
            covered.update(row.span.lines())
    for block in document.walk():
        covered.update(block.span.lines())
    return covered
