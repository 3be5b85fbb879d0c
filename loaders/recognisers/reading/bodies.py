"""The bodies one document names, resolved across it, and the body whose meeting or paper
it is.

Names are found by ``loaders/parse/mentions.py``. One body named three ways is one body: an
acronym defined in brackets ("Safer Town Partnership (STP)") or made of a name's
initials ("SNB"), a plural of it ("SNBs"), the same words in capitals, a shorter name
the longer one ends with ("Community Safety Partnership" in a text that names the
"Northvale Community Safety Partnership"), and "the Board" where one board is named. Each
alias is recorded with the words that show it.

The *meeting body* is read from how papers print it: "X - Thursday, 16th November, 2017"
(a committee system's page title), "Minutes of the meeting of X", "Meeting: 29/01/2024 -
X (Item 43)", "Decision Maker: X", "REPORT TO: X", or a body named in the title lines.
A text that speaks of "the Panel" or "the Board" and names no such body has a body of
that name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cspgraph.loaders.document import Span
from cspgraph.loaders.facts import BODY_KINDS, Alias, Body, BodyKind, Fact, Source
from cspgraph.loaders.lexicon import lexicon
from cspgraph.loaders.parse.folding import fold_words
from cspgraph.loaders.parse.mentions import Mention, bodies, in_passing
from cspgraph.loaders.parse.periods import find_dates
from cspgraph.loaders.recognisers.reading.context import Context, Passage

KINDS = BODY_KINDS
_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DATE = r"(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+,?\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4})"
_HEADERS = [
    re.compile(rf"^(?P<name>.+?)\s+[-–—]\s+(?:{_DAY},?\s+)?{_DATE}"),
    re.compile(r"^(?:Draft\s+)?(?:Minutes|Notes)\s+of\s+(?:the\s+|a\s+|an\s+)?(?:(?:first|last|"
               r"annual|special|extraordinary|inaugural|quarterly|monthly|ordinary|\d+\w*)\s+)?"
               r"(?:meeting\s+of\s+(?:the\s+)?)?(?P<name>.+?)(?:\s+(?:meeting|held)\b|$)",
               re.IGNORECASE),
    re.compile(rf"^Meeting:\s*{_DATE}\s*[-–—]\s*(?P<name>[^()]+?)\s*(?:\(|$)"),
    re.compile(r"^(?:Decision\s+Maker|Decided\s+at\s+meeting|Committee|Meeting)\s*:\s*"
               r"(?:\d\S*\s*[-–—]\s*)?(?P<name>[A-Z][^,.;]+)$", re.IGNORECASE),
    re.compile(r"^REPORT\s+TO\s*:\s*(?P<name>.+)$", re.IGNORECASE),
]
_DEFINITE = re.compile(r"\b[Tt]he\s+("
                       + "|".join(sorted(w.title() for w in lexicon().definite_heads))
                       + r")(?:['’]s)?\b(?!\s+[A-Z])")
# Head nouns of the lexicon's "other" kind name a body by themselves, without "the"
# ("Cabinet agreed ..."), where no capitalised word follows.
_STANDALONE = re.compile(r"(?<![A-Za-z’'] )\b(" + "|".join(sorted(
    w.title() for w, kind in lexicon().body_heads.items() if kind == "other"))
    + r")\b(?!\s+[A-Z])")


def key(name: str) -> str:
    """A body's name folded: case, "&"/"and", "the", possessives and plural -s."""
    text = name.lower().replace("&", " and ").replace("’", "'")
    return fold_words(re.sub(r"'s\b", "", text))


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w’']*", name)
                   if w.lower() not in lexicon().name_joiners).upper()


@dataclass
class Known:
    """One body of the document: its fullest name, kind, aliases and where it is named."""

    name: str
    kind: str
    source: Source
    aliases: dict[str, Source] = field(default_factory=dict)


