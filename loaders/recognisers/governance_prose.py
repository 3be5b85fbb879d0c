"""Layout family: governance described in prose.

* Entries: "Anytown Safer Board (SB) - Chair: Dr Jane Roe, Director of Public Health",
  "North / South Anytown CSP - Chairs: A Roe (North), B Doe (South)" (two bodies),
  "Northshire Police & Crime Commissioner (PCC) – John Doe" (a holder), or "Chair: ..."
  under the name; then paragraphs describing the body ("This group", "It").
* Structure sentences anywhere: "X reports (annually) to/into (both) Y and Z", "a
  subgroup of Y", "X oversees Y", "X is overseen by Y", "responsible for scrutiny of Y",
  "X is the host authority", "Membership comprises ...". "The Partnership" outside an
  entry is the one the title names; short forms ("the SB", "the PCC's Office") resolve
  to a body named in full when exactly one fits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from cspgraph.loaders import facts as F
from cspgraph.loaders.document import Block, BlockKind, Document, Span
from cspgraph.loaders.facts import BODY_KINDS as KINDS
from cspgraph.loaders.facts import BodyKind, Relation, Role, Source
from cspgraph.loaders.lexicon import lexicon, phrase_pattern


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _kind_words() -> dict[str, BodyKind]:
    """Each head word of the lexicon with the kind of body (or agency) it names."""
    lex = lexicon()
    words: dict[str, BodyKind] = dict.fromkeys(lex.agency_words, BodyKind.AGENCY)
    # a panel in an entry is a delivery panel under a board unless it scrutinises
    kinds = {**KINDS, "panel": BodyKind.SUBGROUP}
    words.update({w: kinds.get(k, BodyKind.SUBGROUP) for w, k in lex.body_heads.items()})
    words.update({w: kinds.get(k, BodyKind.SUBGROUP) for w, k in lex.body_acronyms.items()})
    words.update(dict.fromkeys(lex.office_heads, BodyKind.OFFICE))
    return words


_KIND_WORDS = _kind_words()
_BODY_WORDS = frozenset(w for w, k in _KIND_WORDS.items() if k is not BodyKind.AGENCY) - {"csp"}
_AGENCY_WORDS = frozenset(w for w, k in _KIND_WORDS.items() if k is BodyKind.AGENCY)
_CONNECTORS = lexicon().name_joiners & _set("and & of for the")
_HONORIFICS = lexicon().honorifics
_PARTICLES = lexicon().name_particles
_JOB_WORDS = lexicon().job_words
# Words that end a person's name when no comma does: job titles and organisation words.
_NOT_NAME = (_JOB_WORDS | _BODY_WORDS | _AGENCY_WORDS | lexicon().not_names
             | lexicon().place_types | lexicon().title_descriptors)

_CAP = r"[A-Z][\w'’\-/]*"
_ABBR_IN = r"[A-Z][A-Za-z&]{1,9}"
_CONN = r"(?:and|&|of|for|the)"
_MOST = 15  # words in a name: longer runs of capitals are not one name (and stay linear)
_NAME_RUN = re.compile(rf"{_CAP}(?:\s*\({_ABBR_IN}\)|\s+(?:{_CONN}\s+){{0,3}}{_CAP}){{0,{_MOST}}}")
_PRINTED_NAME = re.compile(rf"{_NAME_RUN.pattern}(?:,\s*{_NAME_RUN.pattern})*")
_NAME_BARE = rf"{_CAP}(?:\s+(?:{_CONN}\s+){{0,3}}{_CAP}){{0,{_MOST}}}"  # without "(ABBR)"
_DEFINITION = re.compile(rf"(?P<name>{_NAME_BARE})\s*\((?P<abbr>{_ABBR_IN})\)")
_ABBR = re.compile(r"^[A-Z]&?[A-Z][A-Z&]{0,4}(?:['’]?s)?$")
_TRAILING_ABBR = re.compile(rf"^(?P<name>.+?)\s*\((?P<abbr>{_ABBR_IN})\)$")
_DET = re.compile(r"(?:the|this|both|all|its|their)\s+", re.I)
_DETS = re.compile(f"^(?:{_DET.pattern})+", re.I)
_SEP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s+&\s+")
_RUN_SPLIT = re.compile(f"({_SEP.pattern})")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'‘“(])|(?<=\s\.)(?=[A-Z])")
_SEPARATOR = r"(?:\s*(?:\s[-–—]|[-–—]\s|:)\s*)"
_CUE = r"(?P<cue>(?:(?:Vice|Deputy|Co)[- ]?)?[Cc]hair(?:s|man|person|woman)?)\b"
_ENTRY = re.compile(
    rf"^(?P<name>[A-Z][^:]{{1,150}}?){_SEPARATOR}{_CUE}\s*[:\-–—]?\s*(?P<rest>\S.*)$"
    rf"|^(?P<pname>[A-Z][^:(]{{1,150}}?)\s*\(\s*{_CUE.replace('cue', 'pcue')}\s*[:\-–—]?\s*"
    r"(?P<prest>[^)]+)\)\s*$"
)
_SECOND_CUE = re.compile(rf"(?:[;,.]\s*|\s+){_CUE}\s*[:\-–—]\s*")  # "...; Vice-Chair: B"
_CHAIR_LINE = re.compile(rf"^{_CUE}\s*[:\-–—]\s*(?P<rest>\S.*)$")
_OFFICE_ENTRY = re.compile(
    rf"^(?P<name>[A-Z][^:]{{1,150}}?\b(?:Commissioner|Mayor)(?:\s*\({_ABBR_IN}\))?){_SEPARATOR}"
    r"(?P<rest>\S.*)$"
)
_QUALIFIED = re.compile(r"^(?P<a>[A-Z][\w-]*)\s*(?:/|&|and)\s*(?P<b>[A-Z][\w-]*)\s+(?P<base>.+)")
_AREA = re.compile(r"\s*\((?P<q>[A-Z][\w\- ]{0,30})\)\s*$")
_COMPASS = re.compile(r"^(?:(?:North|South|East|West|Central|Mid|Inner|Outer)(?:[- ]?[EW]\w+)?"
                      r"|Northern|Southern|Eastern|Western|Urban|Rural)$")
_DESCRIPTION = re.compile(r"^(?:\S+\s+){7}|.*[.,;!?]$")  # a sentence, not a caption
_CUES = re.compile(r"(?i)report|sub-?\s?(?:group|comm)|oversee|scrutin|host|accountable|membership")
_ADVERBS = (r"(?:(?:now|also|currently|formally|directly|annually|quarterly|monthly|regularly"
            r"|jointly|ultimately|then)\s+)*")
_PATTERNS: list[tuple[re.Pattern[str], Relation, bool]] = [  # (verb, relation, passive)
    (re.compile(rf"\b{_ADVERBS}(?:[Rr]eports?|is\s+accountable|are\s+accountable)\s+{_ADVERBS}"
                r"(?:in)?to\s+(?:both\s+)?"), Relation.REPORTS_TO, False),
    (re.compile(r"\b(?:is|are|acts\s+as|operates\s+as)\s+(?:an?|the)\s+(?:[a-z\-]+\s+)?"
                r"(?:sub-?\s?groups?|sub-?committees?)\s+of\s+(?:both\s+)?"),
     Relation.SUB_GROUP_OF, False),
    (re.compile(r"^(?:As\s+)?An?\s+(?:[a-z\-]+\s+)?sub-?\s?group\s+of\s+"),  # "A subgroup of Y, it"
     Relation.SUB_GROUP_OF, False),
    (re.compile(rf"\b{_ADVERBS}[Oo]versees?\s+(?:both\s+)?"), Relation.OVERSEES, False),
    (re.compile(r"\b(?:is|are)\s+(?:[a-z]+\s+)?overseen\s+by\s+"
                r"(?:an?\s+[\w\s]+?\s+(?:known\s+as|called)\s+)?"), Relation.OVERSEES, True),
    (re.compile(r"\b(?:(?:is|are)\s+)?(?:responsible\s+for\s+(?:the\s+)?scrutin(?:y|ising|izing)"
                r"\s+of|scrutini[sz]es?)\s+"), Relation.SCRUTINISES, False),
    (re.compile(r"\b(?:is|are|will\s+be|shall\s+be|to\s+be)\s+(?:[a-z]+\s+)?(?:scrutini[sz]ed|"
                r"held\s+to\s+account)\s+by\s+"), Relation.SCRUTINISES, True),
]
_HOST = re.compile(
    r"\s+(?:is|are|acts\s+as)\s+the\s+host(?:ing)?\s+(?:local\s+)?"
    r"(?:authority|organisation|organization|agency|body)\b(?:\s+(?:for|of)\s+)?"
)
_REPORT_OF = re.compile(  # "To report progress of the Partnership ... to the X Board"
    r"\b[Tt]o\s+report(?:\s+(?:on\s+)?(?:the\s+)?(?:progress|performance|work|activity))?\s+of\s+"
    rf"(?:the\s+)?(?P<s>{_NAME_RUN.pattern})(?:\s+and\s+its\s+[a-z\s\-]+?)?\s+(?:in)?to\s+"
)
_MEMBERSHIP = re.compile(
    r"^(?:(?:Its|The)\s+)?[Mm]embership(?:\s+of\s+(?:the|this)\s+[\w\- ]+?)?\s+"
    r"(?:is\s+comprised\s+of|is\s+composed\s+of|comprises|consists\s+of|is\s+made\s+up\s+of"
    r"|includes|is\s+open\s+to|is\s+drawn\s+from)\s+"
)
_ROLE_SEGMENT = re.compile(
    r"^(?P<q>(?:[\w&'’\-]+\s+){0,2}?)(?P<noun>representatives?|representation|staff|chairs?"
    r"|leads?|members?|officers?|heads?|directors?|managers?|delegates?)\b"
    r"(?:\s+(?:from|of)\s+(?P<rest>.+))?$", re.I)
_MEMBER_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+(?:and|plus)\s+(?=[a-z])")
_QUANTIFIERS = re.compile(
    r"^(?:(?:the|all|both|each\s+of\s+the|\d+|two|three|four|five|six|seven|eight|ten)\s+)+", re.I)
_GENERIC = re.compile(  # "It", "Group", "strategy body", not "Strategic Board"
    r"^(?:[Ii]t|(?:[a-z\-]+\s+)?(?i:body|" + "|".join(sorted(lexicon().body_heads)) + r"))$")


def _section_pattern() -> re.Pattern[str]:
    """A governance section's heading words, or the opening of an editor's note."""
    lex = lexicon()
    heads = [w for w, role in lex.sections.items() if role == "governance"]
    notes = phrase_pattern(lex.editorial_notes)
    return re.compile(rf"\b(?:{phrase_pattern(heads)}|structures|arrangements)\b"
                      rf"|^\W*(?:{notes})\b", re.I)


_SECTION = _section_pattern()
_MODALS = re.compile(r"(?:\s+(?:will|shall|would|should|must|also|now|continues?\s+to))+$")
_ABBR_AROUND = re.compile(
    r"(?P<lead>(?:[A-Z][A-Z&]+\b\s*)*)(?P<title>.+?)\s*(?P<tail>(?:\b[A-Z][A-Z&]+\s*)*)$")
_VOWEL = re.compile(r"[AEIOUY]")
_NAME_WORD = re.compile(r"^(?:[A-Z]\.?|[A-Z][a-z]*(?:[-'’]?[A-Z][a-z]+|[-'’][a-z]+)*)$")


def _norm(text: str) -> str:
    """Comparison key: lower case, '&' as 'and', possessives and punctuation folded."""
    text = text.lower().replace("&", " and ").replace("’", "'").replace("'s ", "s ")
    return " ".join(re.sub(r"[^\w]+", " ", text.replace("'", "")).split())


def _is_abbr(word: str) -> bool:
    return bool(_ABBR.match(word))


def _valid_body(name: str) -> bool:
    """True when ``name`` ends like a body: a body word or an abbreviation."""
    words = re.sub(r"\s*\([^)]*\)\s*$", "", name).split()
    if not words or not words[0][:1].isupper():
        return False
    last = words[-1].rstrip(".,;:")
    shouted = len(words) > 1 and all(w.isupper() for w in words if any(c.isalpha() for c in w))
    return last.lower() in _BODY_WORDS or (_is_abbr(last) and not shouted)


def _split_short(name: str) -> tuple[str, str | None]:
    """("Full Name", "ABBR") from "Full Name (ABBR)", else (name, None)."""
    m = _TRAILING_ABBR.match(name.strip())
    if m and _is_abbr(m["abbr"]):
        return m["name"].strip(), m["abbr"]
    return name.strip(), None


def _strip_det(text: str) -> str:
    return _DETS.sub("", text.strip(" ,.;:"))


def _initials(name: str) -> str:
    words = re.split(r"[\s\-/]+", re.sub(r"\([^)]*\)", " ", name))
    return "".join(w[0].upper() for w in words
                   if w and w[0].isalpha() and w.lower() not in _CONNECTORS)


def _kind(name: str) -> BodyKind:
    """The kind of body the last cue word of a name says it is ("Executive Group": board)."""
    words = [w.strip(".,'’") for w in re.sub(r"\([^)]*\)", " ", name).lower().split()]
    if words[:2] == ["office", "of"]:
        return BodyKind.OFFICE
    for i in range(len(words) - 1, -1, -1):
        kind = _KIND_WORDS.get(words[i])
        if kind is BodyKind.SUBGROUP and i and words[i - 1] == "executive":
            return BodyKind.BOARD
        if kind is not None:
            return kind
    return BodyKind.PARTNERSHIP


def _title_case(name: str) -> bool:
    """True when every word of a name but inner connectors starts with a capital."""
    words = [w.strip("()'‘’\"") for w in re.split(r"[\s/]+", name)]
    words = [w for w in words if any(c.isalpha() for c in w)]
    return (bool(words) and words[-1].lower() not in _CONNECTORS
            and all(w[0].isupper() or w.lower() in _CONNECTORS for w in words))


def _only_name(text: str) -> bool:
    """A line that is only a body's name: short, title case, ending in a body word."""
    return len(text.split()) <= 12 and _title_case(text) and _valid_body(text.rstrip(".,;"))


