"""Priorities, however a plan or paper names them:

* the items of a list after a line that announces priorities with a cue word of the
  lexicon ("... five key issues:", "There are four priorities under the shared vision:",
  "the overarching CSP strategic aims:"), or the items of a priorities section;
* "Priority 1 – Name", "Strategic Priority 2: Name", "Priority: Name" wherever printed,
  a contents list included ("Priority 1: Keeping our communities safe ...... 13"); the
  words after a colon or dash that go on as a sentence are the priority's aim;
* a sentence that lists them: "The key priorities ... were A, B and C", "priorities
  such as A, B and C which ...", "a focus on the priorities ...: A and B".

Ambitions, outcomes or actions listed under a priority are not more priorities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from cspgraph.loaders.facts import Fact, Lead, Priority, QualityNote, Source
from cspgraph.loaders.lexicon import lexicon, phrase_pattern
from cspgraph.loaders.parse.columns import header_role
from cspgraph.loaders.parse.folding import fold
from cspgraph.loaders.parse.leads import split_leads
from cspgraph.loaders.parse.markers import NUMBER_WORD
from cspgraph.loaders.parse.people import (
    Person,
    display,
    organisation_like,
    parse_person,
    strip_title,
)
from cspgraph.loaders.recognisers.reading.context import Context, Passage, section_role, sentences

_NUMBER_WORDS = rf"(?:\d{{1,2}}|[A-H]|(?i:{NUMBER_WORD})\b)"
_LABEL_WORDS = (r"(?:Priority|Objective|Theme|Aim|Outcome|Ambition|"
                r"PRIORITY|OBJECTIVE|THEME|AIM|OUTCOME|AMBITION)")
# A label that names who leads what goes before it: "Lead agency:", "Led by:", "Owner:".
_LEAD_LABEL = re.compile(r"(?:^|(?<=\s))(?P<label>(?:[Ll]ead|[Ll]ed\s+by|[Oo]wner|[Rr]esponsible)"
                         r"\b[\w ]{0,25}?)\s*:\s*(?P<lead>\S.*?)\s*\.?$")
_PRIORITY_N = re.compile(
    rf"(?:(?<=\s)|^)(?P<label>(?:(?:Strategic|Key|Partnership)\s+)?{_LABEL_WORDS}"
    rf"(?:\s+{_NUMBER_WORDS}|(?=\s*:)))"
    rf"\s*[:–—-]\s*(?P<name>[^:.…]+?)(?=\s*(?:\.{{2,}}|…|\s\d{{1,3}}(?:\s|$)|:|\s[–—-]\s|"
    rf"\.\s|\.$|;|$|\s(?:(?:Strategic|Key)\s+)?Priority\b|"
    rf"\s(?:Lead|Led\s+by|Owner)\b[\w ]{{0,25}}:))"
    rf"(?P<aim>:\s*[^.]+\.?)?")
_ENDS_LIST = re.compile(r"[:–-]\s*$")
_CLAUSE_END = re.compile(r"\s+(?:which|that|who|where|have|has|had|were|are|will|would|to\s+be|"
                         r"in\s+order|so\s+that|across|within|during)\b|[.;(]")


@cache
def _cue() -> re.Pattern[str]:
    return re.compile(rf"\b(?i:{phrase_pattern(lexicon().priority_cues)})\b")


@cache
def _aligning() -> re.Pattern[str]:
    """An alignment or citing phrase of the lexicon at the start of the words."""
    words = phrase_pattern([*lexicon().alignment_phrases, *lexicon().citing_phrases])
    return re.compile(rf"(?i:{words})\b")


@cache
def _others() -> re.Pattern[str]:
    words = phrase_pattern(lexicon().others_priorities)
    return re.compile(rf"\b(?i:{words})\b")


@cache
def _runon() -> re.Pattern[str]:
    cue = phrase_pattern(lexicon().priority_cues)
    return re.compile(rf"\b(?i:{cue})\b(?:\s+[^\s,.:;]+){{0,12}}?\s*(?:\b(?:were|are|include|"
                      rf"includes|included|such\s+as|namely)\s*:?|:)\s+(?P<list>[^.]+)")


@dataclass(frozen=True)
class Labelled:
    """A "Priority 2 – Name: aim" label as printed: where it is, its number, name and aim."""

    start: int
    end: int
    number: str | None
    name: str
    aim: str | None


def labelled(text: str) -> list[Labelled]:
    """The "Priority N – Name" labels in ``text``, each with the name it gives."""
    out = []
    for m in _PRIORITY_N.finditer(text):
        name = re.sub(r"\s+(?:through|by|via)$", "", m.group("name").strip())
        if re.fullmatch(r"[\d\s]+", name):
            continue
        number = re.search(_NUMBER_WORDS + r"$", m.group("label"))
        aim = (m.group("aim") or "").lstrip(": ").strip() or None
        out.append(Labelled(m.start(), m.end("name"), number.group() if number else None,
                            name, aim))
    return out


BARE_LABEL = re.compile(rf"(?i)(?:(?:strategic|key|partnership)\s+)?(?:priority|objective|theme|"
                        rf"aim|outcome|ambition)\s+{_NUMBER_WORDS}")
"""A priority's label without its name: "Priority 2"."""


