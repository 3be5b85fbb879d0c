"""The reader for PDF files (``.pdf``): bytes -> ``Document``, with pdfplumber.

A PDF holds no paragraphs, only characters placed on pages. This reader rebuilds
the text from their positions and gives it to the one builder (``loaders/readers/builder.py``),
so every recogniser sees one model whatever the format:

* **tables**: ruled tables (pdfplumber's ``find_tables``, which follows the drawn
  lines) become table blocks, row by row, where they are on the page. A cell's lines
  are grouped into paragraphs, "•" bullets and numbered items. A table that runs on
  over a page break stays one table, and its header row, repeated at the top of the
  next page, is read once. A ruled box with one column is read as text.
* **text** outside tables: characters make lines, top to bottom. A line goes on
  with the paragraph above it unless there is more than the usual line spacing
  between them, its size differs, it starts with a bullet glyph, or its first word
  would have fitted at the end of the line above (so that line was broken on
  purpose). A wider gap is a blank line. A paragraph broken over a page break is
  joined again. Text clearly larger than the body text is a heading (the largest
  size is level 1); bold words stay bold; list markers stay as printed ("1.", "•",
  "(a)").
* **furniture**: a line repeated at the same top or bottom position on most pages
  (a running header or footer) and a bare page number there ("3", "Page 3 of 12")
  are dropped, with a note in ``Document.notes`` saying what was dropped and from
  which pages.

A fact's place is page P, line N: the Nth printed line from the top of the page where
its paragraph or table row starts (``Document.places``; spans carry the page too).

Refused with an ``InputError`` naming the file: a file that is not a PDF or is cut
short, an encrypted one, one with more pages than ``CSPGRAPH_MAX_PDF_PAGES``, and one
with pages but no text layer (scanned images): no text is guessed without OCR.
"""

from __future__ import annotations

import bisect
import hashlib
import io
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from cspgraph.errors import InputError
from cspgraph.loaders.document import Document, Place
from cspgraph.loaders.readers.builder import DocumentBuilder, Piece, Runs
from cspgraph.loaders.readers.text import new_document

_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demibold|demi\b", re.IGNORECASE)
_GLYPH = "•◦▪▫●○■□➤➢❖►▶▸✓✔‣⁃"
# Word prints bullets in the Symbol and Wingdings fonts, whose code points are private
# (U+F0xx): they read as the bullet they show.
_PRIVATE_BULLETS = str.maketrans(dict.fromkeys("\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf06e\uf0a8", "•"))
# A glyph the PDF gives no character for reads "(cid:N)"; one leading a line is a bullet.
_UNMAPPED = re.compile(r"\(cid:\d+\)")
_BULLET = re.compile(rf"^(?:[{_GLYPH}]|[-*>](?=\s))")
_NUMBER = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}[.)]|\((?:\d{1,3}|[A-Za-z]|[ivxlcIVXLC]{1,6})\)"
    r"|[A-Za-z]\)|[ivxlc]{2,6}\))(?=\s)"
)
_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$"
    r"|^page\s*\|\s*\d{1,4}$|^\d{1,4}\s*\|\s*page$",
    re.IGNORECASE,
)
_SENTENCE_END = (".", ":", ";", "!", "?")
_RUN_IN = re.compile(r"^[A-Z][\w']*(?:\s[\w']+){0,3}\s[–—-]\s")
_JOINING_WORDS = frozenset(["the", "a", "an", "of", "and", "or", "to", "for", "with", "in", "on",
                            "by", "at", "from", "our", "their", "its", "that", "which", "as"])
_BODY_TEXT = 200  # characters outside tables that make a size the body text's size
_HEADING_RATIO = 1.15  # a heading's text is at least this much larger than the body's
_MARGIN_BAND = 0.08  # running headers and footers sit in this share of the page height
_SAME_PLACE = 6.0  # points: a running header is printed at the same height on each page
_CELL_PADDING = 6.0  # points: at most this much space between a cell's text and its rule
_SAME = 0  # how a line follows the one above: in the same paragraph,
_NEW = 1  # in a new paragraph right below,
_BLANK = 2  # or in a new paragraph after a blank line
_HINT_EXPORT = "open it in a PDF viewer to check it, or export it again from the original"
_HINT_PASSWORD = "save a copy without a password and load that"


