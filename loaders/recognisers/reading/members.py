"""Who sits on, attends or sends apologies to a body, and who chairs it, read by the one
people parser from every form minutes and papers print them in:

* a list after an attendance cue, on its line or the lines after it: "Present:",
  "Apologies for absence were received from ...", "Also in attendance: ...", "The Chair
  welcomed ...", "the following appointments to the task group: ...";
* the lines of a members section ("Welcome and introductions", "Apologies", "Membership");
* a run of "Name - Organisation" pairs with no cue, as PDF minutes print the present;
* "Councillor X substituted for Councillor Y", "with the substitution of X for Y";
* a speaker of the minutes: "Councillor Orme asked ...", "Rachel Dale, Advisor,
  introduced the report";
* the members of a partnership listed after "X includes:" or "Membership comprises:".

A person marked "(Chair)", "(SNB Vice-Chair)" or "Joint Chair of the X" chairs that body
(the meeting's body when no other is printed). Chairs are also read from prose: "Chairman
Rick Holt welcomed", "The Chair of the X, Tom Fell,", "X, as Chair", "X, chaired by
Y", "the newly elected Chair of X", "Joint Chairs – A, ..., and B, ...".
"""

from __future__ import annotations

import re
from functools import cache

from cspgraph.loaders.facts import Fact, Membership, Post, Role, Source
from cspgraph.loaders.lexicon import lexicon, phrase_pattern
from cspgraph.loaders.parse.mentions import bodies as mentions_bodies
from cspgraph.loaders.parse.people import (
    Person,
    display,
    organisation_like,
    parse_person,
    split_people,
)
from cspgraph.loaders.recognisers.reading.bodies import Bodies
from cspgraph.loaders.recognisers.reading.context import Context, Passage, sentences

_DECLARED = re.compile(r"^(?:[a-z]\)\s*)?(?P<who>.+?)\s+declared\s+(?:an?\s+)?(?:\w+\s+){0,2}"
                       r"interests?\s+as\s+(?:an?|the)\s+(?:\w+\s+)?(?P<role>member|chair\w*)\s+"
                       r"of\s+(?P<bodies>[^.;]+)", re.IGNORECASE)
_BODY_LIST = re.compile(r"\s+and\s+(?:of\s+)?(?=the\s+|[A-Z])")
ROLES = {"chair": Role.CHAIR, "vice chair": Role.VICE_CHAIR, "co-chair": Role.CHAIR,
         "joint chair": Role.CHAIR}
_VERBS = (r"asked|questioned|queried|referred|reported|was\s+pleased|were\s+pleased|said|noted|"
          r"explained|raised|commented|welcomed|thanked|declared|informed|suggested|stated|"
          r"highlighted|advised|introduced|presented|provided|outlined|confirmed|agreed|"
          r"replied|responded|added|expressed|requested|proposed|seconded|updated|gave")