class Priorities:
    """Reads one document's priorities."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.facts: list[Fact] = []
        self._names: set[str] = set()

    def add(self, passage: Passage, name: str, quote: str, made_by: str, aim: str | None = None,
            number: str | None = None, group: str | None = None,
            confidence: float = 0.85) -> None:
        name = name.strip(" ,;:.–—-•·")
        if not name or len(name) < 3 or len(name.split()) > 30:
            return
        if name.lower() in self._names:
            return
        self._names.add(name.lower())
        quote = quote if quote in passage.text else name
        key = f"reading/priority/{len(self._names)}"
        self.facts.append(Priority(Source(passage.span, quote), key, name, aim, number, group,
                                   made_by=made_by, confidence=confidence))

    def read(self) -> list[Fact]:
        passages = self.ctx.passages
        section_depth: dict[str, int] = {}  # a section's first numbered depth
        means = False
        within: str | None = None  # the priority whose own heading or label is above
        i = 0
        while i < len(passages):
            passage = passages[i]
            before = len(self.facts)
            self._numbered(passage)
            text = passage.text.strip()
            if passage.kind == "heading" or (passage.kind == "paragraph" and labelled(text)):
                within = next((f.key for f in self.facts[before:]), None) or next(
                    (f.key for f in self.facts if isinstance(f, Priority) and labelled(text)
                     and fold(f.name) == fold(labelled(text)[0].name)), None)
            if within is not None and passage.kind in ("heading", "paragraph"):
                self._lead_label(passage, within)
            listing = (_ENDS_LIST.search(text) and _cue().search(text)
                       and passage.kind not in ("cell", "heading"))
            if listing and not ACTION_INTRO.search(text) and within is None:
                i = self._list(passages, i + 1, text)
                continue
            if passage.kind != "list_item":
                means = bool(ACTION_INTRO.search(text))  # its list is the means, not priorities
            if passage.section == "priorities" and passage.kind == "list_item" and not means \
                    and within is None:  # a priority's own list: its actions or outcomes
                level = _depth(passage.marker)
                first = section_depth.setdefault(passage.heading, level)
                if level <= first and not _COMMENTARY.search(text):
                    self._item(passage, "priorities section")
            self._runons(passage)
            self._aims(passage)
            i += 1
        self._lead_lines()
        return self.facts

    # -- lead labels: "Priority 2: Name" then "Lead agency: Anytown Police" ---------------
    def _lead_label(self, passage: Passage, key: str) -> None:
        """The lead a "Lead:" label names under a priority's heading or after its label
        ("Lead officer: Ann Hale, Community Safety Manager"); a label that names an agency
        ("Lead agency:") makes its words agencies."""
        parts = [m for m in _LEAD_LABEL.finditer(passage.text) if header_role(m["label"]) == "lead"]
        if len(parts) != 1:
            return
        m = parts[0]
        printed = m["lead"].strip(" .")
        src = Source(passage.span, printed)
        agency = re.search(r"(?i)\b(?:agency|agencies|organisation|partner|partners|body)\b",
                           m["label"])
        person = None if agency else parse_person(printed)
        if person is not None and not person.agency and not person.post and person.name \
                and not _agency_name(printed, person):
            self.facts.append(Lead(src, key, display(person), True, person.role or person.title,
                                   person.organisation, made_by="lead label", confidence=0.8))
            return
        names = split_leads(printed)
        sure = agency or (names and all(organisation_like(n) for n in names))
        for name in names:
            self.facts.append(Lead(src, key, name, made_by="lead label",
                                   confidence=0.8 if sure else 0.5))

    # -- lead lines: "1. Domestic Abuse – D/Supt A. Name (MPS)" ---------------------------
    def _lead_lines(self) -> None:
        """Leads of priorities listed as "<priority> – <lead>" under a line that speaks of
        priorities: a person (with the agency in brackets or after a comma) or agencies;
        "A or B" is kept as stated, with a note. It takes two such items in one list, and
        every lead plainly a person or an agency."""
        passages = self.ctx.passages
        i = 0
        while i < len(passages):
            if passages[i].kind != "list_item":
                i += 1
                continue
            family = _family(passages[i].marker)
            j = i
            while j < len(passages) and passages[j].kind == "list_item" and _family(
                    passages[j].marker) == family:
                j += 1
            run, before = passages[i:j], passages[i - 1] if i else None
            lines = [found for p in run if (found := _lead_line(p)) is not None]
            about = before is not None and re.search(r"(?i)priorit", before.text + " "
                                                     + before.heading)
            if len(lines) >= 2 and about:
                for line in lines:
                    self._lead(line)
            i = j

    def _lead(self, line: _LeadLine) -> None:
        passage = line.passage
        key = next((f.key for f in self.facts if isinstance(f, Priority) and (
            f.source.span.start == passage.span.start or fold(f.name) == fold(line.name))),
            None)
        if key is None:
            number = re.sub(r"[^\w]", "", passage.marker) if any(
                c.isdigit() for c in passage.marker) else None
            self.add(passage, line.name, line.name, "lead line", number=number)
            key = self.facts[-1].key if self.facts and isinstance(
                self.facts[-1], Priority) else None
        if key is None:
            return
        src = Source(passage.span, line.printed if line.printed in passage.text
                     else passage.text)
        agencies: list[str] = []
        for lead in line.leads:
            if not lead.agency:
                self.facts.append(Lead(src, key, display(lead), True, lead.title,
                                       lead.organisation, made_by="lead line",
                                       confidence=0.85))
                if lead.organisation:
                    agencies.append(lead.organisation)
            else:
                agencies.append(lead.name)
        for agency in dict.fromkeys(agencies):
            self.facts.append(Lead(src, key, agency, made_by="lead line", confidence=0.85))
        if line.alternatives:
            self.facts.append(QualityNote(src, f"the lead for '{line.name}' is stated as "
                                               f"alternatives ('{line.printed}'); each is "
                                               "recorded, none chosen", made_by="lead line"))

    def _aims(self, passage: Passage) -> None:
        """ "The objective is to ...", "The CSP aims to ...": what the plan or body is for."""
        for _, sentence in sentences(passage.text):
            m = _AIM.match(sentence) or _AIMS_TO.match(sentence)
            if m is not None:
                self.add(passage, m.group("name"), m.group("name").strip(), "aim sentence",
                         confidence=0.5 if _sub_plan().search(sentence) else 0.7)

    def _numbered(self, passage: Passage) -> None:
        for label in labelled(passage.text):
            quote = passage.text[label.start:label.end].strip()
            self.add(passage, label.name, quote, "priority label", label.aim, label.number)

    def _item(self, passage: Passage, made_by: str, confidence: float = 0.85) -> None:
        text = passage.text.strip()
        if _PRIORITY_N.search(text):
            return  # read as a labelled priority
        name, aim = text, None
        m = re.match(r"^(?P<name>[^:–—]{3,80}?)\s*(?:[:–—]|\s-\s)\s*(?P<aim>.+)$", text)
        if m and len(m.group("name").split()) <= 8:
            name, aim = m.group("name"), m.group("aim")
        if len(name.split()) > 25:
            return
        self.add(passage, name.rstrip(";."), name.rstrip(";."), made_by, aim,
                 confidence=confidence)

    def _list(self, passages: list[Passage], j: int, intro: str) -> int:
        """The items of the list after an intro line; where the list ends. Items numbered
        deeper than the first ("3.1" under "3.") are commentary on it; the areas of an
        action or delivery plan ("This Delivery Plan ... in the key areas of:") are that
        plan's, so only candidates."""
        depth: int | None = None
        sure = 0.5 if _sub_plan().search(intro) else 0.85
        while j < len(passages):
            item = passages[j]
            words = len(item.text.split())
            short = (item.kind == "paragraph" and words <= 14
                     and not item.text.rstrip().endswith(":"))
            if (item.kind != "list_item" and not short) or (short and _STATEMENT.search(
                    item.text)):
                break
            j += 1
            level = _depth(item.marker)
            if depth is None:
                depth = level
            elif level > depth:
                continue
            if _PRIORITY_N.search(item.text):
                self._numbered(item)
            else:
                self._item(item, "priority list", sure)
        return j

    def _runons(self, passage: Passage) -> None:
        for _, sentence in sentences(passage.text):
            m = _runon().search(sentence)
            if m is None or _others().search(sentence[max(0, m.start() - 40):m.start() + 12]):
                continue  # "The PCC's priorities are ...": another's, not the document's
            if any(label.start <= m.start() < label.end for label in labelled(sentence)):
                continue  # "Priority 2: Protecting women and girls" names one priority
            listed = m.group("list")
            if ";" in listed:  # "A; B; and C": the semicolons part the items
                listed = re.split(r"\s+(?:which|that|who|where|so\s+that)\b", listed)[0]
            elif not re.match(r"\s*\(\d", listed):  # "(1) A; (2) B; ..." keeps its brackets
                listed = _CLAUSE_END.split(listed, maxsplit=1)[0]
            parts = split_list(listed)
            if len(parts) < 2 or any(len(p.split()) > 9 or _NOT_A_NAME.search(p) or
                                     _aligning().match(p) for p in parts):
                continue  # "The priorities are consistent with the Plan and ...": no list
            for part in parts:
                part = re.sub(r"^(?:the|a|an)\s+", "", part)
                self.add(passage, part, part, "priority sentence", confidence=0.75)