@dataclass
class _Line:
    """One printed line: its text, and where and how it is printed."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool  # every word with a letter or digit is bold
    lead: float  # width of the first word
    words: list[tuple[str, str, bool]]  # (space before, word, bold)


@dataclass
class _Cell:
    lines: list[_Line]
    right: float  # where the cell's text may reach


@dataclass
class _Text:
    """A heading, paragraph or list item: lines of one page (or two, when broken)."""

    lines: list[_Line]
    page: int
    blank: bool = True  # a blank line goes before it
    end_page: int = 0  # the page of its last line, when it runs over a page break

    def __post_init__(self) -> None:
        self.end_page = self.end_page or self.page

    @property
    def top(self) -> float:
        return self.lines[0].top

    @property
    def bottom(self) -> float:
        return self.lines[-1].bottom


@dataclass
class _Table:
    """A ruled table: per row, per column, the cell (None: merged into its neighbour)."""

    rows: list[list[_Cell | None]]
    columns: tuple[float, ...]  # left edges of the columns
    top: float
    bottom: float
    page: int
    row_pages: list[int]  # the page of each row: a table can run over pages
    blank: bool = True


@dataclass
class _Page:
    number: int
    width: float
    height: float
    lines: list[_Line]
    tables: list[_Table]
    rotated: int = 0  # characters not upright (e.g. a watermark), not read


@dataclass
class _Layout:
    """What the whole document says about sizes and spacing."""

    body: float  # the body text's size
    gaps: dict[float, float]  # size -> usual gap between the lines of a paragraph
    headings: dict[float, int]  # size -> heading level
    left: float  # the text's left margin
    right: dict[float, float]  # page width -> where full lines end


def read_pdf(data: bytes, path: str) -> Document:
    """Read a PDF into the normalised document model (see the module docstring).

    Raises InputError for a file that is not a readable PDF, has too many pages or
    has no text layer.
    """
    from cspgraph.settings import Settings

    limit = Settings.from_env().max_pdf_pages
    if b"%PDF-" not in data[:1024]:
        raise InputError(path, "is not a PDF (it does not start with '%PDF-')",
                         "check the file, or give it the suffix of its real format")
    if b"%%EOF" not in data[-2048:]:
        raise InputError(path, "is not a complete PDF: its end-of-file marker is missing, "
                         "so it looks cut short", "download or export the file again")
    pages = _pages(data, path, limit)
    if not any(p.lines or p.tables for p in pages):
        raise InputError(
            path, f"has no text layer (scanned images?): none of its {len(pages)} page(s) "
            "holds any text", "run it through OCR (e.g. 'ocrmypdf in.pdf out.pdf') and load "
            "the result; text is not guessed from images")
    notes = [f"page {p.number} has no text (blank, or a scanned image?); nothing was read "
             "from it" for p in pages if not (p.lines or p.tables)]
    notes += [f"page {p.number}: {p.rotated} character(s) of rotated text (e.g. a watermark) "
              "were not read" for p in pages if p.rotated]
    notes += _drop_furniture(pages)
    document = new_document(path, hashlib.sha256(data).hexdigest(), "application/pdf", "pdf",
                            notes)
    builder = DocumentBuilder(document)
    for piece in _pieces(pages, _layout(pages)):
        builder.add(piece)
    document = builder.build()
    if undecoded := sum(1 for line in document.lines if "(cid:" in line):
        notes.append(f"{undecoded} line(s) hold glyphs the PDF gives no character for, shown "
                     "as '(cid:N)' (a font without a character map)")
    return document


# -- from pdfplumber to lines and tables ---------------------------------------------------------
def _pages(data: bytes, path: str, limit: int) -> list[_Page]:
    """Every page's lines and tables; InputError when pdfplumber cannot read the file."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            count = len(pdf.pages)
            if count == 0:
                raise InputError(path, "has no pages", _HINT_EXPORT)
            if count > limit:
                raise InputError(
                    path, f"has {count} pages, over the limit of {limit} pages",
                    "split the PDF, or raise the limit with CSPGRAPH_MAX_PDF_PAGES")
            out = []
            for n, page in enumerate(pdf.pages, 1):  # one page at a time, released after
                out.append(_page(page, n))
                page.close()  # its characters, lines and layout: the next page's memory
            return out
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many kinds of error on damaged files
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(inner, PDFPasswordIncorrect) or "encrypt" in str(inner).lower():
            raise InputError(path, "is encrypted (it needs a password)", _HINT_PASSWORD) from None
        reason = f"{type(inner).__name__}: {inner}" if str(inner) else type(inner).__name__
        raise InputError(path, f"is not a readable PDF ({reason})", _HINT_EXPORT) from None


