"""The "ask" commands: users' questions answered by graph/queries, with sources.

Each command calls the query layer and only formats: a table whose "source" column gives
``file:lines “quote”``, or ``--format json``. Without ``--graph`` the bundled samples are
built in memory. Names match loosely; an ambiguous or unknown name exits 2 (via guarded).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from cspgraph.api.cli.app import app, guarded, out
from cspgraph.api.cli.output import (
    Fmt,
    FmtOpt,
    GraphOpt,
    dataset,
    emit_json,
    source_text,
    table,
)

if TYPE_CHECKING:


    from cspgraph.graph.queries import AlignmentMatrix, Answer, ItemAnswer, SourceRef

PANEL = "Ask the graph"

class Post(StrEnum):
    """Posts in a body (the keys of graph/queries/bodies.py ROLES, with '-' for ' ')."""

    chair = "chair"
    vice_chair = "vice-chair"
    lead = "lead"
    holder = "holder"
    contact = "contact"


Held = StrEnum("Held", {**{m.name: m.value for m in Post}, "any": "any"})  # a post, or any


class Kind(StrEnum):
    """Item kinds (graph/queries/items.py KINDS)."""

    Priority = "Priority"
    Action = "Action"
    Recommendation = "Recommendation"
    DataGap = "DataGap"


AsAtOpt = Annotated[datetime | None, typer.Option(
    "--as-at", formats=["%Y-%m-%d"],
    help="Only plans in force on this date (period covers it, not replaced by then).")]


def count(n: int, noun: str, plural: str | None = None) -> str:
    """'1 answer', '2 answers'; '2 priorities' with ``plural``."""
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"


def detail_text(detail: dict[str, str], skip: tuple[str, ...] = ("role",)) -> str:
    """An answer's details as 'organisation: X; title: Y'."""
    return "; ".join(f"{k}: {v}" for k, v in detail.items() if k not in skip and v)


def print_answers(answers: list[Answer], fmt: Fmt, title: str, first: str, none: str,
                  show_role: bool = False) -> None:
    """Answers as JSON, or a table: name, type, (role,) detail, source."""
    if fmt is Fmt.json:
        emit_json(answers)
        return
    if not answers:
        out.print(none, highlight=False, markup=False)
        return
    rows = [(a.label, a.entity.type, a.detail.get("role", "") if show_role else "",
             detail_text(a.detail), source_text(a.sources)) for a in answers]
    out.print(table(title, (first, "type", "role", "detail", "source"), rows))
    out.print(count(len(answers), "answer"))


# ----------------------------------------------------------------------- the commands


