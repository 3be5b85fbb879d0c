"""Layout family: priorities listed in prose, and contents pages.

Priorities appear in four prose layouts (tables of priorities belong elsewhere):

* **Titled lists**: a heading (or short bold / colon-ended line) naming priorities
  ("Our Priorities", "Key priorities:"), then either a list ("1. Town Centre
  Management") or group headings ("To reduce:", "By actively") each followed by
  "Name – aim" paragraphs whose name is bold or in title case. The group is the
  nearest title, as printed; keys are "priority/<group>/<n>".
* **Lead-in lists**: a short paragraph ending with a colon that names priorities
  ("Our priorities for the year are:") directly followed by a list.
* **Numbered sections**: a numbered section titled with the word priority
  ("2. Board Priority areas:") and the sibling sections numbered after it
  ("3. Domestic Abuse:", "4. ..."), each a priority keyed "priority/<number>";
  "(incorporating A, B and C)" after a title makes sub-priorities with a parent.
  The numbered paragraphs inside a section (3.1, 3.2 ...) are commentary.
* **Priority titles**: "Priority 2: Safer Streets".

Only top-level list items are priorities; nested bullets and bullets inside a
priority's own section are not. Titles about actions, indicators, funding or
recommendations do not open a priority list.

Plans named in prose are read by the generic reading (``loaders/recognisers/reading/plans.py``).

Contents pages ("Contents" then entries ending in page numbers or "Error! Bookmark
not defined.") and the titles of priority sections are furniture.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from cspgraph.loaders.document import Block, BlockKind, Document, Span
from cspgraph.loaders.facts import Fact, Furniture, Priority
from cspgraph.loaders.lexicon import words_pattern
from cspgraph.loaders.parse.markers import NUMBER_WORD
from cspgraph.loaders.recognisers.common import source_if_quoted
from cspgraph.loaders.recognisers.reading.priorities import ACTION_INTRO, BARE_LABEL, labelled

_PRIORITY_WORD = re.compile(r"\bpriorit(?:y|ies)\b", re.IGNORECASE)
_NOT_PRIORITIES = re.compile(
    r"\b(?:actions?|indicators?|funding|budgets?|recommend\w*|spend\w*|targets?)\b", re.I
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SMALL = _words("a an and as at by for from in into of on or our the their to with its & vs")
_NAME_AIM = re.compile(r"^(?P<name>[^–—:]{3,90}?)\s*(?:[–—]|\s-\s|:\s)\s*(?P<aim>\S.+)$")
_RAW_BOLD = re.compile(
    r"^\s*(?:[-*•]\s+)?(?:\*\*|__|<b>|<strong>)(?P<bold>.+?)(?:\*\*|__|</b>|</strong>)"
)
_LEAD_IN_VERB = re.compile(r"\b(?:are|is|will|include|includes|were|being)\b\W*$", re.I)
_SECTION_NUMBER = re.compile(r"^(\d{1,2})\.?$")
_INCLUDES = words_pattern("documents", "including_words",
                          r"^\(?\s*(?:{words})\s+(?P<items>[^()]+?)\s*\)?\.?$")
_PRIORITY_TITLE = re.compile(
    rf"^priority\s+(?P<n>\d{{1,2}}|[A-Z]|{NUMBER_WORD})"
    r"\s*[:.–—-]\s*(?P<name>\S.{1,90})$",
    re.IGNORECASE,
)
_STRUCTURE = words_pattern("sections", "structure_headings", r"^(?:{words})\b")
_CONTENTS = words_pattern("sections", "contents_headings", r"^(?:{words}):?$")
_TOC_ENTRY = re.compile(r"(?:\d{1,3}|error!\s*bookmark not defined\.?)$", re.IGNORECASE)


@dataclass
class _Found:
    """Priorities found so far, with the keys in use and the section titles they came from."""

    facts: list[Fact] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)

    def key(self, wanted: str) -> str:
        key, n = wanted, 2
        while key in self.keys:
            key, n = f"{wanted}-{n}", n + 1
        self.keys.add(key)
        return key


def slug(text: str) -> str:
    """A key segment: lower-case words joined by hyphens."""
    words = re.sub(r"[^\w]+", " ", text.lower().replace("&", " and ")).split()
    return "-".join(words)[:60].rstrip("-") or "group"


def _clean_title(text: str) -> str:
    return re.sub(r"\s*[:\-–—]+\s*$", "", text).strip()


def _title_case(name: str) -> bool:
    """Every word but small ones starts with a capital or digit."""
    words = name.replace("-", " ").split()
    if not 1 <= len(words) <= 10 or words[-1].lower() in _SMALL:
        return False
    return all(w.lower() in _SMALL or w[0].isupper() or w[0].isdigit() for w in words)


def _name_aim(doc: Document, block: Block, listed: bool = False) -> tuple[str, str] | None:
    """(name, aim) of a "Name – aim" line whose name is bold or in title case; in a list
    of priorities, any short capitalised name before a dash will do."""
    m = _NAME_AIM.match(block.text)
    if m is None or len(m.group("aim").split()) < 3:
        return None
    name, aim = m.group("name").strip(), m.group("aim").strip()
    bold = _RAW_BOLD.match(doc.lines[block.span.start - 1]) if doc.lines else None
    if bold and bold.group("bold").strip(" *_–—-:") == name:
        return name, aim
    if listed and name[:1].isupper() and len(name.split()) <= 6 and ":" not in m.group():
        return name, aim
    return (name, aim) if _title_case(name) else None


def _is_title(block: Block) -> bool:
    """A heading, or a short line that is bold or ends with a colon."""
    if block.kind is BlockKind.HEADING:
        return True
    text = block.text.rstrip()
    if block.kind is not BlockKind.PARAGRAPH or _LEAD_IN_VERB.search(text):
        return False
    return (block.bold and len(text.split()) <= 8) or (
        text.endswith(":") and len(text.split()) <= 5
    )


def _priority(doc: Document, found: _Found, block: Block, key: str, name: str,
              quote: str, **extra: str | None) -> None:
    if BARE_LABEL.fullmatch(name.strip()) and (named := labelled(block.text)):
        name, extra["aim"] = named[0].name, named[0].aim  # "Priority 2 – Name: aim"
    src = source_if_quoted(doc, block.span, quote)
    if src is not None and name:
        found.facts.append(Priority(src, key=found.key(key), name=name, **extra))


def _list_priorities(doc: Document, found: _Found, items: list[Block], group: str | None,
                     prefix: str) -> None:
    """Top-level items of one list: each a priority ("Name – aim" or the whole text)."""
    top = min(b.level for b in items)
    count = 0
    for item in items:
        if item.level != top:
            continue
        count += 1
        number = re.sub(r"\D", "", item.marker) if item.ordered else ""
        pair = _name_aim(doc, item, listed=True)
        name, aim = pair if pair else (item.text.strip().rstrip("."), None)
        _priority(doc, found, item, f"{prefix}/{number or count}", name, item.text,
                  aim=aim, number=number or None, group=group)


def _list_run(blocks: list[Block], j: int) -> list[Block]:
    run = []
    while j < len(blocks) and blocks[j].kind is BlockKind.LIST_ITEM:
        run.append(blocks[j])
        j += 1
    return run


def _titled_lists(doc: Document, found: _Found) -> Iterator[Block]:
    """Priorities under titles naming priorities; yields the titles used."""
    blocks = doc.blocks
    i = 0
    while i < len(blocks):
        title = blocks[i]
        i += 1
        if not _is_title(title) or not _PRIORITY_WORD.search(title.text):
            continue
        if _NOT_PRIORITIES.search(title.text):
            continue
        group, used, j, before = _clean_title(title.text), [title], i, len(found.facts)
        count = 0  # "Name – aim" paragraphs in the current group
        while j < len(blocks):
            block = blocks[j]
            if block.kind is BlockKind.LIST_ITEM and blocks[j - 1] is used[-1]:
                run = _list_run(blocks, j)
                if _numbered_under(used[-1], run):
                    break  # the title's own numbered paragraphs (2.1, 2.2 under "2."), not a list
                _list_priorities(doc, found, run, group, f"priority/{slug(group)}")
                j += len(run)
            elif block.kind is BlockKind.PARAGRAPH and (pair := _name_aim(doc, block)):
                count += 1
                _priority(doc, found, block, f"priority/{slug(group)}/{count}", pair[0],
                          block.text, aim=pair[1], group=group)
                j += 1
            elif _is_title(block) and not _sibling(title, block) and len(
                    block.text.split()) <= 6 and _entries_follow(
                doc, blocks, j + 1
            ) and not _NOT_PRIORITIES.search(block.text):
                group, count = _clean_title(block.text), 0
                used.append(block)
                j += 1
            else:
                break
        if len(found.facts) > before:
            yield from used
        i = max(i, j)


def _section_number(block: Block) -> str:
    """A numbered title's section number: "2" for "2.", "2)" or "2.0", "3.1" for "3.1"."""
    if not block.marker[:1].isdigit():
        return ""
    return re.sub(r"\.0$", "", block.marker.rstrip(".)"))


