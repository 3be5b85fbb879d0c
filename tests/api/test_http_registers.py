"""The registers over HTTP: CSV downloads (formulas made text), paged JSON, the pages and
their JSON twins, and a document whose text would run in a spreadsheet or a browser."""

from __future__ import annotations

import csv
import io

import pytest
import schemathesis
from fastapi.testclient import TestClient

from cspgraph.api.http.app import create_app
from cspgraph.api.http.state import GraphState
from cspgraph.graph.queries.registers import REGISTERS, register
from cspgraph.graph.queries.spreadsheet import FORMULA_START, csv_text, safe_cell

HTML = {"accept": "text/html"}
PLAN = """Riverside Community Safety Partnership Plan 2024-27

Our priorities

- =HYPERLINK("http://example.invalid/x","Domestic abuse")
- @SUM(1+1) Anti-social behaviour
- &lt;script&gt;alert(1)&lt;/script&gt; Serious violence

Governance

The Riverside Safer Streets Board is chaired by Jane Roe, Riverside Council.
The Riverside Youth Panel is a sub-group of the Riverside Safer Streets Board.
"""


def parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture(scope="module")
def hostile(api_settings, tmp_path_factory) -> TestClient:
    """A server over one plan whose priorities start with formulas and hold a script tag
    (entities in the file, so the text read is a real '<script>'), built the normal way."""
    doc = tmp_path_factory.mktemp("hostile") / "riverside-plan.txt"
    doc.write_text(PLAN, encoding="utf-8")
    return TestClient(create_app(GraphState(api_settings, [doc])))


# --- the one CSV writer ---------------------------------------------------------------------

@pytest.mark.parametrize("start", sorted(FORMULA_START))
def test_a_cell_starting_a_formula_is_made_text(start):
    assert safe_cell(f"{start}1+1") == f"'{start}1+1"
    assert safe_cell(f"  {start}x") == f"'  {start}x"


def test_plain_cells_are_unchanged_and_none_is_empty():
    assert [safe_cell(v) for v in ("Domestic abuse", "1", 12, None, "", "a=b")] == [
        "Domestic abuse", "1", "12", "", "", "a=b"]
    assert csv_text(["a", "=b"], [["-1", "x,y"]]) == "a,'=b\r\n'-1,\"x,y\"\r\n"


# --- CSV downloads ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(REGISTERS))
def test_each_register_downloads_as_csv_with_its_header_row(client, name):
    r = client.get(f"/api/registers/{name}.csv")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/csv; charset=utf-8"
    assert r.headers["content-disposition"] == f'attachment; filename="{name}.csv"'
    rows = parse(r.text)
    assert rows[0] == [h for _, h in register(name).columns]
    total = client.get(f"/api/registers/{name}", params={"limit": 1}).json()["total"]
    assert len(rows) == total + 1 and total > 0
    assert all(len(row) == len(rows[0]) for row in rows)


def test_an_area_narrows_the_download(client):
    every = parse(client.get("/api/registers/governance.csv").text)
    area = every[1][every[0].index("area")]
    local = parse(client.get("/api/registers/governance.csv", params={"area": area}).text)
    assert 1 < len(local) < len(every)
    assert {row[local[0].index("area")] for row in local[1:]} == {area}


def test_formulas_in_a_document_are_neutralised_in_every_download(hostile):
    priorities = hostile.get("/api/registers/priorities?limit=100").json()["items"]
    texts = [p["priority"] for p in priorities]
    assert any(t.startswith("=HYPERLINK(") for t in texts)  # the data holds it as printed
    assert any(t.startswith("@SUM(") for t in texts)
    for name in REGISTERS:
        rows = parse(hostile.get(f"/api/registers/{name}.csv").text)
        for row in rows:
            for cell in row:
                assert cell.lstrip(" ")[:1] not in FORMULA_START, (name, cell)
    cells = {c for row in parse(hostile.get("/api/registers/priorities.csv").text) for c in row}
    assert any(c.startswith("'=HYPERLINK(") for c in cells)
    assert any(c.startswith("'@SUM(") for c in cells)