def split_list(text: str) -> list[str]:
    """The items of a list printed in a sentence: "A, B and C" is three, "A, and B and C"
    two (the last item is "B and C"), "(1) A; (2) B; and (3) C" three; a lone "A and B" is
    one name when both are capitalised ("Shoplifting and Retail Crime")."""
    text = re.sub(r"(?:^|(?<=[;,]\s)|(?<=\sand\s))\s*\(\d{1,2}\)\s*", "", text.strip())
    parts = [p for p in re.split(r"\s*;\s*(?:and\s+)?|\s*,\s*(?:and\s+|or\s+)?", text) if p]
    oxford = re.search(r",\s+(?:and|or)\s+[^,]*$", text) is not None
    last = parts[-1] if parts else ""
    if len(parts) >= 2 and not oxford and last.count(" and ") > 1:
        return []  # "violence, drugs and alcohol and exploitation": which "and" parts them?
    if len(parts) >= 2 and not oxford and " and " in last:
        parts[-1:] = last.split(" and ", 1)
    elif len(parts) == 1 and " and " in last:
        left, right = last.split(" and ", 1)
        if not (left[:1].isupper() and right[:1].isupper()):
            parts = [left, right]
    return [p.strip(" .") for p in parts if p.strip(" .")]


@dataclass(frozen=True)
class _LeadLine:
    passage: Passage
    name: str
    leads: list[Person]
    printed: str  # the lead as printed
    alternatives: bool