def _person(text: str) -> tuple[str, str] | None:
    """(person with honorifics, the rest) when ``text`` starts with a person's name."""
    tokens = text.split()
    i = 0
    while i < len(tokens) and tokens[i].rstrip(".").lower() in _HONORIFICS:
        i += 1
    names, full, comma = 0, 0, False
    caps = i < len(tokens) and tokens[i].rstrip(",").isupper() and len(tokens[i]) > 2
    while i < len(tokens) and names < 6:
        word = tokens[i].rstrip(",;")
        ok = (word.isupper() and bool(_VOWEL.search(word)) if caps  # "JANE ROE, Inspector"
              else bool(_NAME_WORD.match(word)) and word.lower() not in _NOT_NAME)
        particle = word.lower() in _PARTICLES and names > 0
        if not (ok or particle):
            break
        names, i = names + 1, i + 1
        full += not particle and len(word.rstrip(".")) > 1
        if tokens[i - 1] != word:
            comma = True
            break
    if names < 2 or full > 3 or (caps and not comma and i < len(tokens)):
        return None
    if not comma and i < len(tokens):  # what follows the name must not continue it
        after = tokens[i].rstrip(",;.")
        if not (after.startswith("(") or _is_abbr(after) or after.lower() in _JOB_WORDS):
            # "Jane Roe Anytown Borough Council": a two-word name before an organisation
            if full != 3 or tokens[-1].rstrip(",;.").lower() not in _NOT_NAME - _JOB_WORDS:
                return None
            i -= 1
    return " ".join(tokens[:i]).rstrip(",;"), " ".join(tokens[i:]).strip(" ,;-–—")