def _page(page: Any, number: int) -> _Page:
    """The lines outside tables, and the tables, of one pdfplumber page."""
    printed = _once([c for c in page.chars if c["text"].strip()])
    chars = [c for c in printed if _upright(c)]
    found = []
    if chars:  # a ruled box of one column is not a table: its text is read as text
        found = [t for t in page.find_tables() if max(len(r.cells) for r in t.rows) >= 2]
    boxes = [[list(row.cells) for row in table.rows] for table in found]
    buckets: list[list[list[list[dict] | None]]] = [
        [[[] if box else None for box in row] for row in table] for table in boxes]
    body: list[dict] = []
    for char in chars:
        bucket = _cell_of(char, [t.bbox for t in found], boxes, buckets)
        (body if bucket is None else bucket).append(char)
    tables = []
    for table, rows, row_boxes in zip(found, buckets, boxes, strict=True):
        columns = sorted({round(box[0]) for row in row_boxes for box in row if box})
        cells = [
            [None if bucket is None or box is None else _cell(bucket, box[2])
             for bucket, box in zip(row, row_box, strict=True)]
            for row, row_box in zip(rows, row_boxes, strict=True)
        ]
        tables.append(_Table(cells, tuple(columns), table.bbox[1], table.bbox[3], number,
                             [number] * len(cells)))
    return _Page(number, float(page.width), float(page.height), _lines(body), tables,
                 len(printed) - len(chars))


def _upright(char: dict) -> bool:
    """True for a character printed level, neither rotated nor mirrored."""
    a, b, c, _, _, _ = char.get("matrix") or (1, 0, 0, 1, 0, 0)
    return a > 0 and abs(b) < 0.01 * a and abs(c) < 0.01 * a and char.get("upright", True)


def _once(chars: list[dict]) -> list[dict]:
    """``chars`` without overprinted copies (some writers fake bold by printing twice)."""
    ordered = sorted(chars, key=lambda c: (round(c["top"]), c["x0"]))
    out: list[dict] = []
    for char in ordered:
        last = out[-1] if out else None
        if last is not None and last["text"] == char["text"] and abs(
                last["x0"] - char["x0"]) < 1 and abs(last["top"] - char["top"]) < 1:
            continue
        out.append(char)
    return out


def _cell(chars: list[dict], right: float) -> _Cell:
    lines = _lines(chars)
    return _Cell(lines, max([right - _CELL_PADDING, *(line.x1 for line in lines)]))


def _cell_of(char: dict, bboxes: list[tuple], boxes: list[list[list[tuple | None]]],
             buckets: list[list[list[list[dict] | None]]]) -> list[dict] | None:
    """The bucket of the table cell holding the centre of ``char``; None outside tables."""
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    for bbox, table, table_buckets in zip(bboxes, boxes, buckets, strict=True):
        if not (bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]):
            continue
        for row, row_buckets in zip(table, table_buckets, strict=True):
            for box, bucket in zip(row, row_buckets, strict=True):
                if box is not None and box[0] <= x <= box[2] and box[1] <= y <= box[3]:
                    return bucket
    return None


def _lines(chars: list[dict]) -> list[_Line]:
    """Characters grouped into printed lines, top to bottom, words in order."""
    if not chars:
        return []
    from pdfplumber.utils import extract_words

    words = extract_words(chars, extra_attrs=["size", "fontname"], x_tolerance=1.5)
    words.sort(key=lambda w: (w["top"], w["x0"]))
    groups: list[tuple[dict, list[dict]]] = []  # (the line's largest word, its words)
    for word in words:
        for k in range(len(groups) - 1, max(-1, len(groups) - 4), -1):
            largest, members = groups[k]
            if _same_line(word, largest):
                members.append(word)  # on this line, if raised or lowered (a superscript)
                if word["size"] > largest["size"]:
                    groups[k] = (word, members)
                break
        else:
            groups.append((word, [word]))
    groups.sort(key=lambda group: group[0]["top"])
    return [_line(sorted(members, key=lambda w: w["x0"])) for _, members in groups]


