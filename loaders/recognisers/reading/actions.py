"""Actions and recommendations: things someone is to do, stated as such.

* action lines of minutes: "Action – Paul Finch to ensure ...", "ACTION: GO to report ...",
  "Action PF to discuss ..." (the owner is the name or initials before "to");
* resolutions: "That half-yearly reports ... be submitted to the Panel" under "Resolved",
  and "it was agreed that a summary note would be circulated"; a resolution that only
  notes, receives or approves is a decision made, not a thing to do;
* recommendations: the items under "That the Committee:" or "Decision:" / "Recommendations",
  "It is recommended that X", "recommended that X be ...", "suggested that
  consideration is given to X";
* duties: the items after "The Partnership will work towards its vision by:" or "...
  have a statutory duty to work together to:", each owned by the subject of the line
  that announces them.
"""

from __future__ import annotations

import re

from cspgraph.loaders.facts import Fact, Item, ItemKind, Lead, Source
from cspgraph.loaders.lexicon import lexicon, words_pattern
from cspgraph.loaders.parse.people import parse_person
from cspgraph.loaders.parse.timescales import parse_timescale
from cspgraph.loaders.recognisers.reading.action_lines import ACTION_CUE
from cspgraph.loaders.recognisers.reading.bodies import Bodies
from cspgraph.loaders.recognisers.reading.context import (
    Context,
    Passage,
    section_role,
    sentences,
)

_REF = r"(?:\s*(?P<ref>[A-Z]{0,4}\d[\w/.-]*))?"  # "ACTION 24/31", "Action A3"
_ACTION_ANY = re.compile(rf"^(?:\d+(?:\.\d+)*\.?\s+)?(?i:actions?){_REF}\s*(?:[:–—-]\s*|\s+"
                         r"(?=[A-Z]))\S")
# "X undertook to ...", "the Partnership agreed to ...", "DK offered to ...": X's action
_UNDERTOOK = re.compile(r"(?P<owner>\b[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})\s+(?:undertook|"
                        r"agreed|offered|promised|committed|volunteered)\s+to\s+(?P<text>(?!be\b)"
                        r"[a-z][\w-]*\b[^.;]*)")
# "DK said the Partnership would consider ...", "it was agreed that DK would provide ..."
_SAID_WOULD = re.compile(r"\b(?:said|confirmed|explained|stated|reported|advised|agreed|noted)\s+"
                         r"(?:that\s+)?(?P<owner>(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,4}|"
                         r"he|she|they|it)\s+would\s+(?P<text>(?!be\b)[a-z][\w-]*\b[^.;]*)")
# "asked that progress be reported to the Board", "requested that a report be brought"
_ASKED_THAT = re.compile(r"\b(?:asked|requested|recommended)\s+that\s+(?P<text>[^.;]*?\bbe\s+"
                         r"\w+(?:ed|en|ne|wn|ht|ught)\b[^.;]*)")
# "The Board is asked to note ... and to agree ...", "the Council is required to review ..."
_ASKED_TO = re.compile(r"\b(?:is|are)\s+(?:asked|invited|recommended|required)\s+to\s+"
                       r"(?P<text>[a-z][^.;]*)")
# "the Partnership will set up a Youth Forum by March 2023": a commitment of a body or "we"
_LEX = lexicon()
_WILLING = "|".join(sorted(_LEX.definite_heads | _LEX.office_heads | _LEX.issuer_heads | {
    w for w, role in _LEX.roles.items() if role == "chair" and " " not in w}))
_WILL = re.compile(r"(?:^|^[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]*){1,5}\s+|\b(?:[Ww]e|I|"
                   r"[Tt]he\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,5}|[A-Z]{2,6}|"
                   rf"[Tt]he\s+(?i:{_WILLING}))\s+)(?:will|shall)\s+(?:also\s+)?(?P<text>(?!be\b|"
                   r"continue\s+to\s+be\b|need\b|have\b)[a-z][\w-]*\b[^.;]*)")
