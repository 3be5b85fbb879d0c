"""The plans one document names, resolved across it, and the one it is or is about.

A plan is named three ways:

* by a capitalised name ending in a plan head of the lexicon ("Police and Crime Plan
  2021 – 2025", "Crime and Disorder Strategic Assessment (CDXA)"), found by
  ``loaders/parse/mentions.py``; an earlier word before it makes it an earlier plan than the
  one in force ("the previous Community Safety Plan", "the former 2014-2017 strategy",
  "the previous three-year CSXP");
* in lower case, with a head the lexicon allows in lower case ("this strategic
  assessment", "the annual joint strategic assessment");
* as an item of a list of documents ("other strategic documents ..., such as ‘Every
  Child Matters’, Local Area Agreements (LAA) and ...").

One plan named several ways is one plan: the same words once current words ("new",
"draft", "refreshed", "this") and bracketed acronyms are set aside; the same head and
period ("Community Safety Action Plan 2014-15", "Community Safety Partnership Action
Plan 2014/15"); a shorter name the longer one ends with ("County Community Safety
Agreement"); a body's acronym for its words ("CSP Plan"); a name in brackets straight
after another ("... Community Plan (Local Outcome Improvement Plan - LXIP)"); and a bare
head ("Strategic Plan", "the Agreement") where one plan of that kind is named.

The document's *own* plan is the one its title lines name: the plan it is, or the plan
a paper about it is about ("Adoption of the Safer Town Partnership Plan 2012 - 13").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from cspgraph.loaders.facts import Alias, Fact, HigherPlan, PlanKind, Source
from cspgraph.loaders.lexicon import lexicon, phrase_pattern
from cspgraph.loaders.parse.mentions import bodies, plans
from cspgraph.loaders.parse.periods import parse_period
from cspgraph.loaders.recognisers.reading.bodies import Bodies
from cspgraph.loaders.recognisers.reading.context import Context, Passage

KINDS = {"police and crime plan": PlanKind.POLICE_AND_CRIME_PLAN,
         "strategic assessment": PlanKind.STRATEGIC_ASSESSMENT,
         "community safety agreement": PlanKind.COMMUNITY_SAFETY_AGREEMENT,
         "csp plan": PlanKind.PARTNERSHIP_PLAN, "council plan": PlanKind.COUNCIL_PLAN,
         "other": PlanKind.OTHER}
_PERIOD = (r"(?:(?:19|20)\d\d\s*(?:[-–—/]|to)\s*(?:(?:19|20)?\d\d)"
           r"|(?:19|20)\d\d/\d\d|(?:19|20)\d\d)")
_ACRONYM = re.compile(r"\s*\((?:[^()]*?[-–]\s*)?([A-Z][A-Za-z&]{1,7})\)")
_OWNER = re.compile(r"(?P<owner>(?:[A-Z][\w&]*\s+(?:(?:and|&|of|for)\s+)?){0,6}[A-Z][\w&]*)['’]s\s*"
                    r"(?:\([A-Z]{2,8}\)\s*)?[“\"‘']?$")
_HIGHER = ("police and crime plan", "council plan")
_STOP = r"(?:and|or|of|to|in|on|for|by|with|is|are|was|were|be|been|has|have|had|that|which)"


@dataclass(frozen=True)
class PlanName:
    """A plan as one passage names it."""

    name: str
    start: int
    end: int
    kind: str
    period: str | None = None
    acronym: str | None = None
    earlier: bool = False
    owner: str | None = None  # "the County Council's Corporate Plan"
    named_kind: bool = True  # the kind comes from the name's own head, not its owner
    to_make: bool = False  # "develop a local Drugs Strategy": a plan still to be written


@dataclass
class KnownPlan:
    """One plan of the document: its fullest name, kind, period and other names."""

    name: str
    kind: str
    period: str | None
    source: Source
    earlier: bool = False
    aliases: dict[str, Source] = field(default_factory=dict)
    acronym: str | None = None
    owner: str | None = None
    named_kind: bool = True
    cited: bool = False  # the object of a citing phrase ("in line with the X Plan")
    to_make: bool = True  # every mention says it is still to be written


def years(period: str | None) -> tuple[int, ...]:
    """The years a period names, in full: "2014/15" -> (2014, 2015)."""
    if not period:
        return ()
    found = [int(y) for y in re.findall(r"\d{2,4}", period)]
    out: list[int] = []
    for y in found:
        if y < 100 and out:
            y += out[-1] // 100 * 100
        out.append(y)
    return tuple(out)


def key(name: str) -> str:
    """A plan's name folded: case, "&"/"and", bracketed acronyms, periods, current words."""
    text = _ACRONYM.sub(" ", name).lower().replace("&", " and ").replace("’", "'")
    text = re.sub(_PERIOD, " ", text)
    text = re.sub(r"'s\b", "", text).replace("well-being", "wellbeing")
    words = [w for w in re.split(r"[^\w]+", text) if w]
    text = " ".join(words)
    for variant, canonical in lexicon().plan_spellings.items():
        text = re.sub(rf"\b{re.escape(variant)}\b", canonical, text)
    words = text.split()
    current = lexicon().plan_current
    while words and words[0] in current:
        words.pop(0)
    if words and words[-1].endswith("s") and len(words[-1]) > 4:
        words[-1] = words[-1][:-1]
    return " ".join(words)


