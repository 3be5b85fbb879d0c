"""People as minutes and papers print them: "Cllr A Smith (Chair), Anytown BC".

Not a recogniser: the pure functions the minutes recognisers share.

* ``split_people`` splits a run of names printed with no separators ("Cllr A Smith
  Cllr B Jones Supt C Brown") where each name starts with a title word (Cllr,
  Councillor, Mr, Mrs, Ms, Dr, Supt, D/Supt, Ch Insp, Insp, Sgt, DCI ...). A run it
  cannot split for certain gives None, never a guess.
* ``parse_attendee`` reads one entry of an attendance list or lead line: the person
  (or an agency, when no person is named), "(Chair)" / "(Vice-Chair)", a job title and
  the organisation, from brackets, dashes and commas.
* ``agency_like`` says whether words name an organisation: they end in an organisation
  word ("Council", "Police", "Service") or are an acronym ("EBC", "YOS").
* ``initials`` gives the initials minutes use for a person ("CB" for "Supt Colin Brown").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cspgraph.loaders.facts import Role


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _words(text: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(t.split()) for t in text.split(","))


# Titles, as token sequences, lower case and without dots; longest tried first.
_TITLES = sorted(_words(
    "cllr,councillor,mr,mrs,ms,miss,mx,dr,prof,professor,rev,revd,sir,dame,lord,lady,"
    "supt,d/supt,det supt,ch supt,c/supt,chief supt,t/supt,a/supt,dsupt,"
    "insp,d/insp,det insp,ch insp,c/insp,chief insp,t/insp,a/insp,t/ch insp,"
    "sgt,d/sgt,det sgt,dci,di,ds,dc,pc,pcso,acc,dcc,"
    "superintendent,chief superintendent,detective superintendent,"
    "detective chief superintendent,inspector,chief inspector,detective inspector,"
    "detective chief inspector,sergeant,detective sergeant,constable,chief constable,"
    "assistant chief constable,deputy chief constable"
), key=len, reverse=True)
_INITIAL = re.compile(r"^(?:[A-Z]\.?|(?:[A-Z]\.){2,3})$")
_NAME_WORD = re.compile(r"^(?:Mc|Mac|O['’]|D['’])?[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*$")
_PARTICLES = _set("de van von der den da di du le la")

_ORG_WORDS = _set("""
    council councils police constabulary service services trust trusts partnership
    partnerships board boards authority authorities probation nhs team office group
    groups forum panel committee commission commissioner executive agency university
    college school schools association network alliance charity foundation court courts
    prison prisons centre department directorate unit housing health icb ccg csp cdrp
    company limited ltd plc cic commissioning rescue fire ambulance
""")
_JOB_WORDS = _set("""
    director head chief manager officer lead leader superintendent inspector commander
    coordinator co-ordinator secretary consultant adviser advisor analyst councillor
    member holder executive principal clerk governor deputy assistant specialist
    practitioner worker administrator mayor commissioner sergeant constable
""")
# Capitalised words that start lists and sentences, not names ("Councillors Smith and Jones").
_NOT_FIRST = _set("""
    councillors officers members all the representatives partners apologies present
    attendees guests residents staff other others no none nil chair vice deputy meeting
    minutes notes item agenda action actions date venue in at
""")
_ACRONYM = re.compile(r"^\(?[A-Z][A-Z&]{1,6}(?:['’]?s)?\)?$")
_CHAIR = re.compile(
    r"^(?:(?P<vice>vice|deputy)[- ]?)?chair(?:man|woman|person)?(?:\s+of\s+the\s+meeting)?$"
    r"|^in\s+the\s+chair$|^(?P<vice2>vice|deputy)\s+in\s+the\s+chair$",
    re.IGNORECASE,
)
_DASH = re.compile(r"\s+[-–—]\s+|\s*[–—]\s*")
_PAREN = re.compile(r"\(([^()]*)\)")


def _title_at(tokens: list[str], i: int) -> int:
    """How many tokens from ``i`` make a title word ("Ch Insp" is two), 0 for none."""
    for title in _TITLES:
        end = i + len(title)
        if end <= len(tokens) and all(
            tokens[i + k].rstrip(".").lower() == word for k, word in enumerate(title)
        ):
            return len(title)
    return 0


def _name_token(token: str, first: bool) -> bool:
    if _INITIAL.match(token) or _NAME_WORD.match(token):
        return True
    return not first and token.lower() in _PARTICLES


def _name_ok(tokens: list[str], titled: bool = True) -> bool:
    """Initials and capitalised words ending in a word, none an organisation or job word
    first or last: up to 4 after a title, up to 3 (particles aside) without one."""
    words = [t for t in tokens if t.lower() not in _PARTICLES]
    if not 1 <= len(tokens) <= 5 or not 1 <= len(words) <= (4 if titled else 3):
        return False
    if not all(_name_token(t, i == 0) for i, t in enumerate(tokens)):
        return False
    first, last = tokens[0].lower(), tokens[-1]
    if not titled and first in _ORG_WORDS | _JOB_WORDS | _NOT_FIRST:
        return False
    return bool(_NAME_WORD.match(last)) and last.lower() not in _ORG_WORDS | _JOB_WORDS


def split_people(text: str) -> list[str] | None:
    """The people a run of names holds, each with its title, or None when unsure.

    A title word starts a new person once the one before has a name; a run that does
    not start with a title is one untitled name or nothing.

    >>> split_people("Cllr A Smith Cllr B Jones Supt C Brown")
    ['Cllr A Smith', 'Cllr B Jones', 'Supt C Brown']
    >>> split_people("Jane Roe")
    ['Jane Roe']
    """
    tokens = text.split()
    if not tokens:
        return None
    if _title_at(tokens, 0) == 0:
        return [" ".join(tokens)] if _name_ok(tokens, titled=False) else None
    people: list[tuple[list[str], list[str]]] = []  # (title tokens, name tokens)
    i = 0
    while i < len(tokens):
        size = _title_at(tokens, i)
        if size and (not people or people[-1][1]):
            people.append((tokens[i : i + size], []))
            i += size
        else:
            people[-1][1].append(tokens[i])
            i += 1
    if not all(_name_ok(name) for _, name in people):
        return None
    return [" ".join([*title, *name]) for title, name in people]


def split_entries(text: str) -> list[str]:
    """``text`` cut before each title word outside brackets that follows a name:
    "Cllr A Smith (Chair) Supt C Brown - Police" -> two entries; one entry when none."""
    tokens = text.split()
    out: list[list[str]] = [[]]
    depth, named, i = 0, False, 0
    while i < len(tokens):
        size = _title_at(tokens, i) if depth == 0 else 0
        if size and named:
            out.append([])
            named = False
        step = max(size, 1)
        for token in tokens[i : i + step]:
            depth = max(0, depth + token.count("(") - token.count(")"))
            out[-1].append(token)
        named = named or not size
        i += step
    return [" ".join(t) for t in out if t]


def has_title(text: str) -> bool:
    """True when ``text`` starts with a title word ("Cllr", "D/Supt", "Ch Insp")."""
    return _title_at(text.split(), 0) > 0


def person(text: str) -> str | None:
    """``text`` when it is exactly one person's name (titled, or two to four name words)."""
    found = split_people(text)
    if found is None or len(found) != 1:
        return None
    if not has_title(text) and len(text.split()) < 2:
        return None
    return found[0]


