"""What the minutes and papers recognisers share. Not a recogniser itself.

* ``meeting`` finds the body whose meeting a document minutes, from its title:
  "Minutes of the Anytown Safer Partnership Board meeting held on 12 March 2024",
  "Notes of a meeting of the Anytown Community Safety Group, 4 June 2024", or a
  body's name on its own line followed by "Minutes of the meeting held on ...".
* ``items`` reads list items, including paragraphs led by a "·" bullet, which the
  text reader leaves as paragraphs.
* ``sentences`` splits a block's text into sentences; ``source`` makes a Source only
  when the quote is on the span's lines.
* ``known_priorities`` gives the priorities the prose and table recognisers find, so
  the minutes recognisers add leads and alignments to them instead of restating them.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator
from dataclasses import dataclass

from cspgraph.loaders.document import Block, BlockKind, Document, Span
from cspgraph.loaders.facts import BodyKind, Fact, Priority, Source

_BODY_KINDS: dict[str, BodyKind] = {
    **dict.fromkeys(("partnership", "partnerships", "csp", "cdrp", "alliance"),
                    BodyKind.PARTNERSHIP),
    **dict.fromkeys(("board", "committee", "executive", "commission", "cabinet"),
                    BodyKind.BOARD),
    **dict.fromkeys(("group", "sub-group", "subgroup", "forum", "panel", "network",
                     "sub-committee", "subcommittee"), BodyKind.SUBGROUP),
}
_SMALL = frozenset(("and", "&", "of", "for", "the", "on", "in", "to"))
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October"
          r"|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)")
_DATE = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\.?,?\s+(?:19|20)\d\d\b"
                   rf"|\b\d{{1,2}}[./]\d{{1,2}}[./](?:19|20)?\d\d\b")
_MINUTES = re.compile(
    r"^(?:(?:draft|confirmed|unconfirmed|approved|public)\s+)?(?:minutes|notes|record)\s+of\s+"
    r"(?:the\s+|a\s+|an\s+)?(?:(?:\w+\s+)?meeting\s+of\s+(?:the\s+)?)?"
    r"(?P<body>[A-Z][^,;:()]{2,120}?)(?:\s+meeting)?"
    r"(?:\s*(?:[,–—-]\s*)?(?:\(|held\b|which\s+took\s+place|that\s+took\s+place|on\b|at\b"
    r"|dated\b|\d)(?P<when>.*))?$",
    re.IGNORECASE,
)
_MINUTES_OF_MEETING = re.compile(
    r"^(?:(?:draft|confirmed|unconfirmed|approved)\s+)?(?:minutes|notes)(?:\s+of\s+"
    r"(?:the|a)\s+meeting)?(?:\s+(?:held\s+)?(?:on|at)\b.*|\s*[,:–—-]\s*.*)?$",
    re.IGNORECASE,
)
_BODY_THEN_MINUTES = re.compile(
    r"^(?P<body>[A-Z][^,;:()]{2,120}?)\s*(?:[–—:-]|\s)\s*(?:draft\s+)?minutes\b(?P<when>.*)$",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"'‘“(]?[A-Z0-9])")


@dataclass(frozen=True)
class Meeting:
    """The body a document minutes, where its name is printed, and the date as printed."""

    body: str
    kind: BodyKind
    source: Source
    date: str | None


def body_kind(name: str) -> BodyKind | None:
    """The kind of body the last body word of ``name`` says it is, or None for no body."""
    words = [w.strip(".,'’()") for w in name.lower().split()]
    for word in reversed(words):
        if word in _BODY_KINDS:
            return _BODY_KINDS[word]
    return None


def body_name(text: str) -> str | None:
    """``text`` (without "the") when it is a body's name: title case, a body word last."""
    name = re.sub(r"^(?:the)\s+", "", text.strip(" .,;:"), flags=re.IGNORECASE)
    name = re.sub(r"\s+meeting$", "", name, flags=re.IGNORECASE)
    words = name.split()
    if not 1 <= len(words) <= 12 or not words[0][:1].isupper():
        return None
    if not all(w[:1].isupper() or w.lower() in _SMALL or w[:1].isdigit() for w in words):
        return None
    last = words[-1].strip("()").lower()
    if last not in _BODY_KINDS:
        return None
    return name