def _same_line(a: dict, b: dict) -> bool:
    """True when words ``a`` and ``b`` share at least half the height of the smaller one."""
    overlap = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return overlap >= 0.5 * min(a["bottom"] - a["top"], b["bottom"] - b["top"])


def _line(words: list[dict]) -> _Line:
    """One line from its words; words split by a change of font join without a space."""
    tokens: list[tuple[str, str, bool]] = []
    sizes: Counter[float] = Counter()
    lead_end = words[0]["x1"]
    previous = None
    for word in words:
        space = previous is not None and word["x0"] - previous["x1"] > 0.12 * word["size"]
        if previous is not None and not space and lead_end == previous["x1"]:
            lead_end = word["x1"]  # the first word goes on in another font
        bold = bool(_BOLD_FONT.search(word["fontname"]))
        text = word["text"].translate(_PRIVATE_BULLETS)
        if not tokens and _UNMAPPED.match(text):
            rest = _UNMAPPED.sub("", text, count=1)
            text = "•" if not rest else f"• {rest}"
        tokens.append((" " if space else "", text, bold))
        sizes[round(word["size"], 1)] += len(word["text"])
        previous = word
    lettered = [bold for _, text, bold in tokens if any(ch.isalnum() for ch in text)]
    return _Line(
        text="".join(space + text for space, text, _ in tokens),
        x0=words[0]["x0"],
        x1=max(w["x1"] for w in words),
        top=min(w["top"] for w in words),
        bottom=max(w["bottom"] for w in words),
        size=sizes.most_common(1)[0][0],
        bold=bool(lettered) and all(lettered),
        lead=lead_end - words[0]["x0"],
        words=tokens,
    )


# -- furniture ------------------------------------------------------------------------------------
def _edge_lines(page: _Page) -> Iterator[tuple[str, _Line]]:
    """The first and last two lines of a page, when they lie in its top or bottom band."""
    band = _MARGIN_BAND * page.height
    ordered = sorted(page.lines, key=lambda line: line.top)
    for line in ordered[:2]:
        if line.bottom <= band and not any(t.top < line.top for t in page.tables):
            yield "header", line
    for line in ordered[-2:]:
        if line.top >= page.height - band and not any(t.bottom > line.top for t in page.tables):
            yield "footer", line


