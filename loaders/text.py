"""The reader for plain text and markdown (``.txt``, ``.md``): bytes -> ``Document``.

Every non-blank source line becomes at least one block, so no line is lost:

* ``#`` .. ``######`` lines are headings;
* lines led by a bullet ("- ", "* ", "• ", "· ", "➤", "❖", "> ") or a printed
  number ("1.", "1.1", "3.2.1", "(a)", "(i)", "a)") are list items; a bullet
  followed by a number ("- 1. To direct") keeps the innermost marker ("1.");
* a run of consecutive lines holding a TAB is one table, one row per line;
  each cell's HTML fragment is parsed into paragraph and list-item parts;
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
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from cspgraph.errors import InputError
from cspgraph.loaders.document import Block, BlockKind, Cell, Document, Row, Span
from cspgraph.loaders.load import document_id

_NUL_WINDOW = 8192
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|])")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)(.*)$")
_BULLET = r"[-*+>](?=\s)|[•◦▪▫●○■□➤➢❖►▶▸✓✔‣⁃·]"
_NUMBER = (
    r"(?:\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}[.)]|\((?:\d{1,3}|[A-Za-z]|[ivxlcIVXLC]{1,6})\)"
    r"|[A-Za-z]\)|[ivxlc]{2,6}\))(?=\s|$)"
)
_MARKER = re.compile(rf"(?:{_BULLET}|{_NUMBER})\s*")
_PRINTED_NUMBER = re.compile(rf"{_NUMBER}\s*")
_TOKEN = re.compile(r"\s+|\S+")
_INLINE_NUMBER = re.compile(r"(?<!\S)(\d{1,3})[.)](?=\s)")
_OPEN_CLOSE = re.compile(r"<(/?)(li|ol|p)\b[^>]*>", re.IGNORECASE)
_UNFINISHED_TAG = re.compile(r"<(?:/?[A-Za-z][^<>]*)?$")


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


_INLINE_TAGS = _names(
    "a abbr b big cite code del em font i img ins kbd mark q s small span strike strong sub"
    " sup u wbr"
)
_BLOCK_TAGS = _names(
    "article aside blockquote body br caption col colgroup dd div dl dt figure footer h1 h2"
    " h3 h4 h5 h6 head header hr html li main nav ol p pre section table tbody td tfoot th"
    " thead title tr ul"
)
_KNOWN_TAGS = _INLINE_TAGS | _BLOCK_TAGS | {"script", "style"}
_VOID_TAGS = _names("br hr img col wbr")


class _Rich:
    """Text in runs, each bold or not: the raw material of a block's text."""

    def __init__(self) -> None:
        self.runs: list[tuple[str, bool]] = []

    def add(self, text: str, bold: bool) -> None:
        if text:
            self.runs.append((text, bold))

    def text(self) -> str:
        return "".join(t for t, _ in self.runs)

    def blank(self) -> bool:
        return all(not t.strip() for t, _ in self.runs)

    def split(self, sep: str) -> list[_Rich]:
        """Pieces between occurrences of the one-character ``sep``."""
        out = [_Rich()]
        for text, bold in self.runs:
            first, *rest = text.split(sep)
            out[-1].add(first, bold)
            for piece in rest:
                out.append(_Rich())
                out[-1].add(piece, bold)
        return out

    def slice(self, begin: int, end: int) -> _Rich:
        """The characters ``begin:end`` of the text, with their boldness."""
        out, pos = _Rich(), 0
        for text, bold in self.runs:
            lo, hi = max(begin - pos, 0), min(end - pos, len(text))
            if lo < hi:
                out.add(text[lo:hi], bold)
            pos += len(text)
        return out

    def plain(self) -> tuple[str, list[bool]]:
        """Folded text without ``**``/``__`` markers, and the bold flag of each character."""
        full = self.text()
        flags = {bold for _, bold in self.runs}
        if "**" not in full and "__" not in full:
            if len(flags) <= 1:  # one boldness throughout: fold in one step
                text = " ".join(full.split())
                if flags and flags.pop():  # the folded spaces are never bold
                    return text, [ch != " " for ch in text]
                return text, [False] * len(text)
            pieces = self.runs
        else:
            pieces = self._without_markdown()
        out: list[str] = []
        mask: list[bool] = []
        space = False
        for text, bold in pieces:
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

    def _without_markdown(self) -> list[tuple[str, bool]]:
        """The characters with ``**``/``__`` pairs removed; text between them is bold."""
        chars = [(ch, bold) for text, bold in self.runs for ch in text]
        md = {"*": False, "_": False}
        kept: list[tuple[str, bool]] = []
        i, n = 0, len(chars)
        while i < n:
            ch, bold = chars[i]
            if ch in md and i + 1 < n and chars[i + 1][0] == ch:
                md[ch] = not md[ch]
                i += 2
                continue
            kept.append((ch, bold or md["*"] or md["_"]))
            i += 1
        return kept


