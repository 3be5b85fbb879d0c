"""The registers page in a real browser: each register's "Download CSV" link downloads the
API's CSV, and narrowing to an area narrows both the table and the download."""

from __future__ import annotations

import csv
import io
import urllib.request

from cspgraph.graph.queries.registers import REGISTERS, register
from tests.helpers.browser import download


def _api(base: str, path: str) -> str:
    with urllib.request.urlopen(f"{base}{path}", timeout=30) as r:
        return r.read().decode("utf-8")


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"))))


def test_the_governance_register_downloads_from_the_registers_page(live_server, watched, shoot):
    page = watched.page
    response = page.goto(f"{live_server.url}/registers", wait_until="load")
    assert response is not None and response.status == 200
    section = page.locator('section[data-register="governance"]')
    link = section.get_by_role("link", name="Download CSV")
    assert link.count() == 1
    name, data = download(page, link)
    assert name == "governance.csv"
    rows = _rows(data)
    assert rows[0] == [h for _, h in register("governance").columns]
    assert data.decode("utf-8") == _api(live_server.url, "/api/registers/governance.csv")
    shown = section.locator("tbody tr").count()
    assert shown == len(rows) - 1 > 0  # the page's table is the download's rows
    shoot(page, "registers")
    watched.assert_clean()


def test_an_area_chosen_on_the_page_narrows_the_table_and_thedownload(live_server, watched):
    page = watched.page
    page.goto(f"{live_server.url}/registers/actions", wait_until="load")
    every = page.locator("table.register tbody tr").count()
    options = page.locator("#area option")
    area = options.nth(1).get_attribute("value")
    page.select_option("#area", area)
    with page.expect_navigation():
        page.get_by_role("button", name="Show").click()
    assert page.locator("#area").input_value() == area
    shown = page.locator("table.register tbody tr").count()
    assert 0 < shown < every
    name, data = download(page, page.get_by_role("link", name="Download CSV"))
    rows = _rows(data)
    assert name == "actions.csv" and len(rows) == shown + 1
    area_column = rows[0].index("area")
    assert {r[area_column] for r in rows[1:]} == {area}
    watched.assert_clean()


def test_every_register_page_offers_itsdownload(live_server, watched):
    page = watched.page
    for name in REGISTERS:
        page.goto(f"{live_server.url}/registers/{name}", wait_until="load")
        assert page.locator("h1").text_content() == REGISTERS[name].title
        got, data = download(page, page.get_by_role("link", name="Download CSV"))
        assert got == f"{name}.csv"
        assert _rows(data)[0] == [h for _, h in register(name).columns]
    watched.assert_clean()
