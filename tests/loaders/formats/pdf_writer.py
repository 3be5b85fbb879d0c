"""Write a ``Document`` as a real PDF with reportlab, for the PDF reader's tests.

``write_pdf(document, out)`` renders what a reader found in a text sample the way a
word processor would print it: headings as larger bold paragraphs, paragraphs, list
items with their printed markers, and tables as ruled grids (so pdfplumber finds
them) whose cells hold the cell's paragraphs and bullet lines, wrapped to the page
width. A long table goes on over the next pages with its header rows repeated. Every
page carries a "Page N of M" footer and, when there is more than one page, a
running header, so the reader's furniture handling is exercised.

The PDFs are written at test time into temporary folders; none is committed.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.fonts import addMapping
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from cspgraph.loaders.document import Block, BlockKind, Cell, Document, Row
from cspgraph.loaders.readers.markup import inline

_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
BODY_SIZE = 10.0
CELL_SIZE = 9.0
HEADING_SIZES = {1: 18.0, 2: 15.0, 3: 13.5, 4: 12.5, 5: 12.0, 6: 12.0}
MARGIN_X = 2 * cm
MARGIN_Y = 2.5 * cm
CELL_PAD = 4.0
INDENT = 14.0  # points per list level
BLANK_SPACE = 8.0  # points above a block that follows a blank line in the source
LINE_SPACE = 3.0  # points above a block on the very next source line


def _fonts() -> tuple[str, str]:
    """(regular, bold) font names: DejaVu Sans when installed, else Helvetica."""
    regular, bold = _DEJAVU / "DejaVuSans.ttf", _DEJAVU / "DejaVuSans-Bold.ttf"
    if not (regular.exists() and bold.exists()):
        return "Helvetica", "Helvetica-Bold"
    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
        for italic in (0, 1):  # <b> in paragraph markup picks the bold face
            addMapping("DejaVuSans", 0, italic, "DejaVuSans")
            addMapping("DejaVuSans", 1, italic, "DejaVuSans-Bold")
    return "DejaVuSans", "DejaVuSans-Bold"


_REPLACEMENTS = {"➤": ">", "❖": "*"}  # for glyphs Helvetica lacks


def _printable(text: str, font: str) -> str:
    """``text`` escaped for Paragraph markup; glyphs Helvetica lacks are replaced."""
    if font.startswith("Helvetica"):
        text = "".join(c if _in_winansi(c) else _REPLACEMENTS.get(c, "?") for c in text)
    return escape(text)


def _in_winansi(char: str) -> bool:
    """True when Helvetica (WinAnsi encoding) has a glyph for ``char``."""
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


class _Styles:
    """The paragraph styles of one document."""

    def __init__(self) -> None:
        self.regular, self.bold = _fonts()
        self.body = ParagraphStyle(
            "body", fontName=self.regular, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.25,
        )
        self.cell = ParagraphStyle(
            "cell", fontName=self.regular, fontSize=CELL_SIZE, leading=CELL_SIZE * 1.22,
            spaceAfter=4,
        )

    def heading(self, level: int) -> ParagraphStyle:
        size = HEADING_SIZES.get(level, HEADING_SIZES[6])
        return ParagraphStyle(
            f"h{level}", fontName=self.bold, fontSize=size, leading=size * 1.2,
        )

    def text(self, bold: bool, base: ParagraphStyle, level: int = 0) -> ParagraphStyle:
        """``base`` in bold or not; list items (``level`` > 0) get a hanging indent."""
        indent = INDENT * level if level else 0.0
        return ParagraphStyle(
            f"{base.name}-{int(bold)}-{level}", parent=base,
            fontName=self.bold if bold else self.regular,
            leftIndent=indent, firstLineIndent=-INDENT if level else 0.0,
        )


def _runs(block: Block, raw: str | None, font: str) -> str:
    """The block's text as Paragraph markup, bold where the source line had it bold."""
    if raw is None:
        return _printable(block.text, font)
    text, mask = inline(raw)
    if not text.endswith(block.text):
        return _printable(block.text, font)
    mask = mask[len(text) - len(block.text) :]
    out, start = [], 0
    for end in range(1, len(block.text) + 1):
        if end == len(block.text) or mask[end] != mask[start]:
            piece = _printable(block.text[start:end], font)
            out.append(f"<b>{piece}</b>" if mask[start] else piece)
            start = end
    return "".join(out)


