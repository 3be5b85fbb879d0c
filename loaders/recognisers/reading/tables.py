"""One table interpreter for every reader's tables (Markdown, HTML, Word, PDF, text).

Each column gets a role from the words of its header cell (the lexicon's ``tables.yaml``:
person, organisation, role, priority, action, lead, timescale, ref, objective, status);
then the rows are read by what the roles make of the table:

* **people** (a person column): each row is a member of the body whose meeting or paper
  it is, with their organisation and role; "(Chair)" beside a name, or "Chair" in the
  role column, makes them its chair; the label or heading above says how the minutes
  note them ("Present:", "Apologies");
* **priorities** (a priority column): each row's priority, its lead and, with an action
  column, its actions; a blank priority cell goes on with the one above (a merged cell);
* **actions** (an action column and no priority column): each row's action, with its
  lead as owner, its timescale and its reference.

Tables with no role a header gives, and the rows that say nothing, give nothing.
"""

from __future__ import annotations

import re

from cspgraph.loaders.document import Block, BlockKind, Row
from cspgraph.loaders.facts import (
    Alignment,
    Fact,
    Item,
    ItemKind,
    Lead,
    Membership,
    Post,
    Priority,
    Role,
    Source,
)
from cspgraph.loaders.lexicon import lexicon
from cspgraph.loaders.parse.columns import column_roles, split_actions
from cspgraph.loaders.parse.leads import split_leads
from cspgraph.loaders.parse.people import display, organisation_like, parse_person
from cspgraph.loaders.parse.timescales import parse_timescale
from cspgraph.loaders.recognisers.reading.bodies import Bodies
from cspgraph.loaders.recognisers.reading.context import Context
from cspgraph.loaders.recognisers.reading.plans import KnownPlan, Plans, plan_names

_CHAIR = re.compile(r"\b(?P<vice>vice|deputy)?[- ]?chair(?:man|woman|person)?\b", re.IGNORECASE)