@cache
def _cues() -> dict[str, re.Pattern[str]]:
    """The attendance cues, case-blind in their words only: "[A-Z]" still means a capital."""
    lex = lexicon()
    attendance = phrase_pattern(lex.attendance)
    titles = phrase_pattern(t for t in lex.titles if len(t) > 1)
    title = rf"(?i:{titles})\.?"
    name = r"[A-Z][\w’'\-]+"
    return {
        "label": re.compile(rf"^(?P<cue>(?i:{attendance}))(?:\s+(?i:for\s+absence|and\s+"
                            rf"substitutions?))?\s*(?:[:\-–—]\s*|\s+(?={title}\s|[A-Z][a-z]+\s+"
                            rf"[A-Z]))(?P<list>.*)$"),
        "received": re.compile(
            r"\b(?P<cue>(?i:apologies))(?i:\s+for\s+absence)?\s+(?i:were|was|have\s+been|had\s+"
            r"been)?\s*(?i:received|submitted|accepted|given|tendered|noted)\s+(?i:from|on\s+"
            r"behalf\s+of|by)\s+(?i:the\s+following:?\s*)?(?P<list>.*)$"),
        "welcomed": re.compile(rf"\bThe\s+Chair(?:man)?\s+welcomed\s+(?P<list>{title}\s.*)$"),
        "appointed": re.compile(r"\b(?i:appointments?|appointed)\s+to\s+(?:the\s+)?"
                                r"(?P<body>[\w\s&]+?):\s*(?P<list>.+)$"),
        "substitute": re.compile(rf"(?P<sub>{title}\s+{name}(?:\s+{name})?)\s+(?i:substituted|"
                                 rf"(?:was\s+)?substituting|(?:attended|was\s+present|"
                                 rf"attending)\s+as\s+(?:a\s+)?substitute)\s+for\s+"
                                 rf"(?P<for>{title}\s+{name})"),
        "substitution": re.compile(rf"(?i:substitution)\s+of\s+(?P<sub>{title}\s+{name}"
                                   rf"(?:\s+{name})?)\s+for\s+"),
        "speaker": re.compile(rf"^(?P<who>{title}\s+(?:{name}\s+){{0,2}}{name}|{name}\s+{name},\s+"
                              rf"[A-Z][\w\s]+?,)\s+(?i:{_VERBS})\b"),
        "includes": re.compile(r"\b(?i:includes|include|comprises|comprise|membership\s+"
                               r"(?:is\s+)?(?:comprised\s+of|consists\s+of|comprises))\s*:\s*$|"
                               r"\b(?i:(?:is|are)\s+made\s+up\s+of|will\s+comprise|comprises?|"
                               r"consists?\s+of|members\s+of\s+(?:the\s+)?[A-Z][\w\s]*?\s+are)"
                               r"\b[^:.;]*:\s*$"),
        # "Representatives of the following organisations sit on the Board: A, B and C"
        "following": re.compile(r"\b(?i:the\s+following\s+(?:organisations|agencies|partners|"
                                r"bodies)\s+(?:sit\s+on|are\s+represented\s+on|are\s+members\s+"
                                r"of|make\s+up))\s+(?P<body>[^:]+?):\s*(?P<list>.+)$"),
        # "Chair: Cllr Ann Hale, Cabinet Member" or "Vice-Chair – Supt B Marr, Anytown Police"
        "role_label": re.compile(rf"^(?P<role>(?i:{phrase_pattern(_chair_roles())}))\s*[:–—-]\s*"
                                 r"(?P<who>[A-Z].+)$"),
    }


def _chair_roles() -> list[str]:
    """The lexicon's words for chairing roles ("chair", "vice-chair", "co-chair", ...)."""
    roles = lexicon().roles
    return [w for w, role in roles.items() if role in ROLES]


def _attendance(cue: str) -> str:
    return lexicon().attendance.get(" ".join(cue.lower().split()), "present")