_DASHED = re.compile(
    r"^(?P<name>[A-Z][^–—:()]{1,80}?)\s+(?:[–—]|-{1,2})\s+"
    r"(?:(?:lead(?:\s+(?:officer|agency|agencies|partners?))?|led\s+by)\s*:?\s*)?"
    r"(?P<lead>\S.*?)\.?$")
_BRACKETED = re.compile(
    r"^(?P<name>[A-Z][^–—:()]{1,80}?)\s*\(\s*(?:lead(?:\s+(?:officer|agency|partners?))?"
    r"|led\s+by)\s*:?\s*(?P<lead>[^()]+(?:\([^()]*\)[^()]*)?)\)\.?$", re.IGNORECASE)


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
    return "upper" if re.fullmatch(r"\(?[A-Z]{1,4}\)", marker) else marker


def read_lead(text: str) -> tuple[list[Person], bool] | None:
    """(leads, stated as alternatives) of a lead as printed, or None when any part of it is
    not plainly a person or an agency."""
    parts = re.split(r"\s+or\s+", text.strip(" ."))
    leads: list[Person] = []
    for part in parts:
        person = parse_person(part)
        if person is not None and not person.agency and not person.post and person.role is None \
                and not _agency_name(part, person):
            leads.append(person)
            continue
        names = split_leads(part)
        if names and all(organisation_like(n) for n in names):
            leads += [Person(n, n, agency=True) for n in names]
        else:
            return None
    return leads, len(parts) > 1