def _all_bold(text: str, mask: list[bool], start: int = 0) -> bool:
    """True when ``text[start:]`` has letters or digits and every one of them is bold."""
    tail = mask[start:]
    if all(tail) or not any(tail):  # one boldness: only whether there is a word matters
        return bool(tail) and tail[0] and any(ch.isalnum() for ch in text[start:])
    flags = [b for ch, b in zip(text[start:], tail, strict=True) if ch.isalnum()]
    return bool(flags) and all(flags)


@dataclass
class _ListContext:
    """An open <ol>/<ul>: numbers printed in an item's text win over ``count``."""

    ordered: bool
    count: int = 0
    in_item: bool = False  # an <li> of this list is open


class _Fragment(HTMLParser):
    """Walks one HTML fragment (a table cell) into paragraph and list-item parts."""

    def __init__(self, span: Span) -> None:
        super().__init__(convert_charrefs=True)
        self.span = span
        self.parts: list[Block] = []
        self.whole = _Rich()
        self.current = _Rich()
        self.kind: BlockKind | None = None  # None: loose text outside <p>/<li>
        self.marker = ""
        self.bold_depth = 0
        self.lists: list[_ListContext] = []

    # -- events -----------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _KNOWN_TAGS:
            self.handle_data(self.get_starttag_text() or f"<{tag}>")
        elif tag in ("b", "strong"):
            self.bold_depth += 1
        elif tag in _BLOCK_TAGS:
            self.whole.add(" ", False)
            if tag == "br":
                self.current.add(" ", False)
                return
            self._flush()
            if tag == "p":
                self.kind = BlockKind.PARAGRAPH
            elif tag == "li":
                self.kind = BlockKind.LIST_ITEM
                context = self.lists[-1] if self.lists else None
                if context is not None:
                    context.count += 1
                    context.in_item = True
                self.marker = f"{context.count}." if context and context.ordered else "•"
            elif tag in ("ol", "ul"):
                if self.lists and not self.lists[-1].in_item:
                    self.lists.pop()  # a list outside any <li> is a sibling, not nested
                start = next((v or "" for k, v in attrs if k == "start"), "1").strip()
                first = int(start) - 1 if start.isdigit() and len(start) < 6 else 0
                self.lists.append(_ListContext(tag == "ol", first))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _KNOWN_TAGS or tag in _VOID_TAGS:
            self.handle_starttag(tag, attrs)  # raw text, or <br/>
        elif tag not in ("b", "strong"):  # <b/> is nothing
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _KNOWN_TAGS:
            self.handle_data(f"</{tag}>")
        elif tag in ("b", "strong"):
            self.bold_depth = max(0, self.bold_depth - 1)
        elif tag in _BLOCK_TAGS and tag not in _VOID_TAGS:
            self.whole.add(" ", False)
            self._flush()
            if tag in ("ol", "ul") and self.lists:
                self.lists.pop()
            elif tag == "li" and self.lists:
                self.lists[-1].in_item = False

    def handle_data(self, data: str) -> None:
        self.current.add(data, self.bold_depth > 0)
        self.whole.add(data, self.bold_depth > 0)

    def handle_comment(self, data: str) -> None:
        self.handle_data(f" {data} ")

    def unknown_decl(self, data: str) -> None:
        self.handle_data(f" {data} ")

    handle_decl = handle_pi = unknown_decl

    # -- parts ------------------------------------------------------------------
    def _flush(self) -> None:
        rich, kind, self.current, self.kind = self.current, self.kind, _Rich(), None
        if rich.blank():
            return
        level = max(1, len(self.lists))
        if kind is BlockKind.LIST_ITEM:
            text, mask = rich.plain()
            m = _PRINTED_NUMBER.match(text)
            marker = m.group().strip() if m else self.marker
            start = m.end() if m else 0
            bold = _all_bold(text, mask, start)
            self._add(BlockKind.LIST_ITEM, text[start:], bold, marker, level)
            return
        if kind is BlockKind.PARAGRAPH:
            text, mask = rich.plain()
            self._add(BlockKind.PARAGRAPH, text, _all_bold(text, mask), "", 0)
            return
        first, *bullets = rich.split("•")
        intro, numbered = _numbered_run(first)
        if not intro.blank():
            text, mask = intro.plain()
            self._add(BlockKind.PARAGRAPH, text, _all_bold(text, mask), "", 0)
        for piece in numbered:
            text, mask = piece.plain()
            m = _PRINTED_NUMBER.match(text)
            start = m.end() if m else 0
            marker = m.group().strip() if m else ""
            bold = _all_bold(text, mask, start)
            self._add(BlockKind.LIST_ITEM, text[start:], bold, marker, level)
        for piece in bullets:
            text, mask = piece.plain()
            self._add(BlockKind.LIST_ITEM, text, _all_bold(text, mask), "•", level)

    def _add(self, kind: BlockKind, text: str, bold: bool, marker: str, level: int) -> None:
        self.parts.append(Block(kind, text, self.span, level=level, marker=marker, bold=bold))

    def run(self, fragment: str) -> Cell:
        """Parse ``fragment``; malformed HTML degrades to text, never to an exception."""
        try:
            self.feed(fragment)
            self.close()
            self._flush()
        except Exception:  # the stdlib parser is lenient; this is a last resort
            self.parts, self.whole = [], _Rich()
            self.whole.add(fragment, False)
            text, _ = self.whole.plain()
            self._add(BlockKind.PARAGRAPH, text, False, "", 0)
        text, mask = self.whole.plain()
        return Cell(text, self.span, self.parts, bold=_all_bold(text, mask))


