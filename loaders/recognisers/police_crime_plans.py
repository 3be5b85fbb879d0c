"""Layout family: a Police and Crime Plan's own objectives.

A document whose title line is a Police and Crime Plan ("Anyshire Police and Crime
Plan 2021-2025", "Police and Crime Plan for Anyshire", with the period on that line
or the next) sets the objectives other documents align with:

* the first list under a heading or line naming priorities or objectives ("Our
  priorities", "The Commissioner's objectives are:"), one objective per top-level
  item; "Name – description" items give the name;
* else titles "Priority 1: Name" / "Objective 2 – Name".

Each is an ``Objective`` of the plan under its title and period as printed, the
names a citing document uses ("in line with the Anyshire Police and Crime Plan
2021-2025"), so that the citing document's alignments and the plan's own objectives
meet on one plan. A title printed differently (another period form, no area) is
another plan: resolving that is for a person, not a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from cspgraph.loaders.document import Block, BlockKind, Document, Span
from cspgraph.loaders.facts import Fact, Objective, Source
from cspgraph.loaders.lexicon import words_pattern
from cspgraph.loaders.parse.folding import fold as norm
from cspgraph.loaders.parse.markers import NUMBER_WORD
from cspgraph.loaders.parse.timescales import parse_timescale


def source(doc: Document, span: Span, quote: str) -> Source | None:
    """A Source quoting ``quote`` from ``span``, or None when the words are not there."""
    quote = " ".join(quote.split())
    return Source(span, quote) if quote and quote in " ".join(doc.plain(span).split()) else None


@dataclass(frozen=True)
class Item:
    """A list item as read: the block, its marker ("1.", "(a)", "·") and its text."""

    block: Block
    marker: str
    text: str

    @property
    def ordered(self) -> bool:
        return any(c.isalnum() for c in self.marker)


def _as_item(block: Block) -> Item | None:
    """``block`` as a list item: a list item, or a paragraph led by a "·" bullet."""
    if block.kind is BlockKind.LIST_ITEM:
        return Item(block, block.marker, block.text)
    if block.kind is BlockKind.PARAGRAPH and block.text.startswith("·"):
        text = block.text.lstrip("· ").strip()
        return Item(block, "·", text) if text else None
    return None


def items(blocks: list[Block], start: int) -> list[Item]:
    """The run of list items (or "·" paragraphs) from ``blocks[start]`` on."""
    run = []
    for block in blocks[start:]:
        item = _as_item(block)
        if item is None:
            break
        run.append(item)
    return run


_PERIOD = r"(?:19|20)\d{2}\s*(?:[-–/]|\bto\b)\s*(?:(?:19|20)?\d{2})\b"
_TITLE = re.compile(
    r"^(?:the\s+)?(?P<title>(?:[A-Z][\w'’&-]*\s+){0,4}?Police\s*(?:and|&)\s*Crime\s+Plan"
    r"(?:\s+for\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:and\s+)?[A-Z][\w'’-]*){0,3})?)"
    rf"(?:\s*[:,–—-]?\s*(?P<period>{_PERIOD}))?\s*$"
)
_PERIOD_LINE = re.compile(rf"^\(?(?P<period>{_PERIOD})\)?$")
_INTRO = re.compile(r"\b(?:priorit(?:y|ies)|objectives?)\b", re.IGNORECASE)
_NOT_INTRO = words_pattern("sections", "not_priority_intros")
_NAMED = re.compile(
    rf"^(?P<kind>priority|objective)\s+(?P<n>\d{{1,2}}|{NUMBER_WORD})"
    r"\s*[:.–—-]\s*(?P<name>\S.{1,100})$", re.IGNORECASE)
_NAME_DESC = re.compile(r"^(?P<name>[^–—:]{3,100}?)\s*(?:[–—]|\s-\s|:\s)\s*\S")


def plan_title(doc: Document) -> tuple[str, str | None, Block] | None:
    """(title, period, title block) when ``doc`` is a Police and Crime Plan itself."""
    blocks = [b for b in doc.blocks[:8] if b.kind is not BlockKind.TABLE]
    for i, block in enumerate(blocks):
        m = _TITLE.match(block.text.strip())
        if m is None:
            continue
        period = m["period"]
        if period is None and i + 1 < len(blocks):
            after = _PERIOD_LINE.match(blocks[i + 1].text.strip())
            period = after["period"] if after else None
        return " ".join(m["title"].split()), period, block
    return None


def _name(text: str) -> str | None:
    m = _NAME_DESC.match(text)
    name = m["name"] if m else text
    name = name.strip(" .;:")
    return name if name[:1].isalpha() and 1 <= len(name.split()) <= 12 else None


def _listed(doc: Document) -> list[tuple[Block, str, str | None]]:
    """(block, objective, number) of the first list introduced as priorities or objectives."""
    blocks = [b for b in doc.blocks if b.kind is not BlockKind.TABLE]
    for i, block in enumerate(blocks[:-1]):
        if block.kind is BlockKind.LIST_ITEM or len(block.text.split()) > 25:
            continue
        if not _INTRO.search(block.text) or _NOT_INTRO.search(block.text):
            continue
        run = items(blocks, i + 1)
        if len(run) < 2:
            continue
        top = min(item.block.level for item in run)
        out = []
        for item in run:
            if item.block.level != top:
                continue
            name = _name(item.text)
            number = re.sub(r"[^\w]", "", item.marker) if item.ordered else None
            if name is not None:
                out.append((item.block, name, number or None))
        if len(out) >= 2:
            return out
    return []


def _titled(doc: Document) -> list[tuple[Block, str, str | None]]:
    """(block, objective, number) of "Priority 1: Name" titles."""
    out = []
    for block in doc.blocks:
        if block.kind is BlockKind.TABLE or len(block.text.split()) > 16:
            continue
        if (m := _NAMED.match(block.text.strip())) and (name := _name(m["name"])):
            out.append((block, name, m["n"]))
    return out


def recognise(doc: Document) -> Iterator[Fact]:
    """The objectives a Police and Crime Plan sets, as objectives of that plan."""
    found = plan_title(doc)
    if found is None:
        return
    title, period, _ = found
    start, end = parse_timescale(period) if period else (None, None)
    seen: set[str] = set()
    for block, name, number in _listed(doc) or _titled(doc):
        src = source(doc, block.span, name)
        if src is None or norm(name) in seen:
            continue
        seen.add(norm(name))
        yield Objective(src, plan=title, plan_period=period, objective=name, number=number,
                        start=start, end=end)