@cache
def _lower() -> re.Pattern[str]:
    lex = lexicon()
    heads = phrase_pattern(lex.lower_plan_heads)
    earlier = phrase_pattern(lex.plan_earlier)
    after = phrase_pattern(lex.not_after_plan)
    return re.compile(
        rf"(?:\b(?:the|this|a|an|our|its|their)\s+|(?<=\bof\s))"
        rf"(?P<name>(?:(?!{_STOP}\b)[a-z][\w-]*\s+){{0,3}}?(?:{heads})"
        rf"|(?:{earlier})\s+(?:{_PERIOD}\s+)?(?:[a-z][\w-]*\s+){{0,2}}?(?:strategy|plan|"
        rf"agreement|assessment))\b(?!\s+(?:of\s+the\s+\w+s|[A-Z]|(?:{after})\b))")


@cache
def _making() -> re.Pattern[str]:
    verbs = phrase_pattern(lexicon().making_verbs)
    return re.compile(rf"\b(?i:{verbs})\s+(?:(?:a|an|the|our|its|their|new|local|refreshed|"
                      rf"revised|joint|single)\s+)*$")


@cache
def _earlier_before() -> re.Pattern[str]:
    earlier = phrase_pattern(lexicon().plan_earlier)
    return re.compile(rf"\b(?P<word>{earlier})\s+(?:[\w-]+\s+){{0,2}}?$", re.IGNORECASE)


@cache
def _document_list() -> re.Pattern[str]:
    nouns = phrase_pattern(lexicon().plan_documents)
    return re.compile(rf"\b(?i:{nouns})\b[^.;]{{0,80}}?\bsuch\s+as\s+(?P<list>[^.;]+)")


def plan_names(text: str) -> list[PlanName]:
    """Every plan ``text`` names (see the module docstring), in order."""
    out: list[PlanName] = []
    for m in plans(text):
        kind, named = m.plan_kind or "other", True
        found = _OWNER.search(text[max(0, m.start - 80):m.start])
        owner = found.group("owner") if found else None
        inside = re.match(r"^(?P<owner>.+?)['’]s\s+(?=[A-Z]\S*\s+\S)", m.name)
        if inside:  # "the County Council's Corporate Plan" (but "the Children's Plan")
            owner = inside.group("owner")
            m = replace(m, name=m.name[inside.end():], start=m.start + inside.end())
        if owner:
            owner = re.sub(r"^(?:The|the|Our|This)\s+", "", owner)
            if kind not in _HIGHER and re.search(
                    rf"(?i)\b(?:{phrase_pattern(lexicon().plan_owners)})$", owner):
                kind, named = "police and crime plan", False  # the Commissioner's "X Plan"
            if re.fullmatch(rf"(?i)(?:{phrase_pattern(lexicon().plan_owners)})", owner) or (
                    len(owner.split()) == 1 and owner.lower() in lexicon().agency_words
                    | set(lexicon().body_heads)):
                owner = None  # "the Commissioner's", "the Council's": no one in particular
        before = _earlier_before().search(text[max(0, m.start - 40):m.start])
        start = m.start
        if before is not None:
            start = m.start - (len(text[max(0, m.start - 40):m.start]) - before.start())
        making = _making().search(text[max(0, start - 60):start]) is not None
        out.append(PlanName(text[start:m.end], start, m.end, kind, m.period, m.acronym,
                            before is not None, owner, named, making))
    for m in _lower().finditer(text):
        name = m.group("name")
        if any(p.start <= m.start("name") < p.end for p in out):
            continue
        earlier = bool(re.match(phrase_pattern(lexicon().plan_earlier), name))
        period = re.search(_PERIOD, name)
        head = next((h for h in sorted(lexicon().plan_heads, key=len, reverse=True)
                     if name.lower().endswith(h)), "plan")
        out.append(PlanName(name, m.start("name"), m.end("name"), lexicon().plan_heads.get(
            head, "other"), period.group() if period else None, None, earlier))
    if listed := _document_list().search(text):
        base = listed.start("list")
        for part in re.finditer(r"[‘'“\"]?(?P<n>[A-Z][^,;‘’'“”\"]*?)[’'”\"]?\s*(?=,|\band\b|$)",
                                listed.group("list")):
            name = part.group("n").strip()
            start = base + part.start("n")
            acronym = _ACRONYM.match(text, start + len(name))
            name = _ACRONYM.sub("", name).strip()
            if name and not any(p.start <= start < p.end for p in out) and len(
                    name.split()) <= 8:
                out.append(PlanName(name, start, start + len(name), "other", None,
                                    acronym.group(1) if acronym else None))
    return sorted(out, key=lambda p: p.start)


