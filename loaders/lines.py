"""Writing the text reader's syntax: the structured formats' readers (Word, HTML) give
their blocks as ``Piece``s and ``lines_from`` writes them as the lines
``loaders/text.document_from_lines`` reads ("#" headings, list markers, bold as ``**``,
TAB-separated table rows whose cells are HTML fragments), so tables, bold and list numbers
are written one way whatever the format.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

Runs = list[tuple[str, bool]]  # (text, bold)

# A number printed at the start of an item, as the text reader takes it ("3.", "2.1", "(b)").
PRINTED_NUMBER = re.compile(
    r"\s*(?:\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}[.)]|\((?:\d{1,3}|[A-Za-z]|[ivxlcIVXLC]{1,6})\)"
    r"|[A-Za-z]\)|[ivxlc]{2,6}\))(?=\s|$)"
)


@dataclass
class Piece:
    """One block as a structured format gives it, before it is written as lines.

    ``kind`` is "heading", "paragraph", "list_item", "table" or "blank" (an empty
    paragraph). ``marker`` is a list number the format prints but the text lacks
    (Word's automatic numbering, ``<ol>``). ``rows`` holds, per row, per cell, the
    cell's paragraphs and list items.
    """

    kind: str
    runs: Runs = field(default_factory=list)
    level: int = 0
    marker: str = ""
    rows: list[list[list[Piece]]] = field(default_factory=list)

    def text(self) -> str:
        return "".join(t for t, _ in self.runs)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                           (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                           (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def list_number(n: int, fmt: str) -> str:
    """``n`` in one of Word's number formats: "decimal" 3, "lowerLetter" c, "upperRoman" III."""
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    return f"{n:02d}" if fmt == "decimalZero" else str(n)


def _segments(runs: Runs) -> list[tuple[str, bool]]:
    """``runs`` with white space folded and neighbours of one boldness merged; white
    space between two bold pieces counts as bold, so "**a b**" stays one piece."""
    out: list[list] = []
    for text, bold in runs:
        text = re.sub(r"\s+", " ", text)
        if not text:
            continue
        if out and out[-1][1] == bold:
            out[-1][0] += text
        else:
            out.append([text, bold])
    merged: list[list] = []
    for i, seg in enumerate(out):
        between = 0 < i < len(out) - 1 and not seg[0].strip() and out[i - 1][1] and out[i + 1][1]
        if merged and (between or (merged[-1][1] and seg[1])):
            merged[-1][0] += seg[0]
            merged[-1][1] = True
        else:
            merged.append(list(seg))
    return [(t, b) for t, b in merged]


def _marked(runs: Runs, bold_open: str, bold_close: str) -> str:
    """Escaped text with each bold piece between ``bold_open`` and ``bold_close``."""
    out: list[str] = []
    for text, bold in _segments(runs):
        escaped = html.escape(text.replace("\\", "\\\\"), quote=False)
        core = escaped.strip()
        if bold and any(c.isalnum() for c in core):
            lead = escaped[: len(escaped) - len(escaped.lstrip())]
            trail = escaped[len(escaped.rstrip()) :]
            escaped = f"{lead}{bold_open}{core}{bold_close}{trail}"
        out.append(escaped)
    return "".join(out).strip()


def markup_line(runs: Runs) -> str:
    """One line of text: entities escaped, bold pieces as ``**bold**``, one line long."""
    line = _marked(runs, "**", "**")
    return "\\" + line if line.startswith("#") else line


def _numbered(piece: Piece) -> str:
    """The marker to print before the text, unless the text prints its own number."""
    return "" if not piece.marker or PRINTED_NUMBER.match(piece.text()) else piece.marker + " "


def _line(piece: Piece) -> str:
    text = markup_line(piece.runs)
    if not text:
        return ""
    if piece.kind == "heading":
        return f"{'#' * min(max(piece.level, 1), 6)} {_numbered(piece)}{text}"
    if piece.kind == "list_item":
        return f"{'  ' * (max(piece.level, 1) - 1)}- {_numbered(piece)}{text}"
    return text


def cell_fragment(parts: list[Piece]) -> str:
    """The HTML fragment of one table cell: ``<p>`` per paragraph, nested ``<ul>`` lists."""
    out: list[str] = []
    depth = 0
    for part in parts:
        body = _marked(part.runs, "<b>", "</b>")
        if not body:
            continue
        if part.kind != "list_item":
            out.append("</li></ul>" * depth + f"<p>{body}</p>")
            depth = 0
            continue
        level = min(max(part.level, 1), depth + 1)
        if level > depth:
            out.append("<ul>")
        else:
            out.append("</li></ul>" * (depth - level) + "</li>")
        depth = level
        out.append(f"<li>{html.escape(_numbered(part), quote=False)}{body}")
    out.append("</li></ul>" * depth)
    return "".join(out) or "<p></p>"  # never blank: a row's first cell must show its TAB


def lines_from(pieces: list[Piece]) -> list[str]:
    """The text reader's lines for ``pieces``.

    Tables become one TAB-separated line per row; rows without text are dropped, a
    one-cell row gets an empty second cell (so it stays in its table), and a
    one-column table (a text box) is written as its paragraphs. Two tables in a row
    are parted by a blank line.
    """
    out: list[str] = []
    for piece in pieces:
        if piece.kind != "table":
            out.append("" if piece.kind == "blank" else _line(piece))
            continue
        rows = [r for r in piece.rows if any(p.text().strip() for cell in r for p in cell)]
        if rows and max(len(r) for r in rows) == 1:
            out.extend(_line(p) for r in rows for p in r[0])
            continue
        if rows and out and "\t" in out[-1]:
            out.append("")
        for row in rows:
            cells = [cell_fragment(parts) for parts in row]
            out.append("\t".join(cells if len(cells) > 1 else [*cells, "<p></p>"]))
    return out