def _role_org(rest: str) -> tuple[str | None, str | None]:
    """(job title, organisation) from what follows a person's name."""
    rest = rest.strip(" ,;.-–—()")
    parts = [p.strip() for p in rest.split(",") if p.strip()]
    titled = [p for p in parts if any(w.lower() in _JOB_WORDS for w in re.split(r"[\s/]+", p))]
    if not titled:
        return None, rest or None
    if len(parts) > 1:
        return titled[0], ", ".join(p for p in parts if p is not titled[0]) or None
    m = _ABBR_AROUND.match(rest)  # "WCC Cabinet Member", "Director of Public Health WCC"
    return m["title"], f"{m['lead']} {m['tail']}".strip() or None


_Chair = tuple[str | None, F.Post]  # (area qualifier, the post with its body left blank)


@dataclass
class _Entry:
    """A body named with its chair (or holder), and the paragraphs describing it."""

    printed: str  # the name as printed, e.g. "North / South Anytown CSP"
    names: list[tuple[str, str | None]]  # (body name, area qualifier): two for "North / South"
    short: str | None
    span: Span  # the naming line(s)
    chairs: list[_Chair]
    end: int  # last line of the description

    @property
    def name(self) -> str:
        return self.names[0][0]


def _chairs(cue: str, rest: str, printed: str, span: Span) -> list[_Chair]:
    """The chairs printed after a "Chair:" / "Chairs:" cue; "(North)" marks an area."""
    qualified = _QUALIFIED.match(printed)
    areas = {qualified["a"], qualified["b"]} if qualified else set()
    low = cue.lower()
    role = Role.VICE_CHAIR if low.startswith(("vice", "deputy")) else Role.CHAIR
    plural = low.endswith("s") or low.startswith("co")
    chunks = [c.strip() for c in re.split(r";" if ";" in rest else r",|\s+and\s+", rest)]
    chunks = chunks if plural else [rest]
    out: list[_Chair] = []
    for chunk in chunks:
        area = _AREA.search(chunk)
        qualifier = area["q"].strip() if area else None
        if qualifier is not None and not (_COMPASS.match(qualifier) or qualifier in areas):
            qualifier, area = None, None
        found = _person(chunk[: area.start()] if area else chunk)
        if found is None:
            return []
        out.append((qualifier, F.Post(Source(span, chunk), "", role, found[0],
                                      *_role_org(found[1]))))
    return out