@app.command("who-chairs", rich_help_panel=PANEL)
def who_chairs(
    body: Annotated[str, typer.Argument(help="A body: its name, part of it, or an acronym.")],
    role: Annotated[Post, typer.Option("--role", help="The post to ask about.")] = Post.chair,
    graph: GraphOpt = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """Who chairs a body (or, with --role, leads it or holds another post in it)."""
    from cspgraph.graph import queries as q
    from cspgraph.graph.queries import entities as en
    from cspgraph.graph.queries.lookup import BODIES

    ds = dataset(graph)
    named = guarded(lambda: en.get(ds, body, BODIES, "body"))
    what = _role(role)
    holders = guarded(lambda: q.post_holders(ds, named.iri, what))
    print_answers(holders, fmt, f"{what.capitalize()} of {named.label}", "person or agency",
                  f"no {what} of {named.label} is recorded in the graph")


@app.command("chairs", rich_help_panel=PANEL)
def chairs(
    person: Annotated[str, typer.Argument(help="A person or agency, loosely matched.")],
    role: Annotated[Held, typer.Option("--role", help="The post held; 'any' for all.")
                    ] = Held.chair,
    graph: GraphOpt = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """The bodies a person chairs (or, with --role, leads or holds another post in)."""
    from cspgraph.graph import queries as q
    from cspgraph.graph.queries import entities as en
    from cspgraph.graph.queries.lookup import AGENTS

    ds = dataset(graph)
    named = guarded(lambda: en.get(ds, person, AGENTS, "person or agency"))
    wanted = None if role is Held.any else _role(role)
    held = guarded(lambda: q.posts_held(ds, named.iri, wanted))
    what = "holds a post" if wanted is None else f"is {wanted}"
    print_answers(held, fmt, f"Bodies in which {named.label} {what}", "body",
                  f"no body in which {named.label} {what} is recorded in the graph",
                  show_role=wanted is None)


def _role(role: StrEnum) -> str:
    return role.value.replace("-", " ")


@app.command("leads", rich_help_panel=PANEL)
def leads(
    agency: Annotated[str, typer.Argument(help="A lead agency or person, loosely matched.")],
    plan: Annotated[str | None, typer.Option(
        "--plan", help="Only this document: its id, file name or words of its title and "
        "period.")] = None,
    kind: Annotated[list[Kind] | None, typer.Option(
        "--kind", help="Only items of this kind; may be repeated.")] = None,
    due_by: Annotated[datetime | None, typer.Option(
        "--due-by", formats=["%Y-%m-%d"],
        help="Only items due (their timescale ends) on or before this date.")] = None,
    as_at: AsAtOpt = None,
    graph: GraphOpt = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """The priorities, actions, recommendations and data gaps an agency (or person) leads."""
    from cspgraph.graph import queries as q
    from cspgraph.graph.queries import entities as en
    from cspgraph.graph.queries.lookup import AGENTS

    ds = dataset(graph)
    named = guarded(lambda: en.get(ds, agency, AGENTS, "lead"))
    doc = guarded(lambda: en.get_plan(ds, plan)) if plan else None
    kinds = tuple(k.value for k in kind) if kind else tuple(k.value for k in Kind)
    found = guarded(lambda: q.items(ds, doc.doc_id if doc else None, kinds=kinds,
                                    lead=named.iri, due_by=_day(due_by), as_at=_day(as_at)))
    if fmt is Fmt.json:
        emit_json(found)
        return
    where = f" in {doc.doc_id}" if doc else ""
    if not found:
        out.print(f"{named.label} leads nothing{where} that matches", highlight=False,
                  markup=False)
        return
    rows = [(i.kind, i.number or "", i.label, _due(i), source_text(_lead_sources(i, named.iri)))
            for i in found]
    out.print(table(f"Led by {named.label}{where}", ("kind", "no.", "item", "due", "source"),
                    rows))
    out.print(count(len(found), "item"))


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


def _lead_sources(i: ItemAnswer, lead_iri: str) -> list[SourceRef]:
    """Where the document names this lead for the item (else where it states the item)."""
    return [s for a in i.leads if a.entity.iri == lead_iri for s in a.sources] or i.sources


def _due(i: ItemAnswer) -> str:
    if i.due_end and i.timescale:
        return f"{i.timescale} ({i.due_end.isoformat()})"
    return i.timescale or (i.due_end.isoformat() if i.due_end else "")


AgainstOpt = Annotated[str, typer.Option(
    "--against", help="The higher plan, e.g. 'Police and Crime Plan'.")]
PlanOpt = Annotated[str, typer.Option(
    "--plan", help="The document: its id, file name or words of its title and period.")]


AreaOpt = Annotated[str | None, typer.Option(
    "--area", help="Without --plan: only the local plans of this area.")]


@app.command("alignment", rich_help_panel=PANEL)
def alignment(against: AgainstOpt, plan: Annotated[str | None, typer.Option(
                  "--plan", help="The document: its id, file name or words of its title and "
                                 "period. Without it: every loaded local plan, together.")] = None,
              area: AreaOpt = None, graph: GraphOpt = None, fmt: FmtOpt = Fmt.table) -> None:
    """A plan's priorities against a higher plan's objectives, then the gaps both ways;
    without --plan, every loaded local plan against it, and the objectives none serves."""
    from cspgraph.graph import queries as q

    ds = dataset(graph)
    if plan is None:
        _cross_plan(ds, against, area, fmt)
        return
    m = guarded(lambda: q.alignment(ds, plan, against))
    if fmt is Fmt.json:
        emit_json(m)
        return
    if not m.objectives:
        _print_gaps(m)
        return
    keys = {o.iri: f"O{n}" for n, o in enumerate(m.objectives, 1)}
    rows = []
    for p in m.priorities:
        cells = [c for c in m.cells if c.priority == p]
        marks = ["✓" if m.serves(p, o) else "" for o in m.objectives]
        rows.append((p.label, *marks, source_text(s for c in cells for s in c.sources)))
    out.print(table(f"{m.plan.label}: priorities × objectives of {m.against.label}",
                    ("priority", *keys.values(), "source"), rows))
    for o in m.objectives:
        out.print(f"{keys[o.iri]}  {o.label}", highlight=False, markup=False)
    out.print(f"{count(len(m.cells), 'link')}: {count(len(m.priorities), 'priority', 'priorities')}"
              f" × {count(len(m.objectives), 'objective')}", highlight=False)
    _print_gaps(m)


def _cross_plan(ds, against: str, area: str | None, fmt: Fmt) -> None:
    """Every loaded local plan against ``against``: who serves each objective, the gaps,
    and the plans shown apart because their period does not overlap."""
    from cspgraph.graph.queries.cross_plan import cross_plan_alignment

    v = guarded(lambda: cross_plan_alignment(ds, against, area=area))
    if fmt is Fmt.json:
        emit_json(v)
        return
    rows = []
    for cov in v.objectives:
        if not cov.served_by:
            rows.append((cov.objective.label, "no plan", "", ""))
        for sp in cov.served_by:
            rows.append((cov.objective.label, sp.document.doc_id,
                         "; ".join(c.priority.label for c in sp.cells),
                         source_text(s for c in sp.cells for s in c.sources)))
    out.print(table(f"Local plans against {v.against.label} {v.period or ''}".strip(),
                    ("objective", "served by", "through", "source"), rows))
    out.print(f"{count(len(v.plans), 'plan')} compared; objectives no plan serves: "
              f"{'; '.join(o.label for o in v.unserved_objectives) or 'none'}",
              highlight=False, markup=False)
    for d in v.apart:
        out.print(f"apart: {d.document.doc_id}: {d.reason}", highlight=False, markup=False)


@app.command("gaps", rich_help_panel=PANEL)
def gaps(plan: PlanOpt, against: AgainstOpt, graph: GraphOpt = None,
         fmt: FmtOpt = Fmt.table) -> None:
    """Objectives of a higher plan no priority serves, and priorities citing none of them."""
    from cspgraph.graph import queries as q
    from cspgraph.graph.queries import entities as en

    ds = dataset(graph)
    m = guarded(lambda: q.alignment(ds, plan, against))
    # The plan's priorities as items: the sources of their labels.
    citing = {p.iri for p in m.priorities_citing_nothing}
    doc = guarded(lambda: en.get_plan(ds, plan))
    stated = [i for i in q.priorities(ds, doc.doc_id) if i.entity.iri in citing]
    if fmt is Fmt.json:
        emit_json({"plan": m.plan, "against": m.against,
                   "unserved_objectives": m.unserved_objectives,
                   "priorities_citing_nothing": stated})
        return
    _print_gaps(m, stated)


def _print_gaps(m: AlignmentMatrix, stated: list[ItemAnswer] | None = None) -> None:
    """The gaps both ways; with ``stated`` priorities, tables with their sources."""
    with_sources = stated is not None
    if not m.objectives:
        out.print(f"note: the graph holds no objectives of {m.against.label}, so no priority "
                  "can cite one", highlight=False, markup=False)
    unserved, citing = m.unserved_objectives, m.priorities_citing_nothing
    serves = f"Objectives of {m.against.label} no priority serves"
    cites = f"Priorities citing no objective of {m.against.label}"
    if with_sources and unserved:
        out.print(table(serves, ("objective",), [(o.label,) for o in unserved]))
    else:
        out.print(f"{serves}: {'; '.join(o.label for o in unserved) or 'none'}",
                  highlight=False, markup=False)
    if stated:
        out.print(table(cites, ("priority", "source"),
                        [(i.label, source_text(i.sources)) for i in stated]))
    else:
        out.print(f"{cites}: {'; '.join(p.label for p in citing) or 'none'}",
                  highlight=False, markup=False)


@app.command("documents", rich_help_panel=PANEL)
def documents(as_at: AsAtOpt = None, graph: GraphOpt = None, fmt: FmtOpt = Fmt.table
              ) -> None:
    """The loaded documents: id, kind, period and the plan each sets out."""
    from cspgraph.graph import queries as q

    ds = dataset(graph)
    docs = q.documents(ds, _day(as_at))
    if fmt is Fmt.json:
        emit_json(docs)
        return
    rows = [(d.doc_id, d.kind or "", d.period or "", d.plan.label if d.plan else "",
             d.replaced_by.label if d.replaced_by else "", source_text(d.sources, limit=30))
            for d in docs]
    title = f"Documents in force on {_day(as_at)}" if as_at else "Documents"
    out.print(table(title, ("id", "kind", "period", "plan", "replaced by", "source"), rows))
    out.print(count(len(docs), "document"))


@app.command("search", rich_help_panel=PANEL)
def search(
    text: Annotated[str, typer.Argument(help="A name, part of one, an alias or an acronym.")],
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many.")] = 50,
    graph: GraphOpt = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """Find entities by name: exact, then alias or acronym, then partial, then close
    spellings, with their kind and id (the ranking the pages and name lookups use)."""
    from cspgraph.graph.queries.lookup import search as ranked_search
    from cspgraph.graph.queries.search import hits

    ds = dataset(graph)
    found = guarded(lambda: ranked_search(ds, text, limit=limit))
    results = hits(ds, found.matches)
    if fmt is Fmt.json:
        emit_json({"items": results, "did_you_mean": found.did_you_mean})
        return
    if found.did_you_mean:
        out.print(f"nothing is named '{text}'; did you mean "
                  f"{' or '.join(repr(n) for n in found.did_you_mean)}?",
                  highlight=False, markup=False)
    if not results:
        out.print(f"nothing is named '{text}'", highlight=False, markup=False)
        return
    rows = [(h.label, h.kind, h.matched, "; ".join(h.alt_labels), h.id) for h in results]
    out.print(table(f"Matches for '{text}'", ("name", "kind", "matched", "also known as", "id"),
                    rows))
    out.print(count(len(results), "match", "matches"))