class Members:
    """Reads the members and chairs of one document's bodies."""

    def __init__(self, ctx: Context, bodies: Bodies) -> None:
        self.ctx = ctx
        self.bodies = bodies
        self.facts: list[Fact] = []
        self._seen: set[tuple[str, str]] = set()
        self._how: tuple[str, str] | None = None  # the last attendance cue and its heading
        self._last_cue: tuple[str, str] | None = None
        self.last_body: str | None = None  # the body the sentence before named last
        self.last_of_head: dict[str, str] = {}  # head noun -> the body last named with it
        self.chaired: tuple[int, str] | None = None  # (passage, body) of the last chair read

    # -- writing facts --------------------------------------------------------------------
    def home(self) -> str | None:
        """The body whose meeting or paper this is, or else the one the document is about."""
        k = self.bodies.meeting or self.bodies.subject()
        return self.bodies.known[k].name if k is not None else None

    def member(self, person: Person, body: str | None, passage: Passage, how: str | None,
               made_by: str, confidence: float = 0.85) -> None:
        body = body or self.home()
        if not body:
            return
        body = self.bodies.name(body)
        name = person.name
        if (body, name.lower()) in self._seen or self._known_by_surname(body, name):
            return
        self._seen.add((body, name.lower()))
        quote = _quote(passage.text, person)
        src = Source(passage.span, quote)
        chaired = self.bodies.name(person.body) if person.body else body
        role = None  # the role in this body; the person's job is their title
        if person.body_role in ROLES and chaired == body:
            role = person.body_role.title()  # "Chair", "Vice Chair" of this body
        self.facts.append(Membership(src, body, display(person), role=role,
                                     person=not person.agency, title=person.role,
                                     organisation=person.organisation, attendance=how,
                                     meeting=self.bodies.meeting_date if how else None,
                                     made_by=made_by, confidence=confidence))
        if person.body_role in ROLES:
            self.chair(display(person), chaired, passage, person.body_role,
                       person.organisation, person.role, made_by, quote, seen=name)

    def _known_by_surname(self, body: str, name: str) -> bool:
        """True when ``name`` is a surname alone ("Patel") of a member already named in
        full ("Priya Patel"): one person, named twice."""
        if len(name.split()) != 1:
            return False
        return any(b == body and len(known.split()) > 1 and known.split()[-1] == name.lower()
                   for b, known in self._seen)

    def chair(self, name: str, body: str, passage: Passage, role: str = "chair",
              organisation: str | None = None, title: str | None = None,
              made_by: str = "prose: chair", quote: str | None = None,
              seen: str | None = None, sits: bool = True) -> None:
        body = self.bodies.name(body)
        key = (f"chair:{body}", (seen or name).lower())
        if key in self._seen:
            return
        self._seen.add(key)
        src = Source(passage.span, quote or (name if name in passage.text else passage.text))
        self.facts.append(Post(src, body, ROLES.get(role, Role.CHAIR), name, title,
                               organisation, made_by=made_by, confidence=0.85))
        if sits and body == self.home() and (body, (seen or name).lower()) not in self._seen \
                and not self._known_by_surname(body, (seen or name).lower()):  # sits on it
            self._seen.add((body, (seen or name).lower()))
            self.facts.append(Membership(src, body, name, role=title, person=True,
                                         organisation=organisation, made_by=made_by,
                                         confidence=0.8))

    # -- reading ------------------------------------------------------------------------
    def read(self) -> list[Fact]:
        passages = self.ctx.passages
        pending: tuple[str, str | None] | None = None  # a cue whose list is on the next lines
        for i, passage in enumerate(passages):
            text = passage.text.strip()
            if pending is not None:
                people = _list_of(text) if passage.kind != "cell" else []  # tables: the table's
                if people and passage.kind != "heading":
                    for person in people:
                        self.member(person, pending[1], passage, pending[0], "attendance list")
                    continue
                pending = None
            if passage.kind == "heading":
                continue
            if (found := self._cued(passage)) is not None:
                pending = found
                self._how = (found[0], passage.heading)
                continue
            if self._last_cue and self._last_cue[1] == passage.heading:
                self._how = self._last_cue
            if i and (m := _SIGNED.match(text)) and (person := _signer(passages[i - 1].text)):
                role = "vice chair" if re.match(r"(?i)vice|deputy", text) else "chair"
                self.chair(person.name, m.group("body"), passage, role, person.organisation,
                           person.role, made_by="signature", quote=text)
                continue
            if ((m := _SIGNED_INLINE.match(text)) and mentions_bodies(m.group("body"))
                    and (person := _signer(m.group("who")))):
                role = "vice chair" if re.match(r"(?i)vice|deputy", m.group("role")) else "chair"
                self.chair(person.name, m.group("body"), passage, role, person.organisation,
                           person.role, made_by="signature", quote=text)
                continue
            if passage.section == "members" and passage.kind in ("paragraph", "list_item"):
                self._section_line(passage)
            self._role_label(passage)
            self._following(passage)
            self._run_of_pairs(passage)
            self._prose(passage)
            if _cues()["includes"].search(text) and (body := self._subject_of(text)):
                self._agency_list(passages[i + 1:], body)
        return self.facts

    def _cued(self, passage: Passage) -> tuple[str, str | None] | None:
        """Members after an attendance cue in this passage; (how, body) when the list is
        on the lines after it."""
        text = passage.text.strip()
        for name in ("label", "received", "welcomed", "appointed"):
            for _, sentence in sentences(text) if name != "label" else [(0, text)]:
                m = _cues()[name].search(sentence)
                if m is None:
                    continue
                how = "in attendance" if name == "welcomed" else (
                    "appointed" if name == "appointed" else _attendance(m.group("cue")))
                body = None
                if name == "appointed":
                    body = self._appointed_body(m.group("body"), passage)
                self._last_cue = (how, passage.heading)
                listed = m.group("list").strip()
                if not listed or (listed.endswith(":") and len(listed.split()) <= 4):
                    return how, body
                if name == "welcomed":
                    listed = re.split(r"\s+(?:to\s+the\s+meeting|who\s|for\s+(?:the|this)\s+"
                                      r"item)", listed)[0]
                people = split_people(listed)
                if name == "label" and _leftover(listed, people):
                    return None  # an entry that is no one: the line is not a list of people
                for person in people:
                    self.member(person, body, passage, how, "attendance list")
                return None if people else (how, body)
        return None

    def _appointed_body(self, words: str, passage: Passage) -> str:
        words = words.strip()
        k = self.bodies.resolve(words)
        if k is None:
            k = self.bodies._generic(words, passage)
            self.bodies.known[k].source = Source(passage.span, words)
        return self.bodies.known[k].name

    def _section_line(self, passage: Passage) -> None:
        people = _list_of(passage.text)
        how = lexicon().attendance.get(" ".join(passage.heading.lower().strip(" :").split()))
        if self._how and self._how[1] == passage.heading:
            how = self._how[0]  # the lines after "Apologies ... from A, B," go on with it
        for person in people:
            self.member(person, None, passage, how, "members section")
        if not people and passage.kind == "list_item" and (name := _agency_name(passage.text)) \
                and _agency_entry(name):
            self.member(Person(name, passage.text.strip(), agency=True), None, passage, how,
                        "members section", 0.8)  # "- Anytown Council" under "Membership"

    def _role_label(self, passage: Passage) -> None:
        """"Chair: Cllr Ann Hale, Cabinet Member": a chair of the document's body."""
        m = _cues()["role_label"].match(passage.text.strip())
        if m is None or not (body := self.home()):
            return
        person = parse_person(m.group("who"))
        if person is None or person.agency:
            return
        role = lexicon().roles[" ".join(m.group("role").lower().split())]
        if person.post:
            self.chair_post(person, body, passage, role, passage.text.strip())
        else:
            self.chair(display(person), body, passage, role, person.organisation, person.role,
                       made_by="chair label", quote=passage.text.strip(), seen=person.name,
                       sits=False)

    def _following(self, passage: Passage) -> None:
        """"The following organisations sit on the Board: A, B and C": agency members."""
        for _, sentence in sentences(passage.text):
            m = _cues()["following"].search(sentence)
            if m is None or (k := self.bodies.resolve(m.group("body").strip())) is None:
                continue
            body = self.bodies.known[k].name
            for part in re.split(r",\s*(?:and\s+)?|;\s*|\s+and\s+(?=the\s+)",
                                 m.group("list").strip().rstrip(".")):
                name = _agency_name(part)
                if name and organisation_like(name) and len(name.split()) <= 10:
                    self.member(Person(name, part.strip(), agency=True), body, passage, None,
                                "members list", 0.8)

    def _run_of_pairs(self, passage: Passage) -> None:
        """ "A B - X Council C D - Y Police ...": the present, printed with no cue; a lone
        "A B - X Council (Chair)" line just above or below such a run is one of them."""
        if passage.text.count(" - ") < 2:
            return
        people = split_people(passage.text)
        if len(people) >= 3 and sum(bool(p.organisation) for p in people) >= 0.8 * len(people):
            for person in people:
                self.member(person, None, passage, None, "attendance list", 0.8)
            at = next(i for i, p in enumerate(self.ctx.passages) if p is passage)
            for near in (self.ctx.passages[at - 1:at] + self.ctx.passages[at + 1:at + 2]):
                one = _list_of(near.text)
                if len(one) == 1 and one[0].organisation and " - " in near.text:
                    self.member(one[0], None, near, None, "attendance list", 0.8)

    def _prose(self, passage: Passage) -> None:
        cues = _cues()
        for _, sentence in sentences(passage.text):
            named = _bodies_before(sentence, len(sentence), self.bodies)
            for m in cues["substitute"].finditer(sentence):
                if person := parse_person(m.group("sub")):
                    self.member(person, None, passage, "substitute", "prose: substitute")
            for m in cues["substitution"].finditer(sentence):
                if person := parse_person(m.group("sub")):
                    self.member(person, None, passage, "substitute", "prose: substitute")
            if (m := cues["speaker"].match(sentence)) and self.home():
                person = parse_person(m.group("who").rstrip(","))
                if person and not person.agency:
                    self.member(person, None, passage, None, "prose: speaker", 0.7)
            self._declared(sentence, passage)
            self._chairs(sentence, passage)
            if named:
                self.last_body = named[-1]
                for name in named:
                    self.last_of_head[self.bodies.name(name).split()[-1].lower()] = (
                        self.bodies.name(name))

    def _declared(self, sentence: str, passage: Passage) -> None:
        """"Cllr A declared a personal interest as a member of the X Board and the Y
        Partnership": A is a member of each."""
        m = _DECLARED.search(sentence)
        if m is None or m.group("role").lower() != "member":
            return
        person = parse_person(m.group("who"))
        if person is None or person.agency:
            return
        for name in _BODY_LIST.split(m.group("bodies")):
            found = [b.name for b in mentions_bodies(name)]
            if found:
                self.member(person, found[0], passage, None, "declared interest", 0.8)

    def _chairs(self, sentence: str, passage: Passage) -> None:
        """Chairs stated in a sentence, by the chair patterns (``_chair_patterns``): the
        holder is a person or a post, the body the one the pattern names, else the nearest
        body named before in the sentence, else the one "It"/"The Group" stands for."""
        if m := _JOINT.search(sentence):  # "X Group Joint Chairs – A, title, org and B, ..."
            before = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", sentence[:m.start()])
            found = _bodies_before(before, len(before), self.bodies)
            body = found[-1] if found else self.bodies.meeting_name()
            for person in split_people(m.group("list")) if body else []:
                if not person.agency:
                    self.chair(person.name, body, passage, "joint chair", person.organisation,
                               person.role, "prose: chair", m.group().strip()[:200])
        for pattern, group in _chair_patterns():
            for m in pattern.finditer(sentence):
                if group == "subject":  # "X declared ... as the newly elected Chair of B"
                    first = re.match(r"(?:[a-z]\)\s*)?(.+?)\s+(?:declared|was|is|has|had)",
                                     sentence)
                    person = parse_person(first.group(1)) if first else None
                    if person and not person.agency and (body := m.group("body")):
                        self.chair(person.name, body.strip(" ,"), passage, "chair",
                                   made_by="prose: chair", quote=m.group().strip(" ,"))
                    continue
                body = (m.groupdict().get("body") or "").strip(" ,") or None
                if body is None:
                    before = _APPOSITIVE.sub("", sentence[:m.start()])  # "X, a sub-group of Y,"
                    found = _bodies_before(before, len(before), self.bodies)
                    body = found[-1] if found else self._referred(before)
                if body is None and self.chaired and self.chaired[0] == id(passage):
                    body = self.chaired[1]  # "... is chaired by A. The vice-chair is B."
                body = body or self.home()
                if not body:
                    continue
                self.chaired = (id(passage), body)
                said = m.group()
                stated = said.replace(m.group("who"), " ")  # "chaired by the Deputy PCC, A"
                role = "vice chair" if re.search(r"vice|deputy", stated, re.I) else "chair"
                for who in _holders(m.group("who")):
                    person = parse_person(who)
                    if person is None or person.agency:
                        continue
                    if person.post:
                        self.chair_post(person, body, passage, role, said.strip(" ,"))
                    else:
                        self.chair(person.name, body, passage, role, person.organisation,
                                   person.role, made_by="prose: chair",
                                   quote=said.strip(" ,"))

    def _referred(self, before: str) -> str | None:
        """The body "It", "The Group" or "The PSTG" at a sentence's start stands for."""
        m = re.match(r"^\s*(?:It|They|(?:The|This)\s+(?P<head>[A-Z][\w-]*))\b", before)
        if m is None or re.match(r"^\s*It\s+(?:was|is|has\s+been)\s+(?:agreed|noted|resolved|"
                                 r"reported|confirmed|proposed|announced)\b", before):
            return None  # "It was agreed that ...": no body is meant
        head = m.group("head")
        if head and (k := self.bodies.resolve(head)) is not None:
            return self.bodies.known[k].name
        if head and (named := self.last_of_head.get(head.lower())):
            return named  # "The Board": the body last named with that head noun
        return self.last_body

    def chair_post(self, person: Person, body: str, passage: Passage, role: str,
                   quote: str) -> None:
        """A chair held by a post: "chaired by the Community Safety Manager"."""
        body = self.bodies.name(body)
        key = (f"chair:{body}", person.name.lower())
        if key in self._seen:
            return
        self._seen.add(key)
        quote = quote if quote in passage.text else person.printed
        self.facts.append(Post(Source(passage.span, quote), body, ROLES.get(role, Role.CHAIR),
                               None, person.name, person.organisation, held_by_post=True,
                               made_by="prose: chair", confidence=0.8))

    def _subject_of(self, text: str) -> str | None:
        """The body a "X includes:" sentence is about."""
        names = [self.bodies.name(b) for b in _bodies_before(text, len(text), self.bodies)]
        return names[-1] if names else None

    def _agency_list(self, after: list[Passage], body: str) -> None:
        for passage in after[:20]:
            text = passage.text.strip().lstrip("-–• ").strip()
            if passage.kind == "heading" or not text:
                break
            if len(text.split()) <= 4 and re.search(
                    r"(?i)partners|members|agencies|organisations", text) and (
                    text.endswith(":") or not organisation_like(text)):
                continue  # "Statutory partners:", "Invited partners:"
            text = _agency_name(text)
            if not organisation_like(text) or len(text.split()) > 10:
                break
            person = Person(text, passage.text.strip(), agency=True)
            self.member(person, body, passage, None, "members list", 0.8)


