"""Layout family: "priority | lead agency | actions" tables.

A table whose header row names a priority column ("CSP Priority", "Our
priorities"), a lead column ("Lead Agency", "Lead partner(s)", "Owner") and an
actions column ("Key Actions to Explore and Develop", "Actions", "What we will
do"). The header often repeats before every priority. In each data row:

* the priority cell holds the priority's name and aim (one paragraph, "Serious
  Violence To work in partnership ...", or two), then blocks naming higher
  plans: a plan title with a year range ("Police and Crime Plan 2021-2024")
  followed by objective sentences, blocks separated by "....." lines. A
  sentence such as "X remains a priority within the Council plan." is context,
  not an objective (it only tells what kind of plan it is);
* the lead cell holds one agency per paragraph;
* the action cell holds strands ("Prevent – ...", "Pursuing people who harm -
  ...", "Understanding harm- ...") each followed by bullet actions.

Rows spill over: bullets, strand headings and even objective lines continue
after the table row, as paragraphs and list items outside the table, until the
next table or heading. Spilled bullets continue the row's last strand; a
spilled paragraph that repeats an objective printed in some plan block is an
objective of the row's priority, never an action.

Yields ``Priority``, ``Lead``, ``HigherPlan`` (once per plan), ``Alignment``
(per objective sentence), ``Item`` (ACTION, per bullet) and ``Furniture`` for
header rows and separators.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from cspgraph.loaders.document import Block, BlockKind, Document, Row, Span
from cspgraph.loaders.facts import (
    Alignment,
    Fact,
    Furniture,
    HigherPlan,
    Item,
    ItemKind,
    Lead,
    PlanKind,
    Priority,
    Source,
)
from cspgraph.loaders.lexicon import words_pattern
from cspgraph.loaders.parse.columns import header_role, split_actions
from cspgraph.loaders.parse.leads import split_leads
from cspgraph.loaders.parse.timescales import parse_timescale
from cspgraph.loaders.recognisers.common import quote_or_first_line

_SEPARATOR = re.compile(r"^(?:[.…·_*=~-]\s*){3,}$")
_YEAR_RANGE = r"(?:19|20)\d{2}\s*(?:[-–—/]|\bto\b)\s*(?:(?:19|20)\d{2}|\d{2})(?!\d)"
_PLAN_TITLE = re.compile(
    r"^(?P<title>[A-Z0-9][^.;:!?]{0,100}?\b(?:Plan|Strategy|Framework|Compact|Programme|Agenda))"
    rf"\s*[,(]?\s*(?P<period>{_YEAR_RANGE})\)?[\s.:,;–—-]*(?P<rest>.*)$"
)
_POLICE_PLAN = re.compile(r"\bpolice,?\s+(?:fire\s+)?(?:and|&)\s+crime\s+plan\b", re.I)
_COUNCIL_PHRASE = re.compile(r"\b(?:council|corporate|borough|county|city)\s+plan\b", re.I)
_OTHER_OWNER = words_pattern("plans", "other_plan_owners")
_STATEMENT = re.compile(
    r"\b(?:remains?|is|are|continues?\s+to\s+be|features?\s+as)\s+(?:a|an|one\s+of\s+the)?\s*"
    r"(?:key\s+|top\s+|main\s+|strategic\s+)?priorit(?:y|ies)\b",
    re.I,
)
_SENTENCE = re.compile(r"(?<=[.;!?])\s+(?=[A-Z])")
_AIM_CUE = re.compile(r"\s(?:To|For|In\s+order\s+to)\s+(?=[a-z])")
_AIM_CUE_TITLED = re.compile(r"\sTo\s+(?=[A-Z][a-z]+\s+(?:\S+\s+){4})")
_NOT_STRAND = re.compile(r"\b(?:actions?|we\s+will|partners\s+will|note|notes)\b", re.I)
_CONNECTORS = frozenset(
    {
        "and",
        "&",
        "of",
        "the",
        "in",
        "on",
        "for",
        "to",
        "against",
        "with",
        "or",
        "at",
        "by",
        "a",
        "an",
    }
)
_STRAND = re.compile(r"^(?P<name>[A-Z][^.:;–—]{0,60}?)\s*(?:[–—:]|-(?=\s))\s*(?P<desc>\S.*)?$")
_PRIORITY_NUMBER = re.compile(r"^(?:priority\s+)?(\d{1,2})\s*[:.)–—-]\s+", re.I)


@dataclass
class _Plan:
    """A higher-plan block inside a priority cell."""

    title: str
    period: str
    span: Span
    objectives: list[str] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)


@dataclass
class _Action:
    text: str
    strand: str | None
    span: Span
    quote: str
    number: str | None = None


@dataclass
class _Priority:
    """Everything read for one priority row, spill included."""

    key: str
    row: Row
    name: str
    aim: str | None
    number: str | None
    plans: list[_Plan] = field(default_factory=list)
    leads: list[str] = field(default_factory=list)
    actions: list[_Action] = field(default_factory=list)
    strand: str | None = None
    displaced: list[tuple[_Plan, str, Span]] = field(default_factory=list)
    separators: list[tuple[Span, str]] = field(default_factory=list)


def _words(text: str) -> str:
    """Header text reduced to words."""
    return " ".join(re.sub(r"[^\w\s&]", " ", text).split())


def _norm(text: str) -> str:
    """An objective folded for comparison: lower case, '&' as 'and', no punctuation."""
    return " ".join(re.sub(r"[^\w]+", " ", text.lower().replace("&", " and ")).split())


def _columns(row: Row) -> tuple[int, int, int] | None:
    """(priority, lead, actions) column indexes when ``row`` is this family's header."""
    texts = [_words(t) for t in row.texts()]
    found: dict[str, int] = {}
    for i, text in enumerate(texts):
        role = header_role(text)
        if role in ("priority", "lead", "action") and role not in found:
            found[role] = i
    if len(found) < 3 or "timescale" in map(header_role, texts):
        return None  # a table with a timescale column is an action plan's
    return found["priority"], found["lead"], found["action"]


