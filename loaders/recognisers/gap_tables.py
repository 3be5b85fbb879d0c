"""Layout family: "ref / gap / lead / action" tables and the paper that covers them.

A strategic assessment often ends with a table of data gaps (or data
requirements) found while writing it. Its header row names a gap-like column
("Data gap", "Gaps", "Information requirement") and usually a ref column
("Ref", "No.", "Para"), a lead column ("Lead", "Owner", "Responsible agency")
and an action column ("Action", "Response", "Next steps"). A table with a ref
and a lead column whose text column is headed "Recommendation(s)" is read the
same way, as recommendations. Each data row holds one gap; its lead cell may
name several agencies ("Council, Police", or a bare run such as "XBC Police
Probation", which is split only when every word is an acronym or a one-word
agency such as Police, Probation, Court).

Around the table, a covering paper in numbered paragraphs cites the refs,
sometimes without the second dot ("3.21" for "3.2.1"), and may say who a ref
is for ("3.24 is for the Acute Trust"). Such citations become
``CrossReference`` facts from the paragraph (key ``paragraph/N``) to the item,
and "is/are for X" becomes a ``Lead``; when the table's lead for that ref is a
single acronym whose letters fit X ("the Council" for "XBC"), the lead is the
table's, stated a second time by the paper's line. A paragraph after the table that
introduces "recommendations" and ends with a colon is followed by a list whose
items are the document's other recommendations.

Yields ``Item`` (``gap/<ref>``, ``recommendation/<n>``), ``Lead``,
``CrossReference`` and ``Furniture`` (header rows, the sentence that
introduces the table, the sentence that introduces the recommendations list).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from cspgraph.loaders.document import Block, BlockKind, Cell, Document, Row, Span
from cspgraph.loaders.facts import (
    CrossReference,
    Fact,
    Furniture,
    Item,
    ItemKind,
    Lead,
    Source,
)
from cspgraph.loaders.lexicon import lexicon
from cspgraph.loaders.parse.columns import header_role
from cspgraph.loaders.parse.leads import split_leads
from cspgraph.loaders.recognisers.common import cell_at, quote_or_plain

_REF_CELL = re.compile(r"^\d{1,3}(?:\.\d{1,3}){0,3}\.?$|^[A-Za-z]{1,3}\s?\d{1,3}(?:\.\d{1,3})*$")
_CITATION = re.compile(r"(?<![\w.£$€/])\d{1,3}(?:\.\d{1,3}){1,3}(?![\w%£]|\.\d)")
_FOR_PHRASE = re.compile(
    r"\b(?:is|are)\s+(?:(?:all|both)\s+)?(?:for|with|led\s+by|owned\s+by"
    r"|the\s+responsibility\s+of)\s+(?:the\s+)?"
    r"([A-Z][\w&'’-]*(?:\s+(?:(?:of|and|for|&)\s+)?[A-Z][\w&'’-]*)*)"
)
_BETWEEN_REF_AND_VERB = re.compile(r"^[\s;,:]*(?:(?:both|which|these|each)\s+)?$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<!\d)[.!?](?=\s+[A-Z])")

_ACRONYM = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Z0-9&]{1,7}(?:'?s)?$")
_INTRO_NOUN = re.compile(
    r"\b(?:data\s+(?:gaps?|requirements?|issues?)|gaps?|information\s+requirements?)\b",
    re.IGNORECASE,
)
_HEADS = "|".join(sorted(lexicon().definite_heads))
_TO_MEMBERS = re.compile(
    rf"^(?:(?:{_HEADS})\s+)?members\s+(?:will|are|is|may|should)\s"
    rf"|^(?:the\s+)?(?:{_HEADS})\s+(?:is|are)\s+"
    r"(?:asked|requested|invited)\s",
    re.IGNORECASE,
)
_LIST_INTRO = re.compile(r"\brecommendations?\b", re.IGNORECASE)


@dataclass
class _Columns:
    """Column positions of one gap table's header row."""

    text: int
    kind: ItemKind
    ref: int | None = None
    lead: int | None = None
    action: int | None = None
    timescale: int | None = None
    theme: int | None = None


@dataclass
class _Row:
    """An item read from a table row, kept for citation resolution."""

    key: str
    ref: str | None
    leads: list[str] = field(default_factory=list)


def _item(document: Document, span: Span, text: str, key: str, kind: ItemKind,
          number: str | None, **detail: str | None) -> Item:
    """An item quoting ``text`` at ``span``, with any of its detail columns."""
    return Item(Source(span, quote_or_plain(document, span, text)), key=key, kind=kind,
                text=text, number=number, **detail)


def _header_text(text: str) -> str:
    """Header cell text with punctuation folded to spaces."""
    return " ".join(re.sub(r"[^\w\s&#]", " ", text).split())


