"""The landing page in a real browser: it loads cleanly, lists the documents, and searches."""

from __future__ import annotations

import json
from urllib.request import urlopen


def test_landing_page_loads_lists_documents_and_searches(live_server, watched, shoot,
                                                         pixel_stats):
    page = watched.page
    response = page.goto(live_server.url + "/", wait_until="load")
    assert response is not None and response.status == 200
    assert page.title() == "cspgraph"

    with urlopen(live_server.url + "/api/summary", timeout=10) as r:
        documents = json.load(r)["documents"]
    assert len(documents) == 5
    rows = page.locator("table tbody tr")
    assert rows.count() == 5
    shown = rows.all_inner_texts()
    for d in documents:
        assert any(d["file_name"] in row for row in shown), d["file_name"]
    png = shoot(page, "landing")
    assert pixel_stats(png)["colours"] > 2  # text drawn, not a blank page

    box = page.get_by_label("Name, alias or acronym", exact=False)
    box.fill("Tim Rice")
    with page.expect_navigation(wait_until="load") as nav:
        box.press("Enter")
    result = nav.value
    assert result is not None and result.status == 200
    assert "/search?q=Tim+Rice" in page.url and "/api/" not in page.url
    assert "Tim Rice" in page.content()
    watched.assert_clean()
