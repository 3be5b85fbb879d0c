"""The reader for Word files (``.docx``): bytes -> ``Document``, through the one builder
(``loaders/readers/builder.py``), so every recogniser sees one model.

The body is walked in order, paragraphs and tables interleaved:

* "Title" and "Heading 1".."Heading 6" styles (or styles based on them) -> headings;
* paragraphs with Word numbering, or in a "List Bullet"/"List Number"-like style (not
  "List Paragraph" alone, which draws no marker), -> list items, with the number Word
  prints ("3.", "(b)", "2.1") or the one typed at the start of the text;
* bold runs stay bold; a line break inside a paragraph starts a new block;
* tables -> table blocks, each cell with its paragraphs and list items. A cell spanning
  columns is read once; below the first row of a vertically merged cell the cell is
  empty, as printed. Empty rows are dropped and a one-column table (a text box) is read
  as its paragraphs.

A fact's place is the Word paragraph it comes from, numbered in reading order from 1 (a
table's paragraphs counted too), and for a table "table T, row R, cell C".
Text in text boxes, headers, footers and footnotes is not read.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from typing import TYPE_CHECKING

from cspgraph.errors import InputError
from cspgraph.loaders.document import Document, Place
from cspgraph.loaders.readers.builder import DocumentBuilder, Piece
from cspgraph.loaders.readers.list_numbers import list_number
from cspgraph.loaders.readers.text import new_document

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.styles.style import BaseStyle
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"(?:heading ([1-6])|title)", re.IGNORECASE)
# "List Bullet 2", "List Number": not "List Paragraph" or "List Continue", which draw no marker
_LIST_STYLE = re.compile(r"\blist\b(?!\s+(?:paragraph|continue))", re.IGNORECASE)
_STYLE_LEVEL = re.compile(r"\s(\d)$")
_HINT = "open it in Word and save it again as a Word Document (.docx)"


def _val(element: BaseOxmlElement | None, name: str) -> str | None:
    child = element.find(f"{_W}{name}") if element is not None else None
    return child.get(f"{_W}val") if child is not None else None


class _Numbering:
    """Word's automatic list numbers, counted in reading order: (numId, level) -> "3."."""

    def __init__(self, word: WordDocument) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # (format, text, start)
        self.counts: dict[str, dict[int, int]] = {}
        try:
            root = word.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.findall(f"{_W}abstractNum"):
            levels = abstract.setdefault(node.get(f"{_W}abstractNumId") or "", {})
            for lvl in node.findall(f"{_W}lvl"):
                start = _val(lvl, "start") or "1"
                levels[int(lvl.get(f"{_W}ilvl") or 0)] = (
                    _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "",
                    int(start) if start.isdigit() else 1)
        for num in root.findall(f"{_W}num"):
            levels = dict(abstract.get(_val(num, "abstractNumId") or "", {}))
            for override in num.findall(f"{_W}lvlOverride"):
                level, start = int(override.get(f"{_W}ilvl") or 0), _val(override, "startOverride")
                if level in levels and start and start.isdigit():
                    levels[level] = (*levels[level][:2], int(start))
            self.levels[num.get(f"{_W}numId") or ""] = levels

    def marker(self, num_id: str, level: int) -> str:
        """Count one paragraph of list ``num_id`` at ``level``; the number Word prints
        for it, or "" for bullets and formats without one."""
        levels = self.levels.get(num_id, {})
        if level not in levels:
            return ""
        fmt, text, start = levels[level]
        counts = self.counts.setdefault(num_id, {})
        counts[level] = counts.get(level, start - 1) + 1
        for deeper in [k for k in counts if k > level]:
            del counts[deeper]
        if fmt in ("bullet", "none"):
            return ""

        def number(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            fmt_k, _, start_k = levels.get(k, ("decimal", "", 1))
            return list_number(counts.get(k, start_k), fmt_k)

        return re.sub(r"%([1-9])", number, text).strip()


def _styles(style: BaseStyle | None) -> list[BaseStyle]:
    """``style`` and the styles it is based on, nearest first."""
    chain: list[BaseStyle] = []
    while style is not None and len(chain) < 10 and style not in chain:
        chain.append(style)
        style = style.base_style
    return chain


def _numbering(ppr: BaseOxmlElement | None) -> tuple[str, int] | None:
    """(numId, level) from a paragraph's or style's properties; numId "0" means none."""
    num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
    if num_pr is None:
        return None
    level = _val(num_pr, "ilvl")
    return _val(num_pr, "numId") or "", int(level) if level and level.isdigit() else 0


class _Body:
    """Walks the body of a Word document into ``Piece``s."""

    def __init__(self, word: WordDocument) -> None:
        self.word = word
        self.numbering = _Numbering(word)
        self.paragraphs = 0  # Word paragraphs read so far, in reading order
        self.tables = 0

    def items(self, parent: BaseOxmlElement, flat: bool = False) -> list[Piece]:
        """The items of a body, cell or content control; ``flat``: inside a table cell."""
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        out: list[Piece] = []
        for child in parent.iterchildren():
            if child.tag == f"{_W}p":
                out.extend(self.paragraph(Paragraph(child, self.word._body), flat))
            elif child.tag == f"{_W}tbl":
                table = self.table(Table(child, self.word._body))
                if flat:  # a table in a cell: its cells' text, in reading order
                    out.extend(part for row in table.rows for cell in row for part in cell)
                else:
                    out.append(table)
            elif child.tag == f"{_W}sdt" and (content := child.find(f"{_W}sdtContent")) is not None:
                out.extend(self.items(content, flat))
        return out

    def paragraph(self, paragraph: Paragraph, flat: bool) -> list[Piece]:
        self.paragraphs += 1
        place = Place(self.paragraphs)
        styles = _styles(paragraph.style)
        heading = next((m for s in styles if (m := _HEADING_STYLE.fullmatch(s.name or ""))), None)
        numbered = _numbering(paragraph._p.pPr) or next(
            (n for s in styles if (n := _numbering(s.element.pPr))), None)
        active = numbered if numbered and numbered[0] not in ("", "0") else None
        marker = self.numbering.marker(*active) if active else ""
        name = (styles[0].name or "") if styles else ""
        runs = _runs(paragraph)
        if heading and not flat:
            return [Piece("heading", _joined(runs), int(heading.group(1) or 1), marker,
                          place=place)]
        if active or _LIST_STYLE.search(name):
            drawn_in = _STYLE_LEVEL.search(name)  # "List Bullet 2": a list drawn further in
            level = max(active[1] + 1 if active else 1, int(drawn_in.group(1)) if drawn_in else 1)
            return [Piece("list_item", _joined(runs), level, marker, place=place)]
        if not any(t.strip() for t, _ in runs):
            return [] if flat else [Piece("blank", place=place)]
        return [Piece("paragraph", line, place=place) for line in _split_lines(runs)]

    def table(self, table: Table) -> Piece:
        self.tables += 1
        number = self.tables
        rows: list[list[list[Piece]]] = []
        places: list[Place] = []
        for r, tr in enumerate(table._tbl.tr_lst, 1):
            places.append(Place(self.paragraphs + 1, label=f"table {number}, row {r}"))
            row: list[list[Piece]] = []
            for tc in tr.tc_lst:  # one <w:tc> per cell, however many columns it spans
                merged_above = tc.vMerge == "continue"
                row.append([] if merged_above else self.items(tc, flat=True))
            rows.append(row)
        return Piece("table", rows=rows, place=places[0] if places else None,
                     row_places=places)


def _bold(run: Run) -> bool:
    if run.bold is not None:
        return bool(run.bold)
    for style in _styles(run.style):
        if style.font.bold is not None:
            return bool(style.font.bold)
    return False


def _runs(paragraph: Paragraph) -> list[tuple[str, bool]]:
    """The paragraph's text in runs, with hyperlinks, fields and insertions, without the
    paragraphs of text boxes anchored in it."""
    from docx.text.run import Run

    out: list[tuple[str, bool]] = []
    p = paragraph._p
    for r in p.iter(f"{_W}r"):
        if next(r.iterancestors(f"{_W}p"), None) is p:
            run = Run(r, paragraph)
            out.append((run.text, _bold(run)))
    return out


def _split_lines(runs: list[tuple[str, bool]]) -> list[list[tuple[str, bool]]]:
    """``runs`` cut at line breaks, one list of runs per line (blank lines left out)."""
    lines: list[list[tuple[str, bool]]] = [[]]
    for text, bold in runs:
        first, *rest = text.split("\n")
        lines[-1].append((first, bold))
        lines.extend([(piece, bold)] for piece in rest)
    return [line for line in lines if any(t.strip() for t, _ in line)]


def _joined(runs: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    return [(text.replace("\n", " "), bold) for text, bold in runs]


def _why(exc: Exception) -> str:
    """What is wrong with a zip package python-docx could not open, in a few words."""
    from lxml.etree import XMLSyntaxError

    text = str(exc).strip().splitlines()[0][:100] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, XMLSyntaxError):
        return f"its XML is damaged: {text}"
    if isinstance(exc, ValueError) and "content type" in text:
        return "the package holds another kind of Office document"
    if isinstance(exc, KeyError) or "relationship" in text or "no item named" in text:
        return "the zip package holds no Word document"
    return f"the package is damaged: {text}"


MAX_INFLATED = 200_000_000  # bytes all the package's parts may inflate to
MAX_RATIO = 200  # how many times a part may inflate its compressed size


def _check_inflated_size(data: bytes, path: str) -> None:
    """InputError before inflating a zip bomb: the parts' declared sizes, summed, past
    MAX_INFLATED, or a part that inflates more than MAX_RATIO times."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = package.infolist()
    total = sum(p.file_size for p in parts)
    worst = max(((p.file_size / max(p.compress_size, 1)), p.filename) for p in parts
                if p.file_size > 1_000_000) if any(p.file_size > 1_000_000 for p in parts) \
        else (0, "")
    if total > MAX_INFLATED or worst[0] > MAX_RATIO:
        raise InputError(path, f"not read: its parts would inflate to {total:,} bytes "
                               f"({worst[1] or 'the package'} {worst[0]:.0f} times its size); "
                               "this looks like a zip bomb",
                         "open it in Word and save it again as a Word Document (.docx)")


def _open(data: bytes, path: str) -> WordDocument:
    """The parsed Word document, or an InputError saying what the file is instead."""
    import docx

    if not zipfile.is_zipfile(io.BytesIO(data)):
        what = (
            "it is an older Word .doc or other Office file" if data[:4] == b"\xd0\xcf\x11\xe0"
            else "it is a PDF" if data[:5] == b"%PDF-"
            else "it is an RTF file" if data[:5] == b"{\\rtf"
            else "it is not a zip package, or it is cut short"
        )
        raise InputError(path, f"not a Word .docx file ({what})", _HINT)
    _check_inflated_size(data, path)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # a broken package fails in many ways, all of them unreadable
        raise InputError(path, f"not a Word .docx file ({_why(exc)})", _HINT) from None


def read_docx(data: bytes, path: str) -> Document:
    """Read a Word .docx file into the normalised document model."""
    word = _open(data, path)
    document = new_document(path, hashlib.sha256(data).hexdigest(), MEDIA_TYPE, "docx")
    document.unit = "paragraph"
    builder = DocumentBuilder(document)
    for piece in _Body(word).items(word.element.body):
        builder.add(piece)
    return builder.build()
