"""What the reading parts share about one document: its passages in reading order, each
with the role of the section it is in, and the sentences of a passage.

A *passage* is a heading, a list item, a table cell's part, or a paragraph with the lines
a plain-text file wrapped it onto joined again (a line that does not end a sentence goes on
with the next when that starts in lower case, the line ends on a joining word, or it
reaches the width the file wraps its prose at). Word, HTML and PDF readers give whole
paragraphs already, and a line break there is the author's.

*Section semantics*: a heading sets the role of the blocks under it until the next heading
of its level or above ("Our priorities" -> priorities, "Apologies" -> members, "Terms of
reference" -> governance, "Action plan" -> actions, "Recommendations" -> recommendations;
the words are the lexicon's, ``sections.yaml``). A short label line ending in a colon
("Present:", "Decision:", "Resolved:") sets the role of what follows it the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from cspgraph.loaders.document import Block, BlockKind, Document, Span
from cspgraph.loaders.lexicon import lexicon, phrase_pattern

_SENTENCE_END = (".", "!", "?", ":", ";")
_ENTRY = re.compile(r"^[A-Z][\w'’-]+\s+[A-Z][\w'’-]+\s+[-–—]\s")
# A full stop that does not end a sentence: titles and common abbreviations.
def _abbreviation() -> re.Pattern[str]:
    """Titles and ranks of the lexicon printed short ("Cllr.", "Supt."), common
    abbreviations and initials: a full stop after one does not end a sentence."""
    lex = lexicon()
    titles = sorted(w for w in lex.honorifics | lex.police_ranks if w.isalpha() and len(w) <= 5)
    return re.compile(rf"(?:\b(?i:{'|'.join(titles)})|\b(?:St|No|Nos|Co|Ltd|Inc|Dept|Gov|"
                      r"e\.g|i\.e|etc|approx|incl|cf|vs|v)|\b[A-Z])\.$")


_ABBREVIATION = _abbreviation()


@dataclass
class Passage:
    """A run of text read as one: its text, span, blocks, kind and section role."""

    text: str
    span: Span
    kind: str  # "heading", "paragraph", "list_item", "cell"
    section: str | None = None  # "priorities", "members", "governance", ...
    heading: str = ""  # the nearest heading or label above it
    marker: str = ""  # a list item's or heading's printed marker
    blocks: list[Block] = field(default_factory=list)
    row: int | None = None  # for a cell: the row's index in its table
    column: int | None = None


@cache
def _section_words() -> re.Pattern[str]:
    words = phrase_pattern(lexicon().sections)
    return re.compile(rf"^(?:(?:our|my|the|key|main)\s+)?(?P<words>{words})\b", re.IGNORECASE)


# A heading's printed number or part ("3.", "(b)", "Section 3:") and the period it closes on
# ("What we will do in year one", "Actions for 2025/26").
_HEADING_NUMBER = re.compile(r"^\W*(?:(?:section|part|chapter)\s+\d+(?:\.\d+)*\s*[:.–—-]?|"
                             r"\d+(?:\.\d+)*\.?|[a-z]\)|\([a-z0-9]+\))\s*", re.IGNORECASE)
_HEADING_PERIOD = re.compile(r"\s+(?:for|in|during|over)\s+(?:(?:the\s+)?year\s+(?:\w+|\d)|"
                             r"(?:19|20)\d\d(?:\s*[/–—-]\s*(?:19|20)?\d\d)?)$", re.IGNORECASE)


def section_role(text: str) -> str | None:
    """The role a heading or label gives the blocks under it, or None."""
    text = _HEADING_NUMBER.sub("", _SECTION_NUMBER.sub("", text.strip()))
    text = text.replace("&", "and")
    text = _HEADING_PERIOD.sub("", text.rstrip(":").strip())
    m = _section_words().match(text)
    if m is None:
        return None
    tail = text[m.end():].split()
    of_body = bool(tail) and tail[0].lower() in ("of", "for") and len(tail) <= 4 and all(
        w[:1].isupper() or w.lower() in ("of", "for", "the") for w in tail[1:])
    if len(tail) > 2 and not of_body:
        return None  # "Recommendations from the Strategic Assessment" titles a paper
    return lexicon().sections[" ".join(m.group("words").lower().split())]


# "Section 3:", "Part 2 -", "Chapter 4." before a heading's words.
_SECTION_NUMBER = re.compile(r"^(?i:section|part|chapter)\s+(?:\d+|[IVX]+|[A-Z])\b\s*[:.\-–—]?\s*")
# A line that opens with a short label and a colon ("Vice-Chair: ...", "Lead Officer: ..."):
# a new entry, never the run-on of the line above.
_LABELLED = re.compile(r"^[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,3}:\s+\S")


def _label(block: Block) -> bool:
    """A short line ending in a colon ("Present:", "Apologies for absence:"), or a short
    line that is only a section's title ("Apologies", "Membership", "2 Apologies and
    substitutions") where the file sets no heading."""
    text = block.text.strip()
    numbered = block.kind is BlockKind.LIST_ITEM and any(c.isdigit() for c in block.marker)
    if not (block.kind is BlockKind.PARAGRAPH or numbered) or len(text.split()) > 6:
        return False  # an agenda's "1. Welcome and introductions" titles what follows too
    return text.endswith(":") or (not text.endswith((".", ";", ",")) and
                                  section_role(text) is not None)


