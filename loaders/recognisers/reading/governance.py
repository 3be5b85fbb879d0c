"""How bodies stand to each other: who reports to, sits under, scrutinises, oversees or
sits alongside whom.

* **Phrases** of the lexicon (``governance.yaml``) in a sentence: the body named before
  the phrase and the one named after it ("The partnership is subject to annual scrutiny
  by the Anyshire Scrutiny Committee", "The Hub reports to the Executive Group", "Members
  reviewed the actions of the Police and Crime Commissioner"). "The partnership", "It",
  "Members" stand for the body the document is about or whose meeting it records; the
  body after the phrase may be named in the plural ("the six district Community Safety
  Partnerships").
* **A scrutiny body's agenda**: an item of a scrutiny committee's or panel's minutes
  titled with another body's name and a review word ("4 Anyshire Community Safety
  Partnership update") is the committee's scrutiny of that body.
* **A terms of reference title** naming two bodies ("ANYTOWN COMMUNITY SAFETY
  PARTNERSHIP / PARTNERSHIP HUB / TERMS OF REFERENCE"): the second is a sub-group of the
  first.
"""

from __future__ import annotations

import re
from functools import cache

from cspgraph.loaders.document import Span
from cspgraph.loaders.facts import BodyRelation, Fact, Relation, Source
from cspgraph.loaders.lexicon import lexicon, phrase_pattern
from cspgraph.loaders.parse.mentions import bodies
from cspgraph.loaders.recognisers.reading.bodies import Bodies, key
from cspgraph.loaders.recognisers.reading.context import Context, Passage, sentences

RELATIONS = {"reports to": Relation.REPORTS_TO, "sub-group of": Relation.SUB_GROUP_OF,
             "scrutinises": Relation.SCRUTINISES, "oversees": Relation.OVERSEES,
             "sits alongside": Relation.ALONGSIDE}
REVERSED = {"scrutinised by": "scrutinises", "overseen by": "oversees"}
_SELF = re.compile(r"\b(?:the|this|our)\s+(?:" + "|".join(sorted(lexicon().definite_heads))
                   + r")\b|^\s*(?:it|its\s+work|members|the\s+members)\b", re.IGNORECASE)
# "X is a sub-group of Y and reports to ...": the second predicate's subject is the first's.
_CONJOINED = re.compile(r"(?:,\s*|\s+)and\s+(?:(?:in\s+turn|also|then)\s+)?(?:(?:is|are|will|"
                        r"was|has|have|reports?|sits?|works?)\b[^,;]*)?$|\s+in\s+turn\s*$",
                        re.IGNORECASE)
_IT = re.compile(r"^\s*(?:it|them)\b", re.IGNORECASE)
# "The following groups report to X:", "X has three delivery groups, which report to it:":
# the bodies listed on the lines after are the subjects.
_PLURAL_HEADS = phrase_pattern([*(h for h in lexicon().body_heads if h.endswith("s")), "bodies"])
_LISTED = re.compile(r"\b(?:the\s+following|these|its|our|two|three|four|five|six|several)\s+"
                     rf"(?:[a-z-]+\s+)?(?:{_PLURAL_HEADS})(?:,?\s+(?:which|that|each\s+of\s+"
                     r"which)(?:\s+(?:will|all|each))?)?\s*$", re.IGNORECASE)
# Words that end a plan's or paper's title, not a body's: "oversees the Anytown Strategy".
_NOT_BODY_ENDS = ({h for h in lexicon().bare_plan_heads if " " not in h}
                  | {"framework", "programme", "report", "review", "policy", "protocol"})
# "reports quarterly to", "report twice a year to": adverbs between the verb and "to".
_GAPPED = re.compile(r"\b(?P<phrase>reports?|reporting)\s+(?:(?:quarterly|annually|monthly|"
                     r"regularly|directly|formally|twice|once|three|four|times|a|each|every|"
                     r"year|progress|back)\s+){1,4}(?:to|into)\b", re.IGNORECASE)
_ITEM = re.compile(r"^\s*(?:\d{1,3}[.)]?\s+|item\s+\d+\s*[:.-]?\s*)?")
_TERMS = re.compile(r"\bterms\s+of\s+reference\b", re.IGNORECASE)


@cache
def _phrases() -> re.Pattern[str]:
    return re.compile(rf"\b(?P<phrase>{phrase_pattern(lexicon().governance_phrases)})\b",
                      re.IGNORECASE)