def _entry_at(block: Block, previous: Block | None) -> _Entry | None:
    """The entry a naming line starts, if ``block`` is one."""
    text, span = block.text, block.span
    if len(text.split()) > 40:
        return None
    if (m := _ENTRY.match(text)) is not None:  # "Name - Chair: A" or "Name (Chair: A)"
        printed, cue, rest = m["name"] or m["pname"], m["cue"] or m["pcue"], m["rest"] or m["prest"]
    elif (m := _CHAIR_LINE.match(text)) and previous is not None and _only_name(previous.text):
        printed, cue, rest = previous.text, m["cue"], m["rest"]
        span = previous.span.join(block.span)
    elif (m := _OFFICE_ENTRY.match(text)) is not None and _title_case(m["name"]):
        found = _person(m["rest"])
        if found is None or len(found[1].split()) > 8:
            return None
        name, short = _split_short(m["name"])
        holder = F.Post(Source(span, m["rest"]), "", Role.HOLDER, found[0], *_role_org(found[1]))
        return _Entry(m["name"].strip(), [(name, None)], short, span, [(None, holder)], span.end)
    else:
        return None
    printed = printed.strip()
    if len(printed.split()) > 14 or not _title_case(printed):
        return None
    chairs: list[_Chair] = []
    for m in [None, *_SECOND_CUE.finditer(rest)][::-1]:  # the last cue's chairs first
        found = _chairs(m["cue"] if m else cue, rest[m.end() if m else 0 :].strip(" ;,"),
                        printed, span)
        if not found:
            return None
        chairs[:0] = found
        rest = rest[: m.start()] if m else rest
    name, short = _split_short(printed)
    areas = list(dict.fromkeys(q for q, _ in chairs if q))  # "North / South X": two bodies
    if len(areas) < 2:
        return _Entry(name, [(name, None)], short, span, chairs, span.end)
    m = _QUALIFIED.match(name)
    base = re.sub(r"\b([A-Z]{2,})['’]?s$", r"\1", m["base"] if m and {m["a"], m["b"]} >= set(areas)
                  else name)
    return _Entry(name, [(f"{q} {base}", q) for q in areas], short, span, chairs, span.end)


