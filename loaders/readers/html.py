"""The reader for web pages (``.html``, ``.htm``), such as a committee's agenda-item
page: bytes -> ``Document``, through the one builder (``loaders/readers/builder.py``).

Page furniture is dropped (scripts, styles, navigation, page headers and footers)
and the content is taken from ``<main>``, else ``<article>``, else ``<body>`` (the
first of them that holds any text):

* ``<h1>``..``<h6>`` -> headings; ``<p>``, ``<div>`` and other blocks -> paragraphs,
  and ``<br>`` starts a new block;
* ``<li>`` -> list items: a bullet in ``<ul>``, the number a browser shows in ``<ol>``
  ("3.", or "(c)" for "c."), or the number typed at the start of the item;
* ``<b>``/``<strong>`` -> bold; ``<table>`` -> a table block, row by row.

A fact's place is the line of the page's source where its element starts.

The page is decoded with the charset it declares (BOM, ``<meta>``, XML
declaration), else UTF-8, else Windows-1252 with a note in ``Document.notes``.
"""

from __future__ import annotations

import codecs
import hashlib
import re

from bs4 import BeautifulSoup, NavigableString, Tag

from cspgraph.errors import InputError
from cspgraph.loaders.document import Document, Place
from cspgraph.loaders.readers.builder import DocumentBuilder, Piece, Runs
from cspgraph.loaders.readers.list_numbers import list_number
from cspgraph.loaders.readers.text import new_document