_THAT = re.compile(r"^(?:\(?[ivx]{1,4}\)|\(?[a-z]\)|\d+(?:\.\d+)*\.?)?\s*(?i:that)\s+(?P<text>.+?)"
                   r"\.?$")
_DECIDED = words_pattern("governance", "decision_participles", r"\bbe\s+(?:{words})\b")
_TO_DO = words_pattern("governance", "request_participles",
                       r"\b(?:be|is|are)\s+(?:to\s+be\s+)?(?:{words})\b")
_AGREED = re.compile(r"\b(?:it\s+was\s+)?(?i:agreed|noted|resolved)\s+that\s+"
                     r"(?P<text>(?:(?!\bhad\b)[^.]){0,80}?\bwould\b[^.]+)")
_REQUESTED = re.compile(r"^(?:\(?[a-z]\)|\(?[ivx]{1,4}\))?\s*(?:the\s+)?(?P<owner>[A-Z][^,;]+?),"
                        r".*?\bbe\s+(?:requested|asked|invited)\s+to\s+(?P<text>[^;.]+)")
_TO_BE = re.compile(r"\b(?:(?:is|are)\s+to\s+be\s+(?:\w+ed|made|done|given|taken|sent|held|set|put|"
                    r"written|brought|kept|met|drawn|shown|sought|paid|found|run)|will\s+be\s+(?:reviewed|monitored|"
                    r"updated|reported|published|produced|circulated|refreshed|evaluated))\b")
# Where the subject of "... will be reviewed" starts: after a clause's opening words.
_CLAUSE_START = re.compile(r"(?:^|[,;:]\s+(?:but\s+|and\s+)?|\bthat\s+)(?=(?:[Aa]n?|[Tt]he|[Tt]his|"
                           r"[Tt]hese|[Ii]ts|[Oo]ur)\s)")
_WOULD = re.compile(r"\b(?:he|she|they|it)\s+would\s+(?P<text>(?:recommend|report|write|circulate|"
                    r"provide|arrange|update|bring|contact|raise|review|ensure|investigate|"
                    r"look\s+into|confirm|share|send)\b[^.]+)")
_FOR_TO = re.compile(r"\b(?:requirement|duty|responsibility)\s+(?:\([^)]*\)\s+)?for\s+(?:the\s+)?"
                     r"(?P<owner>[A-Z][\w ]+?)\s+to\s+(?P<text>[^.]+)")
_OWNER_TO = re.compile(r"^(?P<owner>(?:[A-Z][\w’']+)(?:\s+(?:and\s+)?[A-Z][\w’']+){0,3})\s+to\s+"
                       r"(?P<text>[a-z].+)$")
_RECOMMENDED = re.compile(
    r"\b(?:(?:it\s+is|it\s+was|it\s+had\s+(?:also\s+)?been)\s+)?(?:recommended|suggested|"
    r"recommends|recommendation\s+to\s+the\s+\w+)\s+(?:to\s+[A-Z]\w+\s+)?that\s+(?P<text>[^.;]+)",
    re.IGNORECASE)
_DEADLINE = re.compile(r"\b(?:by|before|until|from|no\s+later\s+than)\s+(?:the\s+end\s+of\s+)?"
                       r"(?:(?:January|February|March|April|May|June|July|August|September|"
                       r"October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|"
                       r"Dec|Spring|Summer|Autumn|Winter|early|mid|late)\b|(?:19|20)\d\d)")


def _commitments(text: str) -> list[str]:
    """The things a "will" clause commits to: "publish a summary every six months and will
    refresh the Plan in 2026" is two; a clause after ", which" or ", or" is none of them."""
    text = re.split(r",\s+(?:which|or|but|so|as)\b|\s+(?:which|whilst|while)\s", text)[0]
    parts = re.split(r",?\s+and\s+(?:(?:by|in)\s+[^,]+?\s+)?(?:(?:the|we|[A-Z])[\w\s’'-]*?\s+)?"
                     r"will\s+", text)
    return [p.strip(" ,") for p in parts if p.strip(" ,")]


