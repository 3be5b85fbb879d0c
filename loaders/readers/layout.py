"""What each line of a plain-text file is, by its shape: plain text has no markup, so
headings, tables, contents lists and page furniture are told by how lines look.

``shapes(lines)`` gives one ``Shape`` per line:

* **table rows**: a run of lines holding TABs; or a run of two or more lines split by
  "|" into at least two cells (a header row needs no "---" rule under it); the rule
  row itself is furniture;
* **headings**: a line of capitals ("TERMS OF REFERENCE", "1. WELCOME & APOLOGIES"); a
  numbered title ("1. Aim", "No 2. Minutes") that body text or deeper-numbered
  paragraphs ("1.1 ...") follow; the title after a bare agenda item number ("98.");
  a short label ending in a colon ("Present:", "Matters Arising:");
* **contents**: the lines after a "Contents" line that end in a page number, read as
  the document's outline (the number and dot leaders left out);
* **furniture**: page numbers ("Page 3 of 12", "- 4 -"), file paths, a running header
  repeated on three or more lines, and bare agenda item numbers;
* everything else is a paragraph line, which the builder reads for list markers.

``reshape(document)`` reads the paragraphs of a Word, PDF or web file by the same shapes,
where its markup did not say they are headings.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from cspgraph.loaders.document import Block, BlockKind, Document
from cspgraph.loaders.lexicon import words_pattern
from cspgraph.loaders.parse.markers import BULLET, MARKER

_PAGE_NUMBER = re.compile(
    r"^(?:page\s*\|?\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|\d{1,4}\s*(?:of|/)\s*\d{1,4}"
    r"|[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}\s*\|\s*page)$", re.IGNORECASE)
_FILE_PATH = re.compile(
    r"^(?:[A-Za-z]:\\|\\\\|/(?:[\w.-]+/)+)\S*(?:\s\S+)*\.(?:docx?|pdf|xlsx?|pptx?|odt|rtf|txt)$"
    r"|^\S+\.(?:docx?|pdf|xlsx?|pptx?|odt|rtf)$", re.IGNORECASE)
_ITEM_NUMBER = re.compile(r"^(?:item\s+)?\d{1,4}[.)]?$", re.IGNORECASE)
_CONTENTS_TITLE = words_pattern("sections", "contents_headings", r"^(?:{words})\s*:?$")
_CONTENTS_ENTRY = re.compile(
    r"^(?P<title>\S.*?)(?:\s*(?:\.{2,}|…+|\t|\s{2,}|\s)\s*)(?P<page>\d{1,3}|[ivxlc]{1,6})$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_SECTION_NUMBER = re.compile(r"^(?:No\.?\s*)?(\d{1,2}(?:\.\d{1,2})*)\.?\s+(?=\S)")
_SENTENCE_END = (".", ";", ",", "?", "!")
_JOINERS = frozenset(["and", "of", "the", "for", "in", "to", "on", "with", "a", "an", "&"])
_LETTERS = re.compile(r"[^\W\d_]")
_BULLET_START = re.compile(rf"(?:{BULLET})\s*")
_MARKDOWN_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")


@dataclass(frozen=True)
class Shape:
    """What one line is: ``kind`` "blank", "paragraph", "heading", "tab_row", "pipe_row",
    "contents" or "furniture", with a heading's ``level``, a furniture line's ``reason``
    and a contents entry's ``title`` and ``page``."""

    kind: str
    level: int = 0
    reason: str = ""
    title: str = ""
    page: str = ""


BLANK = Shape("blank")
PARAGRAPH = Shape("paragraph")


def pipe_cells(line: str) -> list[str]:
    """The cells of a "|"-separated row, without the empty ones its outer pipes make."""
    cells = [c.strip() for c in line.strip().split("|")]
    if cells and not cells[0]:
        cells = cells[1:]
    if cells and not cells[-1]:
        cells = cells[:-1]
    return cells


def _pipe_row(line: str) -> bool:
    return ("|" in line and not _PIPE_RULE.match(line)
            and sum(1 for c in pipe_cells(line) if c) >= 2)


def _capitals(text: str) -> bool:
    """A line of capitals: at least four letters, every word in capitals but joining
    words ("and", "of"), few words, not a label ("LEAD:") or a sentence."""
    letters = _LETTERS.findall(text)
    words = text.split()
    lower = [w for w in words if any(c.islower() for c in w)]
    return (len(letters) >= 4 and all(w.lower() in _JOINERS for w in lower)
            and len(words) <= 14 and not text.rstrip().endswith((*_SENTENCE_END, ":")))