class Tables:
    """Reads one document's tables by the roles of their columns."""

    def __init__(self, ctx: Context, bodies: Bodies, home: str | None,
                 plans: Plans | None = None) -> None:
        self.ctx = ctx
        self.bodies = bodies
        self.home = home
        self.plans = plans
        self.facts: list[Fact] = []
        self._n = 0

    def read(self) -> list[Fact]:
        for block in self.ctx.doc.blocks:
            if block.kind is BlockKind.TABLE and len(block.rows) >= 2:
                self._table(block)
        return self.facts

    def _where(self, block: Block) -> tuple[str | None, str]:
        """The section role of a table, and the line just above it ("Present:")."""
        first = block.rows[0].span.start
        for i, passage in enumerate(self.ctx.passages):
            if passage.kind == "cell" and passage.span.start >= first:
                above = self.ctx.passages[i - 1].text if i else ""
                return passage.section, above
        return None, ""

    def _table(self, block: Block) -> None:
        header, *rows = block.rows
        roles = column_roles(header.texts())
        if not any(roles):
            return
        col = {role: roles.index(role) for role in dict.fromkeys(r for r in roles if r)}
        section, heading = self._where(block)
        if "person" in col:
            self._people(rows, col, heading)
        elif "priority" in col:
            self._priorities(rows, col, header.texts())
        elif "action" in col:
            self._actions(rows, col, None)
        elif "organisation" in col and section == "members":
            self._people(rows, col, heading)

    @staticmethod
    def _cell(row: Row, col: dict[str, int], role: str) -> str:
        k = col.get(role)
        return row.cells[k].text.strip() if k is not None and k < len(row.cells) else ""

    # -- people ----------------------------------------------------------------------------
    def _people(self, rows: list[Row], col: dict[str, int], heading: str) -> None:
        body = self.home
        if not body:
            return
        how = lexicon().attendance.get(" ".join(heading.lower().strip(" :").split()))
        for row in rows:
            name = self._cell(row, col, "person")
            org = self._cell(row, col, "organisation") or None
            role = self._cell(row, col, "role") or None
            if not name and org:  # a member agency
                self._member(row, body, org, None, None, how, agency=True)
                continue
            person = parse_person(name) if name else None
            if person is None or person.agency:
                continue
            said = f"{name} {role or ''}"
            chair = _CHAIR.search(said) if person.body_role or (role and _CHAIR.search(
                role)) or _CHAIR.search(name) else None
            org = org or person.organisation
            vice = bool(chair and chair.group("vice")) or person.body_role == "vice chair"
            job = None if role and _CHAIR.fullmatch(role.strip()) else (role or person.role)
            self._member(row, body, display(person), org,
                         ("Vice Chair" if vice else "Chair") if chair else None, how,
                         quote=name, title=job)
            if chair:
                self.facts.append(Post(Source(row.span, name), body,
                                       Role.VICE_CHAIR if vice else Role.CHAIR, display(person),
                                       person.role, org, made_by="people table",
                                       confidence=0.85))

    def _member(self, row: Row, body: str, name: str, org: str | None, role: str | None,
                how: str | None, agency: bool = False, quote: str | None = None,
                title: str | None = None) -> None:
        self.facts.append(Membership(Source(row.span, quote or name), body, name, role,
                                     not agency, title=title,
                                     organisation=None if agency else org,
                                     attendance=how,
                                     meeting=self.bodies.meeting_date if how else None,
                                     made_by="people table", confidence=0.85))

    # -- priorities and actions ------------------------------------------------------------
    def _key(self, kind: str) -> str:
        self._n += 1
        return f"reading/table/{kind}/{self._n}"

    def _priorities(self, rows: list[Row], col: dict[str, int], header: list[str]) -> None:
        """Priorities, or, where the column is a theme of actions ("Theme | Action"), the
        theme each action is filed under."""
        named = re.search(r"(?i)\bpriorit", header[col["priority"]]) or "action" not in col
        served = self._served_plan(header[col["objective"]]) if "objective" in col else None
        current: str | None = None
        theme: str | None = None
        for row in rows:
            name = self._cell(row, col, "priority").strip(" .")
            if not named:
                theme = name or theme
                self._actions([row], col, None, theme)
                continue
            if name:
                current = self._key("priority")
                self.facts.append(Priority(Source(row.span, name), current, name,
                                           made_by="priorities table", confidence=0.85))
                if "action" not in col:
                    self._leads(row, col, current)
                if served is not None and (objective := self._cell(row, col, "objective")):
                    self.facts.append(Alignment(Source(row.span, objective), current,
                                                served.name, served.period,
                                                objective.strip(" ."),
                                                made_by="priorities table", confidence=0.8))
            if current and "action" in col:
                self._actions([row], col, current)

    def _served_plan(self, header: str) -> KnownPlan | None:
        """The plan an objective column's header names ("Police and Crime Plan objective"):
        a row's objective there is one its priority serves; a bare "Objective" is none."""
        if self.plans is None:
            return None
        keys = list(dict.fromkeys(k for _, k in self.plans.named_in(header)))
        keys = keys or [k for name in plan_names(header)
                        if (k := self.plans.resolve(name.name)) is not None]
        if len(keys) != 1 or keys[0] == self.plans.own:
            return None
        return self.plans.known[keys[0]]

    def _actions(self, rows: list[Row], col: dict[str, int], parent: str | None,
                 theme: str | None = None) -> None:
        for row in rows:
            when = self._cell(row, col, "timescale") or None
            start, end = parse_timescale(when) if when else (None, None)
            for text in split_actions(self._cell(row, col, "action").strip(" .")):
                key = self._key("action")
                self.facts.append(Item(Source(row.span, text), key, ItemKind.ACTION, text,
                                       theme=theme, number=self._cell(row, col, "ref") or None,
                                       parent=parent,
                                       timescale=when, due_start=start, due_end=end,
                                       made_by="actions table", confidence=0.85))
                self._leads(row, col, key)

    def _leads(self, row: Row, col: dict[str, int], target: str) -> None:
        printed = self._cell(row, col, "lead")
        if not printed:
            return
        for lead in split_leads(printed):
            person = parse_person(lead)
            named = person is not None and not person.agency and not person.post and not (
                organisation_like(lead))
            self.facts.append(Lead(Source(row.span, lead if lead in printed else printed),
                                   target, person.name if named and person else lead, named,
                                   made_by="leads column", confidence=0.85))

