"""Layout family: who attended a meeting, and membership tables.

The meeting's body comes from the document's title ("Minutes of the Anytown Safer
Partnership Board meeting held on 12 March 2024"; see ``minutes_common.meeting``).
Without one, attendance lists are not read: they would be lists of no body.

* **Attendance lists**: a line led by "Present:", "Members present:", "In attendance:",
  "Apologies:" or "Apologies for absence:", naming people on the same line (split at
  ";", else at ",", where a comma-separated organisation or job title belongs to the
  person before it) or on the list items and lines that follow a cue printed alone
  ("Present", "Apologies:"). "Apologies for absence were received from A, B and C."
  is read too. Names printed with no separators ("Cllr A Smith Cllr B Jones") are
  split at title words. Each person (or agency, when no person is named) is a
  ``Membership`` of the meeting's body with the attendance noted: "present",
  "apologies" (a member who was absent) or "in attendance".
* **Chairs**: "(Chair)", "(Vice-Chair)", "(in the Chair)" beside a name, or a line
  "Chair: Cllr A Smith" / "Chaired by Cllr A Smith" in the minutes, give a ``Post``.
* **Membership tables**: a header row with a name column ("Name", "Member name",
  "Attendee") and a role ("Role", "Position") or organisation ("Organisation",
  "Agency", "Representing") column, of the meeting's body or of the body a heading
  above names ("Membership of the X Board"). "Chair" or "Vice Chair" in the role
  column gives a ``Post``; other roles are job titles.

An entry that is not plainly a person or an agency makes its whole line not
understood: a wrong member is worse than a line left for a person to read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from cspgraph.loaders.document import Block, BlockKind, Document, Row
from cspgraph.loaders.facts import Body, Fact, Furniture, Membership, Post, Role, Source
from cspgraph.loaders.recognisers.minutes_common import (
    Meeting,
    as_item,
    body_name,
    meeting,
    source,
    split_outside_brackets,
)
from cspgraph.loaders.recognisers.person_names import (
    Attendee,
    agency_like,
    chair_role,
    job_like,
    parse_attendee,
    person,
    split_entries,
)

_CUE = re.compile(
    r"^(?P<cue>(?:(?:members|councillors|partners|board\s+members|those)\s+)?present"
    r"|(?:(?:officers|others|also)\s+)?(?:in\s+attendance|present)|attendees|attending"
    r"|apologies(?:\s+for\s+absence)?(?:\s+(?:were\s+)?received(?:\s+from)?)?)"
    r"\s*(?:[:–—]|\s-)\s*(?P<rest>.*)$"
    r"|^(?P<alone>(?:members\s+)?present|(?:officers\s+)?in\s+attendance|attendees"
    r"|apologies(?:\s+for\s+absence)?)\s*$",
    re.IGNORECASE,
)
_PROSE_APOLOGIES = re.compile(
    r"^apologies\s+(?:for\s+absence\s+)?(?:were\s+)?(?:received|submitted|given|noted)\s+"
    r"(?:from|by)\s*:?\s+(?P<rest>.+?)\.?$",
    re.IGNORECASE,
)
_CHAIR_LINE = re.compile(
    r"^(?:(?P<vice>vice|deputy)[- ]?)?chair(?:man|person|woman)?\s*:\s*(?P<rest>.+)$"
    r"|^(?:chaired\s+by|in\s+the\s+chair\s*:)\s*(?P<by>.+?)\.?$",
    re.IGNORECASE,
)
_NAME_HEAD = re.compile(
    r"^(?:(?:member|attendee|representative)(?:['’]s)?\s+)?names?$|^attendees?$", re.I)
_ROLE_HEAD = re.compile(
    r"^(?:role|position|post|title|job\s+title|designation|role\s+on\s+(?:the\s+)?\w+)$", re.I)
_ORG_HEAD = re.compile(
    r"^(?:organi[sz]ation|agency|representing|employer|service|partner(?:\s+agency)?"
    r"|member\s+organi[sz]ation)$", re.I)
_MEMBERSHIP_OF = re.compile(
    r"^(?:(?:current\s+)?(?:membership|members)\s+of\s+)(?P<body>.+)$"
    r"|^(?P<body2>.+?)\s+(?:membership|members)\s*:?$", re.I)
_AND = re.compile(r"\s+and\s+")
_PLACEHOLDER = re.compile(r"^(?:vacant|tbc|tba|n/?a|-+|to be (?:confirmed|appointed))$", re.I)
_MAX_FOLLOWING = 60


def _status(cue: str) -> str:
    low = cue.lower()
    if low.startswith("apolog"):
        return "apologies"
    return "in attendance" if "attendance" in low or low.startswith("officers") else "present"


def _entry(text: str) -> list[tuple[str, Attendee]] | None:
    """The people one entry names, each with its words: one, or several run together."""
    text = re.sub(r"^(?:and|&)\s+", "", text.strip(" .;"))
    found = parse_attendee(text)
    if found is not None:
        return [(text, found)]
    pieces = _AND.split(text)  # "Cllr A Smith and Cllr B Jones"
    if len(pieces) == 2 and all(person(p) for p in pieces):
        return [(p, Attendee(person(p) or p, True)) for p in pieces]
    parts = split_entries(text)
    if len(parts) < 2:
        return None
    out = [(p, parse_attendee(p)) for p in parts]
    if not all(a is not None and a.is_person for _, a in out):
        return None
    return [(p, a) for p, a in out if a is not None]


def read_list(text: str) -> list[tuple[str, Attendee]] | None:
    """Everyone a one-line list names, with the words naming each, or None when any
    entry is not plainly someone.

    Entries are split at ";" when there is one, else at ",", where an organisation or
    job title after a comma belongs to the person before it.
    """
    text = text.strip(" .")
    if not text:
        return None
    if ";" in text:
        chunks, commas = _stripped(split_outside_brackets(text, ";")), False
    else:
        chunks, commas = _stripped(split_outside_brackets(text, ",")), True
    out: list[tuple[str, Attendee]] = []
    for chunk in chunks:
        printed, last = out[-1] if out else ("", None)
        if commas and last is not None and last.is_person and person(chunk) is None:
            more = chunk.strip(" .")
            if last.organisation is None and agency_like(chunk):
                out[-1] = (f"{printed}, {more}", replace(last, organisation=more))
                continue
            if last.title is None and job_like(chunk):
                out[-1] = (f"{printed}, {more}", replace(last, title=more))
                continue
        found = _entry(chunk)
        if found is None:
            return None
        out += found
    return out


def _facts(doc: Document, block: Block, found: list[tuple[str, Attendee]], meet: Meeting,
           status: str | None) -> Iterator[Fact]:
    """A Post per chair and a Membership per person or agency of one list line."""
    for printed, a in found:
        src = source(doc, block.span, printed) or source(doc, block.span, a.name)
        if src is None:
            continue
        if a.role is not None:
            yield Post(src, meet.body, a.role, a.name, a.title, a.organisation)
        role = "Chair" if a.role is Role.CHAIR else "Vice Chair" if a.role else None
        yield Membership(src, meet.body, a.name, role, person=a.is_person, title=a.title,
                         organisation=a.organisation, attendance=status,
                         meeting=meet.date if status else None)


def _quote(doc: Document, block: Block) -> Source | None:
    return source(doc, block.span, block.text)


def _lists(doc: Document, meet: Meeting) -> Iterator[Fact]:
    """Facts of every attendance list and chair line of the minutes."""
    blocks = [b for b in doc.blocks if b.kind is not BlockKind.TABLE]
    i = 0
    while i < len(blocks):
        block = blocks[i]
        i += 1
        text = block.text.strip()
        if (m := _PROSE_APOLOGIES.match(text)) and (found := read_list(_and_list(m["rest"]))):
            yield from _facts(doc, block, found, meet, "apologies")
            continue
        if (m := _CHAIR_LINE.match(text)) and block.kind is not BlockKind.HEADING:
            yield from _chair_line(doc, block, blocks[i - 2] if i > 1 else None, m, meet)
            continue
        m = _CUE.match(text)
        if m is None:
            continue
        status = _status(m["cue"] or m["alone"])
        if m["rest"]:
            if found := read_list(m["rest"]):
                yield from _facts(doc, block, found, meet, status)
            continue
        used = 0
        while i < len(blocks) and used < _MAX_FOLLOWING:
            after = blocks[i]
            item = as_item(after)
            line = item.text if item is not None else after.text
            if after.kind is BlockKind.HEADING or _CUE.match(line) or len(line.split()) > 25:
                break
            found = read_list(line)
            if not found:
                break
            yield from _facts(doc, after, found, meet, status)
            used, i = used + 1, i + 1
        if used and (src := _quote(doc, block)) is not None:
            yield Furniture(src, reason="attendance list heading")


def _and_list(text: str) -> str:
    """"A, B and C" as "A, B, C" where the last "and" joins two people."""
    head, sep, tail = text.rpartition(" and ")
    if sep and person(tail.strip(" .")) and (person(head.rsplit(",", 1)[-1].strip())
                                              or parse_attendee(head.rsplit(",", 1)[-1])):
        return f"{head}, {tail}"
    return text


def _chair_line(doc: Document, block: Block, previous: Block | None, m: re.Match[str],
                meet: Meeting) -> Iterator[Fact]:
    """A "Chair: Cllr A Smith" line; one under a body's own name is governance prose's."""
    if previous is not None and body_name(previous.text) is not None:
        return
    found = parse_attendee(m["rest"] or m["by"])
    src = _quote(doc, block)
    if found is None or not found.is_person or src is None:
        return
    role = Role.VICE_CHAIR if m["vice"] else Role.CHAIR
    yield Post(src, meet.body, role, found.name, found.title, found.organisation)


def _columns(row: Row) -> tuple[int, int | None, int | None] | None:
    """(name, role, organisation) column indexes of a membership table's header row."""
    texts = [" ".join(t.strip(" :").split()) for t in row.texts()]
    name = next((i for i, t in enumerate(texts) if _NAME_HEAD.match(t)), None)
    role = next((i for i, t in enumerate(texts) if _ROLE_HEAD.match(t)), None)
    org = next((i for i, t in enumerate(texts) if _ORG_HEAD.match(t)), None)
    if name is None or (role is None and org is None):
        return None
    return name, role, org