def _agency_name(text: str) -> str:
    """An agency entry without its article and a closing note: "the Probation Service
    (Adult Services)" -> "Probation Service"."""
    text = re.sub(r"\s*\([^)]*\)\s*$", "", text.strip().strip(" ,;.")).strip()
    return re.sub(r"^(?i:the)\s+", "", text)


def _agency_entry(text: str) -> bool:
    """True when a list entry is only an organisation's name ("Anytown Women's Aid"), not a
    lead-in ("Members will be drawn from:") or a sentence about one."""
    small = {"and", "of", "for", "the", "&", "in", "on"}
    return (organisation_like(text) and len(text.split()) <= 10 and not text.endswith(":")
            and all(w[:1].isupper() or w in small for w in text.split()))


def _quote(text: str, person: Person) -> str:
    for candidate in (person.printed, person.name):
        if candidate and candidate in text:
            return candidate
    return text


def _list_of(text: str) -> list[Person]:
    """The people of a line that is nothing but a list of people (else [])."""
    text = text.strip().rstrip(".")
    if not text or len(text) > 600:
        return []
    people = split_people(text)
    if not people or any(p.agency for p in people):
        return []
    covered = sum(len(p.printed) for p in people)
    return people if covered >= 0.6 * len(text) else []


def _bodies_before(text: str, at: int, bodies: Bodies) -> list[str]:
    from cspgraph.loaders.parse.mentions import bodies as mentions

    found = [m.name for m in mentions(text[:at])]
    found += [m.group(1) for m in re.finditer(r"\bthe\s+([A-Z][\w]+(?:\s+[A-Z][\w]+)*)",
                                              text[:at]) if bodies.resolve(m.group(1))]
    return [n for n in found if bodies.resolve(n)]