def _owner(text: str) -> str | None:
    """An owner as printed, or None for a pronoun."""
    text = re.sub(r"^(?:the)\s+", "", text.strip())
    return None if text.lower() in ("he", "she", "they", "it", "we") else text


def _obligation(sentence: str) -> str | None:
    """The words of "An amendment is to be made to ...", "the plan ... will be reviewed
    annually": a thing to be done, from its subject to the end of the clause. A line that
    introduces a list ("The following actions will be monitored ...:") or a standing rule
    of a committee's page ("The agenda ... will be published ...") is none."""
    m = _TO_BE.search(sentence)
    if m is None:
        return None
    starts = [s.end() for s in _CLAUSE_START.finditer(sentence[:m.start()])]
    if not starts:
        return None
    text = re.split(r",\s+(?:however|but|although|whereas)\b|;", sentence[starts[-1]:])[0]
    text = text.rstrip(" .;")
    if re.match(r"(?i)(?:this|these|it|they)\s+(?:will|is|are)\b", text):
        return None  # "This will be reviewed ...": says not what
    first = re.sub(r"^(?:an?|the|this|these|its|our)\s+", "", text.lower())
    if first.startswith("following") or text.endswith(":") or first.split()[0] in (
            lexicon().standing_subjects):
        return None
    return text


_PLEDGE = re.compile(r"['’]s\s+(?:pledge|commitment|undertaking)\s+to\s+(?P<text>(?!(?:be|the|a|an|"
                     r"our|its|their|this|these|all)\b)[a-z][\w-]+\b(?:(?!\s+in\s+relation\s+to\b"
                     r"|\s+with\s+regard\s+to\b)[^.;,])*)")
_ASKS = re.compile(r"^(?:That|To)\b|\b(?:should|must|recommend(?:s|ed)?|be\s+\w+ed|needs?\s+to|"
                   r"is\s+asked|are\s+asked)\b", re.IGNORECASE)
_SEEK = re.compile(r"\bto\s+seek\s+(?:Members[’']?\s+)?recommendation\s+(?P<text>to\s+[^.;]+)")
_DUTY = re.compile(r"\b(?:will\s+(?:work\s+towards\s+[^:]*?\s+)?by|duty\s+to\s+(?:work\s+together"
                   r"\s+to|)|obligations?\s+including\s+to|responsible\s+for|will\s+work\s+to|"
                   r"through|will|shall)\s*:\s*$", re.IGNORECASE)
_THAT_INTRO = re.compile(r"^(?:That|It\s+is\s+recommended\s+that|(?:[\w’']+\s+){1,4}"
                         r"(?:recommends?|proposes?)\s+that)\s+(?:the\s+)?[A-Z][^:]*:\s*$")
# A recommendation printed as a paragraph with its reference: "R2. adopts retail crime ..."
_REF_ITEM = re.compile(r"^\(?(?P<ref>[A-Z]{1,2}\d{1,2}|\d{1,2}(?:\.\d{1,2})?|[a-z])[.)]\s+"
                       r"(?P<text>[a-z].+)$")
_SUBJECT = re.compile(r"^(?:The\s+)?(?P<who>[A-Z][\w’'& ]+?|responsible\s+authorities(?:\s+named"
                      r"\s+in\s+the\s+[\w ]+?)?)\s+(?:will|have|has|are|is)\b")
_CUT = re.compile(r"\s+and\s+the\s+suggestion\b|;|\s+which\s+was\s+agreed\b", re.IGNORECASE)


# An item of an actions section that says what to do, its owner in brackets after it:
# "Install speed indicator devices on six routes (Highways Team)."
_DOING = re.compile(r"^(?P<text>[A-Z][a-z]+(?:\s+(?:up|out|on|in))?\s+[a-z][^()]*?)"
                    r"(?:\s*\((?P<owner>[A-Z][^()]{1,60})\))?\.?$")
_LEADING_OWNER = re.compile(r"^(?P<owner>(?:[A-Z][\w’'.-]*\s+){1,3}?[A-Z][\w’'.-]*|[A-Z]{2,4}"
                            r"(?:\s+and\s+[A-Z]{2,4})?)\s+(?:would|will|to)\s+(?P<text>[a-z].+)$")


