"""The SPARQL query page in a real browser: open it, pick an example, run it, see the
results table, and follow the CSV download link to a CSV of the same rows."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from cspgraph.graph.queries.sparql_examples import EXAMPLES


def test_pick_an_example_run_it_and_download_csv(live_server, watched, shoot, tmp_path):
    page = watched.page
    response = page.goto(live_server.url + "/sparql", wait_until="load")
    assert response is not None and response.status == 200
    assert page.url.endswith("/sparql/editor")  # a browser asking /sparql is sent here

    chosen = next(e for e in EXAMPLES if e.key == "actions")
    page.get_by_role("link", name=chosen.title).click()
    page.wait_for_load_state("load")
    editor = page.get_by_label("Query")
    assert editor.input_value() == chosen.query

    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Run query").click()
    rows = page.locator("table.results tbody tr")
    assert rows.count() > 0
    headers = page.locator("table.results thead th").all_inner_texts()
    assert headers == ["action", "lead", "timescale"]
    shown = [page.locator("table.results tbody tr").nth(i).locator("td").all_inner_texts()
             for i in range(rows.count())]
    assert editor.input_value() == chosen.query  # the query stays in the editor
    shoot(page, "sparql-results")

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV", exact=True).click()
    saved = tmp_path / "results.csv"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "results.csv"
    table = list(csv.reader(io.StringIO(Path(saved).read_text(encoding="utf-8"))))
    assert table[0] == headers
    assert [[c.strip() for c in row] for row in table[1:]] == \
        [[c.strip() for c in row] for row in shown]
    watched.assert_clean()


def test_a_syntax_error_shows_on_the_page(live_server, watched):
    page = watched.page
    page.goto(live_server.url + "/sparql/editor", wait_until="load")
    page.get_by_label("Query").fill("SELECT ?x WHERE {")
    with page.expect_navigation(wait_until="load") as nav:
        page.get_by_role("button", name="Run query").click()
    assert nav.value is not None and nav.value.status == 400
    alert = page.get_by_role("alert")
    assert "cannot parse query" in alert.inner_text()
    assert page.get_by_label("Query").input_value() == "SELECT ?x WHERE {"
    watched.console_errors = [e for e in watched.console_errors  # the page's own 400
                              if "400 (Bad Request)" not in e]
    watched.assert_clean()
