"""Layout family: "theme / action / timescale / lead" action plans.

A table whose header row names an action column ("Action", "Key actions",
"Activity", "What we will do"), a timescale column ("Timescale", "Deadline",
"By when", "Target date") and a lead column ("Lead", "Lead agency", "Owner",
"Responsible"), usually after a theme column ("Theme", "Area", "Priority") and
sometimes with a reference column ("Ref", "No."). Columns are found by these
header words, in any order (a theme column must come before the action column).

Each data row is one action. A blank theme cell continues the theme above; a
row with a theme and no action only sets the theme for the rows below, as does
a bold heading row across a table with no theme column. A table that follows
straight on (only blank lines between) with no header of its own and as many
columns continues the plan, as when a page break splits the table.

Yields per row an ``Item`` (kind ACTION, key "action-plan/N" counted through the
document, theme as printed, timescale as printed with its parsed dates) and a
``Lead`` per lead named in the lead cell; ``Furniture`` for header rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from cspgraph.loaders.document import Block, BlockKind, Cell, Document, Row, Span
from cspgraph.loaders.facts import Fact, Furniture, Item, ItemKind, Lead, Source
from cspgraph.loaders.parse.columns import header_role
from cspgraph.loaders.parse.leads import split_leads
from cspgraph.loaders.parse.timescales import parse_timescale
from cspgraph.loaders.recognisers.common import cell_at


@dataclass(frozen=True)
class _Columns:
    """Column indexes of one action plan table; ``theme`` and ``number`` may be absent."""

    action: int
    timescale: int
    lead: int
    theme: int | None = None
    number: int | None = None

    @property
    def width(self) -> int:
        """Cells a row needs to reach every column."""
        return max(self.action, self.timescale, self.lead) + 1


def _columns(row: Row) -> _Columns | None:
    """The columns ``row`` names when it is this family's header row."""
    found: dict[str, int] = {}
    for i, text in enumerate(row.texts()):
        words = " ".join(re.sub(r"[^\w\s#]", " ", text).split())
        if not words or len(words) > 40:
            continue
        role = {"priority": "theme", "objective": "theme", "ref": "number"}.get(
            header_role(words) or "", header_role(words))
        if role in ("lead", "timescale", "action", "theme", "number") and role not in found:
            found[role] = i
    if not {"action", "timescale", "lead"} <= found.keys():
        return None
    theme = found.get("theme")
    if theme is not None and theme > found["action"]:
        theme = None
    return _Columns(found["action"], found["timescale"], found["lead"], theme, found.get("number"))


def _text(row: Row, index: int | None) -> str:
    cell = cell_at(row, index)
    return cell.text if cell is not None else ""


def _lead_text(cell: Cell | None) -> str:
    """The lead cell's text, one line per paragraph or list item."""
    if cell is None:
        return ""
    parts = [p.text for p in cell.parts if p.text]
    return "\n".join(parts) if parts else cell.text


def _plain(document: Document, span: Span) -> str:
    return " ".join(document.plain_line(n) for n in span.lines())


def _quote(document: Document, span: Span, text: str) -> str:
    """``text`` when the span's plain text holds it, else the first line's plain text."""
    if text and text in _plain(document, span):
        return text
    return document.plain_line(span.start)


def _tables(document: Document) -> Iterator[tuple[Block, _Columns | None]]:
    """Each table with the columns of the plan it continues (None for the first of a run)."""
    previous: _Columns | None = None
    for block in document.blocks:
        if block.kind is not BlockKind.TABLE:
            previous = None
            continue
        first = block.rows[0] if block.rows else None
        continues = (
            previous is not None
            and first is not None
            and _columns(first) is None
            and len(first.cells) >= previous.width
        )
        yield block, previous if continues else None
        columns = next((c for r in block.rows if (c := _columns(r)) is not None), None)
        previous = columns or (previous if continues else None)


def _section_row(row: Row) -> bool:
    """A bold first cell with every other cell empty: a heading row across the table."""
    filled = [c for c in row.cells if c.text]
    return len(filled) == 1 and filled[0] is row.cells[0] and filled[0].bold


@dataclass
class _State:
    """What carries from row to row and table to table: theme, count, pending theme row."""

    count: int = 0
    theme: str | None = None
    theme_row: Span | None = None  # a row that only set the theme, joined to the next action


def _row_facts(document: Document, row: Row, columns: _Columns, state: _State) -> Iterator[Fact]:
    """The action, its leads, or nothing (a theme row only updates ``state``)."""
    theme = _text(row, columns.theme)
    action = _text(row, columns.action)
    if columns.theme is None and _section_row(row):
        theme, action = row.cells[0].text, ""
    if theme:
        state.theme, state.theme_row = theme, None
    if not action:
        if theme:
            state.theme_row = row.span
        return
    span = row.span.join(state.theme_row) if state.theme_row is not None else row.span
    state.theme_row = None
    state.count += 1
    key = f"action-plan/{state.count}"
    timescale = _text(row, columns.timescale) or None
    start, end = parse_timescale(timescale) if timescale else (None, None)
    yield Item(
        Source(span, _quote(document, span, action)),
        key=key,
        kind=ItemKind.ACTION,
        text=action,
        theme=state.theme,
        number=_text(row, columns.number) or None,
        timescale=timescale,
        due_start=start,
        due_end=end,
    )
    lead_cell = cell_at(row, columns.lead)
    quote = _quote(document, row.span, lead_cell.text if lead_cell is not None else "")
    for lead in split_leads(_lead_text(lead_cell)):
        yield Lead(Source(row.span, quote), target=key, lead=lead)


def recognise(document: Document) -> Iterator[Fact]:
    """Actions, their leads and header furniture from theme/action/timescale/lead tables."""
    state = _State()
    for table, continued in _tables(document):
        columns = continued
        if continued is None:
            state.theme, state.theme_row = None, None
        for row in table.rows:
            header = _columns(row)
            if header is not None:
                columns = header
                quote = document.plain_line(row.span.start)
                yield Furniture(Source(row.span, quote), reason="action plan header")
                continue
            if columns is not None:
                yield from _row_facts(document, row, columns, state)