@cache
def _plural_body() -> re.Pattern[str]:
    heads = "|".join(sorted({re.escape(h) + "s?" for h in lexicon().body_heads}, key=len,
                            reverse=True))
    return re.compile(rf"^\s*(?:the\s+)?(?P<name>(?:[\w’'-]+\s+){{0,5}}?(?i:{heads}))\b")


@cache
def _brand() -> re.Pattern[str]:
    words = phrase_pattern(lexicon().partnership_brands)
    return re.compile(rf"\b(?P<name>(?i:{words})\s+[A-Z][a-z]\w+)\b(?!\s+[A-Z])")


class Governance:
    """Reads the relations between one document's bodies."""

    def __init__(self, ctx: Context, bodies: Bodies) -> None:
        self.ctx = ctx
        self.bodies = bodies
        self.facts: list[Fact] = []
        self._seen: set[tuple[str, str, str]] = set()

    def read(self) -> list[Fact]:
        self._title()
        scrutiny = self._scrutiny_body()
        self._listed: tuple[Relation, str] | None = None
        for passage in self.ctx.passages:
            if self._listed is not None and self._list_entry(passage):
                continue
            self._listed = None
            for _, sentence in sentences(passage.text):
                self._sentence(passage, sentence)
            if scrutiny is not None:
                self._reviewed_item(passage, scrutiny)
        return self.facts

    def add(self, passage: Passage, subject: str, relation: Relation, other: str, quote: str,
            made_by: str, confidence: float = 0.8) -> None:
        subject, other = self.bodies.name(subject), self.bodies.name(other)
        k = (key(subject), relation.value, key(other))
        if k in self._seen or key(subject) == key(other):
            return
        self._seen.add(k)
        quote = quote if quote in passage.text else passage.text
        self.facts.append(BodyRelation(Source(passage.span, quote), subject, relation, other,
                                       made_by=made_by, confidence=confidence))

    # -- phrases -------------------------------------------------------------------------
    def _sentence(self, passage: Passage, sentence: str) -> None:
        found = [(m, lexicon().governance_phrases[" ".join(m.group("phrase").lower().split())])
                 for m in _phrases().finditer(sentence)]
        found += [(m, "reports to") for m in _GAPPED.finditer(sentence)]
        subject = last = None  # the left body of the sentence's first phrase, the last right
        for m, relation in sorted(found, key=lambda f: f[0].start()):
            before, after = sentence[:m.start()], sentence[m.end():]
            if sentence.rstrip().endswith(":") and (lead := _LISTED.search(before)):
                rights = ([self._before(before[:lead.start()])] if _IT.match(after)
                          else self._afters(after))
                if rights and rights[0] and relation in RELATIONS:
                    self._listed = (RELATIONS[relation], rights[0])
                continue
            if (conj := _CONJOINED.search(before)) is not None:  # "X is ... of Y and reports to Z"
                left = subject or self._before(before[:conj.start()], first=True)
            else:
                left = self._before(before)
            subject = subject or left
            rights = self._afters(after)
            if not rights and _IT.match(after) and left is not None:  # "... and reports to it"
                named = [n for n in (b.name for b in bodies(before))
                         if self.bodies.name(n) != self.bodies.name(left)]
                rights = [last] if last else named[-1:]
            if left is None:
                continue
            last = rights[-1] if rights else last
            for right in rights:
                one, two, how = left, right, relation
                if how in REVERSED:
                    one, two, how = right, left, REVERSED[how]
                self.add(passage, one, RELATIONS[how], two, sentence.strip(" ."),
                         "governance phrase")

    def _list_entry(self, passage: Passage) -> bool:
        """A line of the list after "The following groups report to X:": its body does."""
        assert self._listed is not None
        text = passage.text.strip()
        if passage.kind != "list_item" and not re.match(r"^[-–—•*>·]\s", text):
            return False
        text = re.sub(r"^[-–—•*>·]\s*", "", text)
        found = bodies(text)
        if not found or text[:found[0].start].strip(" ,").lower() not in ("", "the"):
            return False
        relation, other = self._listed
        self.add(passage, found[0].name, relation, other, found[0].name, "governance list",
                 0.75)
        return True

    def _afters(self, text: str) -> list[str]:
        """The bodies after a phrase: the first, and each one joined to it by "and the"
        ("works alongside the A and the B")."""
        first = self._after(text)
        if first is None or first.lower().startswith("its ") or \
                first.split()[-1].lower() in _NOT_BODY_ENDS:
            return []
        out = [first]
        clause = re.split(r"[.;:]", text, maxsplit=1)[0]
        for part in re.split(r",?\s+and\s+(?=the\s+[A-Z])", clause)[1:]:
            named = bodies(part)
            if named and not part[:named[0].start].strip(" ,").replace("the", "").strip():
                out.append(named[0].name)
        return out

    def _before(self, text: str, first: bool = False) -> str | None:
        """The body the words before a phrase name or refer to (the first one named, when
        ``first``: the subject of a sentence with two predicates)."""
        named = [m.name for m in bodies(text)] + [m.group("name") for m in _brand().finditer(
            text)]
        named += [w for w in re.findall(r"\b[A-Z]{2,8}\b", text) if self.bodies.resolve(w)]
        if named:
            pick = min if first else max
            return pick(named, key=lambda n: text.rfind(n) if not first else text.find(n))
        clause = re.split(r",\s+(?:where|and|but|while|whilst)\s+|;\s*", text)[-1]
        if _SELF.search(clause):
            return self._subject()
        return None

    def _after(self, text: str) -> str | None:
        """The body the words after a phrase name: a body, a plural of bodies, or an office
        ("the Police and Crime Commissioner for Anyshire")."""
        clause = re.split(r"[.;]|,\s+(?:and|but|which|who)\s", text, maxsplit=1)[0]
        if found := bodies(clause):
            first = found[0]
            if not clause[:first.start].strip(" ,").replace("the", "").strip():
                return first.name
        if m := _plural_body().match(clause):
            return m.group("name")
        if (m := re.match(r"^\s*(?:the\s+)?(?P<name>[A-Z]{2,8})\b", clause)) and \
                self.bodies.resolve(m.group("name")):
            return m.group("name")  # "reports to the TSCP": an acronym the document set
        if found:
            return found[0].name
        if m := re.match(r"^\s*(?:the\s+)?(?P<name>[A-Z][\w’'&-]*(?:\s+(?:(?:and|for|of|&)\s+)?"
                         r"[A-Z][\w’'&-]*)+)", clause):
            return m.group("name")
        if m := _brand().search(clause):
            return m.group("name")
        return None

    def _subject(self) -> str | None:
        k = self.bodies.subject()
        return self.bodies.known[k].name if k is not None else None

    # -- a scrutiny body's agenda ----------------------------------------------------------
    def _scrutiny_body(self) -> str | None:
        """The scrutiny committee or panel whose minutes or paper this is, or the first the
        document names."""
        words = phrase_pattern(lexicon().scrutiny_words)
        scrutiny = re.compile(rf"\b(?i:{words})\b")
        meeting = self.bodies.meeting_name()
        if meeting and scrutiny.search(meeting):
            return meeting
        return next((b.name for b in self.bodies.known.values() if scrutiny.search(b.name)
                     and b.kind in ("committee", "panel", "board")), None)

    def _reviewed_item(self, passage: Passage, scrutiny: str) -> None:
        """"4 Anyshire Community Safety Partnership update": the committee's review."""
        text = _ITEM.sub("", passage.text, count=1)
        found = bodies(text[:160])
        if not found or found[0].start > 0:
            return
        rest = text[found[0].end:].lstrip(" -–:")
        words = phrase_pattern(lexicon().review_words)
        if re.match(rf"(?i)(?:{words})\b", rest):
            quote = passage.text[:passage.text.find(found[0].name) + len(found[0].name)
                                 + len(rest) - len(rest.lstrip())]
            self.add(passage, scrutiny, Relation.SCRUTINISES, found[0].name,
                     " ".join(passage.text.split()[:len(quote.split()) + 1]),
                     "scrutiny agenda", 0.75)

    # -- terms of reference ----------------------------------------------------------------
    def _title(self) -> None:
        """A terms of reference title naming a body and then a group of it."""
        titles: list[Passage] = []
        for passage in self.ctx.passages[:6]:
            if len(passage.text.split()) > 14:
                break
            titles.append(passage)
            if _TERMS.search(passage.text):
                break
        else:
            return
        if not titles or not _TERMS.search(titles[-1].text):
            return
        named = [m.name for p in titles for m in bodies(_TERMS.split(p.text)[0])]
        if len(named) >= 2:
            parent, child = named[0], named[1]
            first = titles[0]
            quote = " ".join(p.text for p in titles)
            self.facts.append(BodyRelation(
                Source(_span(titles), quote if quote in self.ctx.doc.plain(_span(titles))
                       else first.text), self.bodies.name(child), Relation.SUB_GROUP_OF,
                self.bodies.name(parent), made_by="terms of reference title", confidence=0.75))


def _span(passages: list[Passage]) -> Span:
    return Span(passages[0].span.start, passages[-1].span.end, passages[0].span.page)