def _numbered_run(rich: _Rich) -> tuple[_Rich, list[_Rich]]:
    """Split loose text at a printed run "1. a 2. b 3. c" into (intro, items).

    The run starts with "1." at the start of the text or after ".", ";", ":",
    "!" or "?", and goes on with 2, 3, ... in order; a lone "1." counts only at
    the very start or after ":" or ";" (an intro announcing the list). Text
    without such a run comes back whole, with no items.
    """
    text = rich.text()
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
        return rich, []
    bounds = zip([0, *starts], [*starts, len(text)], strict=True)
    pieces = [rich.slice(begin, end) for begin, end in bounds]
    return pieces[0], pieces[1:]


def parse_cell(fragment: str, span: Span) -> Cell:
    """One table cell from its HTML (or plain) fragment: text, parts and boldness."""
    return _Fragment(span).run(_MD_ESCAPE.sub(r"\1", fragment))


def inline(text: str) -> tuple[str, list[bool]]:
    """Plain text of one line (tags stripped, entities decoded, markdown emphasis removed)."""
    cell = _Fragment(Span(1, 1))
    try:
        cell.feed(_MD_ESCAPE.sub(r"\1", text))
        cell.close()
    except Exception:
        cell.whole = _Rich()
        cell.whole.add(text, False)
    return cell.whole.plain()


def _row(line: str, n: int) -> Row:
    span = Span(n, n)
    return Row([parse_cell(fragment, span) for fragment in line.split("\t")], span)


def _looks_like_header(row: Row) -> bool:
    """Column titles: short, unnumbered, single-paragraph cells, the first one filled."""
    texts = row.texts()
    if not texts or not texts[0] or not any(c.isalpha() for t in texts for c in t):
        return False
    for cell in row.cells:
        t = cell.text
        if len(t) >= 60 or len(cell.parts) > 1 or any(p.ordered for p in cell.parts):
            return False
        if t and (t[0].isdigit() or t[-1].isdigit() or _MARKER.match(t)):
            return False
    return True


def _table(rows: list[Row]) -> Block:
    first = rows[0]
    first.header = _looks_like_header(first)
    for row in rows[1:]:
        row.header = first.header and row.texts() == first.texts()
    span = Span(rows[0].span.start, rows[-1].span.end)
    return Block(BlockKind.TABLE, "", span, rows=rows)


def _decode(data: bytes, path: str, notes: list[str] | None = None) -> str:
    """The text of ``data``: UTF-8, with lines that are not read as Windows-1252 and noted;
    InputError naming the file for UTF-16 and binary data.

    A file cut off inside its last character loses that character, with a note.
    """
    hint_binary = "convert the document to text (or use the reader for its format)"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(path, "is UTF-16 text, not UTF-8", "re-save the file as UTF-8")
    if b"\x00" in data[:_NUL_WINDOW]:
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