def _block_flowable(block: Block, styles: _Styles, base: ParagraphStyle,
                    raw: str | None = None) -> Paragraph:
    """A heading, paragraph or list item (printed with its marker); ``raw`` is its
    source line, whose bold runs are kept."""
    if block.kind is BlockKind.HEADING:
        style = styles.heading(block.level)
        return Paragraph(_printable(block.text, style.fontName), style)
    if block.kind is BlockKind.LIST_ITEM:
        style = styles.text(block.bold and raw is None, base, max(1, block.level))
        marker = _printable(block.marker, style.fontName)
        return Paragraph(f"{marker} {_runs(block, raw, style.fontName)}".strip(), style)
    style = styles.text(block.bold and raw is None, base)
    return Paragraph(_runs(block, raw, style.fontName), style)


def _cell_flowables(cell: Cell, styles: _Styles) -> list[Flowable] | str:
    if not cell.parts:
        return cell.text
    return [_block_flowable(part, styles, styles.cell) for part in cell.parts]


def _column_widths(rows: list[Row], columns: int, styles: _Styles, width: float) -> list[float]:
    """Widths that fit each column's longest word and share the rest by text length."""
    least = [30.0] * columns
    length = [1.0] * columns
    for row in rows:
        for j, cell in enumerate(row.cells):
            indent = INDENT if any(p.kind is BlockKind.LIST_ITEM for p in cell.parts) else 0.0
            for word in cell.text.split():
                w = pdfmetrics.stringWidth(word, styles.bold, CELL_SIZE) + 2 * CELL_PAD + indent
                least[j] = max(least[j], w + 2)
            length[j] = max(length[j], min(len(cell.text), 400) ** 0.5)
    spare = max(0.0, width - sum(least))
    total = sum(length)
    return [lo + spare * n / total for lo, n in zip(least, length, strict=True)]


def _table(block: Block, styles: _Styles, width: float) -> Table:
    columns = max(len(row.cells) for row in block.rows)
    data = []
    commands: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
    ]
    for i, row in enumerate(block.rows):
        cells: list[object] = [_cell_flowables(cell, styles) for cell in row.cells]
        if len(cells) < columns:  # a short row: its last cell spans the rest
            commands.append(("SPAN", (len(cells) - 1, i), (columns - 1, i)))
            cells += [""] * (columns - len(cells))
        data.append(cells)
    header_rows = 0
    while header_rows < len(block.rows) and block.rows[header_rows].header:
        header_rows += 1
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.lightgrey))
    widths = _column_widths(block.rows, columns, styles, width)
    return Table(
        data, colWidths=widths, repeatRows=header_rows, style=TableStyle(commands),
        hAlign="LEFT",
    )


def _story(document: Document, styles: _Styles, width: float) -> list[Flowable]:
    """The flowables; a blank source line before a block shows as paragraph spacing."""
    story: list[Flowable] = []
    previous: Block | None = None
    for block in document.blocks:
        blank = previous is None or block.span.start - previous.span.end > 1
        if block.kind is BlockKind.TABLE:
            flowable: Flowable = _table(block, styles, width)
        else:
            one_line = block.span.start == block.span.end <= len(document.lines)
            raw = document.lines[block.span.start - 1] if one_line else None
            flowable = _block_flowable(block, styles, styles.body, raw)
        flowable.spaceBefore = (BLANK_SPACE if blank else LINE_SPACE) * (
            2 if block.kind is BlockKind.HEADING else 1)
        story.append(flowable)
        previous = block
    return story or [Spacer(1, 1)]


def _page_canvas(header: str, font: str) -> type[Canvas]:
    """A canvas class that prints "Page N of M" on every page and ``header`` when M > 1."""

    class PagedCanvas(Canvas):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self._saved: list[dict] = []

        def showPage(self) -> None:
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            for number, state in enumerate(self._saved, 1):
                self.__dict__.update(state)
                self.setFont(font, 8)
                width, height = self._pagesize
                self.drawCentredString(width / 2, 1.2 * cm, f"Page {number} of {total}")
                if total > 1:
                    self.drawString(MARGIN_X, height - 1.2 * cm, header)
                super().showPage()
            super().save()

    return PagedCanvas


def write_pdf(document: Document, out: Path) -> Path:
    """Render ``document`` into a PDF at ``out``; return ``out``.

    >>> write_pdf(read_text(data, "plan.txt"), tmp_path / "plan.pdf")  # doctest: +SKIP
    """
    styles = _Styles()
    width = A4[0] - 2 * MARGIN_X
    template = SimpleDocTemplate(
        str(out), pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
        topMargin=MARGIN_Y, bottomMargin=MARGIN_Y, title=document.name,
    )
    header = f"{Path(document.name).stem} (draft for consultation)"
    template.build(_story(document, styles, width),
                   canvasmaker=_page_canvas(header, styles.regular))
    return out