def _columns(row: Row) -> _Columns | None:
    """The column layout when ``row`` is this family's header row."""
    texts = [_header_text(t) for t in row.texts()]

    roles = [header_role(t) if len(t) <= 40 else None for t in texts]

    def find(*wanted: str) -> int | None:
        return next((i for i, r in enumerate(roles) if r in wanted), None)

    ref, lead, gap = find("ref"), find("lead"), find("gap")
    if gap is not None:
        columns = _Columns(gap, ItemKind.DATA_GAP, ref, lead)
    else:
        recommendation = find("recommendation")
        if recommendation is None or ref is None or lead is None:
            return None
        columns = _Columns(recommendation, ItemKind.RECOMMENDATION, ref, lead)
    columns.action = find("action", "status")
    columns.timescale = find("timescale")
    columns.theme = find("priority")
    return columns


def _lead_texts(cell: Cell) -> list[str]:
    """Lead names in a cell, split by its paragraphs and then by ``leads.split_leads``."""
    parts = [p.text for p in cell.parts if p.text] or [cell.text]
    return list(dict.fromkeys(lead for part in parts for lead in split_leads(part)))


def _unique(key: str, keys: set[str], line: int) -> str:
    if key in keys:
        key = f"{key}-{line}"
    keys.add(key)
    return key


def _table(document: Document, table: Block, keys: set[str], found: list[_Row]) -> Iterator[Fact]:
    """Header furniture, items and leads of one table."""
    columns: _Columns | None = None
    header: Row | None = None
    count = 0
    for row in table.rows:
        layout = _columns(row)
        if layout is not None:
            columns, header = layout, row
            continue
        if columns is None:
            continue
        text_cell = cell_at(row, columns.text)
        if text_cell is None or not text_cell.text:
            continue
        ref_cell = cell_at(row, columns.ref)
        ref = ref_cell.text.rstrip(".") if ref_cell and _REF_CELL.match(ref_cell.text) else None
        if header is not None:
            quote = document.plain(header.span)
            yield Furniture(Source(header.span, quote), reason="table header")
            header = None
        count += 1
        prefix = "gap" if columns.kind is ItemKind.DATA_GAP else "recommendation"
        key = _unique(f"{prefix}/{ref or count}", keys, row.span.start)
        action = cell_at(row, columns.action)
        timescale = cell_at(row, columns.timescale)
        theme = cell_at(row, columns.theme)
        yield _item(document, row.span, text_cell.text, key, columns.kind, ref,
                    theme=(theme.text or None) if theme else None,
                    timescale=(timescale.text or None) if timescale else None,
                    response=(action.text or None) if action else None)
        lead_cell = cell_at(row, columns.lead)
        leads = _lead_texts(lead_cell) if lead_cell is not None else []
        for lead in leads:
            quote = quote_or_plain(document, row.span, lead)
            yield Lead(Source(row.span, quote), target=key, lead=lead)
        found.append(_Row(key, ref, leads))


def _digits(ref: str) -> str:
    return ref.replace(".", "")


def _resolver(found: list[_Row]) -> tuple[dict[str, _Row], dict[str, list[_Row]]]:
    """Rows by exact ref, and rows by ref with its dots dropped."""
    exact = {r.ref: r for r in found if r.ref}
    by_digits: dict[str, list[_Row]] = {}
    for ref, row in exact.items():
        by_digits.setdefault(_digits(ref), []).append(row)
    return exact, by_digits


def _resolve(citation: str, table: tuple[dict[str, _Row], dict[str, list[_Row]]]) -> _Row | None:
    """The row a citation names: its exact ref, or the one ref it prints with dots dropped."""
    exact, by_digits = table
    if citation in exact:
        return exact[citation]
    dots = citation.count(".")
    rows = [r for r in by_digits.get(_digits(citation), []) if (r.ref or "").count(".") > dots]
    return rows[0] if len(rows) == 1 else None


def _paragraph_key(block: Block, taken: set[str]) -> str:
    """``paragraph/N`` for a paragraph numbered N, else by its line; not one of ``taken``."""
    number = re.sub(r"[^\w.]", "", block.marker).strip(".")
    key = f"paragraph/{number}" if block.ordered and number else f"paragraph/l{block.span.start}"
    return f"{key}-{block.span.start}" if key in taken else key


def _fits(acronym: str, name: str) -> bool:
    """True when some capitalised word of ``name`` starts with a letter of ``acronym``."""
    letters = set(acronym.upper())
    return any(w[0] in letters for w in name.split() if w[:1].isupper())


