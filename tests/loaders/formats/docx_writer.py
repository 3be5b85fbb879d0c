"""Write a ``Document`` (read from a .txt sample) as a real Word file, as a user would
have it: heading styles, bulleted and numbered list styles, bold runs, and tables
whose cells hold paragraphs and bulleted paragraphs.

Numbered items keep their printed number in the text ("3. Review ...") with Word's
own numbering switched off, so the numbers survive exactly as printed.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from cspgraph.loaders.document import Block, BlockKind, Document
from cspgraph.loaders.markup import inline

Runs = list[tuple[str, bool]]


def _runs(document: Document, block: Block) -> Runs:
    """The block's text in bold and plain runs, as its source line shows them."""
    plain, mask = inline(document.lines[block.span.start - 1])
    text = block.text
    if not text or not plain.endswith(text):
        return [(text, block.bold)]
    mask = mask[len(plain) - len(text) :]
    # a space between two bold words is bold: "**Antisocial Behaviour**" stays one run
    flags = [
        b or (ch == " " and 0 < i < len(text) - 1 and mask[i - 1] and mask[i + 1])
        for i, (ch, b) in enumerate(zip(text, mask, strict=True))
    ]
    runs: Runs = []
    for ch, bold in zip(text, flags, strict=True):
        if runs and runs[-1][1] == bold:
            runs[-1] = (runs[-1][0] + ch, bold)
        else:
            runs.append((ch, bold))
    return runs


def _fill(paragraph: Paragraph, runs: Runs) -> Paragraph:
    for text, bold in runs:
        paragraph.add_run(text).bold = bold or None
    return paragraph


def _list_style(block: Block) -> str:
    name = "List Number" if block.ordered else "List Bullet"
    return name if block.level <= 1 else f"{name} {min(block.level, 3)}"


def _no_auto_number(paragraph: Paragraph) -> None:
    """Switch off the style's numbering: the number is printed in the text."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = 0


def _item_runs(block: Block, runs: Runs) -> Runs:
    return [(f"{block.marker} ", False), *runs] if block.ordered else runs


def _add_item(paragraph: Paragraph, block: Block, runs: Runs) -> None:
    _fill(paragraph, _item_runs(block, runs))
    if block.ordered:
        _no_auto_number(paragraph)


def _table(word: docx.document.Document, block: Block) -> Table:
    width = max(len(row.cells) for row in block.rows)
    table = word.add_table(rows=len(block.rows), cols=width)
    table.style = word.styles["Table Grid"]
    for row, word_row in zip(block.rows, table.rows, strict=True):
        cells = word_row.cells
        if len(row.cells) < width:  # a short row: its last cell spans the rest
            cells[len(row.cells) - 1].merge(cells[-1])
        for cell, word_cell in zip(row.cells, cells, strict=False):
            for i, part in enumerate(cell.parts):
                paragraph = word_cell.paragraphs[0] if i == 0 else word_cell.add_paragraph()
                runs: Runs = [(part.text, part.bold)]
                if part.kind is BlockKind.LIST_ITEM:
                    paragraph.style = word.styles[_list_style(part)]
                    _add_item(paragraph, part, runs)
                else:
                    _fill(paragraph, runs)
    return table


def write_docx(document: Document, out: Path) -> Path:
    """Write ``document`` to the Word file ``out``; returns ``out``."""
    word = docx.Document()
    previous: BlockKind | None = None
    for block in document.blocks:
        if block.kind is BlockKind.TABLE:
            if previous is BlockKind.TABLE:  # Word keeps a paragraph between two tables
                word.add_paragraph()
            _table(word, block)
        elif block.kind is BlockKind.HEADING:
            _fill(word.add_heading("", level=min(block.level, 9)), _runs(document, block))
        elif block.kind is BlockKind.LIST_ITEM:
            paragraph = word.add_paragraph(style=_list_style(block))
            _add_item(paragraph, block, _runs(document, block))
        else:
            _fill(word.add_paragraph(), _runs(document, block))
        previous = block.kind
    word.save(str(out))
    return out

