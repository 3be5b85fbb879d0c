"""Layout family: actions recorded in minutes.

"ACTION: CB to circulate the agreement to all partners by 30 April 2024." (the cue in
capitals, anywhere in a paragraph or list item) and a line led by "Action:" or
"Action point:" ("Action: Draft a delivery plan (Owner: Anytown Police, Deadline:
June 2024)"). Each is an ``Item`` of kind ACTION keyed "minutes-action/<n>", numbered
as its minute is ("2.2"), with its timescale as printed ("by 30 April 2024", "June
2024") and the dates it stands for.

The owner is read from "(Owner: X ...)", "Lead: X", or the words before "to <verb>"
("Anytown Police to share ..."). It becomes a ``Lead`` when it is plainly:

* a person ("Ms Patel", taking the full name of the one person of that title and
  surname in the attendance lists) or initials that fit exactly one person listed
  ("CB" for "Supt Colin Brown");
* "the Chair" or "Vice Chair" of the meeting's body, when the minutes name one;
* an agency ("Anytown Police"), or an acronym the document defines in brackets.

Initials that fit no one, or more than one, give a ``QualityNote`` and no lead.
"All members to ..." has no lead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from cspgraph.loaders.document import Block, Document
from cspgraph.loaders.facts import (
    Fact,
    Item,
    ItemKind,
    Lead,
    Membership,
    Post,
    QualityNote,
    Role,
    Source,
)
from cspgraph.loaders.recognisers import attendance
from cspgraph.loaders.recognisers.minutes_common import as_item, source, text_blocks
from cspgraph.loaders.recognisers.person_names import agency_like, initials, person
from cspgraph.loaders.timescales import parse_timescale

_UPPER_CUE = re.compile(r"\bACTIONS?(?:\s+POINT)?\s*(?::|\s[–—-]\s)\s*")
_START_CUE = re.compile(
    r"^(?:agreed\s+)?actions?(?:\s+point)?(?:\s+\d{1,3})?\s*(?::|[–—]|\s-\s)\s*", re.IGNORECASE)
_META = re.compile(r"\s*\((?P<meta>[^()]*\b(?:owner|lead|responsible|deadline|due|by"
                   r"|timescale|target\s+date|date)\b\s*:[^()]*)\)\s*\.?\s*$", re.IGNORECASE)
_FIELD = re.compile(
    r"(?:^|[;,.–—]\s*|\s-\s)(?P<key>owner|lead(?:\s+officer)?|responsible|by\s+whom|deadline"
    r"|due(?:\s+date)?|by\s+when|by|timescale|target\s+date|date)\s*:\s*(?P<value>[^;()]+?)"
    r"(?=\s*(?:[;,.]\s*(?:owner|lead|responsible|by|deadline|due|timescale|target|date)\b"
    r"|[;.]?\s*$))",
    re.IGNORECASE,
)
_OWNER_TO = re.compile(r"^(?P<owner>(?:the\s+)?[A-Z][\w'’/&.-]*(?:\s+[\w'’/&.-]+){0,5}?)"
                       r"\s+to\s+(?=[a-z])")
_BY = re.compile(
    r"\s+(?P<when>(?:by|before)\s+(?:the\s+)?(?:(?:end|close)\s+of\s+)?"
    r"(?:next\s+(?:\w+\s+){0,2}meeting|[^,;()]{0,30}?\b(?:19|20)\d\d|[^,;()]{0,30}?"
    r"\b(?:Q[1-4]|quarter\s+[1-4])\b[^,;()]{0,12}?))\s*\.?\s*$",
    re.IGNORECASE,
)
_CHAIR = re.compile(r"^(?:the\s+)?(?P<vice>vice[- ]|deputy\s+)?chair(?:man|person|woman)?$",
                    re.IGNORECASE)
_INITIALS = re.compile(r"^[A-Z]{2,3}$")


@dataclass
class _People:
    """Who the minutes list: people with their organisations, and the meeting's chairs."""

    people: dict[str, str | None]  # person -> organisation
    chairs: dict[Role, set[str]]
    defined: set[str]  # acronyms the document defines in brackets

    @classmethod
    def of(cls, doc: Document) -> _People:
        people: dict[str, str | None] = {}
        chairs: dict[Role, set[str]] = {}
        for fact in attendance.recognise(doc):
            if isinstance(fact, Membership) and fact.person:
                people.setdefault(fact.member, fact.organisation)
            elif isinstance(fact, Post) and fact.person:
                chairs.setdefault(fact.role, set()).add(fact.person)
                people.setdefault(fact.person, fact.organisation)
        text = " ".join(b.text for b in doc.blocks)
        defined = set(re.findall(r"\(([A-Z]{2,6})\)", text))
        return cls(people, chairs, defined)