def read_text(data: bytes, path: str) -> Document:
    """Read a plain-text or markdown file into the normalised document model."""
    notes: list[str] = []
    text = _decode(data, path, notes)
    suffix = Path(path).suffix.lower()
    return document_from_lines(
        split_lines(text), path=path, sha256=hashlib.sha256(data).hexdigest(),
        media_type="text/markdown" if suffix in (".md", ".markdown") else "text/plain",
        reader="text", notes=notes)


def document_from_lines(lines: list[str], *, path: str, sha256: str, media_type: str,
                        reader: str, notes: list[str] | None = None,
                        pages: list[int] | None = None) -> Document:
    """The document that ``lines`` in this reader's syntax make (headings "# ", list
    markers, TAB-separated table rows whose cells may hold HTML fragments).

    Other formats' readers write their content as such lines and call this, so every
    recogniser sees one model. ``pages`` gives the page of each line (PDF): spans carry it.
    """
    document = Document(
        id=document_id(path),
        name=Path(path).name,
        path=str(path),
        sha256=sha256,
        media_type=media_type,
        reader=reader,
        lines=lines,
        notes=notes if notes is not None else [],
    )
    plain: list[str] = []
    rows: list[Row] = []
    indents: list[int] = []  # indentation of the open list levels
    for n, line in enumerate(lines, 1):
        stripped = line.strip()
        in_table = bool(rows) and "\t" in line
        if stripped and ("\t" in stripped or in_table):
            rows.append(_row(line, n))
            plain.append(" ".join(t for t in rows[-1].texts() if t))
            continue
        if rows:
            document.blocks.append(_table(rows))
            rows = []
        if not stripped:
            plain.append("")
            continue
        block, line_plain = _line_block(line, n, indents)
        if block.kind is not BlockKind.LIST_ITEM:
            indents.clear()
        document.blocks.append(block)
        plain.append(line_plain)
    if rows:
        document.blocks.append(_table(rows))
        if unclosed := _unclosed(lines[-1]):
            document.notes.append(
                f"line {len(lines)}: the last table row ends inside {unclosed} "
                "(the file looks truncated)"
            )
    document.plain_lines = plain
    if pages:
        _set_pages(document, pages)
    return document


def _set_pages(document: Document, pages: list[int]) -> None:
    """Give every span of ``document`` the page its first line is on."""
    def paged(span: Span) -> Span:
        return Span(span.start, span.end, pages[span.start - 1])

    for block in document.blocks:
        block.span = paged(block.span)
        for row in block.rows:
            row.span = paged(row.span)
            for cell in row.cells:
                cell.span = paged(cell.span)
                for part in cell.parts:
                    part.span = paged(part.span)


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


def _line_block(line: str, n: int, indents: list[int]) -> tuple[Block, str]:
    """The heading, list item or paragraph one non-table line is, and its plain text."""
    span = Span(n, n)
    heading = _HEADING.match(line)
    if heading:
        title = re.sub(r"\s+#+\s*$", "", heading.group(2))
        text, mask = inline(title)
        level = len(heading.group(1))
        return Block(BlockKind.HEADING, text, span, level=level, bold=_all_bold(text, mask)), text
    text, mask = inline(line)
    pos, marker = 0, ""
    for _ in range(3):  # "- 1. text", "- ➤ text": the innermost marker wins
        if any(c.isalnum() for c in marker):
            break  # a number ends the markers: in "1. 5 of 7" or "1. 5. x" the "5" is text
        m = _MARKER.match(text, pos)
        if not m:
            break
        pos, marker = m.end(), m.group().strip()
    if not marker:
        return Block(BlockKind.PARAGRAPH, text, span, bold=_all_bold(text, mask)), text
    indent = len(line) - len(line.lstrip(" \t"))
    while indents and indent < indents[-1]:
        indents.pop()
    if not indents or indent > indents[-1]:
        indents.append(indent)
    bold = _all_bold(text, mask, pos)
    return Block(BlockKind.LIST_ITEM, text[pos:], span, len(indents), marker, bold), text


def covered_lines(document: Document) -> set[int]:
    """Source lines covered by the span of some block, row or cell part."""
    covered: set[int] = set()
    for block in document.blocks:
        covered.update(block.span.lines())
        for row in block.rows:
            covered.update(row.span.lines())
    for block in document.walk():
        covered.update(block.span.lines())
    return covered