def _agenda_item(block: Block) -> bool:
    """A numbered item's short title ("2. Previous minutes and action log")."""
    text = block.text.strip()
    return (block.kind is BlockKind.LIST_ITEM and any(c.isdigit() for c in block.marker)
            and len(text.split()) <= 8 and not text.endswith((".", ";", ",")))


def line_width(doc: Document) -> int:
    """The width a file wraps its prose at: the length most long paragraph lines reach
    (0 when its paragraphs are not wrapped lines)."""
    lengths = sorted(len(b.text) for b in doc.blocks
                     if b.kind is BlockKind.PARAGRAPH and b.span.start == b.span.end)
    long = [n for n in lengths if n >= 50]
    return long[len(long) // 2] if len(long) >= 5 else 0


def _runs_on(above: Block, below: Block, width: int = 0) -> bool:
    """True when paragraph ``below`` goes on with ``above`` (a line a file wrapped at
    ``width``)."""
    if above.kind not in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM) or (
            below.kind is not BlockKind.PARAGRAPH):
        return False  # a list item goes on over the lines it wraps onto, too
    if below.span.start != above.span.end + 1:
        return False  # set apart by a blank line
    text, nxt = above.text.rstrip(), below.text.lstrip()
    if not text or not nxt or text.endswith(_SENTENCE_END) or _label(above):
        return False
    last = text.split()[-1].lower()
    if _label(below) or (len(nxt.split()) <= 4 and nxt.endswith(":")):
        return False
    if _ENTRY.match(nxt) or _LABELLED.match(nxt):
        return False  # "Ann Hale - Anytown Council": a new entry of a list of people
    prose = sum(1 for w in text.split() if w[:1].islower()) >= 3  # not a title in capitals
    wrapped = prose and len(text) >= 70 and len(text.split()) >= 8  # broken at the margin
    wrapped = wrapped or (width >= 50 and len(text) >= 0.85 * width and len(text.split()) >= 6)
    return nxt[0].islower() or last in lexicon().name_joiners or text.endswith(
        ("-", ",")) or wrapped


class Context:
    """One document's passages, sections and sentences, computed once."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.width = line_width(doc)
        self.wraps = doc.reader == "text"  # only a plain-text file breaks prose at a margin
        self.passages: list[Passage] = []
        stack: list[tuple[int, str | None, str]] = []  # (heading level, role, text)
        label: tuple[str | None, str] | None = None
        blocks = doc.blocks
        i = 0
        while i < len(blocks):
            block = blocks[i]
            if block.kind is BlockKind.HEADING:
                while stack and stack[-1][0] >= block.level:
                    stack.pop()
                stack.append((block.level, section_role(block.text), block.text))
                label = None
                self.passages.append(Passage(block.text, block.span, "heading",
                                             self._role(stack, None), block.text,
                                             block.marker, [block]))
                i += 1
                continue
            if block.kind is BlockKind.TABLE:
                self._cells(block, self._role(stack, label), self._heading(stack, label))
                i += 1
                continue
            run = [block]
            while self.wraps and i + len(run) < len(blocks) and _runs_on(
                    run[-1], blocks[i + len(run)], self.width):
                run.append(blocks[i + len(run)])
            i += len(run)
            text = " ".join(b.text for b in run)
            span = Span(run[0].span.start, run[-1].span.end, run[0].span.page)
            kind = "list_item" if block.kind is BlockKind.LIST_ITEM else "paragraph"
            role = self._role(stack, label)
            self.passages.append(Passage(text, span, kind, role, self._heading(stack, label),
                                         block.marker, run))
            if _label(block):
                label = (section_role(block.text), block.text)
            elif label is not None and _agenda_item(block):
                label = (None, block.text)  # the next agenda item ends the last one's section

    @staticmethod
    def _role(stack, label) -> str | None:
        if label is not None and label[0] is not None:
            return label[0]
        return next((role for _, role, _ in reversed(stack) if role), None)

    @staticmethod
    def _heading(stack, label) -> str:
        if label is not None:
            return label[1]
        return stack[-1][2] if stack else ""

    def _cells(self, table: Block, role: str | None, heading: str) -> None:
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                for part in cell.parts or []:
                    self.passages.append(Passage(part.text, row.span, "cell", role, heading,
                                                 part.marker, [part], r, c))


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) of each sentence of ``text``; a full stop after a title or an
    initial ("Cllr.", "J.") ends none."""
    out: list[tuple[int, str]] = []
    start = 0
    for m in re.finditer(r"[.!?](?=\s+[A-Z(‘'\"“])", text):
        if _ABBREVIATION.search(text[max(0, m.start() - 6):m.end()]):
            continue
        out.append((start, text[start:m.end()]))
        start = m.end()
        while start < len(text) and text[start] == " ":
            start += 1
    if start < len(text):
        out.append((start, text[start:]))
    return [(k, s) for k, s in out if s.strip()]