def _numbered_under(title: Block, run: list[Block]) -> bool:
    """True when the items are numbered as paragraphs of a numbered title: "2.1", "2.2"
    under "2. Priority areas" or "2.0 PRIORITIES"."""
    number = _section_number(title)
    first = run[0].marker if run else ""
    return bool(number) and first.startswith(f"{number}.") and len(first) > len(number) + 1


def _sibling(title: Block, block: Block) -> bool:
    """True when ``block`` is numbered as the next section at the title's depth ("5.0"
    after "4.0 PRIORITIES"): it ends the title's section, it is no group under it."""
    number, other = _section_number(title), _section_number(block)
    return bool(number and other) and number.count(".") == other.count(".")


def _entries_follow(doc: Document, blocks: list[Block], j: int) -> bool:
    if j >= len(blocks):
        return False
    block = blocks[j]
    return block.kind is BlockKind.LIST_ITEM or (
        block.kind is BlockKind.PARAGRAPH and _name_aim(doc, block) is not None
    )


def _lead_in_lists(doc: Document, found: _Found) -> Iterator[Block]:
    """A short colon-ended paragraph naming priorities, then a list."""
    blocks = doc.blocks
    for i, block in enumerate(blocks[:-1]):
        text = block.text.rstrip()
        if block.kind is not BlockKind.PARAGRAPH or not re.search(r":-?$", text):
            continue
        if len(text.split()) > 25 or not _PRIORITY_WORD.search(text):
            continue
        if _NOT_PRIORITIES.search(text) or blocks[i + 1].kind is not BlockKind.LIST_ITEM:
            continue
        if ACTION_INTRO.search(text):  # "... through:": the means, not more priorities
            continue
        if any(f.source.span.start == blocks[i + 1].span.start for f in found.facts):
            continue
        _list_priorities(doc, found, _list_run(blocks, i + 1), None, "priority")
        yield block