def _short_title(text: str, most: int = 8) -> bool:
    """A few words, the first capitalised, not ending as a sentence does."""
    words = text.split()
    return (0 < len(words) <= most and words[0][:1].isupper()
            and not text.rstrip().endswith(_SENTENCE_END) and "|" not in text)


def _next(lines: list[str], i: int) -> int | None:
    """The index of the next non-blank line after ``i``."""
    return next((k for k in range(i + 1, len(lines)) if lines[k].strip()), None)


def _numbered_title(lines: list[str], i: int) -> int:
    """The heading level of a numbered title ("1. Aim", "2.3 Method", "No 2. Minutes"):
    body text or deeper-numbered paragraphs follow it; 0 if it is not one."""
    text = lines[i].strip()
    m = _SECTION_NUMBER.match(text)
    if not m or not _short_title(text[m.end():]):
        return 0
    number = m.group(1)
    k = _next(lines, i)
    before = next((lines[j].strip() for j in range(i - 1, -1, -1) if lines[j].strip()), "")
    sibling = _SECTION_NUMBER.match(before)
    if k is None or (sibling and sibling.group(1).count(".") == number.count(".")
                     and len(before.split()) <= 12):
        return 0  # the next item of a list, not a title
    after = lines[k].strip()
    deeper = _SECTION_NUMBER.match(after)
    if deeper:
        return 2 + number.count(".") if deeper.group(1).startswith(number + ".") else 0
    if MARKER.match(after) or "\t" in after:
        return 0
    words = len(after.split())
    body = words >= 15 or (words >= 8 and after.endswith((".", ":")))
    return 2 + number.count(".") if body else 0


def _running_headers(lines: list[str]) -> set[str]:
    """Short lines printed three or more times: a page's running header or footer."""
    counts = Counter(line.strip() for line in lines if 0 < len(line.strip()) <= 60)
    return {text for text, n in counts.items()  # a label ("LEAD:", "Minutes:") repeats too
            if n >= 3 and not MARKER.match(text) and _LETTERS.search(text)
            and not text.endswith((":", ".", ";", ","))}  # nor a sentence said again


def furniture(text: str) -> str:
    """Why one line or paragraph holds no content ("page number", "file path", "agenda
    item number"), or ""."""
    text = text.strip()
    if _PAGE_NUMBER.match(text):
        return "page number"
    if _FILE_PATH.match(text):
        return "file path"
    return "agenda item number" if _ITEM_NUMBER.match(text) and "." in text else ""


def shapes(lines: list[str]) -> list[Shape]:
    """One shape per line of a plain-text file (see the module docstring)."""
    out: list[Shape] = [BLANK if not line.strip() else PARAGRAPH for line in lines]
    repeated = _running_headers(lines)
    _tables(lines, out)
    in_contents = False
    for i, line in enumerate(lines):
        text = line.strip()
        if not text:
            continue
        if out[i] is not PARAGRAPH or _MARKDOWN_HEADING.match(line):
            in_contents = False
            continue
        if text in repeated:
            out[i] = Shape("furniture", reason="running header")
        elif (reason := furniture(text)) and reason != "agenda item number":
            out[i] = Shape("furniture", reason=reason)
        elif in_contents and (entry := _CONTENTS_ENTRY.match(text)):
            out[i] = Shape("contents", title=entry.group("title").rstrip(" .…"),
                           page=entry.group("page"))
        elif _CONTENTS_TITLE.match(text):
            out[i] = Shape("heading", level=1)
            in_contents = True
            continue
        elif _ITEM_NUMBER.match(text) and (k := _next(lines, i)) is not None \
                and out[k] is PARAGRAPH and _short_title(lines[k].strip(), 12):
            out[i] = Shape("furniture", reason="agenda item number")
            out[k] = Shape("heading", level=2)
        elif _capitals(text) and not _BULLET_START.match(text) and _set_apart(lines, i):
            out[i] = Shape("heading", level=1)
        elif level := _numbered_title(lines, i):
            out[i] = Shape("heading", level=min(level, 6))
        in_contents = in_contents and out[i].kind == "contents"
    return out