MEDIA_TYPE = "text/html"
_DROPPED = (
    "script", "style", "noscript", "template", "nav", "svg", "select", "button", "iframe",
    "object",
)
_CHROME = ("header", "footer")  # dropped unless inside the <main> or <article> content
_CHROME_ROLES = ["navigation", "banner", "contentinfo", "search"]
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_OL_TYPES = {"a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
_BOLD = ("b", "strong")


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


_INLINE = _names(
    "a abbr b bdi bdo cite code data del dfn em font i ins kbd label mark q s samp small span"
    " strike strong sub sup time tt u var wbr"
)
_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def _codec(name: str) -> str | None:
    """Python's codec for a declared charset; Latin-1 and ASCII read as Windows-1252,
    as browsers do."""
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return "cp1252" if codec in ("iso8859-1", "latin-1", "ascii") else codec


def _decode(data: bytes, path: str, notes: list[str]) -> str:
    """The page's text in the charset it declares, else UTF-8, else Windows-1252."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    if b"\x00" in data[:8192]:
        raise InputError(path, "looks like a binary file (it holds NUL bytes), not a web page",
                         "save the page from the browser as 'Web page, HTML only'")
    head = data[:4096]
    found = _CHARSET.search(head) or _XML_ENCODING.search(head)
    declared = found.group(1).decode("ascii") if found else None
    codec = _codec(declared) if declared else None
    if declared and codec is None:
        notes.append(f"the page declares an unknown charset {declared!r}; it was read as UTF-8")
    if codec:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            notes.append(f"the page declares {declared} but is not valid {declared}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        notes.append("the page is not UTF-8 and declares no usable charset; "
                     "it was read as Windows-1252")
        return data.decode("cp1252", errors="replace")


class _Walker:
    """Walks the page's elements into ``Piece``s: headings, paragraphs, list items, tables."""

    def __init__(self, flat: bool = False) -> None:
        self.flat = flat  # inside a table cell: headings are paragraphs, tables are flattened
        self.items: list[Piece] = []
        self.runs: Runs = []
        self.kind, self.level, self.marker = "paragraph", 0, ""
        self.lists: list[list] = []  # per open list: [number format or "", next number]
        self.pre = 0
        self.line = 1  # source line of the element being read
        self.start = 1  # source line where the current block's text began

    def flush(self) -> None:
        """End the current line; an empty one keeps its kind (a ``<li>`` awaiting its ``<p>``)."""
        if any(t.strip() for t, _ in self.runs):
            kind = "paragraph" if self.flat and self.kind == "heading" else self.kind
            self.items.append(Piece(kind, self.runs, self.level, self.marker,
                                    place=Place(self.start)))
            self.kind, self.level, self.marker = "paragraph", 0, ""
        self.runs = []

    def walk(self, node: Tag, bold: bool = False) -> None:
        for child in node.children:
            if isinstance(child, Tag):
                self.element(child, bold)
            elif type(child) is NavigableString:  # not comments, doctypes or CDATA
                self.string(str(child), bold)

    def string(self, text: str, bold: bool) -> None:
        if not any(t.strip() for t, _ in self.runs):
            self.start = self.line
        if not self.pre:
            self.runs.append((text, bold))
            return
        first, *rest = text.split("\n")
        self.runs.append((first, bold))
        for line in rest:
            self.flush()
            self.runs.append((line, bold))

    def element(self, tag: Tag, bold: bool) -> None:
        outer = self.line
        self.line = tag.sourceline or self.line
        self._element(tag, bold)
        self.line = outer

    def _element(self, tag: Tag, bold: bool) -> None:
        name = tag.name
        if name in _INLINE:
            self.walk(tag, bold or name in _BOLD)
        elif name == "br":
            self.flush()
        elif name == "table":
            self.flush()
            self.table(tag)
        elif name in ("ul", "ol"):
            self.flush()
            fmt = _OL_TYPES.get(str(tag.get("type") or "1"), "decimal") if name == "ol" else ""
            self.lists.append([fmt, _int(tag.get("start"), 1)])
            self.walk(tag, bold)
            self.lists.pop()
            self.flush()
        elif name == "li":
            self.flush()
            self.kind, self.level, self.marker = "list_item", max(len(self.lists), 1), ""
            if self.lists and self.lists[-1][0]:
                number = _int(tag.get("value"), self.lists[-1][1])
                self.lists[-1][1] = number + 1
                fmt = self.lists[-1][0]
                shown = list_number(number, fmt)  # "(c)": the text reader's form of "c."
                self.marker = f"{shown}." if fmt == "decimal" else f"({shown})"
            self.walk(tag, bold)
            self.flush()
            self.kind, self.level, self.marker = "paragraph", 0, ""
        elif name in _HEADINGS:
            self.flush()
            self.kind, self.level = "heading", _HEADINGS[name]
            self.walk(tag, bold)
            self.flush()
            self.kind, self.level = "paragraph", 0  # an empty heading leaves nothing behind
        elif name == "hr":
            self.flush()
        elif name in ("img", "input", "head", "title", "meta", "link"):
            return
        else:  # p, div, section, pre, dt, dd, td outside a table... and unknown tags: a block
            self.flush()
            self.pre += name == "pre"
            self.walk(tag, bold)
            self.pre -= name == "pre"
            self.flush()

    def table(self, table: Tag) -> None:
        rows: list[list[list[Piece]]] = []
        places: list[Place] = []
        below: dict[int, int] = {}  # column -> rows a cell above still spans
        for tr in table.find_all("tr"):
            if tr.find_parent("table") is not table:
                continue
            places.append(Place(tr.sourceline or self.line))
            row: list[list[Piece]] = []
            column = 0
            for td in tr.find_all(("td", "th"), recursive=False):
                while below.get(column, 0) > 0:  # spanned from above: printed there, empty here
                    below[column] -= 1
                    row.append([])
                    column += 1
                if (span := _int(td.get("rowspan"), 1)) > 1:
                    below[column] = min(span, 1000) - 1
                row.append(self.cell(td))
                column += max(1, min(_int(td.get("colspan"), 1), 1000))
            while below.get(column, 0) > 0:
                below[column] -= 1
                row.append([])
                column += 1
            rows.append(row)
        if self.flat:  # a table inside a cell: its cells' text, in reading order
            self.items.extend(part for row in rows for cell in row for part in cell)
        else:
            self.items.append(Piece("table", rows=rows, place=places[0] if places else None,
                                    row_places=places))

    def cell(self, td: Tag) -> list[Piece]:
        walker = _Walker(flat=True)
        walker.line = walker.start = td.sourceline or self.line
        walker.walk(td)
        walker.flush()
        return walker.items


def _int(value: object, default: int) -> int:
    text = str(value).strip() if value is not None else ""
    return int(text) if text.isdigit() and len(text) < 7 else default


def read_html(data: bytes, path: str) -> Document:
    """Read a web page (an agenda item, minutes, a plan) into the normalised model; a page
    nested too deeply to walk is an InputError naming the file."""
    try:
        return _read_html(data, path)
    except RecursionError:
        raise InputError(path, "its elements are nested too deeply to read (thousands of "
                               "levels)", "save the page again from a browser, or as text"
                         ) from None


def _read_html(data: bytes, path: str) -> Document:
    notes: list[str] = []
    soup = BeautifulSoup(_decode(data, path, notes), "html.parser")
    chrome = [t for t in soup.find_all(_CHROME) if t.find_parent(("main", "article")) is None]
    for tag in [*soup.find_all(_DROPPED), *soup.find_all(attrs={"role": _CHROME_ROLES}), *chrome]:
        if not tag.decomposed:
            tag.decompose()
    candidates = (soup.find("main"), soup.find("article"), soup.body)
    root = next((t for t in candidates if t is not None and t.get_text(strip=True)), soup)
    walker = _Walker()
    walker.walk(root)
    walker.flush()
    document = new_document(path, hashlib.sha256(data).hexdigest(), MEDIA_TYPE, "html", notes)
    builder = DocumentBuilder(document)
    for piece in walker.items:
        builder.add(piece)
    return builder.build()