_JOINT = re.compile(r"(?:(?<=[a-z])|\b)(?:Joint|Co)[- ]?Chairs?\s*[–:—-]\s*(?P<list>.+)$")


# A signature on one line: "Cllr Ann Hale, Chair, Anytown Community Safety Partnership"
_SIGNED_INLINE = re.compile(r"^(?P<who>[^,]{3,60}),\s+(?P<role>(?i:(?:vice|deputy|co)[- ]?)?"
                            r"(?i:chair(?:man|woman|person)?)),\s+(?:of\s+)?(?:the\s+)?"
                            r"(?P<body>[A-Z][^,]+?)\.?$")
_SIGNED = re.compile(r"^(?i:(?:vice|deputy|co)[- ]?)?(?i:chair(?:man|woman|person)?)\s*,?\s+"
                     r"(?:of\s+)?(?:the\s+)?(?P<body>[A-Z].+?)\.?$")


def _leftover(text: str, people: list[Person]) -> bool:
    """True when ``text`` holds words no entry of ``people`` accounts for ("Cllr A Smith,
    the annual report of the board")."""
    lex = lexicon()
    used = {w.lower() for p in people for part in (p.name, p.organisation or "", p.role or "",
                                                    p.title or "") for w in part.split()}
    words = [w for w in re.findall(r"(?<![\w’'-])[a-z][\w’'-]*", text) if w.lower() not in used
             and w not in lex.function_words and w not in lex.titles
             and w not in lex.member_roles]
    return len(words) >= 2