def _entries(blocks: list[Block]) -> dict[int, _Entry]:
    """Entries by the index of every block they cover (naming line and description)."""
    out: dict[int, _Entry] = {}
    i = 0
    while i < len(blocks):
        entry = _entry_at(blocks[i], blocks[i - 1] if i else None)
        if entry is None:
            i += 1
            continue
        if entry.span.start < blocks[i].span.start:
            out[i - 1] = entry
        out[i], i = entry, i + 1
        while i < len(blocks) and blocks[i].kind is BlockKind.PARAGRAPH:
            text, nxt = blocks[i].text, blocks[i + 1].text if i + 1 < len(blocks) else ""
            if not _DESCRIPTION.match(text) or _title_case(text) or _entry_at(blocks[i], None) \
                    or (_CHAIR_LINE.match(nxt) and _only_name(text)):
                break
            entry.end, out[i], i = blocks[i].span.end, entry, i + 1
    return out


@dataclass(frozen=True)
class _Ref:
    """A resolved body name, where to cite it for its own Body fact, and its short name."""

    name: str
    source: Source | None = None
    short: str | None = None


class _Names:
    """Resolves printed references to the bodies the document names."""

    def __init__(self, blocks: list[Block], entries: list[_Entry]) -> None:
        self.full = {_norm(n): n for e in entries for n, _ in e.names}
        self.shorts = {e.short: e.name for e in entries if e.short}
        self.initials = [(n, _initials(n)) for e in entries for n, _ in e.names]
        self.defs: dict[str, _Ref] = {}  # "Full Name (ABBR)" printed anywhere
        for block in blocks:
            for m in _DEFINITION.finditer(block.text):
                name = re.sub(r"['’]s$", "", re.sub(r"^The\s+", "", m["name"]))
                abbr = m["abbr"]
                if (_is_abbr(abbr) and _valid_body(name) and abbr not in self.defs
                        and abbr[0] in _initials(name)):
                    self.defs[abbr] = _Ref(name, Source(block.span, m.group()), abbr)
        self.partnership: _Ref | None = None  # the partnership a title line names
        for block in blocks[:12]:
            name = _split_short(re.sub(r"^The\s+", "", block.text.strip()))[0]
            words = name.lower().split()
            if 0 < len(words) <= 10 and words[-1].rstrip("s") in ("partnership", "csp", "cdrp"):
                self.partnership = self.partnership or _Ref(name, Source(block.span, name))

    def abbreviation(self, abbr: str) -> _Ref | None:
        """The body an abbreviation stands for: an entry's short, initials, or a definition."""
        key = re.sub(r"['’]?s$", "", abbr) if abbr[-1] == "s" and abbr[-2].isupper() else abbr
        defined = self.defs.get(key)
        cite = defined.source if defined is not None else None
        if key in self.shorts:
            return _Ref(self.shorts[key], cite, key)
        hits = {n for n, initials in self.initials if initials.endswith(key) and len(key) > 2}
        if len(hits) == 1:
            return _Ref(hits.pop(), cite, key)
        if defined is not None:
            return _Ref(self.full.get(_norm(defined.name), defined.name), cite, key)
        return None

    def resolve(self, phrase: str, current: _Entry | None, subject: bool = False) -> _Ref | None:
        """The body ``phrase`` refers to, or None when it names no body."""
        p = _strip_det(phrase)
        if office := re.match(r"^Office\s+of\s+the\s+(.+)$|^(.+?)['’]s\s+Office$", p):
            p = office[1] or office[2]
        if _GENERIC.match(p) and (subject or " " not in p):
            if subject and current is not None:
                return _Ref(current.name)
            return self.partnership if p.lower().endswith("partnership") else None
        name, short = _split_short(p)
        if not _PRINTED_NAME.fullmatch(name):
            return None
        if short:
            return _Ref(self.full.get(_norm(name), name), None, short)
        if _is_abbr(name):
            return self.abbreviation(name) or _Ref(name)
        words, key = name.split(), _norm(name)
        if len(words) > 1 and _is_abbr(words[-1]):  # "West Anytown PCC"
            found = self.abbreviation(words[-1])
            if found is not None and _norm(found.name).startswith(_norm(" ".join(words[:-1]))):
                return found
        if key in self.full:
            return _Ref(self.full[key])
        if len(words) > 1:  # "the Crime Reduction Board" for "Anytown Crime Reduction Board"
            hits = {n for k, n in self.full.items() if k.endswith(" " + key)}
            defined = {d.name: d for d in self.defs.values() if _norm(d.name).endswith(" " + key)}
            if len(hits | set(defined)) == 1:
                hit = (hits | set(defined)).pop()
                return _Ref(hit) if hit in hits else defined[hit]
        return _Ref(name) if _valid_body(name) else None