def _agency_name(text: str, person: Person) -> bool:
    """True when a "person" is a place before an agency word: "Marlow Vale Police" has no
    title, no comma and reads as an organisation's name."""
    return not person.title and "," not in text and "(" not in text and organisation_like(text)


def _lead_line(passage: Passage) -> _LeadLine | None:
    text = passage.text.strip()
    m = _BRACKETED.match(text) or _DASHED.match(text)
    if m is None or len(m["name"].split()) > 8 or section_role(m["name"]):
        return None
    named = parse_person(m["name"])
    if named is not None and not named.agency and strip_title(m["name"])[0]:
        return None  # "Cllr A Smith – Anytown Council" lists a person, not a priority
    found = read_lead(m["lead"])
    if found is None:
        return None
    return _LeadLine(passage, m["name"].strip(), found[0], m["lead"].strip(" ."), found[1])


def _depth(marker: str) -> int:
    """How deep a printed number is: "3." is 1, "3.1" is 2; a bullet is 0."""
    number = re.match(r"\(?(\d+(?:\.\d+)*)", marker)
    return number.group(1).count(".") + 1 if number else 0


@cache
def _sub_plan() -> re.Pattern[str]:
    heads = phrase_pattern(lexicon().sub_plan_heads)
    return re.compile(rf"\b(?i:this|the|our|its)\s+(?i:{heads})\b")


# A sentence of commentary, not a priority's name: "The Forum will complete a review of ...".
_COMMENTARY = re.compile(r"^\S+(?:\s+\S+){7,}\s+.*\b(?:will|has|have|had|is|are|was|were)\b.*\.$|"
                         r"^(?:\S+\s+){2,}(?:will|has|have|had|is|are|was|were)\s+\S+(?:\s+\S+){3,}.*[.:]$")
# A short paragraph that is a statement or a section's title, not one more item of a list:
# "Each objective is described below.", "Section 5: Monitoring".
_STATEMENT = re.compile(r"^.*\b(?:will|would|is|are|was|were|has|have|had|can|should|must)\b.*\.$|"
                        r"^(?:Section|Part|Chapter)\s+\d+\b")
_NOT_A_NAME = re.compile(r"^(?:on|in|for|to|of|by|at|with|from|that)\b|\b(?:was|were|is|are|be|"
                         r"been|has|have|had)\b", re.IGNORECASE)
_AIM = re.compile(r"^The\s+(?:main\s+|overall\s+)?(?:objective|aim)\s+(?:of\s+[^,]+?\s+)?is\s+"
                  r"(?P<name>to\s+[^.]+)")
_AIMS_TO = re.compile(r"^(?:The\s+)?(?P<body>[A-Z][\w&’' ]*?\b(?i:"
                      + "|".join(sorted(lexicon().body_words, key=len, reverse=True))
                      + r"))\s+aims\s+(?P<name>to\s+[^.]+)")
ACTION_INTRO = re.compile(r"\b(?:by|to|through|including\s+to|will|shall)\s*:\s*$", re.IGNORECASE)
"""A line that introduces the means of something ("... tackling crime through:", "We will:")."""
