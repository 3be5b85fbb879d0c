"""Alignment stated in prose: a plan serves, follows or reflects another plan, an
objective of one, or an aim.

A sentence is cut into clauses (at ", and", ", but", ";", ", which"). A clause with an
alignment phrase of the lexicon is read around it:

* ``forward`` phrases ("supports", "aligned with", "developed from the findings of",
  "takes into account") say the words before serve what follows; ``reversed`` ones
  ("inform", "determines", "are reflected in") say what follows serves the words before;
* the *serving* side is a plan the clause names, or a reference to one: "this
  document", "the Plan", "the Agreement", "It" (the plan the sentence before spoke of,
  else the document's own), "they" (the last clause's subject), "this in turn" (what the
  last clause pointed at), "our priorities" (the document's own plan);
* the *served* side is every plan it names ("such as A, B and C"), the quoted
  objectives of a plan ("the Police and Crime Plan objectives 'Cutting crime' and
  'Safer roads'"), or else the aims it names, split at "and the" or after a plan's name
  ("the seven national goals and the priorities of the Council").

Each link is a ``Serves`` fact quoting its clause, with the phrase that states it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from cspgraph.loaders.facts import (
    Alignment,
    Fact,
    HigherPlan,
    PlanKind,
    Priority,
    Serves,
    Source,
)
from cspgraph.loaders.lexicon import lexicon, phrase_pattern
from cspgraph.loaders.parse.folding import fold
from cspgraph.loaders.parse.markers import NUMBER_WORD, WORD_NUMBER
from cspgraph.loaders.recognisers.reading.context import Context, Passage, sentences
from cspgraph.loaders.recognisers.reading.plans import Plans, plan_names

_CLAUSE = re.compile(r",\s+(?:and|but|whilst|while|pending|which)\s+|;\s*|\s+which\s+|,\s+as\s+"
                     r"|\s+and\s+(?=(?:they|it|this)\b)")
_QUOTED = re.compile(r"(?<![\w’'])[‘'“\"](?P<q>[^‘’'“”\"]{3,120})[’'”\"](?![\w])")
_OWN = re.compile(r"\b(?:this|the\s+present)\s+(?:document|plan|strategy|agreement|assessment)\b"
                  r"|^(?:it|this)\b|\b(?:our|its|their|the)\s+priorities\b", re.IGNORECASE)
_THEY = re.compile(r"^\s*(?:and\s+)?(?:they|these|both)\b", re.IGNORECASE)
_TURN = re.compile(r"^\s*(?:and\s+)?this\s+in\s+turn\b", re.IGNORECASE)
_BARE = re.compile(r"\b(?:the|this|our)\s+(?P<head>plan|strategy|agreement|assessment)\b",
                   re.IGNORECASE)
_IT = re.compile(r"^\s*(?:it|this)\b(?!\s+(?:document|plan|strategy|agreement))", re.IGNORECASE)
_OF_PLAN = re.compile(r"\s*(?:the\s+)?(?P<text>(?:[\w-]+\s+){0,3}?(?:priorities|objectives|aims|"
                      r"outcomes|goals|ambitions)\s+(?:of|in|set\s+out\s+in)\s+(?P<plan>(?:the\s+)?"
                      r"(?:[A-Z][\w’'&-]*\s*)+))")
_AIM_END = re.compile(r"\s*(?:[,.;:(]|\s(?:as|which|that|who|where|when|to\s+ensure|in\s+order|"
                      r"pending|so\s+that)\s)")


_NEAR = 30  # lines: how far above "This priority ..." its priority may be printed
_NUMBER = rf"\d{{1,2}}|{NUMBER_WORD}"


def _number(printed: str | None) -> str:
    """A priority's printed number as digits or a letter: "Two" and "2." are "2"."""
    text = (printed or "").strip(" .()").lower()
    return WORD_NUMBER.get(text, text)


@cache
def _phrases() -> re.Pattern[str]:
    return re.compile(rf"\b(?P<phrase>{phrase_pattern(lexicon().alignment_phrases)})\b",
                      re.IGNORECASE)


@dataclass
class _Side:
    """One side of a link: a plan's key, or an aim or objective as printed."""

    plan: str | None = None
    text: str | None = None
    objective_of: str | None = None