def _names_after(text: str, pos: int) -> list[str]:
    """Body names listed at ``pos`` ("the SCB and the HWBB", "X, Y and Z"), split where
    each side ends like a body ("Police & Crime Panel" stays whole)."""
    if (m := _DET.match(text, pos)) is not None:
        pos = m.end()
    start = end = pos
    while (run := _NAME_RUN.match(text, pos)) is not None:
        end = run.end()
        if (sep := _SEP.match(text, end)) is None:
            break
        pos = sep.end()
        if (m := _DET.match(text, pos)) is not None:
            pos = m.end()
    pieces = _RUN_SPLIT.split(text[start:end])
    out, current = [], pieces[0]
    for i in range(1, len(pieces), 2):
        if _valid_body(_strip_det(current)):
            out.append(_strip_det(current))
            current = pieces[i + 1]
        else:
            current += pieces[i] + pieces[i + 1]
    return [*out, _strip_det(current)] if _valid_body(_strip_det(current)) else out


@dataclass
class _Found:
    """Facts found so far, and the bodies they name."""

    relations: list[F.BodyRelation] = field(default_factory=list)
    members: list[F.Membership] = field(default_factory=list)
    mentioned: dict[str, _Ref] = field(default_factory=dict)  # body -> where to cite it
    shorts: dict[tuple[str, str], Source] = field(default_factory=dict)  # (body, short) -> cite

    def mention(self, ref: _Ref, fallback: Source) -> None:
        """Remember a body named in ``fallback``'s sentence, and any short name it goes by."""
        source = ref.source
        if source is None:
            printed = next((t for t in (ref.name, ref.short) if t and t in fallback.quote), None)
            source = Source(fallback.span, printed or fallback.quote)
        if ref.short:
            self.shorts.setdefault((ref.name, ref.short), source)
        self.mentioned.setdefault(ref.name, _Ref(ref.name, source, ref.short))

    def relate(self, subject: _Ref, relation: Relation, obj: _Ref, src: Source) -> None:
        key = (_norm(subject.name), relation, _norm(obj.name))
        if key[0] != key[2] and key not in {(_norm(r.subject), r.relation, _norm(r.object))
                                            for r in self.relations}:
            self.mention(subject, src)
            self.mention(obj, src)
            self.relations.append(F.BodyRelation(src, subject.name, relation, obj.name))