def _section_title(block: Block) -> tuple[str, str, str] | None:
    """(number, title, rest) of a "3. Domestic Abuse:" section title, else None."""
    if block.kind in (BlockKind.LIST_ITEM, BlockKind.HEADING) and (
            m := _SECTION_NUMBER.match(block.marker)):
        number, text = m.group(1), block.text
    else:
        return None
    title, colon, rest = text.partition(":")
    if not colon and not block.bold:  # "3. Domestic Abuse:" titles its section; an agenda
        return None  # item's "3. Partnership priorities" does not announce sibling topics
    if not 1 <= len(title.split()) <= 8 or (rest.strip() and not rest.strip().startswith("(")):
        return None
    return number, title.strip(), rest.strip()


def _includes(rest: str) -> list[str]:
    """Items of "(incorporating A, B and C)"; without commas the phrase is one item."""
    m = _INCLUDES.match(rest)
    if m is None:
        return []
    parts = [p.strip() for p in m.group("items").split(",")]
    if len(parts) > 1:
        last = re.split(r"\s+(?:and|&)\s+", parts.pop())
        parts += last
    return [p for p in parts if p and len(p.split()) <= 8]


def _numbered_sections(doc: Document, found: _Found) -> Iterator[tuple[Block, str]]:
    """Sibling sections numbered after a section titled with the word priority."""
    titles = [(b, t) for b in doc.blocks if (t := _section_title(b)) is not None]
    for i, (block, (number, title, _)) in enumerate(titles):
        if not _PRIORITY_WORD.search(title) or _NOT_PRIORITIES.search(title):
            continue
        expected = int(number) + 1
        for sibling, (n, name, rest) in titles[i + 1 :]:
            if int(n) != expected or _STRUCTURE.match(name):
                break
            expected += 1
            key = f"priority/{n}"
            before = len(found.facts)
            _priority(doc, found, sibling, key, name, name, number=n, group=_clean_title(title))
            if len(found.facts) == before:
                continue
            parent = found.facts[-1]
            assert isinstance(parent, Priority)
            for k, sub in enumerate(_includes(rest), 1):
                _priority(doc, found, sibling, f"{parent.key}/{k}", sub, sub, parent=parent.key)
        if expected > int(number) + 1:
            yield block, "priority section title"
            priorities = {f.source.span.start for f in found.facts}
            for other, _ in titles:
                if other is not block and other.span.start not in priorities:
                    yield other, "section title"
            return


