"""The served governance map in a real browser: the filter form and search that refocuses."""

from __future__ import annotations

from urllib.parse import urlencode


def _drawn_count(page) -> int:
    page.wait_for_function("() => document.body.dataset.ready === '1'", timeout=20_000)
    count = int(page.locator("body").get_attribute("data-node-count"))
    assert count == page.evaluate("() => window.network.body.data.nodes.length")
    return count


def test_search_for_a_name_not_drawn_refocuses_the_map_on_it(live_server, watched, shoot):
    page = watched.page
    query = urlencode({"focus": "Safer Stockton Partnership", "depth": 1})
    page.goto(f"{live_server.url}/maps/governance?{query}", wait_until="load")
    assert _drawn_count(page) > 1
    assert page.evaluate("() => !window.network.body.data.nodes.get().some("
                         "n => String(n.label).includes('Tim Rice'))")
    box = page.locator("input#q")
    box.fill("Tim Rice")
    with page.expect_navigation():
        box.press("Enter")
    assert "focus=Tim+Rice" in page.url
    assert _drawn_count(page) > 1
    assert page.locator("h1").inner_text().startswith("Governance map: Tim Rice,")
    shoot(page, "governance-refocused")
    watched.assert_clean()


def test_the_filter_form_narrows_the_map_to_an_area_and_date(live_server, watched, shoot):
    page = watched.page
    page.goto(f"{live_server.url}/maps/governance?board=all", wait_until="load")
    whole = _drawn_count(page)
    assert whole == int(page.locator("body").get_attribute("data-total-node-count"))
    page.select_option("select[name=area]", "Worcestershire")
    page.fill("input[name=as_at]", "2017-06-01")
    page.check("input[name=chain]")
    with page.expect_navigation():
        page.click("#filters button[type=submit]")
    assert 0 < _drawn_count(page) < whole
    assert "(area Worcestershire, as at 2017-06-01)" in page.locator("h1").inner_text()
    assert page.locator("select[name=area]").input_value() == "Worcestershire"
    shoot(page, "governance-filtered")
    watched.assert_clean()


def test_choosing_an_area_moves_a_board_map_to_that_areas_first_top_board(live_server, watched):
    page = watched.page
    page.goto(f"{live_server.url}/maps/governance", wait_until="load")
    _drawn_count(page)
    assert "top board in Worcestershire" not in page.locator("h1").inner_text()
    page.select_option("select[name=area]", "Worcestershire")
    with page.expect_navigation():
        page.click("#filters button[type=submit]")
    assert _drawn_count(page) > 1
    assert page.locator("h1").inner_text().endswith(
        "top board in Worcestershire (area Worcestershire)")
    chosen = page.locator("select[name=board]").input_value()
    assert page.locator(f'select[name=board] optgroup[label="Worcestershire"] '
                        f'option[value="{chosen}"]').count() == 1
    watched.assert_clean()