def _relations(names: _Names, found: _Found, sentence: str, src: Source,
               current: _Entry | None) -> None:
    """BodyRelation facts stated by one sentence."""
    first: list[_Ref] = []

    def subject(end: int) -> _Ref | None:
        """The subject before ``end``: none printed is the entry; after "and", the first."""
        if not sentence[:end].strip():
            return _Ref(current.name) if current is not None else None
        text = sentence[:end].strip().rsplit(",", 1)[-1].strip()  # after any leading clause
        text = _MODALS.sub("", re.sub(r"^(?:However|In addition|Currently|Also)\s+", "", text))
        text = re.sub(r"^(?:Its|Their)\s+(?:work|performance|activity|activities|progress|"
                      r"delivery)$", "It", text)  # "Its work will be scrutinised by"
        ref = names.resolve(text, current, True) if len(text.split()) <= 8 else None
        if ref is None and first and re.search(r"\band\s*$", sentence[:end]):
            return first[0]
        first.extend([ref] if ref is not None and not first else [])
        return ref

    def objects(pos: int) -> list[_Ref]:
        refs = (names.resolve(n, current) for n in _names_after(sentence, pos))
        return [r for r in refs if r is not None]

    hits = sorted(((m, rel, passive) for pattern, rel, passive in _PATTERNS
                   for m in pattern.finditer(sentence)), key=lambda hit: hit[0].start())
    for m, relation, passive in hits:
        if (subj := subject(m.start())) is not None:
            for obj in objects(m.end()):
                found.relate(*((obj, relation, subj) if passive else (subj, relation, obj)), src)
    if (m := _REPORT_OF.search(sentence)) and (subj := names.resolve(m["s"], None, True)):
        for obj in objects(m.end()):
            found.relate(subj, Relation.REPORTS_TO, obj, src)
    if (m := _HOST.search(sentence)) is not None:
        runs = list(_NAME_RUN.finditer(sentence[: m.start()]))
        host = _strip_det(runs[-1].group() if runs and runs[-1].end() == m.start() else "")
        targets = objects(m.end()) if sentence[m.end() - 4 : m.end()].strip() else []
        targets = targets or ([_Ref(current.name)] if current is not None else [])
        if host and (_valid_body(host) or host.split()[-1].lower() in _AGENCY_WORDS):
            for obj in targets:
                found.relate(_Ref(host), Relation.HOST_AUTHORITY, obj, src)