def _signer(text: str) -> Person | None:
    """The person a line that is only a name is ("Councillor Ann Hale")."""
    person = parse_person(text) if len(text.split()) <= 6 else None
    return person if person and not person.agency and not person.post and (
        person.printed == " ".join(text.split()).strip(" ,;.")) else None


_APPOSITIVE = re.compile(r",\s+(?:a|an|the|which|who)\b[^,]*,\s*")


@cache
def _named_with_and() -> re.Pattern[str]:
    """The lexicon's posts and agency names that hold an "and" ("Police and Crime
    Commissioner"): a list of holders is never cut inside them."""
    lex = lexicon()
    return re.compile(phrase_pattern(p for p in lex.posts_as_titles | lex.agency_phrases
                                     if " and " in p), re.IGNORECASE)


def _holders(text: str) -> list[str]:
    """The holders a chair phrase names: "A, Chief Executive, and B of X Police" is two,
    "the Police and Crime Commissioner, A" one."""
    text = text.strip(" ,")
    hidden = _named_with_and().sub(lambda m: m.group().replace(" and ", " and\x00"), text)
    parts = re.split(r",?\s+and\s+(?=(?:the\s+)?[A-Z])", hidden)
    parts = [p.replace("\x00", "").strip(" ,") for p in parts]
    return [p for p in parts if p] if len(parts) > 1 else [text]