class Actions:
    """Reads one document's actions and recommendations."""

    def __init__(self, ctx: Context, bodies: Bodies) -> None:
        self.ctx = ctx
        self.bodies = bodies
        self.facts: list[Fact] = []
        self._texts: set[str] = set()

    def add(self, passage: Passage, text: str, kind: ItemKind, made_by: str,
            owner: str | None = None, number: str | None = None, quote: str | None = None,
            confidence: float = 0.8) -> None:
        text = text.strip(" .;,")
        if m := _LEADING_OWNER.match(text):  # "Ann Hale would provide ...": the action
            owner = owner or m.group("owner")
            text = m.group("text")
        if len(text.split()) < 2 or text.lower() in self._texts:
            return
        self._texts.add(text.lower())
        quote = quote if quote and quote in passage.text else (
            text if text in passage.text else passage.text)
        start, end = parse_timescale(text)
        n = len(self._texts)
        self.facts.append(Item(Source(passage.span, quote), f"reading/{kind.name.lower()}/{n}",
                               kind, text, number=number, due_start=start, due_end=end,
                               made_by=made_by, confidence=confidence))
        if owner:
            person = parse_person(owner)
            named = person is not None and not person.agency
            self.facts.append(Lead(Source(passage.span, owner if owner in passage.text else quote),
                                   f"reading/{kind.name.lower()}/{n}",
                                   person.name if named else self.bodies.name(owner), named,
                                   made_by=made_by, confidence=confidence))

    def read(self) -> list[Fact]:
        passages = self.ctx.passages
        duty: str | None = None  # the owner of the duties listed after a "... by:" line
        style: bool | None = None  # whether the duty list is numbered
        recommending = False  # after "That the Committee:": its recommendations
        for passage in passages:
            text = passage.text.strip()
            numbered = any(c.isalnum() for c in passage.marker)
            if duty is not None and passage.kind == "list_item" and style in (None, numbered):
                style = numbered  # a list of another style is not more of these duties
                self.add(passage, text, ItemKind.ACTION, "duty list", duty, confidence=0.75)
                continue
            style = None
            if recommending and passage.kind == "list_item":
                self.add(passage, text, ItemKind.RECOMMENDATION, "recommendation list",
                         number=passage.marker.strip("().") or None, confidence=0.75)
                continue
            if recommending and passage.kind == "paragraph" and (m := _REF_ITEM.match(text)):
                self.add(passage, m.group("text"), ItemKind.RECOMMENDATION,
                         "recommendation list", number=m.group("ref"), confidence=0.75)
                continue
            duty, recommending = None, bool(_THAT_INTRO.match(text))
            if recommending:
                continue
            if _DUTY.search(text):
                who = _SUBJECT.match(text)
                if who and who.group("who").split()[-1].lower() in ("we", "i"):
                    duty = ""  # "We will:", "Over the next year we will:": no owner named
                else:
                    duty = self.bodies.name(who.group("who")) if who else (
                        self.bodies.meeting_name() or "")
                continue
            self._lines(passage, text)
        return self.facts

    def _lines(self, passage: Passage, text: str) -> None:
        if _ACTION_ANY.match(text) or ACTION_CUE.search(text):
            return  # an action line: read by ``action_lines``
        section = passage.section or ""
        heading = passage.heading.lower()
        if section == "actions" and (m := _OWNER_TO.match(text)) and not section_role(
                m.group("owner")):  # "Officers to progress ..."
            self.add(passage, text, ItemKind.ACTION, "actions section", m.group("owner"),
                     confidence=0.7)
            return
        if section == "actions" and passage.kind == "list_item" and (
                m := _DOING.match(text)) and not (section_role(text) or section_role(
                    text.split()[0])):  # "Next steps", "Recommendations to the Board": titles
            self.add(passage, m.group("text"), ItemKind.ACTION, "actions section",
                     m.group("owner"), confidence=0.7)  # "Run a scheme (Licensing Team)."
            return
        if m := _REQUESTED.match(text):
            self.add(passage, m.group("text"), ItemKind.ACTION, "resolution", m.group("owner"),
                     confidence=0.7)
            return
        if passage.kind == "list_item" and re.search(r"\bbe\s+recommended\s+to\b", text):
            self.add(passage, text, ItemKind.RECOMMENDATION, "resolution",
                     number=passage.marker.strip("().") or None, confidence=0.7)
            return
        if m := _THAT.match(text):
            body = m.group("text")
            resolved = section == "recommendations" or "resolved" in heading or "decision" in \
                heading or re.search(r"\bresolved\b", heading)
            if _DECIDED.search(body) and not _TO_DO.search(body):
                return
            if resolved or _TO_DO.search(body):
                kind = ItemKind.RECOMMENDATION if "recommend" in body.lower() else ItemKind.ACTION
                number = re.match(r"^\(?([ivx]{1,4}|[a-z]|\d+(?:\.\d+)*)\)?", text)
                self.add(passage, body, kind, "resolution",
                         number=number.group(1) if number and number.group(1) else None,
                         confidence=0.75)
                return
        if section == "recommendations" and passage.kind == "list_item" and re.match(
                r"^(?:To\s+)?[A-Z][a-z]+\b", text):
            asks = _ASKS.search(text) is not None  # narrative paragraphs under the title ask none
            self.add(passage, text, ItemKind.RECOMMENDATION, "recommendations section",
                     number=passage.marker.strip("().") or None,
                     confidence=0.75 if asks else 0.5)
            return
        for _, sentence in sentences(text):
            if m := _RECOMMENDED.search(sentence):
                words = _CUT.split(m.group("text"))[0]
                self.add(passage, words, ItemKind.RECOMMENDATION, "recommendation sentence",
                         confidence=0.75)
            elif m := _SEEK.search(sentence):
                self.add(passage, m.group("text")[3:], ItemKind.RECOMMENDATION,
                         "recommendation sentence", confidence=0.7)
            elif m := _AGREED.search(sentence):
                self.add(passage, m.group("text"), ItemKind.ACTION, "agreed action",
                         confidence=0.7)
            elif (m := _SAID_WOULD.search(sentence)) or (m := _UNDERTOOK.search(sentence)):
                self.add(passage, m.group("text"), ItemKind.ACTION, "undertaking",
                         _owner(m.group("owner")), confidence=0.7)
            elif m := _ASKED_THAT.search(sentence):
                self.add(passage, m.group("text"), ItemKind.ACTION, "request", confidence=0.7)
            elif m := _ASKED_TO.search(sentence):  # what a paper asks its readers: unsure
                for part in re.split(r",?\s+and\s+to\s+", m.group("text")):
                    self.add(passage, part, ItemKind.RECOMMENDATION, "request", confidence=0.55)
            elif m := _FOR_TO.search(sentence):
                self.add(passage, m.group("text"), ItemKind.ACTION, "duty sentence",
                         m.group("owner"), confidence=0.65)
            elif m := _WOULD.search(sentence):
                self.add(passage, m.group("text"), ItemKind.ACTION, "undertaking",
                         confidence=0.65)
            elif m := _PLEDGE.search(sentence):  # "the Commissioner's pledge to re-invest in"
                self.add(passage, m.group("text"), ItemKind.ACTION, "pledge", confidence=0.65)
            elif (text := _obligation(sentence)) is not None:
                self.add(passage, text, ItemKind.ACTION, "obligation", confidence=0.65)
            elif passage.kind != "heading" and (m := _WILL.search(sentence)):
                dated = _DEADLINE.match(sentence.strip())  # "By March 2026, we will ..."
                listed = section == "actions" and passage.kind == "list_item"
                for part in _commitments(m.group("text")):  # sure only with a deadline
                    self.add(passage, part, ItemKind.ACTION, "commitment",
                             confidence=0.7 if dated or listed or _DEADLINE.search(part)
                             else 0.55)