def _split_name(text: str) -> tuple[str, str | None]:
    """A priority paragraph split into (name, aim): "Serious Violence To work ..."."""
    cue = _AIM_CUE.search(text) or _AIM_CUE_TITLED.search(text)
    if cue is not None and cue.start() > 0:
        return text[: cue.start()].strip(), text[cue.start() :].strip()
    words = text.split()
    for i in range(1, len(words) - 3):
        word, after = words[i], words[i + 1]
        if not word[:1].isupper() or not after[:1].islower():
            continue
        if after.lower() in _CONNECTORS and not words[i + 2][:1].islower():
            continue
        if all(w[:1].isupper() or w.lower() in _CONNECTORS or w[:1] in "(&" for w in words[:i]):
            return " ".join(words[:i]), " ".join(words[i:])
        break
    return text, None


def _plan_kind(title: str, statements: list[str]) -> PlanKind:
    """Police and Crime Plan by its title; a council plan unless phrasing says otherwise."""
    if _POLICE_PLAN.search(title):
        return PlanKind.POLICE_AND_CRIME_PLAN
    if _COUNCIL_PHRASE.search(title) or any(_COUNCIL_PHRASE.search(s) for s in statements):
        return PlanKind.COUNCIL_PLAN
    if _OTHER_OWNER.search(title):
        return PlanKind.OTHER
    return PlanKind.COUNCIL_PLAN


def _add_sentences(plan: _Plan, text: str) -> None:
    """Objective sentences of ``text`` into ``plan``; priority statements kept apart."""
    for sentence in _SENTENCE.split(text):
        sentence = sentence.strip()
        if not sentence or _SEPARATOR.match(sentence):
            continue
        (plan.statements if _STATEMENT.search(sentence) else plan.objectives).append(sentence)


def _read_priority_cell(parts: list[Block], found: _Priority) -> None:
    """Name, aim and plan blocks of a priority cell, into ``found``."""
    aim: list[str] = [found.aim] if found.aim else []
    plan: _Plan | None = None
    for part in parts[1:]:
        text = part.text.strip()
        if _SEPARATOR.match(text):
            found.separators.append((found.row.span, text))
            plan = None
            continue
        title = _PLAN_TITLE.match(text)
        if title is not None and len(title.group("title").split()) <= 12:
            plan = _Plan(title.group("title").strip(), title.group("period"), found.row.span)
            found.plans.append(plan)
            _add_sentences(plan, title.group("rest"))
        elif plan is not None:
            _add_sentences(plan, text)
        elif not found.plans:
            aim.append(text)
    found.aim = " ".join(aim) or None