@cache
def _chair_patterns() -> list[tuple[re.Pattern[str], str]]:
    """The sentence patterns that state a chair, built on the lexicon's titles and roles."""
    lex = lexicon()
    titles = phrase_pattern(t for t in lex.titles if len(t) > 1)
    who = (rf"(?P<who>(?:(?i:{titles})\.?\s+){{0,3}}[A-Z][\w’'\-.]*(?:\s+[A-Z][\w’'\-]+)"
           rf"{{0,2}})")
    body = r"(?P<body>[A-Z][\w’'&]*(?:\s+(?:and|&|of|for|the|[A-Z][\w’'&]*))*?)"
    role = (r"(?i:(?:vice|deputy)[- ]?chair(?:man|woman|person)?|co-?chairs?|joint\s+chairs?"
            r"|chair(?:man|woman|person)?)")
    # a holder up to the end of its clause: a person, a post, or two of them
    holder = (r"(?P<who>(?:the\s+|its\s+|our\s+)?[A-Z][^.;()]*?(?:\([^)]*\)[^.;()]*?)?)"
              r"(?=\s*(?:[.;)]|,\s+(?:with|who|which|while|whilst|but|and\s+(?:is|was|has|"
              r"reports|meets))\b|,\s+[a-z]|\s+as\s+(?:its\s+|the\s+)?(?i:vice|deputy|co)|"
              r"\s+(?:and\s+)?(?:meets|reports|is|was|has|have|had|will|oversees|leads)\b|$))")
    person = (rf"(?P<who>(?:(?i:{titles})\.?\s+){{0,3}}[A-Z][\w’'\-.]*(?:\s+[A-Z][\w’'\-]+)"
              r"{0,3}(?:\s*\([^)]*\))?)")
    as_holder = r"(?P<who>(?:the\s+|its\s+|our\s+)?[A-Z][^.;()]*?)"  # "with X as Vice-Chair"
    return [
        (re.compile(rf"\bChair(?:man|woman|person)\s+{who}\s+(?:welcomed|opened|introduced)"),
         "meeting"),
        (re.compile(rf"\bThe\s+(?:Vice[- ])?Chair(?:man)?\s+of\s+(?:the\s+)?{body},\s+{who},"),
         "named"),
        (re.compile(rf"{who},\s+as\s+(?:Vice[- ])?Chair\b"), "meeting"),
        (re.compile(rf"(?:newly\s+)?(?:elected\s+)?(?:Vice[- ])?Chair(?:man)?\s+of\s+(?:the\s+)?"
                    rf"{body}(?=[.,;]|$)", re.IGNORECASE), "subject"),
        (re.compile(rf"\b(?:ably\s+|jointly\s+)?(?i:co-)?chaired\s+by\s+{holder}"), "before"),
        (re.compile(rf"(?:^|(?<=[.;]\s)|(?<=,\s)|(?<=\bThat\s)|(?<=\bthat\s)){person}\s+"
                    rf"(?:is|was|be|has\s+been|will\s+be|would\s+be|became|becomes|remains|"
                    rf"(?:will|would|is\s+to|to)\s+(?:take\s+over|continue|act)\s+as)\s+"
                    rf"(?:appointed\s+|elected\s+|re-elected\s+)?(?:as\s+)?(?:the\s+|its\s+|"
                    rf"our\s+)?{role}\b(?:\s+of\s+(?:the\s+)?{body}(?=[.,;]|\s+(?:and|with|"
                    rf"for)\b|$))?"), "before"),
        (re.compile(rf"\b(?:[Tt]he|[Ii]ts|[Mm]y|[Oo]ur)\s+{role}\s+(?:is|was|will\s+be)\s+{holder}"),
         "before"),
        (re.compile(rf"\b(?:[Mm]y|[Oo]ur|[Ii]ts|[Tt]he)\s+{role},\s+{person}"), "before"),
        (re.compile(rf"{person},\s+who\s+(?i:co-|vice-)?chairs\s+(?:the\s+)?{body}"
                    rf"(?=[.,;]|\s|$)"), "before"),
        (re.compile(rf"(?:^|(?<=[.;]\s)){person}\s+(?:(?i:co-|vice-)?chairs|(?:will\s+)?chair)\s+"
                    rf"(?:the\s+)?{body}(?=[.,;]|\s+(?:and|with|for|which|who|from|since|until)\b|$)"),
         "before"),
        (re.compile(rf"\bwith\s+{as_holder}\s+as\s+(?:its\s+|the\s+)?{role}\b"), "before"),
    ]