class Bodies:
    """The document's bodies, resolved; ``name(text)`` gives the body a printed name is."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.known: dict[str, Known] = {}
        self._alias: dict[str, str] = {}  # folded alias -> key of its body
        found: list[tuple[Mention, Passage]] = [
            (m, p) for p in ctx.passages for m in bodies(p.text)]
        for mention, passage in sorted(found, key=lambda mp: -len(mp[0].name)):
            self._add(mention, passage)
        self.meeting_date: str | None = None  # the date of the meeting the minutes record
        self.meeting = self._meeting()
        self._definite()
        self._acronyms()

    # -- building -------------------------------------------------------------------
    def _source(self, passage: Passage, quote: str) -> Source:
        return Source(passage.span, quote)

    def _add(self, mention: Mention, passage: Passage) -> None:
        k = key(mention.name)
        source = self._source(passage, mention.name)
        last = mention.name.split()[-1]
        if k not in self.known and k not in self._alias and last.isupper() and len(
                mention.name.split()) > 1 and (owner := self.resolve(last)) is not None:
            self.known[owner].aliases.setdefault(mention.name, source)  # "Anytown CSP"
            self._alias[k] = owner
            return
        if k in self.known or k in self._alias:
            body = self.known[self._alias.get(k, k)]
            if mention.name != body.name:
                body.aliases.setdefault(mention.name, source)
        else:
            longer = next((b for kk, b in self.known.items() if kk.endswith(" " + k) and not (
                set(kk[:-len(k)].split()) & {"for", "of", "to", "and"})), None)
            if longer is not None and len(k.split()) >= 2:  # "Community Safety Partnership"
                longer.aliases.setdefault(mention.name, source)
                self._alias[k] = key(longer.name)
            else:
                self.known[k] = Known(mention.name, mention.kind, source)
        body_key = self._alias.get(k, k)
        if mention.acronym:
            self._alias[key(mention.acronym)] = body_key
            self.known[body_key].aliases.setdefault(
                mention.acronym, self._source(passage, f"{mention.name} ({mention.acronym})"
                                              if f"{mention.name} ({mention.acronym})"
                                              in passage.text else mention.name))

    def _meeting(self) -> str | None:
        """The key of the body whose meeting or paper the document is, if it says."""
        for passage in self.ctx.passages[:12]:
            text = passage.text.strip()
            if self.meeting_date is None and re.search(r"(?i)\bmeeting|\bminutes|\bheld\b",
                                                       text) and (dates := find_dates(text)):
                self.meeting_date = dates[0].text
            for pattern in _HEADERS:
                m = pattern.match(text)
                if m is None:
                    continue
                name = m.group("name").strip(" .:")
                if (k := self._titled(name)) is not None:
                    return k  # "Minutes of the Partnership Board meeting" under its title
                if (k := self.resolve(name)) is not None:
                    return k
                if found := bodies(name):
                    self._add(found[0], passage)
                    return self.resolve(found[0].name)
                lone = name.split()[-1] if name else ""
                if name and lone.lower() in lexicon().body_heads and len(name.split()) <= 3:
                    return self._generic(name, passage)
        firsts = [p for p in self.ctx.passages[:12] if p.kind in ("heading", "paragraph")
                  and not p.text.rstrip().endswith(".")]  # a title, not a sentence
        for passage in firsts:  # a title line that is a body's name
            found = bodies(passage.text)
            if found and len(found[0].name) >= 0.6 * len(passage.text.strip()):
                return self.resolve(found[0].name)
        minutes = any(re.match(r"(?i)minutes\b", p.text) for p in self.ctx.passages)
        if minutes:  # minutes that name no body at the top: the first committee they name
            for passage in self.ctx.passages:
                for m in bodies(passage.text):
                    if m.kind in ("committee", "panel", "board"):
                        return self.resolve(m.name)
        if any(p.section == "members" for p in self.ctx.passages) and not self.known:
            return self._lower_case()  # notes that name their body only in passing
        return None

    def _lower_case(self) -> str | None:
        """A meeting's notes that name their body only in lower case ("on a future
        oversight board agenda"): that body, its name in capitals."""
        heads = "|".join(sorted(h for h, kind in lexicon().body_heads.items()
                                if kind in ("board", "committee", "panel")))
        pattern = re.compile(rf"\b(?:the|a|an|this|our)\s+(?:(?:future|next|last|previous|"
                             rf"monthly|quarterly)\s+)?(?P<name>[a-z]{{4,}}\s+(?:{heads}))\b")
        for passage in self.ctx.passages:
            if m := pattern.search(passage.text):
                name = m.group("name").title()
                k = key(name)
                self.known[k] = Known(name, lexicon().body_heads[name.split()[-1].lower()],
                                      Source(passage.span, m.group("name")))
                return k
        return None

    def _acronyms(self) -> None:
        """"the CSP": a kind of body the lexicon knows by its acronym, named so
        where the document names no body it stands for."""
        known = lexicon().body_acronyms
        for passage in self.ctx.passages:
            for m in re.finditer(r"\b[Tt]he\s+([A-Z]{2,6})\b(?!\s+[A-Z])", passage.text):
                acronym = m.group(1)
                if acronym.lower() in known and self.resolve(acronym) is None:
                    self.known[key(acronym)] = Known(acronym, known[acronym.lower()],
                                                    Source(passage.span, m.group()))

    def _titled(self, name: str) -> str | None:
        """The body the title lines name, when ``name`` is only generic words."""
        words = name.lower().split()
        if not words or any(w not in lexicon().generic_body_words for w in words):
            return None
        named = {self.resolve(m.name) for p in self.ctx.passages[:3] for m in bodies(p.text)}
        named.discard(None)
        named.discard(key(name))
        if len(named) != 1:
            return None
        k = named.pop()
        self.known[k].aliases.setdefault(name, self.known[k].source)
        self._alias[key(name)] = k
        self.known.pop(key(name), None)
        return k

    def _generic(self, name: str, passage: Passage) -> str:
        """A body known only by a generic name ("Cabinet", "the Panel")."""
        name = re.sub(r"^the\s+|['’]s$", "", name.strip(), flags=re.IGNORECASE)
        k = key(name)
        if k not in self.known:
            head = name.split()[-1].lower()
            self.known[k] = Known(name, lexicon().body_heads.get(head, "other"),
                                  self._source(passage, name))
        return k

    def _definite(self) -> None:
        """"the Board": the one board named, the meeting body of that kind, or a body named
        "Board" when none is named."""
        for passage in self.ctx.passages:
            for m in [*_DEFINITE.finditer(passage.text), *_STANDALONE.finditer(passage.text)]:
                head = m.group(1)
                k = key(head)
                if k in self.known or k in self._alias:
                    continue
                same = [kk for kk, b in self.known.items() if b.name.split()[-1].lower()
                        == head.lower()]
                kind = lexicon().body_heads.get(head.lower())
                subject = self.subject() if kind == "board" else None
                if self.meeting in same or len(same) == 1 or (not same and subject):
                    target = self.meeting if self.meeting in same else (
                        same[0] if same else subject)
                    self.known[target].aliases.setdefault(m.group(), Source(passage.span,
                                                                             m.group()))
                    self._alias[k] = target
                elif not same and m.group()[0].isupper() is not None:
                    self._generic(head, passage)
                    self.known[k].source = Source(passage.span, m.group())
                    if self.meeting is None and kind not in ("partnership", "group"):
                        self.meeting = k

    def subject(self) -> str | None:
        """The body the document is about: its meeting body, or the one body its title
        lines name."""
        if self.meeting:
            return self.meeting
        if not hasattr(self, "_subject"):  # the title lines do not change: read them once
            named = {self.resolve(m.name) for p in self.ctx.passages[:4]
                     for m in bodies(p.text)}
            named.discard(None)
            self._subject = named.pop() if len(named) == 1 else None
        return self._subject

    # -- reading ------------------------------------------------------------------------
    def resolve(self, name: str) -> str | None:
        """The key of the body ``name`` is, or None (an acronym of initials counts)."""
        k = key(name)
        if k in self.known:
            return k
        if k in self._alias:
            return self._alias[k]
        bare = re.sub(r"s$", "", name.strip())
        if bare.isupper() and 2 <= len(bare) <= 6:
            matches = [kk for kk, b in self.known.items() if _initials(b.name) == bare]
            if len(matches) == 1:
                self._alias[k] = matches[0]
                return matches[0]
        return None

    def name(self, printed: str) -> str:
        """The fullest name of the body ``printed`` is, or ``printed`` itself."""
        k = self.resolve(printed)
        return self.known[k].name if k is not None else printed

    def meeting_name(self) -> str | None:
        return self.known[self.meeting].name if self.meeting else None

    def in_passing(self) -> list[Fact]:
        """Bodies the cells of a table name in passing ("work with the local area tasking
        groups"): named, but what kind of body each is the text does not say. A cell that
        is only a name is a list entry, read as a member or lead instead."""
        out: list[Fact] = []
        seen = {k for k in self.known} | set(self._alias)
        for passage in self.ctx.passages:
            if passage.kind != "cell":
                continue
            for name in in_passing(passage.text):
                k = key(name)
                if k in seen or passage.text.strip(" .;:") == name:
                    continue
                line = next((n for n in passage.span.lines()
                             if name in self.ctx.doc.plain_line(n)), None)
                if line is None:
                    continue
                seen.add(k)
                out.append(Body(Source(Span(line, line, passage.span.page), name), name,
                                BodyKind.MENTIONED, made_by="bodies in passing",
                                confidence=0.8))
        return out

    def facts(self) -> list[Fact]:
        """A Body fact for each body and an Alias fact for each alias."""
        out: list[Fact] = []
        for body in self.known.values():
            kind = KINDS.get(body.kind, BodyKind.SUBGROUP)
            short = next((a for a in body.aliases if a.isupper() and len(a) <= 8), None)
            out.append(Body(body.source, body.name, kind, short, made_by="body names",
                            confidence=0.9))
            for alias, source in body.aliases.items():
                if not re.match(r"(?i)the\s", alias):  # "the Board" is a reference, not a name
                    out.append(Alias(source, alias, body.name, made_by="body names"))
        return out

    def span_of(self, k: str) -> Span:
        return self.known[k].source.span
