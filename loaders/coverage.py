"""Which lines of a document its facts account for, counted honestly by what they quote.

A line is *understood* when the quotes of the facts drawn from it cover at least two thirds
of its letters and digits (a label such as "Chair:" or a list number may be left over), or
when it is *furniture* with a named reason (a page number, a contents entry, a table's
header). A line a fact quotes only a little of is *partly understood*, and counts as not
understood. A quality note is not understanding. ``unread_layouts`` says, where it can
tell, which parts of the document gave no facts (a table with its column titles, a list,
prose), so a user sees what the loaders did not recognise.
"""

from __future__ import annotations

import re
from collections import defaultdict

from cspgraph.loaders.document import Block, BlockKind, Document
from cspgraph.loaders.facts import Coverage, Fact, Furniture, QualityNote

COVERED_SHARE = 2 / 3
_CONTENT = re.compile(r"[^\W_]")


def _folded(text: str) -> str:
    return " ".join(text.split())


def _cover(document: Document, fact: Fact, covered: dict[int, list[tuple[int, int]]]) -> None:
    """Mark the characters of each line that ``fact``'s quote takes up."""
    span, quote = fact.source.span, _folded(fact.source.quote)
    if not quote:
        return
    starts: list[tuple[int, int]] = []  # (line, offset of the line in the joined text)
    parts: list[str] = []
    at = 0
    for n in span.lines():
        line = _folded(document.plain_line(n))
        if not line:
            continue
        starts.append((n, at))
        parts.append(line)
        at += len(line) + 1
    joined = " ".join(parts)
    begin = joined.find(quote)
    if begin < 0:
        return
    end = begin + len(quote)
    for (n, offset), line in zip(starts, parts, strict=True):
        lo, hi = max(begin, offset), min(end, offset + len(line))
        if lo < hi:
            covered[n].append((lo - offset, hi - offset))


def coverage(document: Document, facts: list[Fact]) -> Coverage:
    """Which non-blank lines of ``document`` are understood, partly understood, furniture,
    or not understood (see the module docstring)."""
    covered: dict[int, list[tuple[int, int]]] = defaultdict(list)
    furniture: set[int] = set()
    for fact in facts:
        if isinstance(fact, Furniture):
            furniture.update(fact.source.span.lines())
        elif not isinstance(fact, QualityNote):
            _cover(document, fact, covered)
    understood, partly, kept_aside, unread = [], [], [], []
    for n in document.nonblank_lines():
        share = _share(_folded(document.plain_line(n)), covered.get(n, []))
        if share >= COVERED_SHARE:
            understood.append(n)
        elif n in furniture:
            kept_aside.append(n)
        else:
            unread.append(n)
            if share > 0:
                partly.append(n)
    return Coverage(total=len(understood) + len(kept_aside) + len(unread),
                    understood=understood, furniture=kept_aside, not_understood=unread,
                    partly=partly)


def _share(line: str, ranges: list[tuple[int, int]]) -> float:
    """The share of the line's letters and digits inside ``ranges``."""
    content = [i for i, ch in enumerate(line) if _CONTENT.match(ch)]
    if not content:
        return 1.0 if ranges else 0.0
    taken = bytearray(len(line))
    for lo, hi in ranges:
        taken[lo:hi] = b"\x01" * (hi - lo)
    return sum(taken[i] for i in content) / len(content)


def unread_layouts(document: Document, cov: Coverage, most: int = 3) -> list[str]:
    """What gave no facts, in the document's own terms: its largest tables, lists and runs
    of prose whose lines are all not understood, biggest first."""
    unread = set(cov.not_understood)
    found: list[tuple[int, str]] = []
    blocks = document.blocks
    i = 0
    while i < len(blocks):
        block = blocks[i]
        lines = set(block.span.lines())
        if block.kind is BlockKind.TABLE:
            if lines and lines <= unread:
                head = next((r for r in block.rows if r.header), block.rows[0])
                titles = " | ".join(t for t in head.texts() if t)[:80]
                found.append((len(lines), f"a table of {len(block.rows)} rows with columns "
                              f"'{titles}' at {_where(document, block)}"))
            i += 1
            continue
        kind = block.kind
        run = [block]
        while i + len(run) < len(blocks) and blocks[i + len(run)].kind is kind and kind in (
                BlockKind.LIST_ITEM, BlockKind.PARAGRAPH):
            run.append(blocks[i + len(run)])
        i += len(run)
        lines = {n for b in run for n in b.span.lines()}
        if kind is BlockKind.HEADING or not lines or not lines <= unread or len(lines) < 2:
            continue
        what = "a list of" if kind is BlockKind.LIST_ITEM else "prose:"
        noun = "items" if kind is BlockKind.LIST_ITEM else "paragraphs"
        found.append((len(lines), f"{what} {len(run)} {noun} at {_where(document, *run)}"))
    found.sort(key=lambda item: -item[0])
    return [text for _, text in found[:most]]


def _where(document: Document, *blocks: Block) -> str:
    """Where blocks are, in the file's own terms: "lines 12-18", "paragraphs 3-9"."""
    at = document.locate(blocks[0].span.join(blocks[-1].span))
    if at.label:
        return at.label
    unit = "paragraph" if document.unit == "paragraph" else "line"
    page = f"page {at.page}, " if at.page is not None else ""
    if at.line_start == at.line_end:
        return f"{page}{unit} {at.line_start}"
    return f"{page}{unit}s {at.line_start}-{at.line_end}"
