"""The alignment matrix downloads in a real browser: a drawn PNG and the API's CSV, served
and from an exported single file."""

from __future__ import annotations

import struct
import urllib.request
from urllib.parse import urlencode

import pytest

from tests.helpers.browser import download
from tests.helpers.png import count_colour

WEST = "West Cheshire 2023-24"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ASSERTED_FILL = (0xC7, 0xE9, 0xC0)  # the PNG's colour for an asserted cell

def _check_png(page, png: bytes, pixel_stats, asserted: int) -> None:
    assert png[:8] == PNG_SIGNATURE, png[:16]
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    assert width > 300 and height > 200, (width, height)
    stats = pixel_stats(png)
    assert (stats["width"], stats["height"]) == (width, height)
    assert stats["colours"] > 10 and stats["other"] > 0.05, f"PNG looks blank: {stats}"
    filled = count_colour(page, png, ASSERTED_FILL)
    assert filled > asserted * 5000, (filled, asserted)  # every asserted cell is coloured


def _api_csv(base: str, against: str) -> str:
    query = urlencode({"plan": WEST, "against": against, "include": "suggested"})
    with urllib.request.urlopen(f"{base}/api/alignment.csv?{query}", timeout=30) as r:
        return r.read().decode("utf-8")


def _asserted(csv_text: str) -> int:
    return sum(cell == "asserted" for line in csv_text.splitlines()[1:-1]
               for cell in line.split(","))


def _against(page, index: int) -> str:
    heading = page.locator("h3", has_text="Matrix:").nth(index).text_content()
    return heading.rsplit(" against ", 1)[1]


def test_matrix_downloads_as_png_and_csv(live_server, watched, shoot, pixel_stats):
    if not live_server.has_route("/maps/alignment"):
        pytest.skip("/maps/alignment is not served yet")
    page = watched.page
    response = page.goto(f"{live_server.url}/maps/alignment?{urlencode({'plan': WEST})}",
                         wait_until="load")
    assert response is not None and response.status == 200
    buttons = page.get_by_role("button", name="Download PNG")
    links = page.get_by_role("link", name="Download CSV")
    assert buttons.count() == links.count() == 2  # one matrix per higher plan cited
    for i in range(buttons.count()):
        expected = _api_csv(live_server.url, _against(page, i))
        name, data = download(page, links.nth(i))
        assert name.startswith("alignment-") and name.endswith(".csv")
        assert data.decode("utf-8") == expected
        name, png = download(page, buttons.nth(i))
        assert name.startswith("alignment-") and name.endswith(".png")
        _check_png(page, png, pixel_stats, _asserted(expected))
        shoot(page.locator("table.matrix").nth(i), f"matrix-{i}")
    watched.assert_clean()


def test_exported_file_downloads_the_png_offline(sample_build, live_server, watched, tmp_path,
                                                 pixel_stats):
    from cspgraph.viz.alignment import alignment_map
    from cspgraph.viz.page import render

    out = tmp_path / "alignment.html"
    out.write_text(render(alignment_map(sample_build.dataset, WEST), inline=True),
                   encoding="utf-8")
    page = watched.page
    page.goto(out.as_uri(), wait_until="load")
    expected = _api_csv(live_server.url, _against(page, 0))
    name, png = download(page, page.get_by_role("button", name="Download PNG").first)
    assert name.endswith(".png")
    _check_png(page, png, pixel_stats, _asserted(expected))
    _, data = download(page, page.get_by_role("link", name="Download CSV").first)
    assert data.decode("utf-8") == expected
    watched.assert_clean()
