"""Layout family: statements in prose that priorities align with a Police and Crime Plan.

* "The serious violence priority supports the Police and Crime Commissioner's priority
  of 'Preventing violent crime'." and "Priority 4 contributes to the Police and Crime
  Plan objective "Safer roads"." name a priority of the document (by "this priority"
  under its heading, by number, or by name) and an objective of the plan (quoted, or
  after "of" / "to" / ":"). Each gives an ``Alignment`` quoting the sentence.
* "The Partnership's priorities reflect those of the Anyshire Police and Crime Plan
  2021-2025." says the document's priorities as a whole align with the plan but names
  no objective: an ``Alignment`` needs one, so the sentence is recorded as the
  document citing the plan (a ``HigherPlan`` quoting it).

Verbs: reflect, support, contribute to, align with, deliver against, mirror, map to,
link to, help deliver, underpin, complement. The plan is the one the sentence names
with its period; else the one Police and Crime Plan the document cites; else a
plan titled "Police and Crime Plan". A sentence naming no priority the document has,
or no plan of a Police and Crime Commissioner, gives nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cspgraph.loaders.document import Block, BlockKind, Document
from cspgraph.loaders.facts import Alignment, Fact, HigherPlan, PlanKind, Priority
from cspgraph.loaders.recognisers.lead_lines import lead_line_priorities
from cspgraph.loaders.recognisers.minutes_common import (
    known_priorities,
    norm,
    prose_and_table_facts,
    sentences,
    source,
)
from cspgraph.loaders.recognisers.priority_sentences import split_list, stated_priorities

_PERIOD = r"(?:19|20)\d{2}\s*(?:[-–/]|\bto\b)\s*(?:(?:19|20)?\d{2})\b"
_VERB = re.compile(
    r"\b(?:reflects?|reflected\s+in|supports?|contributes?\s+to(?:wards)?|aligns?\s+(?:with|to)"
    r"|(?:is|are)\s+(?:closely\s+|fully\s+|directly\s+)?aligned\s+(?:with|to)"
    r"|delivers?\s+(?:against|on)|mirrors?|maps?\s+(?:on)?to|links?\s+(?:directly\s+)?to"
    r"|helps?\s+(?:to\s+)?deliver|underpins?|complements?)\s+",
    re.IGNORECASE,
)
_GOAL = r"(?P<goal>priorit(?:y|ies)|objectives?|aims?|outcomes?|commitments?|ambitions?)"
_TITLE = (r"(?P<title>(?:[A-Z][\w'’&-]*\s+){0,4}?Police\s*(?:and|&)\s*Crime\s+Plan)"
          rf"(?:\s+(?P<period>{_PERIOD}))?")
_OFFICE = r"(?:(?:Police\s*(?:and|&)\s*Crime\s+)?Commissioner|P\.?C\.?C|OPCC)['’]s?"
_OBJECT = re.compile(
    rf"^(?:those\s+of\s+)?(?:the\s+)?(?:{_GOAL}\s+(?:of|in|set\s+out\s+in)\s+(?:the\s+)?)?"
    rf"(?:{_OFFICE}\s+(?:(?:Police\s*(?:and|&)\s*Crime\s+)?Plan(?:['’]s)?\s+)?|{_TITLE}(?:['’]s)?)"
    rf"(?:\s*(?P<goal2>priorit(?:y|ies)|objectives?|aims?|outcomes?|commitments?|ambitions?))?"
    r"(?P<rest>.*)$",
)
_QUOTED = re.compile(r"^\s*(?:of|:|to|,)?\s*[‘'“\"](?P<q>[^‘’'“”\"]{2,120})[’'”\"]")
_PLAIN = re.compile(r"^\s*(?:of|:|to)\s+(?P<q>[^,;()]{2,120}?)\s*\.?$")
_THIS = re.compile(r"^(?:this|the\s+above)\s+priority$", re.IGNORECASE)
_NUMBER = re.compile(r"^priority\s+(?P<n>\d{1,2}|[A-Za-z])$", re.IGNORECASE)
_NAMED = re.compile(r"^(?:the|our|its|this)\s+(?P<name>.{2,60}?)\s+priority$"
                    r"|^(?:the|our)\s+priority\s+(?:of\s+)?['‘“\"]?(?P<name2>[^'’”\"]{2,60})['’”\"]?$",
                    re.IGNORECASE)
_PLAN_LEVEL = re.compile(
    r"^(?:(?:this|the|our)\s+(?:plan|strategy|partnership|csp|board|agreement|assessment)"
    r"|(?:the|our|these|its)\s+(?:[\w'’-]+\s+){0,2}?priorities)(?:\s+(?:for|of)\s+[^,]{1,40})?$",
    re.IGNORECASE,
)
_LEAD_WORDS = re.compile(r"^(?:and|so|also|in\s+particular,?)\s+", re.IGNORECASE)
_ADVERBS = re.compile(r"\s+(?:also|directly|clearly|closely|fully|will|further|strongly)$",
                      re.IGNORECASE)
_NOT_OBJECTIVE = re.compile(
    r"\b(?:will|is|are|was|were|has|have|be|been|which|where|through|by\s+the)\b", re.I)


def _subject(text: str) -> str:
    """The words naming what aligns: after any "Members noted that", without adverbs."""
    text = re.split(r"\bthat\s+", text.strip(" ,"))[-1]
    text = _LEAD_WORDS.sub("", text.strip(" ,"))
    return _ADVERBS.sub("", text.strip(" ,"))


def _objectives(rest: str, plural: bool) -> list[str] | None:
    """The objectives named after the plan's goal word, or None when none is named."""
    if m := _QUOTED.match(rest):
        return [m["q"].strip(" .")]
    m = _PLAIN.match(rest)
    if m is None:
        return None
    text = m["q"].strip(" .")
    if plural and (names := split_list(text)):
        return names
    if _NOT_OBJECTIVE.search(text) or not 1 <= len(text.split()) <= 10:
        return None
    return [text]


