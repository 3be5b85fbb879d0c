"""Layout family: priority lead lines, "1. Domestic Abuse – D/Supt A. Name (MPS)".

A list (numbered, lettered or bulleted, "·" bullets included) under a line that
speaks of priorities ("Leads for each priority were confirmed:", "Our priorities and
their leads"), whose items read "<priority> – <lead>" or "<priority> (lead: <lead>)".
The lead is a person, with the agency in brackets or after a comma ("D/Supt A. Name
(MPS)", "Ms B Roe, Anytown Borough Council"), or one or more agencies ("Anytown
Police", "YOS / Probation").

Each item gives a ``Priority`` (unless another recogniser found it already, at the
same line or under the same name: then its key is used), a ``Lead`` for the person
and one for their agency. "A or B" is kept as stated: a ``Lead`` for each and a
``QualityNote`` saying the document names them as alternatives, never one chosen.

It takes two such items in one list to read it as lead lines, and every lead must be
plainly a person or an agency: "Parking – residents or visitors" is not a lead line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from cspgraph.loaders.document import Block, BlockKind, Document
from cspgraph.loaders.facts import Fact, Lead, Priority, QualityNote, Source
from cspgraph.loaders.leads import split_leads
from cspgraph.loaders.recognisers.minutes_common import (
    Item,
    as_item,
    known_priorities,
    norm,
    source,
)
from cspgraph.loaders.recognisers.person_names import (
    Attendee,
    agency_like,
    has_title,
    parse_attendee,
    person,
)
from cspgraph.loaders.recognisers.priority_sentences import stated_priorities

_DASHED = re.compile(
    r"^(?P<name>[A-Z][^–—:()]{1,80}?)\s+(?:[–—]|-{1,2})\s+"
    r"(?:(?:lead(?:\s+(?:officer|agency|agencies|partners?))?|led\s+by)\s*:?\s*)?"
    r"(?P<lead>\S.*?)\.?$"
)
_BRACKETED = re.compile(
    r"^(?P<name>[A-Z][^–—:()]{1,80}?)\s*\(\s*(?:lead(?:\s+(?:officer|agency|partners?))?"
    r"|led\s+by)\s*:?\s*(?P<lead>[^()]+(?:\([^()]*\)[^()]*)?)\)\.?$",
    re.IGNORECASE,
)
_OR = re.compile(r"\s+or\s+")
_PRIORITY = re.compile(r"priorit", re.IGNORECASE)
_NOT_PRIORITY = re.compile(
    r"^(?:introduction|background|apologies|minutes|actions?|date|venue|contact|any\s+other"
    r"|aob|chair)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _LeadLine:
    item: Item
    name: str
    leads: list[Attendee]
    printed: str  # the lead as printed
    alternatives: bool


def _family(marker: str) -> str:
    """The kind of list marker: items of one list share it ("1." and "2.", "(a)" and "(b)")."""
    if not any(c.isalnum() for c in marker):
        return "bullet"
    if re.fullmatch(r"\d+\.?", marker):
        return "number"
    if re.fullmatch(r"\d+(?:\.\d+)+\.?", marker):
        return f"number{marker.rstrip('.').count('.')}"
    if re.fullmatch(r"\(?[a-z]{1,4}\)", marker):
        return "lower"
    if re.fullmatch(r"\(?[A-Z]{1,4}\)", marker):
        return "upper"
    return marker


def _agencies(text: str) -> list[Attendee] | None:
    """Agencies named in one alternative: "Police", "YOS / Probation"."""
    names = split_leads(text)
    if names and all(agency_like(n) for n in names):
        return [Attendee(n, False) for n in names]
    return None


def read_lead(text: str) -> tuple[list[Attendee], bool] | None:
    """(leads, stated as alternatives) of a lead as printed, or None when any part of it
    is not plainly a person or an agency."""
    parts = _OR.split(text.strip(" ."))
    leads: list[Attendee] = []
    for part in parts:
        found = parse_attendee(part)
        if found is not None and found.role is None:
            leads.append(found)
        elif (agencies := _agencies(part)) is not None:
            leads += agencies
        else:
            return None
    return leads, len(parts) > 1


def _line(item: Item) -> _LeadLine | None:
    m = _BRACKETED.match(item.text) or _DASHED.match(item.text)
    if m is None or _NOT_PRIORITY.match(m["name"]) or len(m["name"].split()) > 8:
        return None
    if person(m["name"]) is not None and has_title(m["name"]):
        return None  # "Cllr A Smith – Anytown Council" lists a person, not a priority
    found = read_lead(m["lead"])
    if found is None:
        return None
    return _LeadLine(item, m["name"].strip(), found[0], m["lead"].strip(" ."), found[1])


def _runs(blocks: list[Block]) -> Iterator[tuple[Block | None, list[Item]]]:
    """Each run of list items of one marker family, with the block before it."""
    i = 0
    while i < len(blocks):
        item = as_item(blocks[i])
        if item is None:
            i += 1
            continue
        run, family = [item], _family(item.marker)
        j = i + 1
        while j < len(blocks) and (nxt := as_item(blocks[j])) and _family(nxt.marker) == family:
            run.append(nxt)
            j += 1
        yield (blocks[i - 1] if i else None), run
        i = j


def _about_priorities(before: Block | None, blocks: list[Block], index: int) -> bool:
    """True when the line before the list, or a heading just above, speaks of priorities."""
    if before is not None and _PRIORITY.search(before.text):
        return True
    for block in reversed(blocks[max(0, index - 3) : index]):
        if block.kind is BlockKind.HEADING:
            return bool(_PRIORITY.search(block.text))
    return False


def lead_lines(doc: Document) -> list[_LeadLine]:
    """The lead lines of ``doc``, in order."""
    blocks = [b for b in doc.blocks if b.kind is not BlockKind.TABLE]
    where = {id(b): k for k, b in enumerate(blocks)}
    out: list[_LeadLine] = []
    for before, run in _runs(blocks):
        lines = [found for item in run if (found := _line(item)) is not None]
        if len(lines) < 2 or not _about_priorities(before, blocks, where[id(run[0].block)]):
            continue
        out += lines
    return out


def lead_line_priorities(doc: Document, known: list[Priority],
                         lines: list[_LeadLine] | None = None
                         ) -> tuple[list[Priority], list[tuple[str, _LeadLine]]]:
    """(new priorities, (priority key, lead line) pairs): a lead line takes the key of a
    priority ``known`` at its line or by its name, else a new "priority/lead-lines/<n>"."""
    new: list[Priority] = []
    pairs: list[tuple[str, _LeadLine]] = []
    for line in lead_lines(doc) if lines is None else lines:
        start = line.item.block.span.start
        same = [p for p in [*known, *new] if p.source.span.start == start] or [
            p for p in [*known, *new] if norm(p.name) == norm(line.name)]
        if same:
            pairs.append((same[0].key, line))
            continue
        src = source(doc, line.item.block.span, line.item.text)
        if src is None:
            continue
        number = re.sub(r"[^\w]", "", line.item.marker) if line.item.ordered else None
        new.append(Priority(src, key=f"priority/lead-lines/{len(new) + 1}", name=line.name,
                            number=number or None))
        pairs.append((new[-1].key, line))
    return new, pairs


def _leads(doc: Document, key: str, line: _LeadLine) -> Iterator[Fact]:
    span = line.item.block.span
    src = source(doc, span, line.printed) or Source(span, doc.plain(span))
    agencies: list[str] = []
    for lead in line.leads:
        if lead.is_person:
            yield Lead(src, target=key, lead=lead.name, person=True, title=lead.title,
                       organisation=lead.organisation)
            if lead.organisation:
                agencies.append(lead.organisation)
        else:
            agencies.append(lead.name)
    for agency in dict.fromkeys(agencies):
        yield Lead(src, target=key, lead=agency)
    if line.alternatives:
        yield QualityNote(src, message=f"the lead for '{line.name}' is stated as alternatives "
                                       f"('{line.printed}'); each is recorded, none chosen")


def recognise(doc: Document) -> Iterator[Fact]:
    """Priorities, their lead people and agencies, and notes on leads stated as
    alternatives, from "<priority> – <lead>" lists."""
    lines = lead_lines(doc)
    if not lines:
        return
    known = known_priorities(doc)
    known += stated_priorities(doc, known)
    new, pairs = lead_line_priorities(doc, known, lines)
    yield from new
    for key, line in pairs:
        yield from _leads(doc, key, line)