# --- JSON ------------------------------------------------------------------------------------

def test_json_rows_are_paged_like_other_lists(client):
    whole = client.get("/api/registers/actions", params={"limit": 1000}).json()
    page = client.get("/api/registers/actions", params={"limit": 5, "offset": 3}).json()
    assert page["total"] == whole["total"] == len(whole["items"])
    assert (page["limit"], page["offset"]) == (5, 3)
    assert page["items"] == whole["items"][3:8]
    for row in whole["items"]:
        assert row["document"] and row["line"] and row["source"]["quote"]


def test_an_unknown_register_is_refused(client):
    assert client.get("/api/registers/minutes").status_code == 422
    assert client.get("/api/registers/minutes.csv").status_code == 422
    page = client.get("/registers/minutes", headers=HTML)
    assert page.status_code == 404 and "governance" in page.text
    assert page.headers["content-type"].startswith("text/html")


# --- pages and their JSON twins --------------------------------------------------------------

def test_the_registers_page_shows_every_register_with_its_download(client):
    page = client.get("/registers", headers=HTML)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for name, reg in REGISTERS.items():
        assert reg.title in page.text
        assert f'href="/api/registers/{name}.csv" download="{name}.csv"' in page.text
    assert 'href="/registers.json"' in page.text


@pytest.mark.parametrize("name", sorted(REGISTERS))
def test_each_register_page_has_a_json_twin_with_the_api_rows(client, name):
    page = client.get(f"/registers/{name}", headers=HTML)
    assert page.status_code == 200 and "Download CSV" in page.text
    assert f'href="/registers/{name}.json"' in page.text
    twin = client.get(f"/registers/{name}.json").json()
    by_accept = client.get(f"/registers/{name}", headers={"accept": "application/json"}).json()
    assert twin == by_accept
    api = client.get(f"/api/registers/{name}", params={"limit": 1000}).json()["items"]
    assert twin["rows"] == api and twin["csv"] == f"/api/registers/{name}.csv"
    assert page.text.count("<tr>") == len(api) + 1


def test_the_index_twin_holds_every_register(client):
    twin = client.get("/registers.json").json()
    assert [r["name"] for r in twin["registers"]] == list(REGISTERS)
    for r in twin["registers"]:
        assert r["rows"] == client.get(f"/api/registers/{r['name']}",
                                       params={"limit": 1000}).json()["items"]


def test_a_filtered_page_keeps_its_filter_in_the_download_link(client):
    area = client.get("/api/registers/governance").json()["items"][0]["area"]
    page = client.get("/registers/governance", params={"area": area}, headers=HTML).text
    assert f'/api/registers/governance.csv?area={area.replace(" ", "+")}' in page
    assert f'<option value="{area}" selected>' in page


def test_document_text_is_escaped_on_the_pages(hostile):
    rows = hostile.get("/api/registers/priorities?limit=100").json()["items"]
    assert any("<script>alert(1)</script>" in r["priority"] for r in rows)
    for path in ("/registers", "/registers/priorities"):
        page = hostile.get(path, headers=HTML).text
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert '&quot;http' in page  # the formula's quotes, escaped as text


# --- schemathesis: the register routes conform to their documented schema -------------------

def test_register_routes_conform_to_their_schema(client):
    from hypothesis import HealthCheck, given, settings
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    checks = [not_a_server_error, status_code_conformance, content_type_conformance,
              response_schema_conformance]
    schema = schemathesis.openapi.from_asgi("/openapi.json", client.app)
    schema = schema.include(method="GET", path_regex="^/api/registers/")
    tested = []
    for result in schema.get_all_operations():
        operation = result.ok()
        tested.append(operation.label)

        @given(case=operation.as_strategy())
        @settings(max_examples=15, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case) -> None:
            case.call_and_validate(checks=checks)

        run()
    assert sorted(tested) == ["GET /api/registers/{table}", "GET /api/registers/{table}.csv"]