def _head(name: str) -> str | None:
    """The plan head a name ends in, lower case ("well-being objectives")."""
    low = " ".join(name.lower().split())
    return next((h for h in sorted(lexicon().plan_heads, key=len, reverse=True)
                 if low.endswith(h) and (len(low) == len(h) or low[-len(h) - 1] == " ")), None)


def _area(name: str, owner: str | None) -> str:
    """The place words a Police and Crime Plan or its owner starts with ("Vale" in "Vale
    Police and Crime Plan", "Safer Vale Plan" or "Vale Police and Crime Commissioner")."""
    for text in (owner or "", name):
        m = re.match(r"^(?:(?:Safer|Safe|The)\s+)?(?P<area>(?:[A-Z][\w’'-]*\s+){1,3}?)(?:Police|"
                     r"Plan\b|Together|Commissioner|PCC|OPCC)", text)
        if m:
            area = " ".join(m.group("area").split()).lower()
            if re.sub(r"['’]?s$", "", area) not in lexicon().plan_owners:
                return area
    return ""


@cache
def _citing() -> re.Pattern[str]:
    phrases = {p for p, way in lexicon().alignment_phrases.items() if way == "forward"}
    words = phrase_pattern(phrases | lexicon().citing_phrases)
    return re.compile(rf"\b(?i:{words})(?=\s+(?P<rest>.{{0,160}}))")


def _differ(one: str | None, other: str | None) -> bool:
    """True when two plans' periods are both printed and cover different years: the
    "Community Safety Plan 2022-2025" a plan for 2025-2028 replaces is another plan."""
    return bool(one and other and years(one) != years(other))