def _memberships(names: _Names, found: _Found, sentence: str, src: Source,
                 current: _Entry | None) -> None:
    """Membership facts from "Membership comprises A, representatives from B and C"."""
    if (m := _MEMBERSHIP.match(sentence)) is None or current is None:
        return
    role: str | None = None  # "representatives from A, B and C": the role carries on
    seen = {_norm(current.name)}
    listed = re.sub(r"\s*\([^)]*\)", "", sentence[m.end() :]).rstrip(" .,;")
    for segment in filter(None, map(str.strip, _MEMBER_SPLIT.split(listed))):
        member = re.sub(r"^(?:the|all)\s+", "", segment, flags=re.I)
        member_role = role
        if (rm := _ROLE_SEGMENT.match(member)) is not None:
            qualifier, rest, noun = rm["q"].strip(), rm["rest"], rm["noun"].lower()
            noun = "representative" if noun == "representation" else noun
            noun = noun[:-1] if noun.endswith("s") and noun != "staff" else noun
            if rest and not rest.lower().startswith("across"):
                role = noun if _is_abbr(qualifier) else f"{qualifier.lower()} {noun}".strip()
                member, member_role = rest, role
            elif _is_abbr(qualifier):  # "CSP leads from across the area"
                role, member, member_role = None, qualifier, noun
            else:
                role = None
                continue
        member = _QUANTIFIERS.sub("", member.strip(" .,;:"))
        member = re.sub(r"\s+(?:in|across|within|from)\s+.*$", "", member)
        if not member[:1].isupper() or len(member.split()) > 8:
            continue
        name = getattr(names.resolve(member, None), "name", member)
        if _norm(name) not in seen:
            seen.add(_norm(name))
            found.members += [F.Membership(src, body, name, member_role)
                              for body, _ in current.names]


def _bodies(entries: list[_Entry], found: _Found) -> Iterator[F.Body]:
    """One Body per entry body, per other body named, and per short name used."""
    names = {n for e in entries for n, _ in e.names} | set(found.mentioned)
    kinds = {n: _kind(n) for n in names}
    for r in found.relations:  # what a body does says more than its name ("Panel")
        below = r.relation in (Relation.SUB_GROUP_OF, Relation.REPORTS_TO)
        above = r.object if below else r.subject
        if r.relation is not Relation.HOST_AUTHORITY and kinds[above] is BodyKind.SUBGROUP:
            kinds[above] = BodyKind.BOARD
        if r.relation in (Relation.SUB_GROUP_OF, Relation.HOST_AUTHORITY):
            kinds[r.subject] = BodyKind.SUBGROUP if below else BodyKind.AGENCY
    done: set[tuple[str, str | None]] = set()
    for entry in entries:
        span = Span(entry.span.start, max(entry.end, entry.span.end), entry.span.page)
        for name, qualifier in entry.names:
            done.add((_norm(name), entry.short))
            yield F.Body(Source(span, entry.printed), name, kinds[name], entry.short, qualifier)
    for name, ref in found.mentioned.items():
        if ref.source is not None and not any(k[0] == _norm(name) for k in done):
            done.add((_norm(name), ref.short))
            yield F.Body(ref.source, name, kinds[name], ref.short)
    for (name, short), source in found.shorts.items():
        if (_norm(name), short) not in done:
            done.add((_norm(name), short))
            yield F.Body(source, name, kinds[name], short)


def recognise(doc: Document) -> Iterator[F.Fact]:
    """Bodies, chairs, holders, structure relations and memberships stated in prose."""
    blocks = [b for b in doc.blocks if b.kind is not BlockKind.TABLE and b.text]
    by_block = _entries(blocks)
    entries = list({id(e): e for e in by_block.values()}.values())
    names, found = _Names(blocks, entries), _Found()
    for i, block in enumerate(blocks):
        for sentence in _SENTENCE_END.split(block.text):
            if _CUES.search(sentence):
                src, current = Source(block.span, sentence), by_block.get(i)
                _relations(names, found, sentence, src, current)
                _memberships(names, found, sentence, src, current)
    if by_block:  # the section's heading and its "not an exhaustive list" note
        for block in blocks[max(0, min(by_block) - 3) : min(by_block)]:
            if _SECTION.search(block.text):
                yield F.Furniture(Source(block.span, block.text), reason="governance section")
    yield from _bodies(entries, found)
    for entry in entries:
        areas = {q: n for n, q in entry.names}
        yield from (replace(p, body=areas.get(q, entry.name)) for q, p in entry.chairs)
    yield from found.relations
    yield from found.members
