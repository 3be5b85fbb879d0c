"""The reader for Markdown (``.md``, ``.markdown``): bytes -> ``Document``, parsed with
markdown-it-py (CommonMark with GFM pipe tables) and built by the one builder.

* ATX and setext headings -> headings; paragraphs -> paragraphs, one block over all its
  lines (each line keeps its own plain text, so a quote names the line it is on);
* bulleted and numbered lists, nested -> list items with the marker as printed ("-",
  "3.", "2)"); a number printed in an item's text ("- 1. To direct") wins;
* pipe tables -> tables, the header row marked; ``**strong**`` and ``<b>`` -> bold;
* code blocks, HTML blocks and block quotes -> their lines as paragraphs;
* a paragraph whose lines are laid out as plain text is ("· item" bullets, TAB-separated
  rows) is read line by line as the plain-text reader reads it.

Units are the file's lines, so a fact's place is the line, as for plain text.
"""

from __future__ import annotations

import hashlib

from markdown_it import MarkdownIt
from markdown_it.token import Token

from cspgraph.loaders.document import Document, Place, Span
from cspgraph.loaders.parse.markers import MARKER
from cspgraph.loaders.readers.builder import DocumentBuilder, Piece, Runs, fold
from cspgraph.loaders.readers.markup import inline_runs
from cspgraph.loaders.readers.text import _decode, add_lines, new_document, split_lines

_PARSER = MarkdownIt("commonmark").enable("table")
_BOLD_TAGS = {"<b>": True, "<strong>": True, "</b>": False, "</strong>": False}


def read_markdown(data: bytes, path: str) -> Document:
    """Read a Markdown file into the normalised document model."""
    notes: list[str] = []
    text = _decode(data, path, notes)
    document = new_document(path, hashlib.sha256(data).hexdigest(), "text/markdown", "markdown",
                            notes)
    lines = split_lines(text)
    builder = DocumentBuilder(document, lines)
    _Walk(builder, lines).blocks(_PARSER.parse("\n".join(lines)))
    _keep_every_line(builder, lines)
    return builder.build()


def _keep_every_line(builder: DocumentBuilder, lines: list[str]) -> None:
    """Read the lines no block holds (rules, reference definitions, an empty quote) as
    paragraphs, in their place: no line is lost."""
    doc = builder.document
    held = {n for block in doc.blocks for n in block.span.lines()}
    loose = [n for n, line in enumerate(lines, 1) if line.strip() and n not in held]
    for n in loose:
        builder.add(Piece("paragraph", inline_runs(lines[n - 1])), Span(n, n))
    if loose:
        doc.blocks.sort(key=lambda block: block.span.start)


def _laid_out(lines: list[str]) -> bool:
    """True for a paragraph that is plain-text layout, not wrapped prose: lines that start
    with a list marker Markdown does not know ("·", "•", "2.1") or hold TABs."""
    return len(lines) > 1 and (any("\t" in line for line in lines)
                               or any(MARKER.match(line.strip()) for line in lines[1:]))


def _line_runs(children: list[Token]) -> list[Runs]:
    """An inline token's children as runs, one list per source line."""
    lines: list[Runs] = [[]]
    bold = 0
    for child in children:
        kind = child.type
        if kind in ("softbreak", "hardbreak"):
            lines.append([])
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold = max(0, bold - 1)
        elif kind == "html_inline":
            tag = child.content.strip().lower()
            if tag in _BOLD_TAGS:
                bold = bold + 1 if _BOLD_TAGS[tag] else max(0, bold - 1)
            elif tag.startswith("<br"):
                lines[-1].append((" ", False))
        elif kind == "image" or kind in ("text", "code_inline"):
            lines[-1].append((child.content, bold > 0))
    return lines


class _Walk:
    """Walks markdown-it's block tokens into pieces for the builder."""

    def __init__(self, builder: DocumentBuilder, lines: list[str]) -> None:
        self.builder = builder
        self.lines = lines
        self.lists: list[list] = []  # per open list: [ordered, marker delimiter]
        self.item: tuple[str, int, Token] | None = None  # a list item awaiting its first block

    def span(self, token: Token) -> Span:
        start, end = token.map or (0, 1)
        return Span(start + 1, max(start + 1, min(end, len(self.lines))))

    def blocks(self, tokens: list[Token]) -> None:
        i = 0
        while i < len(tokens):
            i = self.block(tokens, i)

    def block(self, tokens: list[Token], i: int) -> int:
        token = tokens[i]
        kind = token.type
        if kind == "heading_open":
            self.text_block(Piece("heading", level=int(token.tag[1:])), token, tokens[i + 1])
            return i + 3
        if kind == "paragraph_open":
            if self.item is not None:
                marker, depth, _ = self.item
                self.item = None
                piece = Piece("list_item", level=depth, marker=marker)
            else:
                piece = Piece("paragraph")
            self.text_block(piece, token, tokens[i + 1])
            return i + 3
        if kind in ("bullet_list_open", "ordered_list_open"):
            self.lists.append([kind == "ordered_list_open", token.markup])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            ordered = self.lists[-1][0] if self.lists else False
            self.item = (f"{token.info}{token.markup}" if ordered else token.markup,
                         len(self.lists), token)
        elif kind == "list_item_close" and self.item is not None:  # an item with no text
            marker, depth, opening = self.item
            self.item = None
            self.builder.add(Piece("list_item", level=depth, marker=marker),
                             Span(self.span(opening).start, self.span(opening).start))
        elif kind == "table_open":
            return self.table(tokens, i)
        elif kind in ("code_block", "fence", "html_block"):
            self.verbatim(token)
        return i + 1

    def text_block(self, piece: Piece, opening: Token, inline: Token) -> None:
        span = self.span(opening)
        if piece.kind != "heading" and _laid_out(self.lines[span.start - 1:span.end]):
            add_lines(self.builder, self.lines[span.start - 1:span.end], span.start)
            return
        per_line = _line_runs(inline.children or [])
        if piece.kind == "heading" and len(per_line) < len(span.lines()):
            per_line.append([])  # a setext heading's underline
        texts = [fold(runs)[0] for runs in per_line]
        if piece.kind == "list_item":  # the line as printed, marker and all
            texts[0] = f"{piece.marker} {texts[0]}".strip()
        self.builder.set_plain(span, texts)
        piece.runs = [run for k, runs in enumerate(per_line)
                      for run in ([(" ", False)] if k else []) + runs]
        self.builder.add(piece, Span(span.start, span.start + len(per_line) - 1))

    def verbatim(self, token: Token) -> None:
        span = self.span(token)
        for n in span.lines():
            line = self.lines[n - 1]
            if line.strip() and not line.strip().startswith("```"):
                self.builder.add(Piece("paragraph", inline_runs(line)), Span(n, n))

    def table(self, tokens: list[Token], i: int) -> int:
        opening = tokens[i]
        rows: list[list[list[Piece]]] = []
        places: list[Place] = []
        header = 0
        in_head = False
        while i < len(tokens) and tokens[i].type != "table_close":
            token = tokens[i]
            if token.type == "thead_open":
                in_head = True
            elif token.type == "thead_close":
                in_head = False
            elif token.type == "tr_open":
                rows.append([])
                places.append(Place((token.map or opening.map or (0, 1))[0] + 1))
                header += in_head
            elif token.type == "inline" and rows:
                runs = [run for line in _line_runs(token.children or []) for run in line]
                rows[-1].append([Piece("loose", runs)])
            i += 1
        self.builder.add(Piece("table", rows=rows, row_places=places, header_rows=header),
                         self.span(opening))
        return i + 1