def _strand(block: Block, following: Block | None, loose: bool = True) -> str | None:
    """The strand a paragraph heads: "Prevent – ...", "Prevent:", or (``loose``, inside
    an action cell) a short title followed by a list or printed in bold."""
    if block.kind is not BlockKind.PARAGRAPH:
        return None
    text = block.text.strip()
    m = _STRAND.match(text)
    if m is not None:
        name = m.group("name").strip()
        words = name.split()
        if 1 <= len(words) <= 5 and words[-1].lower() not in _CONNECTORS:
            return None if _NOT_STRAND.search(name) else name
    if not loose:
        return None
    short = len(text.split()) <= 5 and not text.endswith((".", ",", ";"))
    if (
        short
        and text[:1].isupper()
        and not _NOT_STRAND.search(text)
        and (block.bold or (following is not None and following.kind is BlockKind.LIST_ITEM))
    ):
        return text.rstrip(":").strip()
    return None


def _number(block: Block) -> str | None:
    m = re.search(r"\d{1,3}(?:\.\d{1,3})*", block.marker) if block.ordered else None
    return m.group() if m else None


def _read_action_cell(document: Document, parts: list[Block], found: _Priority) -> None:
    """Strands and bullet actions of an action cell (paragraphs are actions only
    when the cell has no list at all)."""
    has_list = any(p.kind is BlockKind.LIST_ITEM for p in parts)
    span = found.row.span
    for i, part in enumerate(parts):
        following = parts[i + 1] if i + 1 < len(parts) else None
        strand = _strand(part, following)
        if strand is not None:
            found.strand = strand
            continue
        text = part.text.strip()
        if not text or _SEPARATOR.match(text):
            continue
        if part.kind is BlockKind.LIST_ITEM:
            quote = quote_or_first_line(document, span, text)
            found.actions.append(_Action(text, found.strand, span, quote, _number(part)))
        elif not has_list and not text.endswith(":"):  # "Disrupt X; protect Y": two actions
            for action in split_actions(text) or [text]:
                quote = quote_or_first_line(document, span, action)
                found.actions.append(_Action(action, found.strand, span, quote, _number(part)))


def _read_leads(parts: list[Block]) -> list[str]:
    """Agencies of a lead cell: one per paragraph or list item, split as lead cells are."""
    leads: list[str] = []
    for part in parts:
        leads.extend(lead for lead in split_leads(part.text) if lead not in leads)
    return leads


def _read_row(
    document: Document,
    row: Row,
    columns: tuple[int, int, int],
    current: _Priority | None,
    count: int,
) -> _Priority | None:
    """A new priority for a row with a priority cell; a row without one continues ``current``."""
    p_col, l_col, a_col = columns
    cells = row.cells
    if len(cells) <= max(columns):
        return None
    parts = [p for p in cells[p_col].parts if p.text.strip()]
    found = current
    if parts:
        first = parts[0]
        text = first.text.strip()
        number = _number(first)
        numbered = _PRIORITY_NUMBER.match(text)
        if numbered is not None:
            number, text = numbered.group(1), text[numbered.end() :]
        name, aim = _split_name(text)
        found = _Priority(f"priority/{count + 1}", row, name, aim, number)
        _read_priority_cell(parts, found)
    if found is None:
        return None
    found.leads.extend(x for x in _read_leads(cells[l_col].parts) if x not in found.leads)
    _read_action_cell(document, cells[a_col].parts, found)
    return found if parts else None


def _objective_index(priorities: list[_Priority]) -> dict[str, _Plan]:
    """Folded objective -> the first plan block printing it."""
    index: dict[str, _Plan] = {}
    for found in priorities:
        for plan in found.plans:
            for objective in plan.objectives:
                index.setdefault(_norm(objective), plan)
    return index