class _Priorities:
    """The document's priorities, with where they are printed."""

    def __init__(self, doc: Document, blocks: list[Block]) -> None:
        known = known_priorities(doc)
        known += stated_priorities(doc, known)
        known += lead_line_priorities(doc, known)[0]
        self.all = known
        self.blocks = blocks
        self.at: dict[int, list[Priority]] = {}
        for p in known:
            self.at.setdefault(p.source.span.start, []).append(p)

    def enclosing(self, index: int) -> Priority | None:
        """The priority whose heading (or own line) a sentence in ``blocks[index]`` is under."""
        for k in range(index, max(-1, index - 15), -1):
            block = self.blocks[k]
            here = self.at.get(block.span.start, [])
            titled = block.kind is BlockKind.HEADING or block.bold or k == index
            if here:
                return here[0] if len(here) == 1 and titled else None
            if block.kind is BlockKind.HEADING:
                return None
        return None

    def named(self, subject: str, index: int) -> Priority | str | None:
        """The priority ``subject`` names; "plan" for the document's priorities as a whole."""
        if _THIS.match(subject):
            return self.enclosing(index)
        if m := _NUMBER.match(subject):
            hits = [p for p in self.all if (p.number or "").strip(".").lower() == m["n"].lower()]
            return hits[0] if len(hits) == 1 else None
        if m := _NAMED.match(subject):
            name = norm(m["name"] or m["name2"])
            hits = [p for p in self.all if norm(p.name) == name]
            return hits[0] if len(hits) == 1 else None
        return "plan" if _PLAN_LEVEL.match(subject) else None


def _cited(doc: Document) -> set[tuple[str, str | None]]:
    """The Police and Crime Plans the prose recogniser finds the document citing."""
    return {(f.title, f.period) for f in prose_and_table_facts(doc)
            if isinstance(f, HigherPlan) and f.kind is PlanKind.POLICE_AND_CRIME_PLAN}


def _plan(m: re.Match[str], cited: set[tuple[str, str | None]]
          ) -> tuple[str, str | None] | None:
    """(title, period) of the plan a sentence refers to, or None when unclear."""
    title = " ".join(m["title"].split()) if m["title"] else None
    if title and m["period"]:
        return title, m["period"]
    if len(cited) == 1:
        return next(iter(cited))
    if title:
        return title, None
    return ("Police and Crime Plan", None) if not cited else None


def _statements(doc: Document, blocks: list[Block]) -> Iterator[tuple[int, str, re.Match[str],
                                                                       str]]:
    """(block index, sentence, plan match, subject) of each sentence aligning with a plan."""
    for i, block in enumerate(blocks):
        if not re.search(r"crime\s+plan|commissioner|\bP\.?C\.?C\b", block.text, re.I):
            continue
        for sentence in sentences(block.text):
            for verb in _VERB.finditer(sentence):
                m = _OBJECT.match(sentence[verb.end() :].rstrip(" ."))
                if m is not None and (m["title"] or "Commissioner" in m.group() or
                                      re.search(r"P\.?C\.?C|OPCC", m.group())):
                    yield i, sentence, m, _subject(sentence[: verb.start()])
                    break


def recognise(doc: Document) -> Iterator[Fact]:
    """Alignments of the document's priorities with a Police and Crime Plan's objectives."""
    blocks = [b for b in doc.blocks if b.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM,
                                                  BlockKind.HEADING)]
    found = list(_statements(doc, blocks))
    if not found:
        return
    priorities, cited = _Priorities(doc, blocks), _cited(doc)
    for i, sentence, m, subject in found:
        src = source(doc, blocks[i].span, sentence)
        target = priorities.named(subject, i)
        plan = _plan(m, cited)
        if src is None or target is None or plan is None:
            continue
        goal = m["goal"] or m["goal2"] or ""
        objectives = _objectives(m["rest"], goal.lower().endswith(("ies", "s")))
        if isinstance(target, Priority) and objectives:
            for objective in objectives:
                yield Alignment(src, priority=target.key, plan=plan[0], plan_period=plan[1],
                                objective=objective)
            if plan in cited:
                continue
        cited.add(plan)  # the sentence cites the plan: its words are the evidence
        yield HigherPlan(src, title=plan[0], kind=PlanKind.POLICE_AND_CRIME_PLAN,
                         period=plan[1])