def _priority_titles(doc: Document, found: _Found) -> None:
    """"Priority 2: Safer Streets" titles."""
    for block in doc.blocks:
        if block.kind is BlockKind.TABLE or not (_is_title(block) or block.ordered):
            continue
        m = _PRIORITY_TITLE.match(block.text.strip())
        if m is None or _NOT_PRIORITIES.search(m.group("name")):
            continue
        name = _clean_title(m.group("name"))
        _priority(doc, found, block, f"priority/{m.group('n').lower()}", name, name,
                  number=m.group("n"))


def _contents(doc: Document) -> Iterator[Furniture]:
    """A "Contents" line and the entries after it that end in page numbers."""
    blocks = doc.blocks
    for i, block in enumerate(blocks):
        if block.kind is BlockKind.TABLE or not _CONTENTS.match(block.text.strip()):
            continue
        entries: list[Span] = []
        for after in blocks[i + 1 :]:
            if after.kind is BlockKind.TABLE:
                rows = [r for r in after.rows if _TOC_ENTRY.search(r.texts()[-1].strip())]
                if len(rows) < len(after.rows) / 2:
                    break
                entries += [r.span for r in rows]
            elif after.role == "contents" or (
                    _TOC_ENTRY.search(after.text.strip()) and len(after.text) < 120):
                entries.append(after.span)
            else:
                break
        if entries:
            for span in [block.span, *entries]:
                src = source_if_quoted(doc, span, doc.plain_line(span.start))
                if src is not None:
                    yield Furniture(src, reason="contents")


def recognise(doc: Document) -> Iterator[Fact]:
    """Priorities in prose, cited higher plans, contents and priority-section titles."""
    found = _Found()
    titles = list(_numbered_sections(doc, found))
    titles += [(b, "priority section title") for b in _titled_lists(doc, found)]
    titles += [(b, "priority section title") for b in _lead_in_lists(doc, found)]
    _priority_titles(doc, found)
    yield from found.facts
    for block, reason in titles:
        src = source_if_quoted(doc, block.span, block.text)
        if src is not None:
            yield Furniture(src, reason=reason)
    yield from _contents(doc)