def _set_apart(lines: list[str], i: int) -> bool:
    """True for a line with a blank line (or the start) above it that is not the value of
    a label above ("LEAD:" then "JANE EXAMPLE"): a title stands on its own."""
    if i and lines[i - 1].strip():
        return False
    k = next((k for k in range(i - 1, -1, -1) if lines[k].strip()), None)
    return k is None or not (lines[k].strip().endswith(":") and len(lines[k].split()) <= 4)


# "Present:<TAB>names", "Date:<TAB>12 May 2024": a short label, its colon, one value.
_TAB_LABEL = re.compile(r"^\s*[A-Z][\w’'/&() -]{0,40}:[ \t]*\t[^\t]*\S[^\t]*$")


def _tables(lines: list[str], out: list[Shape]) -> None:
    """Mark TAB-table runs and "|"-table runs of two or more rows; a TAB inside a line
    makes it a TAB row even among "|" rows, so every line is one kind of row. Lines that
    are each a label, a TAB and its value ("Present:<TAB>Cllr A Hale (Chair), ...") stay
    paragraph lines: a label and what follows it, not a table."""
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if line.strip() and "\t" in line.strip():
            k = i
            while k < n and lines[k].strip() and "\t" in lines[k]:
                k += 1
            if not all(_TAB_LABEL.match(lines[j]) for j in range(i, k)):
                for j in range(i, k):
                    out[j] = Shape("tab_row")
            i = k
            continue
        if _pipe_row(line) or (_PIPE_RULE.match(line) and "|" in line):
            k = i
            while k < n and "\t" not in lines[k].strip() and (
                    _pipe_row(lines[k]) or (_PIPE_RULE.match(lines[k]) and "|" in lines[k])):
                k += 1
            rows = [j for j in range(i, k) if _pipe_row(lines[j])]
            if k - i >= 2 and rows:
                for j in range(i, k):
                    out[j] = Shape("pipe_row") if j in rows else Shape(
                        "furniture", reason="table rule")
            i = max(k, i + 1)
            continue
        i += 1


def reshape(doc: Document) -> None:
    """Headings and agenda item numbers told by shape where a file's markup did not mark
    them: a Word, PDF or web paragraph typed as a title ("1 Welcome and introductions",
    "APOLOGIES") reads as the heading the same line is in a plain-text file.

    Each paragraph is a line, set apart from the next as by a blank line; the lines one
    Word paragraph breaks into are set tight, as the text's lines are, and so are a PDF's
    paragraphs, whose spacing the reader has already used."""
    lines: list[str] = []
    index: list[int | None] = []
    last: int | None = None
    numbers = [(span, doc.plain(span)) for span, why in doc.furniture
               if why == "agenda item number"]
    units = sorted([(b.span.start, k) for k, b in enumerate(doc.blocks)]
                   + [(span.start, -1 - j) for j, (span, _) in enumerate(numbers)])
    for start, k in units:
        block = doc.blocks[k] if k >= 0 else None
        here = doc.place(start).line if doc.unit == "paragraph" else start
        apart = here != last if doc.unit == "paragraph" else doc.reader != "pdf"
        if lines and (block is None or block.kind is BlockKind.TABLE or apart):
            lines.append("")
            index.append(None)
        last = here
        if block is None:  # a bare agenda item number the reader set aside
            lines.append(numbers[-1 - k][1])
            index.append(None)
            continue
        if block.kind is BlockKind.TABLE:
            continue
        lines.append(f"{block.marker} {block.text}" if block.marker else block.text)
        index.append(k)
    kept: list[Block] = []
    drop: set[int] = set()
    for i, shape in enumerate(shapes(lines)):
        k = index[i]
        if k is None:
            continue
        block = doc.blocks[k]
        plain = block.kind is BlockKind.PARAGRAPH or (
            block.kind is BlockKind.LIST_ITEM and block.ordered and block.level <= 1)
        if not plain:
            continue
        if shape.kind == "heading":
            number = _SECTION_NUMBER.match(lines[i].strip())
            text = lines[i].strip()[number.end():] if number else block.text
            doc.blocks[k] = replace(block, kind=BlockKind.HEADING, text=text,
                                    level=shape.level, marker=number.group(1) if number else "")
        elif shape.kind == "furniture" and shape.reason == "agenda item number":
            doc.furniture.append((block.span, shape.reason))
            drop.add(k)
    kept = [b for k, b in enumerate(doc.blocks) if k not in drop]
    doc.blocks[:] = kept