def acronym(text: str) -> bool:
    """True for "EBC", "YOS", "CSPs": two to seven capitals."""
    return bool(_ACRONYM.match(text.strip()))


def agency_like(text: str) -> bool:
    """True when ``text`` names an organisation: an acronym, or ending in an organisation
    word ("Anytown Borough Council", "Eastshire Police", "Anytown BC")."""
    words = [w.strip(".,;:()") for w in text.split()]
    words = [w for w in words if w]
    if not words or not words[0][:1].isupper() or len(words) > 10:
        return False
    if len(words) == 1:
        return acronym(words[0]) or words[0].lower() in _ORG_WORDS
    return words[-1].lower() in _ORG_WORDS or (acronym(words[-1]) and not has_title(text))


def job_like(text: str) -> bool:
    """True when ``text`` reads as a job title ("Director of Public Health")."""
    words = re.split(r"[\s/]+", text.lower())
    return bool(text[:1].isupper()) and any(w.strip(".,") in _JOB_WORDS for w in words)


def chair_role(text: str) -> Role | None:
    """CHAIR or VICE_CHAIR for "Chair", "Chairman", "Vice-Chair", "in the Chair"."""
    m = _CHAIR.match(text.strip(" .,;:"))
    if m is None:
        return None
    return Role.VICE_CHAIR if m["vice"] or m["vice2"] else Role.CHAIR


@dataclass(frozen=True)
class Attendee:
    """One entry of a list of people: a person or (``person`` None) an agency."""

    name: str  # the person, or the agency when no person is named
    is_person: bool
    role: Role | None = None  # chair or vice chair of the meeting's body
    title: str | None = None  # job title
    organisation: str | None = None


def _describe(pieces: list[str]) -> tuple[Role | None, str | None, str | None] | None:
    """(role, job title, organisation) from the pieces printed after a name, or None when a
    piece is none of them."""
    role = title = org = None
    for piece in (p.strip(" ,;:.") for p in pieces):
        if not piece:
            continue
        if (found := chair_role(piece)) is not None and role is None:
            role = found
        elif agency_like(piece) and org is None and not job_like(piece):
            org = piece
        elif job_like(piece) and title is None:
            title = piece
        elif agency_like(piece) and org is None:
            org = piece
        else:
            return None
    return role, title, org


def parse_attendee(text: str) -> Attendee | None:
    """One person or agency with what is printed about them, or None when unsure.

    >>> parse_attendee("Cllr A Smith (Chair), Anytown Borough Council")
    Attendee(name='Cllr A Smith', is_person=True, role=<Role.CHAIR: 'chair'>, \
title=None, organisation='Anytown Borough Council')
    """
    text = " ".join(text.split()).strip(" ,;.")
    bracketed = [p for m in _PAREN.finditer(text) for p in m.group(1).split(",")]
    bare = _PAREN.sub(" ", text)
    if "(" in bare or ")" in bare or re.search(r"\)\s+[A-Za-z]", text):
        return None  # unbalanced, or words run on after a bracket: not one entry
    parts = _DASH.split(bare, maxsplit=1)
    head, *rest = (p.strip() for p in parts[0].split(","))
    after = parts[1].split(",") if len(parts) > 1 else []
    pieces = [*rest, *after, *bracketed]
    described = _describe(pieces)
    if described is None:
        return None
    role, title, org = described
    name = person(head)
    if name is not None:
        return Attendee(name, True, role, title, org)
    if agency_like(head) and role is None and title is None and org is None:
        return Attendee(head, False)
    return None


def initials(name: str) -> set[str]:
    """The initials a person may be written as: "Supt Colin J Brown" -> {"CJB", "CB"}."""
    tokens = name.split()
    tokens = tokens[_title_at(tokens, 0) :]
    letters = [t[0] for t in tokens if t[:1].isupper()]
    if len(letters) < 2:
        return set()
    return {"".join(letters), letters[0] + letters[-1]}