def _citations(
    document: Document,
    block: Block,
    table: tuple[dict[str, _Row], dict[str, list[_Row]]],
    source_key: str,
) -> Iterator[Fact]:
    """Cross-references, leads and aliases from one paragraph of the covering paper."""
    text, span = block.text, block.span
    pending: list[tuple[re.Match[str], _Row]] = []
    cited: set[str] = set()
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    phrases = list(_FOR_PHRASE.finditer(text))
    events: list[tuple[int, str, re.Match[str]]] = sorted(
        [(m.start(), "ref", m) for m in _CITATION.finditer(text)]
        + [(m.start(), "for", m) for m in phrases],
        key=lambda event: event[0],
    )
    last_end = 0
    for _, kind, match in events:
        if any(last_end <= e <= match.start() for e in ends):
            pending = []
        last_end = match.start()
        if kind == "ref":
            row = _resolve(match.group(), table)
            if row is None:
                continue
            if row.key not in cited:
                cited.add(row.key)
                quote = quote_or_plain(document, span, match.group())
                yield CrossReference(Source(span, quote), from_key=source_key, to_key=row.key)
            pending.append((match, row))
            continue
        if pending and _BETWEEN_REF_AND_VERB.match(text[pending[-1][0].end() : match.start()]):
            name = match.group(1)
            quote = quote_or_plain(document, span, text[pending[0][0].start() : match.end()])
            for _, row in pending:
                yield Lead(Source(span, quote), target=row.key, lead=_same_lead(row, name))
        pending = []


def _same_lead(row: _Row, name: str) -> str:
    """The table's own lead when the paper names it differently ("the Council" for an
    acronym whose letters fit), so both places state one lead; else ``name`` as printed.

    The paper's wording stays in the quote; it is not turned into an acronym expansion,
    since a generic name such as "the Council" would then stand for the acronym everywhere.
    """
    if len(row.leads) == 1 and name not in row.leads:
        short = row.leads[0]
        if _ACRONYM.match(short) and not _ACRONYM.match(name) and _fits(short, name):
            return short
    return name


def _introduces_table(block: Block) -> bool:
    """True for a short lead-in sentence naming data gaps or requirements."""
    return (
        block.kind is BlockKind.PARAGRAPH
        and len(block.text) <= 200
        and _INTRO_NOUN.search(block.text) is not None
    )


def _recommendation_list(
    document: Document, blocks: list[Block], start: int, keys: set[str]
) -> Iterator[Fact]:
    """Furniture for the intro at ``blocks[start]`` and an Item per list item after it."""
    intro = blocks[start]
    items: list[Block] = []
    for block in blocks[start + 1 :]:
        if block.kind is not BlockKind.LIST_ITEM:
            break
        if items and block.level > items[0].level:
            items[-1] = Block(
                items[-1].kind,
                items[-1].text,
                items[-1].span.join(block.span),
                items[-1].level,
                items[-1].marker,
            )
            continue
        items.append(block)
    if not items:
        return
    quote = quote_or_plain(document, intro.span, intro.text)
    yield Furniture(Source(intro.span, quote), reason="list introduction")
    for n, block in enumerate(items, 1):
        number = block.marker.strip("().") if block.ordered else None
        key = _unique(f"recommendation/{number or n}", keys, block.span.start)
        yield _item(document, block.span, block.text, key, ItemKind.RECOMMENDATION, number)


def recognise(document: Document) -> Iterator[Fact]:
    """Gap-table items and leads, the covering paper's citations, and listed recommendations."""
    keys: set[str] = set()
    found: list[_Row] = []
    blocks = document.blocks
    last_table = -1
    for i, block in enumerate(blocks):
        if block.kind is not BlockKind.TABLE:
            continue
        before = len(found)
        yield from _table(document, block, keys, found)
        if len(found) == before:
            continue
        last_table = i
        if i > 0 and _introduces_table(blocks[i - 1]):
            intro = blocks[i - 1]
            quote = quote_or_plain(document, intro.span, intro.text)
            yield Furniture(Source(intro.span, quote), reason="table introduction")
    if not found:
        return
    table = _resolver(found)
    paragraphs: set[str] = set()
    for block in blocks:
        if block.kind not in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
            continue
        key = _paragraph_key(block, paragraphs)
        facts = list(_citations(document, block, table, key))
        if facts:
            paragraphs.add(key)
        yield from facts
        if not facts and _TO_MEMBERS.match(block.text):
            quote = quote_or_plain(document, block.span, block.text)
            yield Furniture(Source(block.span, quote), reason="covering paper: note to members")
    for i in range(last_table + 1, len(blocks)):
        block = blocks[i]
        if (
            block.kind is BlockKind.PARAGRAPH
            and block.text.rstrip().endswith(":")
            and _LIST_INTRO.search(block.text)
        ):
            yield from _recommendation_list(document, blocks, i, keys)
            break