def _read_spill(
    document: Document, blocks: list[Block], found: _Priority, index: dict[str, _Plan]
) -> None:
    """Blocks after a table that continue its last row: actions, strands, objectives."""
    strand_span: Span | None = None
    for block in blocks:
        text = block.text.strip()
        if block.kind is BlockKind.LIST_ITEM:
            span = block.span if strand_span is None else strand_span.join(block.span)
            strand_span = None
            quote = quote_or_first_line(document, span, text)
            found.actions.append(_Action(text, found.strand, span, quote, _number(block)))
            continue
        if _SEPARATOR.match(text):
            found.separators.append((block.span, text))
            continue
        plan = index.get(_norm(text))
        if plan is not None:
            found.displaced.append((plan, text, block.span))
            continue
        strand = _strand(block, None, loose=False) if found.strand is not None else None
        if strand is None:
            return
        found.strand, strand_span = strand, block.span


def _tables(document: Document) -> Iterator[tuple[list[Row], list[_Priority], list[Block]]]:
    """Per table of this family: header rows, its priorities, and the blocks that follow it."""
    blocks = document.blocks
    count = 0
    for i, block in enumerate(blocks):
        if block.kind is not BlockKind.TABLE:
            continue
        columns: tuple[int, int, int] | None = None
        headers: list[Row] = []
        priorities: list[_Priority] = []
        current: _Priority | None = None
        for row in block.rows:
            found_columns = _columns(row)
            if found_columns is not None:
                columns = found_columns
                headers.append(row)
                continue
            if columns is None:
                continue
            new = _read_row(document, row, columns, current, count + len(priorities))
            if new is not None:
                priorities.append(new)
                current = new
        if not priorities:
            continue
        count += len(priorities)
        spill: list[Block] = []
        for later in blocks[i + 1 :]:
            if later.kind in (BlockKind.TABLE, BlockKind.HEADING):
                break
            spill.append(later)
        yield headers, priorities, spill


def _facts(
    document: Document, found: _Priority, plans: dict[tuple[str, str], _Plan]
) -> Iterator[Fact]:
    """The facts of one priority row."""
    span, key = found.row.span, found.key
    yield Priority(
        Source(span, quote_or_first_line(document, span, found.name)),
        key=key,
        name=found.name,
        aim=found.aim,
        number=found.number,
    )
    for lead in found.leads:
        yield Lead(Source(span, quote_or_first_line(document, span, lead)), target=key, lead=lead)
    seen: set[tuple[str, str, str, int]] = set()
    cited = [(plan, objective, span) for plan in found.plans for objective in plan.objectives]
    for plan, objective, where in cited + found.displaced:
        first = plans[(plan.title, plan.period)]
        once = (first.title, first.period, _norm(objective), where.start)
        if once in seen:
            continue
        seen.add(once)
        yield Alignment(
            Source(where, quote_or_first_line(document, where, objective)),
            priority=key,
            plan=first.title,
            plan_period=first.period,
            objective=objective,
        )
    for m, action in enumerate(found.actions, 1):
        yield Item(
            Source(action.span, action.quote),
            key=f"action/{key.replace('/', '-')}/{m}",
            kind=ItemKind.ACTION,
            text=action.text,
            number=action.number,
            parent=key,
            strand=action.strand,
        )
    for where, text in found.separators:
        quote = quote_or_first_line(document, where, text)
        yield Furniture(Source(where, quote), reason="separator")


def recognise(document: Document) -> Iterator[Fact]:
    """Priorities, leads, higher plans, alignments, actions and furniture from
    priority | lead | actions tables."""
    tables = list(_tables(document))
    if not tables:
        return
    everything = [found for _, priorities, _ in tables for found in priorities]
    index = _objective_index(everything)
    for _, priorities, spill in tables:
        _read_spill(document, spill, priorities[-1], index)
    plans: dict[tuple[str, str], _Plan] = {}
    statements: dict[tuple[str, str], list[str]] = {}
    for found in everything:
        for plan in found.plans:
            plans.setdefault((plan.title, plan.period), plan)
            statements.setdefault((plan.title, plan.period), []).extend(plan.statements)
    for headers, _, _ in tables:
        for row in headers:
            quote = document.plain_line(row.span.start)
            yield Furniture(Source(row.span, quote), reason="table header")
    for (title, period), plan in plans.items():
        start, end = parse_timescale(period)
        yield HigherPlan(
            Source(plan.span, quote_or_first_line(document, plan.span, f"{title} {period}")),
            title=title,
            kind=_plan_kind(title, statements[(title, period)]),
            period=period,
            start=start,
            end=end,
        )
    for found in everything:
        yield from _facts(document, found, plans)