def _owner(owner: str, known: _People) -> tuple[str, bool, str | None] | str | None:
    """(lead, is a person, organisation) for a plain owner; a note (str) for initials that
    fit no one or several; None for an owner that is neither person nor agency."""
    owner = owner.strip(" .,;")
    if m := _CHAIR.match(owner):
        held = known.chairs.get(Role.VICE_CHAIR if m["vice"] else Role.CHAIR, set())
        if len(held) == 1:
            who = next(iter(held))
            return who, True, known.people.get(who)
        return None
    if _INITIALS.match(owner) and owner not in known.defined:
        fits = [p for p in known.people if owner in initials(p)]
        if len(fits) == 1:
            return fits[0], True, known.people[fits[0]]
        if known.people:
            who = "no one" if not fits else "more than one person"
            return f"action owner '{owner}' fits {who} in the attendance lists; no lead recorded"
    if (name := person(owner)) is not None:
        words = name.split()
        fits = [p for p in known.people if p.split()[0] == words[0] and p.endswith(words[-1])]
        full = fits[0] if len(fits) == 1 and len(words) == 2 else name
        return full, True, known.people.get(full)
    if (agency_like(owner) and not _INITIALS.match(owner)) or owner in known.defined:
        return owner, False, None
    return None


@dataclass(frozen=True)
class _Action:
    block: Block
    text: str  # the action as printed, after the cue
    body: str  # without owner and deadline details
    owner: str | None
    timescale: str | None


def _parse(block: Block, text: str) -> _Action:
    body, owner, when = text.strip(), None, None
    if m := _META.search(body):
        for f in _FIELD.finditer(m["meta"]):
            key, value = f["key"].lower(), f["value"].strip()
            if key.startswith(("owner", "lead", "respons", "by whom")):
                owner = owner or value
            else:
                when = when or value
        body = body[: m.start()].strip()
    else:
        for f in _FIELD.finditer(body):
            key, value = f["key"].lower(), f["value"].strip()
            if key.startswith(("owner", "lead", "respons", "by whom")):
                owner = owner or value
            else:
                when = when or value
    if when is None and (m := _BY.search(body)):
        when = m["when"]
    if owner is None and (m := _OWNER_TO.match(body)):
        owner = m["owner"]
    return _Action(block, text.strip(), body.rstrip(" ."), owner, when)


def _actions(doc: Document) -> Iterator[_Action]:
    for block in text_blocks(doc):
        item = as_item(block)
        text = item.text if item is not None else block.text
        cues = list(_UPPER_CUE.finditer(text))
        if not cues and (m := _START_CUE.match(text)):
            cues = [m]
        for k, cue in enumerate(cues):
            end = cues[k + 1].start() if k + 1 < len(cues) else len(text)
            action = text[cue.end() : end].strip()
            if len(action.split()) >= 2:
                yield _parse(block, action)


def recognise(doc: Document) -> Iterator[Fact]:
    """An action Item per "ACTION:" in the minutes, with its owner as lead and its deadline
    as timescale."""
    found = list(_actions(doc))
    if not found:
        return
    known = _People.of(doc)
    for n, action in enumerate(found, 1):
        span = action.block.span
        src = source(doc, span, action.text) or Source(span, doc.plain(span))
        key = f"minutes-action/{n}"
        start, end = parse_timescale(action.timescale) if action.timescale else (None, None)
        number = action.block.marker if action.block.ordered else None
        yield Item(src, key=key, kind=ItemKind.ACTION, text=action.body, number=number,
                   timescale=action.timescale, due_start=start, due_end=end)
        owner = _owner(action.owner, known) if action.owner else None
        if isinstance(owner, str):
            yield QualityNote(src, message=owner)
        elif owner is not None:
            lead, is_person, organisation = owner
            yield Lead(src, target=key, lead=lead, person=is_person,
                       organisation=organisation if is_person else None)
