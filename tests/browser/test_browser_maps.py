"""The pyvis maps in a real browser: drawn, counted, searchable, clean and offline.

What a map page must offer these tests (issue 7):
- ``<body data-node-count="N">``: the number of nodes drawn;
- the pyvis globals ``network`` (the vis.Network) on ``window``;
- a search box, ``<input type="search">`` (or ``#search``): typing a node's label and pressing
  Enter selects that node and centres the view on it.

Each test skips while its page's route is not registered in the app (the maps have not
landed); once it is, the page must answer 200 and pass.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

# The search term per map; None: search for a label the page itself draws.
MAPS = [
    pytest.param("/maps/governance", {}, None, id="governance"),  # one area's top board
    pytest.param("/maps/governance", {"board": "all"}, "Tim Rice", id="governance-all"),
    pytest.param("/maps/alignment", {"plan": "West Cheshire 2023-24",
                                     "against": "Police and Crime Plan"}, None, id="alignment"),
    pytest.param("/maps/duplicates", {}, None, id="duplicates"),
]

SEARCH_BOX = "input[type=search], input#search"

DRAWN = """() => {
    const c = document.querySelector('canvas');
    if (!c || !c.width || !c.height || !window.network) return false;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < d.length; i += 4 * 97) {
        seen.add((d[i] << 24) | (d[i + 1] << 16) | (d[i + 2] << 8) | d[i + 3]);
        if (seen.size > 3) return true;
    }
    return false;
}"""

FOCUSED = """(label) => {
    const net = window.network;
    if (!net) return false;
    const nodes = net.body.data.nodes;
    const hit = net.getSelectedNodes().find(
        id => String((nodes.get(id) || {}).label || '').includes(label));
    if (hit === undefined) return false;
    const p = net.getPositions([hit])[hit], v = net.getViewPosition();
    return Math.hypot(p.x - v.x, p.y - v.y) * net.getScale() < 60;
}"""

SOME_LABEL = """() => {
    const labels = window.network.body.data.nodes.get()
        .map(n => String(n.label || '').split('\\n')[0].trim()).filter(l => l.length > 3);
    return labels[labels.length - 1] || null;
}"""


@pytest.mark.parametrize(("path", "params", "term"), MAPS)
def test_map_is_drawn_counted_searchable_and_offline(live_server, watched, shoot, pixel_stats,
                                                     path, params, term):
    if not live_server.has_route(path):
        pytest.skip(f"{path} is not served yet (404): the maps of issue 7 have not landed; "
                    "this test runs once api/http/routes/maps.py is registered")
    page = watched.page
    url = live_server.url + path + (f"?{urlencode(params)}" if params else "")
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200, url
    if page.locator("details#map-view").count():  # a map drawn on demand: open it
        page.click("details#map-view > summary")

    _wait(page, DRAWN, None, 20_000, "no vis-network canvas drawn (or no window.network)")
    count = page.locator("body").get_attribute("data-node-count")
    assert count is not None and count.isdigit(), "the page must expose data-node-count"
    assert int(count) > 0
    assert int(count) == page.evaluate("() => window.network.body.data.nodes.length")

    name = path.rsplit("/", 1)[-1] + ("-all" if params.get("board") == "all" else "")
    stats = pixel_stats(shoot(page.locator("canvas").first, f"{name}-canvas"))
    assert stats["colours"] > 3 and stats["other"] > 0.001, f"canvas looks blank: {stats}"
    shoot(page, f"{name}-page")

    term = term or page.evaluate(SOME_LABEL)
    assert term, "no node label to search for"
    box = page.locator(SEARCH_BOX).first
    box.fill(term)
    box.press("Enter")
    _wait(page, FOCUSED, term, 10_000, f"search for {term!r} selected and centred no node")
    shoot(page, f"{name}-focused")
    watched.assert_clean()


def _wait(page, predicate: str, arg, timeout_ms: int, failure: str) -> None:
    """Wait for a page predicate; fail with ``failure`` rather than a bare timeout."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(predicate, arg=arg, timeout=timeout_ms)
    except PlaywrightTimeout:
        pytest.fail(f"{failure} within {timeout_ms / 1000:g} s")