def _date(text: str) -> str | None:
    m = _DATE.search(text or "")
    return m.group() if m else None


def meeting(doc: Document) -> Meeting | None:
    """The body whose meeting ``doc`` minutes, from its first lines, or None."""
    blocks = [b for b in doc.blocks[:10] if b.kind is not BlockKind.TABLE]
    for i, block in enumerate(blocks):
        text = block.text.strip()
        if len(text.split()) > 40:
            continue
        if (m := _MINUTES.match(text)) and (name := body_name(m["body"])):
            return _meeting(doc, block.span, name, m["when"])
        if (m := _BODY_THEN_MINUTES.match(text)) and (name := body_name(m["body"])):
            return _meeting(doc, block.span, name, m["when"])
        if i and _MINUTES_OF_MEETING.match(text):
            name = body_name(blocks[i - 1].text)
            if name is not None:
                return _meeting(doc, blocks[i - 1].span.join(block.span), name, text)
    return None


def _meeting(doc: Document, span: Span, name: str, when: str | None) -> Meeting | None:
    src = source(doc, span, name)
    kind = body_kind(name)
    if src is None or kind is None:
        return None
    return Meeting(name, kind, src, _date(when or ""))


def source(doc: Document, span: Span, quote: str) -> Source | None:
    """A Source quoting ``quote`` from ``span``, or None when the words are not there."""
    quote = " ".join(quote.split())
    if not quote:
        return None
    return Source(span, quote) if quote in " ".join(doc.plain(span).split()) else None


@dataclass(frozen=True)
class Item:
    """A list item as read: the block, its marker ("1.", "(a)", "·") and its text."""

    block: Block
    marker: str
    text: str

    @property
    def ordered(self) -> bool:
        return any(c.isalnum() for c in self.marker)


def as_item(block: Block) -> Item | None:
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
        item = as_item(block)
        if item is None:
            break
        run.append(item)
    return run


def text_blocks(doc: Document) -> Iterator[Block]:
    """Paragraphs and list items outside tables, in order."""
    return (b for b in doc.blocks if b.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM))


def sentences(text: str) -> list[str]:
    """The sentences of ``text``."""
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def norm(text: str) -> str:
    """Comparison key: lower case, '&' as 'and', punctuation folded."""
    text = text.lower().replace("&", " and ").replace("’", "'").replace("'s ", "s ")
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


_SEEN: dict[int, tuple[weakref.ref[Document], list[Fact]]] = {}


def prose_and_table_facts(doc: Document) -> list[Fact]:
    """The facts the prose-list and table recognisers find in ``doc``, worked out once per
    document (the minutes recognisers that need them ask several times).

    Imported here, not at the top, so the registry's order of imports stays as it is.
    """
    from cspgraph.loaders.recognisers import priority_lists, priority_tables

    hit = _SEEN.get(id(doc))
    if hit is not None and hit[0]() is doc:
        return hit[1]
    found: list[Fact] = []
    for module in (priority_lists, priority_tables):
        try:
            found += list(module.recognise(doc))
        except Exception:  # their own run reports the failure; here it only loses the reuse
            continue
    if len(_SEEN) >= 8:
        _SEEN.clear()
    _SEEN[id(doc)] = (weakref.ref(doc), found)
    return found


def known_priorities(doc: Document) -> list[Priority]:
    """The priorities the prose-list and table recognisers find in ``doc``."""
    return [f for f in prose_and_table_facts(doc) if isinstance(f, Priority)]


def split_outside_brackets(text: str, sep: str) -> list[str]:
    """``text`` split at ``sep`` where it is not inside round brackets ("A (B, C), D" ->
    ["A (B, C)", " D"]); parts are kept as they are, empty ones too."""
    parts, depth, current = [], 0, []
    for ch in text:
        depth = max(0, depth + (ch == "(") - (ch == ")"))
        if ch == sep and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    return [*parts, "".join(current)]