class Alignments:
    """Reads the alignment one document states in prose."""

    def __init__(self, ctx: Context, plans: Plans, priorities: list[Fact] = ()) -> None:
        self.ctx = ctx
        self.plans = plans
        self.priorities = [f for f in priorities if isinstance(f, Priority)]
        self.facts: list[Fact] = []

    def read(self) -> list[Fact]:
        for passage in self.ctx.passages:
            if passage.kind == "heading":
                continue
            last: str | None = None  # the plan the sentence before spoke of
            for _, sentence in sentences(passage.text):
                last = self._sentence(passage, sentence, last) or last
        return self.facts

    def _sentence(self, passage: Passage, sentence: str, last: str | None) -> str | None:
        subject: str | None = None  # the last clause's serving plan
        pointed: str | None = None  # the last clause's served plan
        named = self._plans_in(sentence)
        for clause in _CLAUSE.split(sentence):
            m = _phrases().search(clause)
            if m is None:
                if (found := self._plans_in(clause)) and subject is None:
                    subject = found[-1]
                continue
            phrase = " ".join(m.group("phrase").lower().split())
            before, after = clause[:m.start()], clause[m.end():]
            if lexicon().alignment_phrases[phrase] == "reversed":
                if self._plans_in(before):  # "the Plan's objectives 'A' are supported by"
                    targets = self._served(before)
                else:
                    served = self._serving(before, subject, pointed, last, named) or subject
                    targets = [_Side(plan=served)] if served else []
                serving = self._plans_in(after)
                here = serving[0] if serving else (
                    self.plans.own if _OWN.search(after) else None)
            else:
                if keys := self._priority(before, passage):  # "Priority 4 ...", "Each priority"
                    for key in keys:
                        self._priority_link(passage, sentence, key, after)
                    continue
                here = self._serving(before, subject, pointed, last, named)
                targets = self._served(after)
            if here is None or not targets:
                continue
            for target in targets:
                self._link(passage, clause, phrase, here, target)
            subject = here
            pointed = next(iter(self._plans_in(after)[-1:]), pointed)
        return subject

    # -- a priority serves an objective -----------------------------------------------------
    def _priority(self, before: str, passage: Passage) -> list[str]:
        """The keys of the priorities the words before the phrase name: "this priority"
        (under its heading, else the last priority printed just above), "Priority 4",
        "Ambition Two", "the serious violence priority", "each priority" (every one)."""
        subject = re.split(r"\bthat\s+", before.strip(" ,"))[-1].strip(" ,")
        subject = re.sub(r"^(?:and|so|also|in\s+particular,?)\s+|\s+(?:also|directly|clearly|"
                         r"closely|fully|will|further|strongly)$", "", subject, flags=re.I)
        if re.fullmatch(r"(?i)(?:this|the\s+above)\s+priority", subject):
            heading = fold(passage.heading)
            hits = [p for p in self.priorities if fold(p.name) and fold(p.name) in heading]
            if not hits:  # the heading above is a label ("We will:"): the priority before it,
                above = [p for p in self.priorities  # when a "Priority 2 – Name" label
                         if 0 < passage.span.start - p.source.span.start <= _NEAR]
                hits = above[-1:] if above and above[-1].made_by == "priority label" else []
            return [hits[0].key] if len(hits) == 1 else []
        if re.fullmatch(r"(?i)(?:each|every)\s+(?:one\s+of\s+(?:our|the)\s+)?priorit(?:y|ies)|"
                        r"each\s+of\s+(?:our|the|these)\s+priorities", subject):
            return list(dict.fromkeys(p.key for p in self.priorities))
        if m := re.fullmatch(rf"(?i)(?:priority|objective|theme|aim|outcome|ambition)\s+"
                             rf"({_NUMBER}|[A-Za-z])", subject):
            hits = [p for p in self.priorities if _number(p.number) == _number(m.group(1))]
            return [hits[0].key] if len(hits) == 1 else []
        m = re.fullmatch(r"(?i)(?:the|our|its|this)\s+(?P<name>.{2,60}?)\s+priority|(?:the|our)"
                         r"\s+priority\s+(?:of\s+)?['‘“\"]?(?P<other>[^'’”\"]{2,60})['’”\"]?",
                         subject)
        if m is None:
            return []
        name = fold(m.group("name") or m.group("other"))
        hits = [p for p in self.priorities if fold(p.name) == name]
        return [hits[0].key] if len(hits) == 1 else []

    def _priority_link(self, passage: Passage, sentence: str, key: str, after: str) -> None:
        """Alignment facts from "... supports the Police and Crime Plan objective 'X'" or
        "the Commissioner's priority of 'X'"."""
        plans = [k for k in self._plans_in(after) if self.plans.known[k].kind in
                 ("police and crime plan",)] or [
            k for k, p in self.plans.known.items() if p.kind == "police and crime plan"
            and not p.earlier]
        if not re.search(r"(?i)police\s*(?:and|&)\s*crime|commissioner|\bP\.?C\.?C\b|OPCC",
                         after):
            return
        plan = self.plans.known[plans[0]] if len(plans) == 1 else None
        title, period = (plan.name, plan.period) if plan else ("Police and Crime Plan", None)
        objectives = [m.group("q").strip(" .") for m in _QUOTED.finditer(after)]
        if not objectives and (m := re.search(r"\b(?:objectives?|priorit(?:y|ies)|aims?|outcomes?)"
                                              r"\s+(?:of|to|:)\s+(?P<q>[^,;()]{2,80}?)\s*\.?$",
                                              after)):
            objectives = [m.group("q")]
        quote = sentence.strip() if sentence.strip() in passage.text else passage.text
        for objective in objectives:
            self.facts.append(Alignment(Source(passage.span, quote), key, title, period,
                                        objective, made_by="alignment phrase", confidence=0.8))
        if plan is None and objectives:
            self.facts.append(HigherPlan(Source(passage.span, quote), title,
                                         PlanKind.POLICE_AND_CRIME_PLAN,
                                         made_by="alignment phrase", confidence=0.8))

    # -- the two sides -------------------------------------------------------------------
    def _plans_in(self, text: str) -> list[str]:
        """Keys of the plans ``text`` names, in order: by a plan's name, or by a name or
        acronym the document gave a plan before, in any case ("the set of Well-being
        objectives", "The DPX")."""
        found: list[tuple[int, str]] = []
        for name in plan_names(text):
            k = self.plans.resolve(name.name, name.earlier)
            if k is not None:
                found.append((name.start, k))
        for start, k in self.plans.named_in(text):
            found.append((start, k))
        out: list[str] = []
        for _, k in sorted(found):
            if k not in out:
                out.append(k)
        return out

    def _serving(self, before: str, subject: str | None, pointed: str | None,
                 last: str | None, named: list[str]) -> str | None:
        """The plan the words before the phrase are, or refer to."""
        if _TURN.match(before):
            return pointed
        if _THEY.match(before):
            return subject
        found = self._plans_in(before)
        if found:
            return found[-1]
        if _IT.match(before):
            return last or self.plans.own
        if _OWN.search(before):
            return self.plans.own
        if bare := _BARE.search(before):
            return self.plans.resolve(bare.group("head")) or self.plans.own
        return None

    def _served(self, after: str) -> list[_Side]:
        """What the words after the phrase name: plans, a plan's quoted objectives, aims."""
        found = self._plans_in(after)
        quoted = [q for m in _QUOTED.finditer(after)
                  if not self._plans_in(q := m.group("q").strip())]
        if found and quoted and re.search(r"\b(?:objectives?|priorit(?:y|ies)|aims?|outcomes?)\b",
                                          after, re.IGNORECASE):
            return [_Side(text=q, objective_of=found[0]) for q in quoted]
        out: list[_Side] = []
        if found and (m := _OF_PLAN.match(after)) and self._plans_in(m.group("plan")):
            out.append(_Side(text=m.group("text").strip()))  # "the priorities of the X Plan"
            found, after = found[1:], after[m.end():]
        if found:
            return out + [_Side(plan=k) for k in found]
        end = _AIM_END.search(after)
        aims = after[:end.start()] if end else after
        aims = re.sub(r"^\s*(?:the\s+findings\s+of\s+)?", "", aims)
        for part in re.split(r"\s+and\s+(?=the\b|an?\b|our\b|its\b|their\b|future\b)",
                             aims):
            part = re.sub(r"^(?:and\s+)?(?:(?:the|an?|our|its|their)\s+)?", "", part.strip(" ,"))
            part = re.sub(r"\s+(?:and|or|by|to|of|for|with)$", "", part)
            if 2 <= len(part.split()) <= 10 and not re.match(r"(?i)(?:that|to|be|been)\b", part):
                out.append(_Side(text=part))
        return out

    def _link(self, passage: Passage, clause: str, phrase: str, here: str,
              target: _Side) -> None:
        serving = self.plans.known[here]
        quote = clause.strip(" ,;.")
        source = Source(passage.span, quote if quote in passage.text else phrase)
        if target.plan is not None:
            if target.plan == here:
                return
            served = self.plans.known[target.plan]
            self.facts.append(Serves(source, serving.name, serving.period, served.name, "plan",
                                     None, served.period, phrase, here == self.plans.own,
                                     made_by="alignment phrase", confidence=0.8))
        elif target.objective_of is not None:
            plan = self.plans.known[target.objective_of]
            self.facts.append(Serves(source, serving.name, serving.period, target.text or "",
                                     "objective", plan.name, plan.period, phrase,
                                     here == self.plans.own, made_by="alignment phrase",
                                     confidence=0.8))
        elif target.text:
            sure = 0.75 if _aim(target.text) else 0.5  # an aim names what it is
            self.facts.append(Serves(source, serving.name, serving.period, target.text, "aim",
                                     None, None, phrase, here == self.plans.own,
                                     made_by="alignment phrase", confidence=sure))


def _aim(text: str) -> bool:
    """True when ``text`` ends in an aim noun, or has one before "of" ("the priorities and
    ambitions of the Council")."""
    head = re.split(r"\s+(?:of|in|for)\s+", text, maxsplit=1)[0]
    return head.split()[-1].lower() in lexicon().aim_nouns if head.split() else False