def _table_body(blocks: list[Block], n: int, meet: Meeting | None
                ) -> tuple[str, Block | None] | None:
    """The body a membership table lists, with the line naming it: a heading or line
    just above ("Membership of the X Board"), or else the body whose meeting the
    document minutes."""
    for block in reversed(blocks[max(0, n - 3) : n]):
        if block.kind is BlockKind.TABLE:
            break
        m = _MEMBERSHIP_OF.match(block.text.strip(" :."))
        if m and (name := body_name(m["body"] or m["body2"])):
            return name, block
    return (meet.body, None) if meet is not None else None


def _cell(row: Row, index: int | None) -> str:
    if index is None or index >= len(row.cells):
        return ""
    return " ".join(row.cells[index].text.split())


def _tables(doc: Document, meet: Meeting | None) -> Iterator[Fact]:
    """Members and chairs from "Name | Role | Organisation" tables."""
    for n, table in enumerate(doc.blocks):
        if table.kind is not BlockKind.TABLE or not table.rows:
            continue
        header = next(((k, c) for k, r in enumerate(table.rows[:2]) if (c := _columns(r))), None)
        named = _table_body(doc.blocks, n, meet) if header is not None else None
        if header is None or named is None:
            continue
        body, named_by = named
        first, (name_col, role_col, org_col) = header
        status = "present" if table.rows[first].texts()[name_col].lower().startswith(
            "attendee") else None
        rows = table.rows[first + 1 :]
        facts: list[Fact] = []
        for row in rows:
            name, role_text, org = (_cell(row, name_col), _cell(row, role_col),
                                    _cell(row, org_col))
            who = person(name)
            src = source(doc, row.span, doc.plain(row.span))
            if who is None or src is None or _PLACEHOLDER.match(name):
                continue
            chair = chair_role(role_text) if role_text else None
            title = None if chair or not role_text else role_text
            organisation = org or None
            if chair is not None:
                facts.append(Post(src, body, chair, who, None, organisation))
            role = "Chair" if chair is Role.CHAIR else "Vice Chair" if chair else None
            facts.append(Membership(src, body, who, role, person=True, title=title,
                                    organisation=organisation, attendance=status,
                                    meeting=meet.date if status and meet else None))
        if facts:
            head = table.rows[first]
            yield Furniture(Source(head.span, doc.plain_line(head.span.start)),
                            reason="membership table header")
            if named_by is not None and (src := source(doc, named_by.span, named_by.text)):
                yield Furniture(src, reason="membership table title")
            yield from facts


def recognise(doc: Document) -> Iterator[Fact]:
    """The meeting's body, its members and chairs from attendance lists and tables."""
    meet = meeting(doc)
    if meet is not None:
        yield Body(meet.source, meet.body, meet.kind)
        yield from _lists(doc, meet)
    yield from _tables(doc, meet)


def _stripped(parts: list[str]) -> list[str]:
    return [p.strip() for p in parts if p.strip()]