def _drop_furniture(pages: list[_Page]) -> list[str]:
    """Remove running headers, footers and page numbers; return notes on what went."""
    seen: dict[tuple[str, str], list[tuple[_Page, _Line]]] = defaultdict(list)
    for page in pages:
        for zone, line in _edge_lines(page):
            key = re.sub(r"\d+", "#", " ".join(line.text.lower().split()))
            seen[zone, key].append((page, line))
    enough = max(2, (len(pages) + 1) // 2)  # on at least half the pages, and two
    dropped: dict[str, list[int]] = defaultdict(list)
    for (zone, _key), found in seen.items():
        heights = [line.top for _, line in found]
        repeated = len({page.number for page, _ in found}) >= enough
        repeated = repeated and max(heights) - min(heights) <= _SAME_PLACE
        for page, line in found:
            number = _PAGE_NUMBER.match(line.text.strip())
            if (repeated or number) and line in page.lines:
                page.lines.remove(line)
                kind = "page number" if number else f"running {zone}"
                dropped[f"{kind} '{_example(found[0][1].text)}'"].append(page.number)
    return [f"dropped {what} (not content) from {_pages_phrase(numbers)}"
            for what, numbers in dropped.items()]


def _example(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def _pages_phrase(numbers: list[int]) -> str:
    numbers = sorted(set(numbers))
    if len(numbers) == 1:
        return f"page {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"pages {numbers[0]}-{numbers[-1]}"
    return "pages " + ", ".join(str(n) for n in numbers)


# -- sizes and spacing ----------------------------------------------------------------------------
def _runs(pages: list[_Page]) -> Iterator[list[_Line]]:
    """Lines that read on from each other: each page's text, and each cell."""
    for page in pages:
        yield sorted(page.lines, key=lambda line: line.top)
        for table in page.tables:
            for row in table.rows:
                yield from (cell.lines for cell in row if cell)


def _layout(pages: list[_Page]) -> _Layout:
    sizes: Counter[float] = Counter()
    gaps: dict[float, Counter[float]] = defaultdict(Counter)
    for run in _runs(pages):
        for a, b in itertools.pairwise(run):
            if a.size == b.size and -1 <= b.top - a.bottom <= 0.8 * a.size:
                gaps[a.size][round((b.top - a.bottom) * 2) / 2] += 1
        for line in run:
            sizes[line.size] += len(line.text)
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    outside: Counter[float] = Counter()  # the body text's size: the most used outside tables,
    for page in pages:  # when there is some text outside them (not only a title)
        for line in page.lines:
            outside[line.size] += len(line.text)
    if outside and outside.most_common(1)[0][1] >= _BODY_TEXT:
        body = outside.most_common(1)[0][0]
    big = sorted(
        {line.size for page in pages for line in page.lines
         if line.size >= body * _HEADING_RATIO and line.size >= body + 1.5},
        reverse=True,
    )
    ends: dict[float, list[float]] = defaultdict(list)
    for page in pages:
        ends[page.width] += [line.x1 for line in page.lines]
    return _Layout(
        body=body,
        gaps={size: _line_gap(counts) for size, counts in gaps.items()},
        headings={size: min(i + 1, 6) for i, size in enumerate(big)},
        left=min((line.x0 for page in pages for line in page.lines), default=0.0),
        right={width: _percentile(xs, 0.9) for width, xs in ends.items() if xs},
    )


def _line_gap(counts: Counter[float]) -> float:
    """The gap between the lines of a paragraph: the smallest gap that is common (the
    most common one can be the spacing of a run of one-line paragraphs set tight)."""
    total = sum(counts.values())
    for gap in sorted(counts):
        if counts[gap] >= max(2, 0.1 * total):
            return gap
    return counts.most_common(1)[0][0]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _follows(layout: _Layout, above: list[_Line], b: _Line, right: float) -> int:
    """How line ``b`` follows the paragraph ``above``: in it (_SAME), in a _NEW paragraph
    right below, or in a new one after a _BLANK line."""
    a = above[-1]
    usual = layout.gaps.get(a.size, 0.25 * a.size)
    gap = b.top - a.bottom
    if gap > layout.gaps.get(b.size, 0.25 * b.size) + 0.5 * b.size:
        return _BLANK
    if abs(a.size - b.size) > 0.5 or gap > usual + max(1.0, 0.2 * a.size):
        return _NEW
    if b.text[0] in _GLYPH or _on_purpose(a, b, right):
        return _NEW
    if a.text.rstrip().endswith(_SENTENCE_END) and _RUN_IN.match(b.text):
        return _NEW  # "Pursue – detect ...": a run-in title after a finished sentence
    if _marked(b.text) and _marked(above[0].text):  # a list printed with a hanging indent:
        if len(above) > 1 and b.x0 < a.x0 - 2:  # its lines go on to the right of the marker
            return _NEW
        if len(above) == 1 and abs(b.x0 - a.x0) <= 1:
            return _NEW
    return _SAME


def _on_purpose(a: _Line, b: _Line, right: float) -> bool:
    """True when line ``a`` was broken on purpose: ``b``'s first word would have fitted."""
    return a.x1 + 0.25 * a.size + b.lead < right - 1


def _paragraphs(layout: _Layout, lines: list[_Line], right: float) -> list[tuple[int, list[_Line]]]:
    """Lines grouped into paragraphs, each with how it follows the one above."""
    out: list[tuple[int, list[_Line]]] = []
    for line in lines:  # in reading order (a cell broken by a page break: page by page)
        how = _follows(layout, out[-1][1], line, right) if out else _BLANK
        if how == _SAME:
            out[-1][1].append(line)
        else:
            out.append((how, [line]))
    return out


def _items(pages: list[_Page], layout: _Layout) -> list[_Text | _Table]:
    """Paragraphs and tables in reading order, page by page, with continuations joined."""
    items: list[_Text | _Table] = []
    for page in pages:
        right = layout.right.get(page.width, page.width)
        here: list[_Text | _Table] = [
            _Text(lines, page.number, how == _BLANK)
            for how, lines in _paragraphs(layout, page.lines, right)]
        here += page.tables
        here.sort(key=lambda item: item.top)
        for above, below in itertools.pairwise(here):
            if isinstance(above, _Table) or isinstance(below, _Table):
                size = below.lines[0].size if isinstance(below, _Text) else (
                    above.lines[-1].size if isinstance(above, _Text) else layout.body)
                usual = layout.gaps.get(size, 0.25 * size)
                below.blank = (isinstance(above, _Table) and isinstance(below, _Table)) or (
                    below.top - above.bottom > usual + 0.5 * size)
        if here and items and _continues(items[-1], here[0], layout, right):
            _join(items[-1], here.pop(0))
        elif here and items:  # spacing over a page break is as on both sides of it
            here[0].blank = not (_tight(items[-1]) and len(here) > 1 and _tight(here[1]))
        items += here
    return items


def _continues(before: _Text | _Table, after: _Text | _Table, layout: _Layout,
               right: float) -> bool:
    """True when ``after``, first on its page, goes on with ``before``, last on the page before."""
    if after.page != _last_page(before) + 1:
        return False
    if isinstance(before, _Table) and isinstance(after, _Table):
        return len(before.columns) == len(after.columns) and all(
            abs(a - b) <= 3 for a, b in zip(before.columns, after.columns, strict=True))
    if isinstance(before, _Text) and isinstance(after, _Text):
        last, first = before.lines[-1], after.lines[0]
        if last.size in layout.headings or abs(last.size - first.size) > 0.5:
            return False
        if last.text.rstrip().endswith(_SENTENCE_END) or _marked(first.text):
            return False
        return not _on_purpose(last, first, right)
    return False


def _join(before: _Text | _Table, after: _Text | _Table) -> None:
    """Add ``after`` to ``before``; a table's header row repeated on the new page goes."""
    if isinstance(before, _Table) and isinstance(after, _Table):
        repeated = [_cell_text(c) for c in after.rows[0]] == [_cell_text(c) for c in before.rows[0]]
        skip = 1 if repeated else 0
        if len(after.rows) > skip and _split_row(before.rows[-1], after.rows[skip]):
            for k, cell in enumerate(after.rows[skip]):  # the row's rest, over the page break
                last = before.rows[-1][k]
                if cell is not None and last is not None:
                    last.lines += cell.lines
                elif cell is not None:
                    before.rows[-1][k] = cell
            skip += 1
        before.rows += after.rows[skip:]
        before.row_pages += after.row_pages[skip:]
    elif isinstance(before, _Text) and isinstance(after, _Text):
        before.lines += after.lines
        before.end_page = after.page


def _split_row(last: list[_Cell | None], first: list[_Cell | None]) -> bool:
    """True when the first row on a new page goes on with the last row of the page before:
    a row broken by the page break leaves its first cell empty on the new page, or a cell
    stops mid-sentence and its column goes on in lower case."""
    if len(last) != len(first):
        return False
    if _cell_text(last[0]) and not _cell_text(first[0]) and any(
            _cell_text(c) for c in first[1:]):
        return True
    return any(_runs_over(_cell_text(a).rstrip(), _cell_text(b).lstrip())
               for a, b in zip(last, first, strict=True))


def _runs_over(above: str, below: str) -> bool:
    """True when the text ``below`` (first on a page) goes on with ``above``: the word or
    sentence above is unfinished ("Anti-", "work with the") or goes on in lower case."""
    if not above or not below or above.endswith(_SENTENCE_END):
        return False
    last = above.split()[-1].lower()
    return below[0].islower() or above.endswith("-") or last in _JOINING_WORDS


def _last_page(item: _Text | _Table) -> int:
    """The page ``item`` ends on (a table or paragraph may run over pages)."""
    return item.row_pages[-1] if isinstance(item, _Table) else item.end_page


def _tight(item: _Text | _Table) -> bool:
    """True for a paragraph set right below the one above it, with no blank line."""
    return isinstance(item, _Text) and not item.blank


def _cell_text(cell: _Cell | None) -> str:
    return " ".join(line.text for line in cell.lines) if cell else ""


def _marked(text: str) -> bool:
    """True when ``text`` starts with a list marker: a bullet or a printed number."""
    return bool(_BULLET.match(text) or _NUMBER.match(text))


# -- pieces for the builder ---------------------------------------------------------------------
def _tokens(lines: Iterable[_Line]) -> list[tuple[str, str, bool]]:
    """The words of lines read on as one paragraph (a line ending "word-" joins up)."""
    out: list[tuple[str, str, bool]] = []
    for line in lines:
        for k, (space, word, bold) in enumerate(line.words):
            if k == 0:
                last = out[-1][1] if out else ""
                space = "" if not out or (last.endswith("-") and last[-2:-1].isalpha()) else " "
            out.append((space, word, bold))
    return out


def _plain(tokens: list[tuple[str, str, bool]]) -> str:
    return "".join(space + word for space, word, _ in tokens)


def _runs_of(tokens: list[tuple[str, str, bool]], skip: int = 0) -> Runs:
    """The words as bold and plain runs; the first ``skip`` characters (a marker) left out."""
    text = _plain(tokens)
    flags = [bold for space, word, bold in tokens for _ in space + word]
    runs: Runs = []
    for ch, bold in zip(text[skip:], flags[skip:], strict=True):
        if runs and runs[-1][1] == bold:
            runs[-1] = (runs[-1][0] + ch, bold)
        else:
            runs.append((ch, bold))
    return runs


class _Numbers:
    """The printed line numbers of one page: the Nth line from the top is line N."""

    def __init__(self, page: _Page) -> None:
        tops = sorted({round(line.top, 1) for line in page.lines} | {
            round(line.top, 1) for table in page.tables for row in table.rows
            for cell in row if cell for line in cell.lines})
        self.starts: list[float] = []
        for top in tops:
            if not self.starts or top > self.starts[-1] + 2.0:
                self.starts.append(top)

    def of(self, top: float) -> int:
        return max(1, bisect.bisect_right(self.starts, round(top, 1) + 2.0))


def _text_piece(item: _Text, layout: _Layout, place: Place) -> Piece:
    first = item.lines[0]
    tokens = _tokens(item.lines)
    level = layout.headings.get(first.size)
    if level:
        return Piece("heading", [(_plain(tokens), False)], level=level, place=place)
    indent = max(0, round((first.x0 - layout.left) / 4)) if _marked(_plain(tokens)) else 0
    return Piece("paragraph", _runs_of(tokens), indent=indent, place=place)


def _cell_pieces(cell: _Cell | None, layout: _Layout) -> list[Piece]:
    """A cell's lines as paragraphs, bullets and numbered items."""
    if not cell or not cell.lines:
        return []
    parts = [_tokens(lines) for _, lines in _paragraphs(layout, cell.lines, cell.right)]
    if len(parts) == 1 and not _BULLET.match(_plain(parts[0])):
        return [Piece("loose", _runs_of(parts[0]))]
    out: list[Piece] = []
    for part in parts:
        text = _plain(part)
        bullet = _BULLET.match(text)
        if text.startswith("•"):  # loose "•" bullets: the builder splits them
            out.append(Piece("loose", _runs_of(part)))
        elif bullet:
            skip = bullet.end() + len(text[bullet.end():]) - len(text[bullet.end():].lstrip())
            out.append(Piece("list_item", _runs_of(part, skip), level=1))
        elif _NUMBER.match(text):
            out.append(Piece("list_item", _runs_of(part), level=1))
        else:
            out.append(Piece("paragraph", _runs_of(part)))
    return out


def _row_top(row: list[_Cell | None]) -> float:
    return min((line.top for cell in row if cell for line in cell.lines), default=0.0)


def _pieces(pages: list[_Page], layout: _Layout) -> Iterator[Piece]:
    """The document's paragraphs, headings and tables, with where each is printed."""
    numbers = {page.number: _Numbers(page) for page in pages}
    first = True
    for item in _items(pages, layout):
        top = item.top if isinstance(item, _Text) else _row_top(item.rows[0])
        place = Place(numbers[item.page].of(top), item.page)
        if not first and item.blank:
            yield Piece("blank", place=place)
        first = False
        if isinstance(item, _Text):
            yield _text_piece(item, layout, place)
            continue
        rows, places = [], []
        for row, page in zip(item.rows, item.row_pages, strict=True):
            cells = list(row)
            while len(cells) > 2 and cells[-1] is None:  # merged into the cell before
                cells.pop()
            rows.append([_cell_pieces(cell, layout) for cell in cells])
            places.append(Place(numbers[page].of(_row_top(row)), page))
        yield Piece("table", rows=rows, place=place, row_places=places)
