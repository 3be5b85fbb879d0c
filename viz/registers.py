"""The register pages: each register as a table, with a filter by area or plan and a
"Download CSV" link. Every cell is document text, escaped by ``viz.html``."""

from __future__ import annotations

from cspgraph.graph.queries.registers import REGISTERS, Register, cell_text
from cspgraph.viz.html import Markup, esc, href, join, link, segment_href, table

CSV_PATH = "/api/registers/{name}.csv"
# Extra head markup of the register pages: wide tables scroll sideways, in smaller type.
HEAD = ("<style>.wide{overflow-x:auto}table.register{font-size:.85em;width:max-content}"
        "table.register td,table.register th{max-width:24em}</style>")


def csv_href(name: str, area: str | None = None, plan: str | None = None) -> str:
    """Where register ``name``'s CSV (of ``area`` and ``plan`` if given) downloads from."""
    return href(CSV_PATH.format(name=name), area=area, plan=plan)


def _cell(reg: Register, column: str, row: object) -> object:
    """One cell: a body links to its page, a document to its page, a line shows its quote."""
    value = getattr(row, column)
    if column == "body" and getattr(row, "body_iri", ""):
        return link(segment_href("/bodies", row.body_iri.rsplit("/", 1)[-1]), value)
    if column == "document" and row.doc_id:
        return link(segment_href("/documents", row.doc_id), value)
    if column == "line" and row.source is not None:
        return Markup(f'<span class="source" title="{esc(row.source.quote)}">{esc(value)}'
                      "</span>")
    return cell_text(value)


def register_table(name: str, rows: list) -> Markup:
    """Register ``name``'s rows as an HTML table, or a note when it has none."""
    reg = REGISTERS[name]
    if not rows:
        return Markup('<p class="empty">No rows: the documents in scope state none.</p>')
    grid = table([h for _, h in reg.columns],
                 ([_cell(reg, f, r) for f, _ in reg.columns] for r in rows), cls="register")
    return Markup(f'<div class="wide">{grid}</div>')


def download(name: str, area: str | None, plan: str | None) -> Markup:
    """The "Download CSV" link of register ``name``."""
    return link(csv_href(name, area, plan), "Download CSV", download=f"{name}.csv",
                class_="download")


def scope_form(action: str, areas: list[str], plans: list[tuple[str, str]],
               area: str | None, plan: str | None) -> Markup:
    """A form narrowing the registers to one area or one plan."""
    def options(choices: list[tuple[str, str]], chosen: str | None, every: str) -> str:
        opts = [f'<option value="">{esc(every)}</option>']
        opts += [f'<option value="{esc(v)}"{" selected" if v == chosen else ""}>{esc(t)}'
                 "</option>" for v, t in choices]
        return "".join(opts)

    return Markup(
        f'<form class="inline" method="get" action="{esc(action)}" data-working>'
        f'<div><label for="area">Area</label><select id="area" name="area">'
        f'{options([(a, a) for a in areas], area, "every area")}</select></div>'
        f'<div><label for="plan">Plan</label><select id="plan" name="plan">'
        f'{options(plans, plan, "every plan")}</select></div>'
        '<div><button type="submit">Show</button> <span class="working">working…</span></div>'
        "</form>")


def _section(name: str, rows: list, area: str | None, plan: str | None, level: int) -> str:
    reg = REGISTERS[name]
    heading = (link(segment_href("/registers", name), reg.title) if level == 2
               else esc(reg.title))
    count = f"{len(rows)} row" + ("" if len(rows) == 1 else "s")
    head = f"<h{level} id=\"{esc(name)}\">{heading}</h{level}>" if level == 2 else ""
    return (f'{head}<section class="register" data-register="{esc(name)}">'
            f"<p>{esc(reg.description)} {esc(count)}. {download(name, area, plan)}</p>"
            f"{register_table(name, rows)}</section>")


def registers_body(registers: dict[str, list], areas: list[str], plans: list[tuple[str, str]],
                   area: str | None, plan: str | None) -> Markup:
    """The /registers page: a filter, then every register with its download."""
    contents = join((link(f"#{n}", REGISTERS[n].title) for n in registers), " · ")
    sections = "".join(_section(n, rows, area, plan, 2) for n, rows in registers.items())
    return Markup(f"{scope_form('/registers', areas, plans, area, plan)}"
                  f"<p>Registers: {contents}</p>{sections}")


def register_body(name: str, rows: list, areas: list[str], plans: list[tuple[str, str]],
                  area: str | None, plan: str | None) -> Markup:
    """The /registers/{name} page: a filter and the one register."""
    others = join((link(href(segment_href("/registers", n), area=area, plan=plan),
                        REGISTERS[n].title) for n in REGISTERS if n != name), " · ")
    return Markup(f"{scope_form(segment_href('/registers', name), areas, plans, area, plan)}"
                  f"{_section(name, rows, area, plan, 1)}"
                  f"<p>Other registers: {others} · {link('/registers', 'all registers')}</p>")
