"""The maps a person can read (issue 19), in a real browser: the governance map opens on
one area's top board with no two node labels overlapping (measured through vis-network's
own boxes), the board selector moves between areas, the alignment map's selectors change
the drawn plan, and the duplicates page lists its pairs first with filters that work."""

from __future__ import annotations

from urllib.parse import urlencode

READY = "() => window.network && document.body.dataset.ready === '1'"

# Every node's box as vis-network draws it (a dot's includes its label below), and every
# pair of boxes that intersect.
OVERLAPS = """async () => {
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    const net = window.network, nodes = net.body.data.nodes;
    const boxes = nodes.getIds().map(id => [String(nodes.get(id).label), net.getBoundingBox(id)]);
    const hits = [];
    for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
            const [la, a] = boxes[i], [lb, b] = boxes[j];
            if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) {
                hits.push([la, lb]);
            }
        }
    }
    return {count: boxes.length, hits: hits,
            widest: Math.max(...boxes.map(([, b]) => b.right - b.left))};
}"""

BOARDS = """() => [...document.querySelectorAll('select[name=board] optgroup')].map(g => ({
    area: g.label, boards: [...g.querySelectorAll('option')].map(o => o.value)}))"""


def _open(page, url: str) -> None:
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200, url
    page.wait_for_function(READY, timeout=20_000)


def _labels(page) -> set[str]:
    return set(page.evaluate("() => window.network.body.data.nodes.get().map(n => n.label)"))


def _assert_readable(page, what: str) -> int:
    drawn = page.evaluate(OVERLAPS)
    assert drawn["count"] > 1, what
    assert drawn["hits"] == [], f"{what}: labels overlap: {drawn['hits']}"
    assert drawn["widest"] < 260, f"{what}: a label does not wrap ({drawn['widest']} px)"
    return drawn["count"]


def test_governance_map_opens_on_one_top_board_with_no_labels_overlapping(
        live_server, watched, shoot):
    page = watched.page
    _open(page, f"{live_server.url}/maps/governance")
    groups = page.evaluate(BOARDS)
    first = groups[0]["boards"][0]
    assert page.locator("select[name=board]").input_value() == first
    board = page.evaluate("(id) => window.network.body.data.nodes.get(id)", first)
    assert page.locator("h1").inner_text() == (f"Governance map: {board['label']}, top board "
                                               f"in {groups[0]['area']}")
    count = _assert_readable(page, "the opening map")
    whole = int(page.locator("body").get_attribute("data-total-node-count"))
    assert 1 < count < whole  # one board's tree, not everything at once
    assert board["color"] == "#08306b"  # drawn as a top board
    legend = page.locator(".legend").inner_text()
    assert "top-level board" in legend and "sub-group" in legend
    shoot(page, "governance-top-board")
    for group in groups:  # every board the selector offers reads as cleanly
        for iri in group["boards"]:
            _open(page, f"{live_server.url}/maps/governance?{urlencode({'board': iri})}")
            _assert_readable(page, iri)
    watched.assert_clean()


def test_the_board_selector_moves_the_map_to_another_areas_top_board(live_server, watched,
                                                                     shoot):
    page = watched.page
    _open(page, f"{live_server.url}/maps/governance")
    groups = page.evaluate(BOARDS)
    assert len(groups) > 1
    before = _labels(page)
    other = groups[-1]["boards"][0]
    with page.expect_navigation():
        page.select_option("select[name=board]", other)  # choosing is enough: it submits
    page.wait_for_function(READY, timeout=20_000)
    assert page.locator("select[name=board]").input_value() == other
    assert page.locator("h1").inner_text().endswith(f"top board in {groups[-1]['area']}")
    after = _labels(page)
    assert after and after != before
    assert page.evaluate("(id) => window.network.body.data.nodes.get(id) !== null", other)
    _assert_readable(page, other)
    shoot(page, "governance-other-area")
    watched.assert_clean()


def test_the_alignment_selectors_change_the_drawn_plan(live_server, watched, shoot):
    page = watched.page
    _open(page, f"{live_server.url}/maps/alignment")
    plans = page.evaluate("() => [...document.querySelectorAll('select[name=plan] option')]"
                          ".map(o => [o.value, o.selected])")
    first = next(v for v, chosen in plans if chosen)
    highs = page.evaluate("() => [...document.querySelectorAll('select[name=against] option')]"
                          ".map(o => o.value).filter(Boolean)")
    assert len(highs) > 1  # the default plan cites several higher plans: one group each
    drawn, title = _labels(page), page.locator("h1").inner_text()
    legend = page.locator(".legend").inner_text()
    assert legend.count("objective of ") == len(highs)
    # one higher plan: only its objectives stay
    with page.expect_navigation():
        page.select_option("select[name=against]", highs[-1])
    page.wait_for_function(READY, timeout=20_000)
    assert page.locator("select[name=against]").input_value() == highs[-1]
    assert page.locator(".legend").inner_text().count("objective of ") == 1
    narrowed = _labels(page)
    assert narrowed < drawn
    # another local plan that cites a higher plan: its own priorities are drawn
    other = next(v for v, _ in plans if v != first and _cites(live_server, page, v))
    with page.expect_navigation():
        page.select_option("select[name=plan]", other)
    page.wait_for_function(READY, timeout=20_000)
    assert page.locator("select[name=plan]").input_value() == other
    assert page.locator("select[name=against]").input_value() == ""  # every plan it cites
    assert page.locator("h1").inner_text() != title
    assert _labels(page) and not (_labels(page) >= drawn)
    shoot(page, "alignment-other-plan")
    watched.assert_clean()


def _cites(live_server, page, doc_id: str) -> bool:
    r = page.request.get(f"{live_server.url}/maps/alignment?{urlencode({'plan': doc_id})}")
    return r.ok and 'class="matrix"' in r.text()


def test_the_duplicates_page_lists_pairs_first_and_filters_them(live_server, watched, shoot):
    page = watched.page
    _open(page, f"{live_server.url}/maps/duplicates")
    table = page.locator("table#pairs")
    assert table.is_visible()
    assert not page.locator("#mynetwork").is_visible()  # the map is there on demand only
    rows = table.locator("tbody tr").count()
    assert rows > 1
    assert page.locator("details#map-view").evaluate(
        "(d) => d.compareDocumentPosition(document.getElementById('pairs')) & "
        "Node.DOCUMENT_POSITION_PRECEDING") != 0  # the table comes first
    areas = page.evaluate("() => [...document.querySelectorAll('#pair-filters "
                          "select[name=area] option')].map(o => o.value).filter(Boolean)")
    area = areas[-1]
    page.select_option("#pair-filters select[name=area]", area)
    with page.expect_navigation():
        page.click("#pair-filters button[type=submit]")
    page.wait_for_function(READY, timeout=20_000)
    kept = page.locator("table#pairs tbody tr")
    assert 0 < kept.count() < rows
    for i in range(kept.count()):  # each pair has an item from that area
        assert f"· {area}" in kept.nth(i).inner_text()
    assert page.locator("#pair-filters select[name=area]").input_value() == area
    page.click("details#map-view > summary")
    assert page.locator("#mynetwork").is_visible()
    assert int(page.locator("body").get_attribute("data-node-count")) > 1
    shoot(page, "duplicates-filtered")
    watched.assert_clean()
