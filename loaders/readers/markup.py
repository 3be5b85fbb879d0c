"""Markup inside plain text: HTML tags and ``**bold**`` in a line, and HTML fragments in
the cells of TAB-separated rows (text exported from web pages or Word as "<p>..</p>" and
"<ul><li>..</li></ul>" in each cell). Both become text in bold and plain runs; a cell
becomes the builder's pieces (paragraphs, list items, and loose text outside them).
Malformed HTML degrades to text, never to an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from cspgraph.loaders.document import Cell, Span
from cspgraph.loaders.readers.builder import DocumentBuilder, Piece, Runs, fold

MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|])")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>|&[#\w]+;")


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


def has_markup(text: str) -> bool:
    """True when ``text`` holds an HTML tag or entity."""
    return bool(_TAG.search(text))


def without_markdown(runs: Runs) -> Runs:
    """The runs with ``**``/``__`` pairs removed; text between them is bold."""
    full = "".join(t for t, _ in runs)
    if "**" not in full and "__" not in full:
        return runs
    chars = [(ch, bold) for text, bold in runs for ch in text]
    md = {"*": False, "_": False}
    kept: Runs = []
    i, n = 0, len(chars)
    while i < n:
        ch, bold = chars[i]
        if ch in md and i + 1 < n and chars[i + 1][0] == ch:
            md[ch] = not md[ch]
            i += 2
            continue
        strong = bold or md["*"] or md["_"]
        if kept and kept[-1][1] == strong:
            kept[-1] = (kept[-1][0] + ch, strong)
        else:
            kept.append((ch, strong))
        i += 1
    return kept


@dataclass
class _ListContext:
    """An open <ol>/<ul>: numbers printed in an item's text win over ``count``."""

    ordered: bool
    count: int = 0
    in_item: bool = False  # an <li> of this list is open


class _Fragment(HTMLParser):
    """Walks one HTML fragment into runs and pieces: paragraphs, list items, loose text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[Piece] = []
        self.whole: Runs = []
        self.current: Runs = []
        self.kind = "loose"  # "loose": text outside <p>/<li>
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
            self.whole.append((" ", False))
            if tag == "br":
                self.current.append((" ", False))
                return
            self._flush()
            if tag == "p":
                self.kind = "paragraph"
            elif tag == "li":
                self.kind = "list_item"
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
            self.whole.append((" ", False))
            self._flush()
            if tag in ("ol", "ul") and self.lists:
                self.lists.pop()
            elif tag == "li" and self.lists:
                self.lists[-1].in_item = False

    def handle_data(self, data: str) -> None:
        self.current.append((data, self.bold_depth > 0))
        self.whole.append((data, self.bold_depth > 0))

    def handle_comment(self, data: str) -> None:
        self.handle_data(f" {data} ")

    def unknown_decl(self, data: str) -> None:
        self.handle_data(f" {data} ")

    handle_decl = handle_pi = unknown_decl

    def _flush(self) -> None:
        runs, kind, self.current, self.kind = self.current, self.kind, [], "loose"
        if all(not t.strip() for t, _ in runs):
            return
        level = max(1, len(self.lists))
        marker = self.marker if kind == "list_item" else ""
        self.pieces.append(Piece(kind, runs, level, marker))

    def run(self, fragment: str) -> tuple[Runs, list[Piece]]:
        try:
            self.feed(fragment)
            self.close()
            self._flush()
        except Exception:  # the stdlib parser is lenient; this is a last resort
            self.whole, self.pieces = [(fragment, False)], [Piece("paragraph",
                                                                  [(fragment, False)])]
        return self.whole, self.pieces


def cell_pieces(fragment: str) -> list[Piece]:
    """The pieces of one table cell written as an HTML (or plain) fragment."""
    pieces = _Fragment().run(MD_ESCAPE.sub(r"\1", fragment))[1]
    for piece in pieces:
        piece.runs = without_markdown(piece.runs)
    return pieces


def parse_cell(fragment: str, span: Span) -> Cell:
    """One table cell from its HTML (or plain) fragment: text, parts and boldness."""
    from cspgraph.loaders.document import Document

    scratch = DocumentBuilder(Document("", "", "", "", "", "", []), lines=[])
    return scratch.cell(cell_pieces(fragment), span)


def inline_runs(text: str) -> Runs:
    """One line's text in bold and plain runs: tags stripped, entities decoded,
    ``**``/``__`` emphasis read as bold."""
    fragment = _Fragment()
    try:
        fragment.feed(MD_ESCAPE.sub(r"\1", text))
        fragment.close()
        runs = fragment.whole
    except Exception:
        runs = [(text, False)]
    return without_markdown(runs)


def inline(text: str) -> tuple[str, list[bool]]:
    """Plain text of one line and each character's boldness (see ``inline_runs``)."""
    return fold(inline_runs(text))

