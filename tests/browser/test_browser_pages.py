"""The pages in a real browser, as the issue's user walks them: start at /, search for a
person with a typo, take "did you mean", land on their page, follow the board they chair
and its chain of accountability, open the PCC's cross-plan view and download its CSV, all offline
and without seeing JSON."""

from __future__ import annotations

import csv
import io
from pathlib import Path


def _is_html(page) -> None:
    assert page.evaluate("document.contentType") == "text/html", page.url


def test_a_user_walks_from_search_to_the_cross_plan_view(live_server, watched, shoot, answers):
    page = watched.page
    page.goto(live_server.url + "/", wait_until="load")
    chair = answers["q02"][0]  # who chairs the Prevent Strategy Group
    typo = chair[:-2] + chair[-1]
    box = page.get_by_label("Name, alias or acronym", exact=False)
    box.fill(typo)
    with page.expect_navigation(wait_until="load"):
        box.press("Enter")
    _is_html(page)
    assert "Did you mean" in page.inner_text("main")
    shoot(page, "search-typo")
    with page.expect_navigation(wait_until="load"):
        page.locator("p.note a", has_text=chair).first.click()
    with page.expect_navigation(wait_until="load"):
        page.locator("table.results a", has_text=chair).first.click()
    _is_html(page)
    assert page.locator("h1").inner_text() == chair
    shoot(page, "person")
    with page.expect_navigation(wait_until="load"):
        page.locator("main table a[href^='/bodies/']", has_text="Prevent").first.click()
    _is_html(page)
    assert "Prevent Strategy Group" in page.locator("h1").inner_text()
    chain = page.locator("section", has=page.locator("h2", has_text="Chain of accountability"))
    above = chain.locator("a[href^='/bodies/']").first  # its reporting line, nearest first
    assert above.count() == 1
    shoot(page, "body")
    with page.expect_navigation(wait_until="load"):
        above.click()
    _is_html(page)
    with page.expect_navigation(wait_until="load"):
        page.locator("nav a", has_text="Alignment").click()
    _is_html(page)
    page.select_option("#against", label="Police and Crime Plan")
    with page.expect_navigation(wait_until="load"):
        page.locator("form button[type=submit]").click()
    main = page.inner_text("main")
    for priority in answers["q13"]:
        assert priority in main
    assert "Plans shown apart" in main and "does not overlap" in main
    shoot(page, "cross-plan")
    with page.expect_download() as download:
        page.locator("a", has_text="Download CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    header = next(csv.reader(io.StringIO(text)))
    assert header[:3] == ["higher plan", "objective", "served"]
    with page.expect_download() as png:
        page.locator("button", has_text="Download PNG").click()
    assert Path(png.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    watched.assert_clean()  # nothing loaded from another host, no console errors
