"""Action lines of minutes and notes, and who owns them.

"ACTION: CB to circulate the agreement to all partners by 30 April 2024." (the cue in
capitals, anywhere in a paragraph or list item), a line led by "Action:", "Action 3 –" or
"ACTION 24/31 –", and "Action: Draft a delivery plan (Owner: Anytown Police, Deadline:
June 2024)". The action is printed after the cue; its number is its minute's ("2.2") or
its own reference; its timescale the one printed ("by 30 April 2024", "June 2024").

The owner is read from "(Owner: X ...)", "Lead: X", or the words before "to <verb>"
("Anytown Police to share ..."). It is the action's lead when it is plainly:

* a person: "Ms Patel" takes the full name of the one person of that title and surname
  the minutes list; initials take the one person listed whose initials they are ("CB"
  for "Supt Colin Brown");
* "the Chair" or "Vice Chair" of the meeting's body, when the minutes name one;
* an agency ("Anytown Police"), or an acronym the document defines in brackets.

Initials that fit no one, or more than one, give a ``QualityNote`` and no lead; "All
members to ..." has no lead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

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
from cspgraph.loaders.parse.people import organisation_like, parse_person, strip_title
from cspgraph.loaders.parse.timescales import parse_timescale
from cspgraph.loaders.recognisers.reading.context import Context, Passage

ACTION_CUE = re.compile(  # "ACTION 24/31 – ...", "ACTION POINT: ..."
    r"\bACTIONS?(?:\s+POINT)?(?:\s+(?P<ref>[A-Z]{0,3}\d[\w/.-]*))?\s*(?::|\s[–—-]\s)\s*")
_START_CUE = re.compile(r"^(?i:agreed\s+)?(?i:actions?)(?:\s+(?i:point))?(?:\s+(?P<ref>[A-Z]{0,3}\d"
                        r"[\w/.-]*))?\s*(?::|[–—]|\s-\s|\s+(?=[A-Z][\w.'’/&-]*(?:\s+(?:and\s+)?"
                        r"[A-Z][\w.'’/&-]*){0,3}\s+to\s))\s*")
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
_ALL = re.compile(r"^(?:all|every|each)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ActionLine:
    """One action as its line prints it: after the cue, without the owner's details."""

    passage: Passage
    printed: str  # after the cue
    text: str  # without owner and deadline details
    owner: str | None
    timescale: str | None
    ref: str | None


def initials(name: str) -> set[str]:
    """The initials a person may be written as: "Supt Colin J Brown" -> {"CJB", "CB"}."""
    letters = [t[0] for t in strip_title(name)[1].split() if t[:1].isupper()]
    if len(letters) < 2:
        return set()
    return {"".join(letters), letters[0] + letters[-1]}


def _parse(passage: Passage, text: str, ref: str | None) -> ActionLine:
    body, owner, when = text.strip(), None, None
    fields = _META.search(body)
    for f in _FIELD.finditer(fields["meta"] if fields else body):
        key, value = f["key"].lower(), f["value"].strip()
        if key.startswith(("owner", "lead", "respons", "by whom")):
            owner = owner or value
        else:
            when = when or value
    if fields:
        body = body[:fields.start()].strip()
    if when is None and (m := _BY.search(body)):
        when = m["when"]
    if owner is None and (m := _OWNER_TO.match(body)):
        owner = m["owner"]
    return ActionLine(passage, text.strip(), body.rstrip(" ."), owner, when, ref)


def action_lines(ctx: Context) -> Iterator[ActionLine]:
    """Every action line of the document, in order."""
    for passage in ctx.passages:
        if passage.kind == "heading":
            continue
        text = passage.text
        cues = list(ACTION_CUE.finditer(text))
        if not cues and (m := _START_CUE.match(text)):
            cues = [m]
        for k, cue in enumerate(cues):
            end = cues[k + 1].start() if k + 1 < len(cues) else len(text)
            action = text[cue.end():end].strip()
            if len(action.split()) >= 2:
                yield _parse(passage, action, cue.group("ref"))


class Owners:
    """Who the minutes list, to tell whom an action's owner names."""

    def __init__(self, people: list[Fact], defined: set[str]) -> None:
        self.people: dict[str, str | None] = {}  # person as shown -> organisation
        self.chairs: dict[Role, set[str]] = {}
        for fact in people:
            if isinstance(fact, Membership) and fact.person:
                self.people.setdefault(fact.member, fact.organisation)
            elif isinstance(fact, Post) and fact.person:
                self.chairs.setdefault(fact.role, set()).add(fact.person)
                self.people.setdefault(fact.person, fact.organisation)
        self.defined = defined

    def owner(self, owner: str) -> tuple[str, bool, str | None] | str | None:
        """(lead, is a person, organisation) for a plain owner; a note for initials that fit
        no one or several; None for an owner that is neither person nor agency."""
        owner = owner.strip(" .,;")
        if m := _CHAIR.match(owner):
            held = self.chairs.get(Role.VICE_CHAIR if m["vice"] else Role.CHAIR, set())
            if len(held) == 1:
                who = next(iter(held))
                return who, True, self.people.get(who)
            return None
        if _ALL.match(owner):
            return None
        if _INITIALS.match(owner) and owner not in self.defined:
            fits = [p for p in self.people if owner in initials(p)]
            if len(fits) == 1:
                return fits[0], True, self.people[fits[0]]
            if self.people:
                who = "no one" if not fits else "more than one person"
                return (f"action owner '{owner}' fits {who} in the attendance lists; "
                        "no lead recorded")
        person = parse_person(owner)
        if person is not None and not person.agency and not person.post:
            words = strip_title(owner)[1].split()
            fits = [p for p in self.people if strip_title(p)[1].split()[-1:] == words[-1:]
                    and (len(words) > 1 or strip_title(p)[0] == strip_title(owner)[0])
                    and p.split()[0] == owner.split()[0]]
            full = fits[0] if len(fits) == 1 else owner
            return full, True, self.people.get(full)
        if (organisation_like(owner) and not _INITIALS.match(owner)) or owner in self.defined:
            return owner, False, None
        return None


def read_action_lines(ctx: Context, owners: Owners) -> list[Fact]:
    """An action Item per action line, its owner as lead, its deadline as timescale."""
    out: list[Fact] = []
    for n, action in enumerate(action_lines(ctx), 1):
        passage = action.passage
        quote = action.printed if action.printed in passage.text else passage.text
        src = Source(passage.span, quote)
        key = f"reading/minutes-action/{n}"
        start, end = parse_timescale(action.timescale) if action.timescale else (None, None)
        number = action.ref or (passage.marker.strip("().") if any(
            c.isdigit() for c in passage.marker) else None)
        out.append(Item(src, key, ItemKind.ACTION, action.text, number=number,
                        timescale=action.timescale, due_start=start, due_end=end,
                        made_by="action line", confidence=0.85))
        owner = owners.owner(action.owner) if action.owner else None
        if isinstance(owner, str):
            out.append(QualityNote(src, owner, made_by="action line"))
        elif owner is not None:
            lead, is_person, organisation = owner
            out.append(Lead(src, key, lead, is_person, organisation=organisation
                            if is_person else None, made_by="action line", confidence=0.85))
    return out
