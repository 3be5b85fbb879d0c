"""One people parser for every printed form of a person in plans and minutes.

``parse_person`` reads one entry: "Cllr Ann Hale JP (Chair)", "K. Ellis (Westshire County
Council)", "Dana Hart - Anyshire Fire and Rescue Service (Chair)", "Chris Vale,
Director of People, City & County of Northvale", "Glen Bright (SNB Vice-Chair)", "PFCC
Simon Mole (SM)". It gives the name without titles or post-nominals, the title, a role
or post, the organisation the person represents, and a role qualified by a body ("SNB
Vice-Chair" -> vice chair of SNB).

``split_people`` cuts a list into entries: at ";", at commas and "and" outside brackets
(a comma that goes on with a role or organisation stays inside the entry), at "ORG:"
group labels ("Anyford District Council: A, B and C"), at titles in a run with no
separators ("Cllr A Hale Cllr B Marr"), and at "Name - Organisation" pairs run together.
A plural title ("Councillors Ash, Birch and Rowan from X Council") is given to each
entry, and a trailing "from X" to every entry before it.

Every word list is the lexicon's (``loaders/lexicon/people.yaml``, ``bodies.yaml``,
``roles.yaml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from cspgraph.loaders.lexicon import lexicon, phrase_pattern

_NAME_WORD = re.compile(
    r"^(?:[A-Z]\.?|(?:[A-Z]\.){2,3}|(?:Mc|Mac|O['’]|D['’])?[A-Z][a-zà-ÿ]+(?:[-'’][A-Z]?[a-zà-ÿ]+)*"
    r"|Mc[A-Z][a-z]+)$")
_INITIALS = re.compile(r"^\(?([A-Z][A-Za-z]{1,3})\)?$")
_DASH = re.compile(r"\s+[-–—]\s+|\s+[-–—](?=[A-Z])|(?<=[a-z])[-–—]\s+")
_PAREN = re.compile(r"\(([^()]*)\)")
_OUTSIDE = r"(?![^()]*\))"  # not inside brackets


@dataclass(frozen=True)
class Person:
    """One printed entry for a person (or, ``agency``, an organisation with no person)."""

    name: str  # as printed, without titles and post-nominals: "Ann Hale", "K. Ellis"
    printed: str  # the entry as printed
    title: str | None = None  # "Cllr", "Chief Supt", "PFCC"
    role: str | None = None  # a post or job title: "Director of People", "Advisor"
    organisation: str | None = None  # whom the person represents, as printed
    body_role: str | None = None  # a role in a body: "chair", "vice chair", "joint chair"
    body: str | None = None  # the body that role is in, as printed: "SNB", "LAG"
    initials: str | None = None  # "(SM)"
    agency: bool = False  # the entry names an organisation, not a person
    post: bool = False  # the entry names a post ("the Community Safety Manager"), no person


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    lex = lexicon()
    titles = phrase_pattern(t.replace(".", "") for t in lex.titles)
    # a title with or without its full stops: "Cllr." "Ch. Insp"
    dotted = re.sub(r"(\w)(?=\\s|\||$|/)", r"\1\\.?", titles)
    roles = phrase_pattern(lex.roles)
    return {
        "title": re.compile(rf"^(?:{dotted})\.?(?=\s|$)", re.IGNORECASE),
        "title_in": re.compile(rf"(?<![\w/])(?:{dotted})\.?\s+(?=[A-Z])", re.IGNORECASE),
        "role": re.compile(rf"^(?:(?P<body>.+?)\s+)?(?P<role>{roles})$", re.IGNORECASE),
        "role_of": re.compile(rf"^(?P<role>{roles})\s+(?:of|for)\s+(?:the\s+)?(?P<body>.+)$",
                              re.IGNORECASE),
    }


def _lower(word: str) -> str:
    return word.lower().strip(".,:;")


def _org_word(word: str) -> bool:
    lex = lexicon()
    w = _lower(word)
    if w in lex.agency_words or w in lex.body_heads:
        return True
    acronym = word.strip(".,:;").isupper() or not word[1:].islower()  # "SAB", not "Sab"
    return acronym and (w in lex.agency_acronyms or w in lex.body_acronyms)


def organisation_like(text: str) -> bool:
    """True when ``text`` names an organisation or body: it ends in an agency word or a
    body head noun ("Northtown Council", "Safer Northtown Partnership"), or is an acronym
    the lexicon knows or of capitals ("EBC")."""
    words = text.replace("’s", "").split()
    if not words:
        return False
    last = words[-1].strip("().,;:")
    return _org_word(last) or (len(words) == 1 and re.fullmatch(r"[A-Z][A-Z&]{1,7}", last)
                               is not None) or (any(_org_word(w) for w in words[1:])
                                                and words[0][:1].isupper())


def is_name(text: str) -> bool:
    """True when ``text`` reads as a person's name: one to four name words (initials,
    capitalised words, "McBean", "O'Neil"), none of them a title, organisation word or a
    word that starts sentences and lists."""
    words = text.split()
    if not 1 <= len(words) <= 4:
        return False
    lex = lexicon()
    if any(not _NAME_WORD.match(w) for w in words):
        return False
    if any((_lower(w) in lex.not_names and len(w.rstrip(".")) > 1) or _org_word(w)
           for w in words):
        return False  # an initial "A" is a name's, not the article
    if len(words) == 1:
        return len(words[0]) > 2 and not words[0].isupper()
    return not all(len(w.rstrip(".")) == 1 for w in words)  # "A. B." alone is not a name


def strip_title(text: str) -> tuple[str | None, str]:
    """(the title, the rest) of "Cllr Ann Hale": titles of several words and ranks too."""
    title: list[str] = []
    rest = text.strip()
    while m := _patterns()["title"].match(rest):
        title.append(m.group().strip())
        rest = rest[m.end():].strip()
    return (" ".join(title) or None), rest


def strip_post_nominals(text: str) -> str:
    """``text`` without trailing post-nominals ("JP", "OBE") and initials ("(SM)")."""
    words = text.split()
    lex = lexicon()
    while len(words) > 1 and _lower(words[-1]).strip("()") in lex.post_nominals:
        words.pop()
    return " ".join(words)


def _role_in_body(text: str) -> tuple[str, str | None] | None:
    """("vice chair", "SNB") for "SNB Vice-Chair", ("joint chair", "X Partnership") for
    "Joint Chair of the X Partnership", ("chair", None) for "Chair"."""
    lex = lexicon()
    text = text.strip().rstrip(".")
    whole = " ".join(text.lower().split())
    if whole in lex.roles and lex.roles[whole] != "other":  # "in the Chair", "Chairman"
        return lex.roles[whole], None
    if m := _patterns()["role_of"].match(text):
        role = lex.roles[" ".join(m.group("role").lower().split())]
        return (role, m.group("body").strip()) if role != "other" else None
    if m := _patterns()["role"].match(text):
        body = (m.group("body") or "").strip() or None
        role = lex.roles[" ".join(m.group("role").lower().split())]
        if role == "other":
            return None  # "Cabinet Member", "SNB Secretary": a post, kept as the role
        if body and not (organisation_like(body) or body.isupper()):
            return None  # "Programme Manager": a job, not a role in a body
        return role, body
    return None


def _leading_name(text: str) -> tuple[str | None, str]:
    """(name, rest) of "Ann Hale JP Community Safety Partnership Chair": the longest run of
    two to four name words first, then post-nominals left out; (None, text) if none."""
    words = text.split()
    lex = lexicon()
    for k in (4, 3, 2):
        if len(words) > k and is_name(" ".join(words[:k])):
            rest = words[k:]
            while rest and _lower(rest[0]) in lex.post_nominals:
                rest = rest[1:]
            if rest:
                return " ".join(words[:k]), " ".join(rest)
    return None, text


def _post(text: str) -> tuple[str, str | None] | None:
    """(post, organisation) of "the Cabinet Member for Communities at Anytown Council",
    "the Council's Chief Executive", "the District Commander of Anyshire Police"; None
    when ``text`` is not a post."""
    m = re.match(r"^(?:the|our|its|their|my)\s+(?:(?P<owner>[A-Z][\w&]*(?:\s+[A-Z][\w&]*)*)"
                 r"['’]s\s+)?(?P<rest>[A-Z].*)$", text)
    if m is None:
        return None
    rest, org = m.group("rest"), m.group("owner")
    for cut in list(re.finditer(r"\s+(?:at|from)\s+(?:the\s+)?", rest))[::-1] + list(
            re.finditer(r"\s+(?:of|for|in)\s+(?:the\s+)?", rest))[::-1]:
        if organisation_like(rest[cut.end():]):  # "... at Anytown Council"
            rest, org = rest[:cut.start()], rest[cut.end():]
            break
    words = re.split(r"\s+(?:for|of)\s+", rest)[0].split()
    if not words or words[-1].lower() not in lexicon().post_heads or not all(
            w[:1].isupper() or w in ("for", "of", "and", "&") for w in rest.split()):
        return None
    return rest, org


def parse_person(text: str) -> Person | None:
    """One entry read into a ``Person``; None when it names no one (see the module
    docstring for the forms read). A post that stands for its holder ("the Community Safety
    Manager, Anytown Council") is a ``Person`` with ``post`` set and the post as its name;
    a post before a name ("the Council's Chief Executive, Ann Hale") is that person's
    role."""
    printed = " ".join(text.split()).strip(" ,;.")
    if not printed:
        return None
    pieces = [p.strip() for p in re.split(rf"\s*,\s*{_OUTSIDE}", printed) if p.strip()]
    if (found := _post(pieces[0])) is not None:
        post, org = found
        rest = pieces[1:]
        if rest and is_name(strip_title(rest[0])[1]):  # "the Chief Executive, Ann Hale"
            title, name = strip_title(rest[0])
            more = rest[1:]
            org = org or (more[-1] if more and organisation_like(more[-1]) else None)
            return Person(name, printed, title, post, org)
        if rest and organisation_like(rest[-1]):
            org = org or rest[-1]
        return Person(post, printed, None, post, org, post=True)
    notes = [n.strip() for n in _PAREN.findall(printed)]
    core = _PAREN.sub(" ", printed)
    core = " ".join(core.split()).strip(" ,;-–—")
    head, *tail = [p.strip() for p in re.split(rf"\s*,\s*{_OUTSIDE}", core) if p.strip()]
    if len(parts := _DASH.split(head, maxsplit=1)) == 2:
        head, tail = parts[0].strip(), [parts[1].strip(), *tail]
    title, rest = strip_title(head)
    rest = strip_post_nominals(rest)
    initials = acronym = None
    body_role = body = role = organisation = None
    for note in notes:
        if (found := _role_in_body(note.split(",")[0])) is not None:
            body_role, body = found
        elif _INITIALS.match(note) and note.isupper() and (
                note[:1] == rest[:1] or not organisation_like(note)):
            initials = note  # "(SM)" for Simon Mole; "(EP)" for Ann Kerr is her agency
        elif re.fullmatch(r"[A-Z][A-Za-z&]{1,7}", note) and organisation_like(note):
            acronym = note  # "(ABCD)": the organisation printed before it, if any
        elif organisation_like(note):
            organisation = organisation or note
        else:
            role = role or note
    rest_parts: list[str] = []
    for part in tail:
        if (found := _role_in_body(part)) is not None and body_role is None:
            body_role, body = found
        else:
            rest_parts.append(part)
    orgs = [k for k, part in enumerate(rest_parts) if organisation_like(part)]
    if organisation is None and (orgs or len(rest_parts) >= 2):
        at = orgs[-1] if orgs else len(rest_parts) - 1  # whom they represent comes last
        organisation = rest_parts.pop(at)
    if rest_parts and role is None:
        role = ", ".join(rest_parts)  # "Programme Manager, Community Engagement"
    organisation = organisation or acronym
    if not is_name(rest):
        name, more = _leading_name(rest)
        if name is None:
            if organisation_like(rest) and not title:
                return Person(rest, printed, None, role, None, body_role, body, initials, True)
            return None
        rest = name
        of = re.match(r"^(?:of|from|at)\s+(?:the\s+)?(?P<org>[A-Z].*)$", more)
        if (found := _role_in_body(more)) is not None and body_role is None:
            body_role, body = found
        elif of and organisation is None:  # "Ann Hale of Anytown Women's Aid"
            organisation = of.group("org")
        elif organisation_like(more) and organisation is None:
            organisation = more
        elif role is None:
            role = more
    if title and _lower(title) in lexicon().posts_as_titles and role is None:
        role = title
    return Person(rest, printed, title, role, organisation, body_role, body, initials)


def display(person: Person) -> str:
    """The name as the graph shows it: with an honorific or rank ("Cllr Ann Hale", "Insp
    Lucy Hart"), not with a post printed as a title ("PFCC")."""
    lex = lexicon()
    title = person.title
    if not title or person.agency or person.post:
        return person.name
    low = " ".join(title.lower().replace(".", "").split())
    if low in lex.posts_as_titles:
        return person.name
    if low.endswith("s") and low[:-1] in lex.honorifics:  # "Councillors A and B": one each
        title = title[:-1]
    return f"{title} {person.name}"


# -- lists --------------------------------------------------------------------------------
def _split_outside(text: str, pattern: str) -> list[str]:
    return [p for p in re.split(rf"(?:{pattern}){_OUTSIDE}", text) if p and p.strip()]


def _run_together(text: str) -> list[str]:
    """A run of entries with no separators, cut before each title ("Cllr A Hale Cllr B
    Marr") and at "Name - Organisation" pairs ("A B - X Council C D - Y Police")."""
    cuts = [m.start() for m in _patterns()["title_in"].finditer(text) if m.start() > 0]
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    out: list[str] = []
    for piece in pieces:
        out += _name_org_pairs(piece)
    return [p.strip() for p in out if p.strip()]


def _name_org_pairs(text: str) -> list[str]:
    """ "A B - X Council C D - Y Police" -> ["A B - X Council", "C D - Y Police"]: between
    two dashes, the organisation ends at its last organisation word and the next name
    starts after it."""
    parts = _DASH.split(text)
    if len(parts) < 3:
        return [text]
    out = [parts[0]]
    for middle in parts[1:-1]:
        words = middle.split()
        ends = [i for i, w in enumerate(words) if _org_word(w.strip("()"))
                or w.endswith(")")]
        cut = ends[-1] + 1 if ends else None
        if cut is None or cut >= len(words) or not _starts_person(" ".join(words[cut:])):
            return [text]
        out[-1] += " - " + " ".join(words[:cut])
        out.append(" ".join(words[cut:]))
    out[-1] += " - " + parts[-1]
    return out


def _groups(text: str) -> list[tuple[str | None, str]]:
    """ "X Council: A, B Y Council: C" -> [(X Council, "A, B"), (Y Council, "C")]."""
    labels = [m for m in re.finditer(r"([A-Z][\w’']*(?:\s+(?:[A-Z][\w’']*|&|and|of))*):\s",
                                     text) if organisation_like(m.group(1))]
    if not labels:
        return [(None, text)]
    out: list[tuple[str | None, str]] = []
    if labels[0].start() > 0:
        out.append((None, text[:labels[0].start()]))
    for k, m in enumerate(labels):
        end = labels[k + 1].start() if k + 1 < len(labels) else len(text)
        label = m.group(1)
        words = label.split()
        for k in (2, 3):  # "Sara Pell Northvale BC:": a name run into it
            rest = " ".join(words[k:])
            if out and len(words) > k + 1 and is_name(" ".join(words[:k])) and words[k][
                    :1].isupper() and organisation_like(rest):
                out[-1] = (out[-1][0], out[-1][1] + ", " + " ".join(words[:k]))
                label = rest
                break
        out.append((label, text[m.end():end]))
    return out


def split_people(text: str) -> list[Person]:
    """The people of a printed list, in order (see the module docstring)."""
    out: list[Person] = []
    for organisation, chunk in _groups(" ".join(text.split())):
        for part in _split_outside(chunk, r";"):
            # "... from X Council and Councillors A and B from Y": each title starts a group
            for group in re.split(rf"\s+and\s+(?=(?:{_PLURAL})\s){_OUTSIDE}", part,
                                  flags=re.IGNORECASE):
                out += _people_of(group, organisation)
    return out


_PLURAL = "councillors|cllrs|members|officers"


_JOIN = "\x00"  # stands for a separator inside an organisation's name while splitting


def protect_names(text: str) -> str:
    """``text`` with the "and", "&" and commas inside organisation names hidden, so a list
    is not cut inside "Northvale & Eastmere and Southby Community Safety Partnership"."""
    lex = lexicon()
    tokens = re.split(r"(\s+)", text)
    words = [i for i, t in enumerate(tokens) if t.strip()]
    out = list(tokens)
    start = None  # index into words where the current capitalised run began
    for k, i in enumerate(words):
        word = tokens[i]
        capital = word[:1].isupper() and not _patterns()["title"].match(word)
        joiner = _lower(word) in lex.name_joiners and start is not None
        if capital or joiner:
            start = k if start is None else start
        else:
            start = None
            continue
        closed = re.fullmatch(r"\([A-Z][A-Za-z&]{1,7}\)[,;.]?", word) is not None
        if capital and (_org_word(word.strip("(),;:")) or closed) and start is not None:
            for n, j in enumerate(words[start:k], start):
                before = " ".join(tokens[i] for i in words[start:n])
                person = len(before.split()) >= 2 and is_name(before)  # "Lisa Bond and ..."
                if _lower(tokens[j]) in ("and", "&") and not person:
                    out[j] = tokens[j].replace("and", "and" + _JOIN).replace("&", "&" + _JOIN)
        if word.endswith((",", ";", ":")):
            start = None  # a name never runs over a comma
    return "".join(out)


def _pieces(text: str) -> list[tuple[str, str]]:
    """(separator before, piece) for each part between commas and "and" outside brackets."""
    out: list[tuple[str, str]] = []
    last, sep = 0, ""
    for m in re.finditer(rf"\s*,\s*(?:and\s+)?{_OUTSIDE}|\s+and\s+{_OUTSIDE}|"
                         rf"\s+&\s+{_OUTSIDE}", text):
        out.append((sep, text[last:m.start()]))
        last, sep = m.end(), m.group()
    out.append((sep, text[last:]))
    return [(s_, p) for s_, p in out if p.strip()]


def _starts_person(piece: str) -> bool:
    title, first = strip_title(piece)
    first = first.split(" (")[0]
    words = first.split()
    if not title and organisation_like(first):
        return False
    return bool(title) or is_name(first) or any(
        is_name(" ".join(words[:k])) for k in (2, 3, 4) if len(words) >= k)


def _prose(piece: str) -> bool:
    """True for words that go on as a sentence ("to be confirmed following ...")."""
    lex = lexicon()
    lower = [w for w in piece.split() if w[:1].islower() and _lower(w) not in lex.name_joiners]
    return len(lower) >= 2


def _people_of(text: str, organisation: str | None) -> list[Person]:
    text = protect_names(text.strip(" .;,"))
    source = None
    m = re.search(r"\s+from\s+(?:the\s+)?(.+?)$", text)  # "A, B and C from X Council"
    if m and organisation_like(m.group(1).replace(_JOIN, "")):
        source, text = m.group(1).replace(_JOIN, ""), text[:m.start()]
    title, _rest = strip_title(text)
    plural = title if title and title.lower().rstrip(".").endswith("s") else None
    entries: list[str] = []
    for sep, piece in _pieces(text):
        piece = piece.strip()
        last = entries[-1].split(",")[0] if entries else ""
        agencies = bool(entries) and organisation_like(piece) and organisation_like(
            last) and not _starts_person(last)
        if entries and not _starts_person(piece) and not agencies:
            if _prose(piece):
                break  # the list has ended: "and Independent Group Member to be confirmed"
            entries[-1] += sep + piece  # goes on with a role or an organisation
        else:
            entries.append(piece)
    out: list[Person] = []
    for entry in entries:
        for one in _run_together(entry.replace(_JOIN, "")):
            if plural and not strip_title(one)[0]:
                one = f"{plural} {one}"
            person = parse_person(one)
            if person is None:
                continue
            if person.organisation is None and not person.agency and (organisation or source):
                person = replace(person, organisation=organisation or source)
            out.append(person)
    return out