class Plans:
    """The document's plans, resolved; ``own`` is the key of the one its title names."""

    def __init__(self, ctx: Context, bodies: Bodies) -> None:
        self.ctx = ctx
        self.bodies = bodies
        self.known: dict[str, KnownPlan] = {}
        self._alias: dict[str, str] = {}
        found: list[tuple[PlanName, Passage, PlanName | None]] = []
        for passage in ctx.passages:
            names = plan_names(passage.text)
            for i, name in enumerate(names):
                found.append((name, passage, names[i - 1] if i else None))
        self._own_name = self._own(found)
        for name, passage, before in found:
            self._add(name, passage, before)
        self._earlier_acronyms()
        self._cited_by_phrase()
        self.own = None
        if self._own_name is not None:
            self.own = self.resolve(self._own_name.name, self._own_name.earlier)

    def _own(self, found) -> PlanName | None:
        """The plan named in the title lines (the first short passages)."""
        titles = []
        for passage in self.ctx.passages[:8]:
            if len(passage.text.split()) > 20 or passage.kind == "cell":
                break
            titles.append(id(passage))
        return next((name for name, passage, _ in found if id(passage) in titles
                     and not name.earlier and name.name[:1].isupper()), None)

    # -- building -------------------------------------------------------------------
    def _add(self, name: PlanName, passage: Passage, before: PlanName | None) -> None:
        source = Source(passage.span, name.name)
        k = self._key(name.name, name.earlier)
        target = self._same(name, k, passage, before)
        if target is None:
            self.known[k] = KnownPlan(name.name, name.kind, name.period, source, name.earlier,
                                      acronym=name.acronym, owner=name.owner,
                                      named_kind=name.named_kind, to_make=name.to_make)
            target = k
            for other in [kk for kk, p in self.known.items() if kk != k and not p.earlier
                          and not name.earlier and len(kk.split()) >= 2
                          and k.endswith(" " + kk) and not _differ(p.period, name.period)]:
                self._merge(other, k)  # a shorter name known before the fuller one
            bare = [kk for kk, p in self.known.items() if kk != k and not p.earlier
                    and p.kind == name.kind and self._bare(kk)
                    and not _differ(p.period, name.period)]
            named = [kk for kk, p in self.known.items() if not p.earlier
                     and p.kind == name.kind and not self._bare(kk)]
            if not name.earlier and len(bare) == 1 and named == [k] and bare[0] == self._own_key():
                self._merge(bare[0], k)  # the title's "Strategic Plan", then its name
        else:
            plan = self.known[target]
            old = self._key(plan.name, plan.earlier)
            better = (self._bare(old) and not self._bare(k)) or (
                name.named_kind and not plan.named_kind) or (  # its own title over a brand
                name.named_kind and len(k) > len(old) and k.endswith(" " + old))  # and fuller
            if better:
                plan.aliases.setdefault(plan.name, plan.source)
                plan.name, plan.source, plan.kind = name.name, source, name.kind
                plan.named_kind = name.named_kind
            elif name.name != plan.name:
                plan.aliases.setdefault(name.name, source)
            plan.owner = plan.owner or name.owner
            plan.to_make = plan.to_make and name.to_make
            plan.period = plan.period or name.period
            plan.acronym = plan.acronym or name.acronym
            if plan.kind in ("other", "csp plan") and name.kind in _HIGHER:
                plan.kind = name.kind  # "Safer Anyshire Plan (Anyshire Police and Crime Plan)"
        self._alias[k] = target
        if name.acronym:
            self._alias[self._key(name.acronym, name.earlier)] = target

    def _cited_by_phrase(self) -> None:
        """Plans named just after a citing phrase: "ties in with the County Council's
        Corporate Plan", "set out in ... the Rural Dales Plan"."""
        for passage in self.ctx.passages:
            for m in _citing().finditer(passage.text):
                rest = re.split(r"[.;]\s|\.$", m.group("rest"), maxsplit=1)[0]
                for name in plan_names(rest):
                    if (k := self.resolve(name.name, name.earlier)) is not None:
                        self.known[k].cited = True

    def _own_key(self) -> str | None:
        own = self._own_name
        return self._alias.get(self._key(own.name, own.earlier)) if own else None

    def _merge(self, shorter: str, longer: str) -> None:
        """Fold the plan known as ``shorter`` into ``longer``."""
        plan, into = self.known.pop(shorter), self.known[longer]
        into.aliases.setdefault(plan.name, plan.source)
        into.aliases.update(plan.aliases)
        into.period = into.period or plan.period
        into.acronym = into.acronym or plan.acronym
        into.owner = into.owner or plan.owner
        into.cited = into.cited or plan.cited
        for alias, target in self._alias.items():
            if target == shorter:
                self._alias[alias] = longer

    def _key(self, name: str, earlier: bool) -> str:
        k = key(name)
        if earlier:
            k = re.sub(rf"^(?:{phrase_pattern(lexicon().plan_earlier)})\s+", "", k)
            return f"earlier {re.sub(_PERIOD, '', k).strip()}"
        return k

    def _same(self, name: PlanName, k: str, passage: Passage,
              before: PlanName | None) -> str | None:
        """The key of a known plan ``name`` is another name for, or None."""
        if k in self._alias:
            return self._alias[k]
        if name.earlier:
            return None
        if before is not None and re.fullmatch(r"\s*\(\s*", passage.text[before.end:name.start]):
            return self._alias.get(self._key(before.name, before.earlier))  # "X (Y - Z)"
        current = {kk: p for kk, p in self.known.items() if not p.earlier}
        head = k.split()[-1] if k else ""
        if name.period:
            span = years(name.period)
            same = [kk for kk, p in current.items() if years(p.period) == span
                    and p.kind == name.kind and kk.split()[-1] == head]
            if len(same) == 1:
                return same[0]
        if name.kind in lexicon().single_plan_kinds:  # one Police and Crime Plan in force
            area = _area(name.name, name.owner)
            same = [kk for kk, p in current.items() if p.kind == name.kind and (
                not p.period or not name.period or years(p.period) == years(name.period))
                and (not area or not (other := _area(p.name, p.owner)) or other == area)]
            if len(same) == 1:
                return same[0]
        longer = {target for kk, target in self._alias.items() if target in current
                  and len(k.split()) >= 2 and kk.endswith(" " + k)
                  and not _differ(current[target].period, name.period)}
        if len(longer) == 1:
            return longer.pop()
        expanded = self._expand(name.name)
        if expanded != name.name:
            ek = key(expanded)
            hits = [kk for kk in current if kk == ek or kk.endswith(" " + ek)]
            if len(hits) == 1:
                return hits[0]
        if self._bare(k):
            same_kind = [kk for kk, p in current.items() if p.kind == name.kind and not (
                name.period and p.period and years(name.period) != years(p.period))]
            if len(same_kind) == 1:
                return same_kind[0]
        return None

    @staticmethod
    def _bare(k: str) -> bool:
        """True when a folded name is only a generic plan head ("strategic plan", "the
        Agreement")."""
        return k in lexicon().bare_plan_heads or len(k.split()) == 1

    def _expand(self, name: str) -> str:
        """``name`` with body acronyms written out ("CSP Plan" -> "Community Safety
        Partnership Plan")."""
        def full(m: re.Match[str]) -> str:
            k = self.bodies.resolve(m.group())
            return self.bodies.known[k].name if k is not None else m.group()
        return re.sub(r"\b[A-Z]{2,6}\b", full, name)

    def _earlier_acronyms(self) -> None:
        """"the previous three-year CSXP": an earlier plan named by a known acronym."""
        acronyms = {p.acronym: k for k, p in self.known.items() if p.acronym and not p.earlier}
        if not acronyms:
            return
        words = phrase_pattern(lexicon().plan_earlier)
        pattern = re.compile(rf"\b(?i:{words})\s+(?:[\w-]+\s+){{0,2}}?"
                             rf"(?:{'|'.join(map(re.escape, acronyms))})\b")
        for passage in self.ctx.passages:
            for m in pattern.finditer(passage.text):
                name = m.group()
                k = self._key(name, True)
                if k not in self._alias:
                    kind = self.known[acronyms[name.split()[-1]]].kind
                    self.known[k] = KnownPlan(name, kind, None, Source(passage.span, name),
                                              True)
                    self._alias[k] = k

    # -- reading ------------------------------------------------------------------------
    def resolve(self, name: str, earlier: bool = False) -> str | None:
        """The key of the plan ``name`` is, or None."""
        k = self._key(name, earlier)
        if k in self._alias:
            return self._alias[k]
        if self._bare(k):
            same = [kk for kk, p in self.known.items() if not p.earlier and kk.endswith(k)]
            if self.own in same:
                return self.own
            if len(same) == 1:
                return same[0]
        return None

    def named_in(self, text: str) -> list[tuple[int, str]]:
        """(offset, key) of each name or acronym of a known plan that ``text`` prints, in
        any case, or the plan head its name ends in where one plan has that head ("the set
        of Well-being objectives")."""
        out = []
        heads: dict[str, list[str]] = {}
        for k, plan in self.known.items():
            if not plan.earlier and (head := _head(plan.name)) and len(head.split()) >= 2:
                heads.setdefault(head, []).append(k)
        for k, plan in self.known.items():
            names = [plan.name, *plan.aliases]
            if plan.acronym:
                names.append(plan.acronym)
            names += [h for h, ks in heads.items() if ks == [k]]
            for name in names:
                if plan.earlier and name != plan.name:
                    continue
                flags = 0 if name.isupper() else re.IGNORECASE
                for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, flags):
                    out.append((m.start(), k))
        return out

    def cited(self, plan: KnownPlan) -> bool:
        """True for a higher plan: a Police and Crime Plan or council plan, or a plan named
        after another body ("Health and Wellbeing Board Alcohol Plan")."""
        if plan.earlier or plan.to_make:
            return False
        if plan.kind in _HIGHER or plan.cited:
            return True
        subject = self.bodies.subject()
        words = re.sub(rf"\s+(?:{phrase_pattern(lexicon().bare_plan_heads)})$", "", plan.name,
                       flags=re.IGNORECASE)
        last = words.split()[-1].lower() if words.split() else ""
        named = [m.name for m in bodies(plan.name)] or (
            [words] if last in lexicon().body_heads and len(words.split()) >= 2 else [])
        return any(self.bodies.resolve(n) is None or self.bodies.resolve(n) != subject
                   for n in named)

    def facts(self) -> list[Fact]:
        """A HigherPlan for each plan (the own one says so) and an Alias for each acronym."""
        out: list[Fact] = []
        for k, plan in self.known.items():
            period = parse_period(plan.period) if plan.period else None
            out.append(HigherPlan(plan.source, plan.name, KINDS.get(plan.kind, PlanKind.OTHER),
                                  plan.period, period.start if period else None,
                                  period.end if period else None, plan.owner, own=k == self.own,
                                  cited=self.cited(plan) and k != self.own,
                                  aliases=tuple(plan.aliases), made_by="plan names",
                                  confidence=0.85))
            if plan.acronym:
                quote = plan.source
                out.append(Alias(quote, plan.acronym, plan.name, made_by="plan names"))
        return out
