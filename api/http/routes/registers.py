"""Routes: the governance register, the action tracker and the priorities register, as
JSON pages, CSV downloads and HTML pages (each with its JSON twin)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from cspgraph.api.http.deps import GraphDep, PagingDep
from cspgraph.api.http.schemas import ERRORS, Page
from cspgraph.api.http.twins import json_href, split_suffix, twin
from cspgraph.graph.queries.registers import (
    REGISTERS,
    ActionRow,
    GovernanceRow,
    PriorityRow,
    register,
    register_csv,
    register_rows,
    scope_choices,
)
from cspgraph.viz.html import page
from cspgraph.viz.registers import HEAD, csv_href, register_body, registers_body

router = APIRouter(tags=["registers"])

Table = Annotated[Literal["governance", "actions", "priorities"], Path(
    description="governance (who chairs what), actions (the action tracker) or priorities.",
    examples=["governance"])]
AreaQ = Annotated[str | None, Query(
    max_length=300, description="Only what documents of this area state (words of its "
                                "name).", examples=["Kingsford"])]
PlanQ = Annotated[str | None, Query(
    max_length=300, description="Only what this document states: its id, file name or "
                                "words of its title and period.", examples=["Kingsford 2024-25"])]
CSV_EXAMPLE = "body,kind,chair,...,document,line\r\nKingsford Safer Streets Board,board,...\r\n"


@router.get("/api/registers/{table}.csv", response_class=Response, summary="A register as CSV",
            responses={**ERRORS, 200: {"content": {"text/csv": {"example": CSV_EXAMPLE}},
                                       "description": "A header row, then one row each."}})
def get_register_csv(ds: GraphDep, table: Table, area: AreaQ = None,
                     plan: PlanQ = None) -> Response:
    """The register as CSV; cells a spreadsheet would run as formulas are made text."""
    text = register_csv(table, register_rows(ds, table, area or None, plan or None))
    return Response(text, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{table}.csv"'})


@router.get("/api/registers/{table}", response_model=Page[GovernanceRow | ActionRow | PriorityRow],
            responses=ERRORS, summary="A register's rows")
def get_register(ds: GraphDep, paging: PagingDep, table: Table, area: AreaQ = None,
                 plan: PlanQ = None) -> dict:
    """One row per body, action or priority, each naming its document and line."""
    return paging.page(register_rows(ds, table, area or None, plan or None))


@router.get("/registers", include_in_schema=False)
@router.get("/registers.json", include_in_schema=False)
def registers_page(request: Request, ds: GraphDep, area: AreaQ = None,
                   plan: PlanQ = None) -> Response:
    """Every register as a table with its CSV download; ``.json`` for the rows."""
    area, plan = area or None, plan or None
    found = {name: register_rows(ds, name, area, plan) for name in REGISTERS}
    data = {"area": area, "plan": plan, "registers": [
        {"name": n, "title": REGISTERS[n].title, "csv": csv_href(n, area, plan), "rows": rows}
        for n, rows in found.items()]}
    return twin(request, request.url.path.endswith(".json"), data, lambda: page(
        "Registers", registers_body(found, *scope_choices(ds), area, plan),
        json_href=json_href(request), head=HEAD))


@router.get("/registers/{ref}", include_in_schema=False)
def register_page(request: Request, ds: GraphDep, ref: str, area: AreaQ = None,
                  plan: PlanQ = None) -> Response:
    """One register as a table with its CSV download; ``.json`` for its rows."""
    name, as_json = split_suffix(ref)
    reg, area, plan = register(name), area or None, plan or None
    rows = register_rows(ds, name, area, plan)
    data = {"name": name, "title": reg.title, "area": area, "plan": plan,
            "csv": csv_href(name, area, plan), "rows": rows}
    return twin(request, as_json, data, lambda: page(
        reg.title, register_body(name, rows, *scope_choices(ds), area, plan),
        json_href=json_href(request), head=HEAD))
