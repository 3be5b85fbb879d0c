"""The alignment map's matrix downloads: the CSV link is the API's CSV, the JSON is safe."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient

from cspgraph.graph.build.dataset import build
from cspgraph.loaders import sample_paths
from cspgraph.viz.alignment import MATRIX_PNG_JS, alignment_map
from cspgraph.viz.page import render
from tests.helpers.http import client_over

WEST = "West Cheshire 2023-24"
HIGHER = ["Police and Crime Plan", "Play Your Part to Thrive Plan"]
CSV_LINK = re.compile(r'<a download="([^"]*)" href="data:text/csv;charset=utf-8,([^"]*)">'
                      r"Download CSV</a>")
JSON_BLOCK = re.compile(r'<script type="application/json" id="(matrix-\d+)">(.*?)</script>',
                        re.DOTALL)
EVIL = "Domestic Abuse </script><b> & more"


@pytest.fixture(scope="module")
def client(sample_build, tmp_path_factory) -> TestClient:
    return client_over(sample_build, tmp_path_factory, "dl")


def _api_csv(client: TestClient, against: str) -> str:
    # The map shows suggestions, so its CSV is the API's with include=suggested.
    r = client.get("/api/alignment.csv", params={"plan": WEST, "against": against,
                                                 "include": "suggested"})
    assert r.status_code == 200
    return r.text


@pytest.mark.parametrize("against", HIGHER)
def test_csv_link_is_the_api_csv_with_one_row_per_priority(client, against):
    page = client.get("/maps/alignment", params={"plan": WEST, "against": against}).text
    links = CSV_LINK.findall(page)
    assert len(links) == 1
    name, data = links[0]
    assert re.fullmatch(r"alignment-[a-z0-9-]+\.csv", name), name
    text = unquote(data, encoding="utf-8", errors="strict")
    assert text == _api_csv(client, against)
    m = client.get("/api/alignment", params={"plan": WEST, "against": against}).json()
    rows = list(csv.reader(io.StringIO(text)))
    assert [r[0] for r in rows[1:-1]] == [p["label"] for p in m["priorities"]]
    assert len(rows) - 2 == len(m["priorities"]) == 7
    assert sum(c == "asserted" for r in rows[1:-1] for c in r) > 0


def test_every_matrix_of_the_page_has_its_own_csv_and_json(client):
    page = client.get("/maps/alignment", params={"plan": WEST}).text
    links, blocks = CSV_LINK.findall(page), JSON_BLOCK.findall(page)
    assert len(links) == len(blocks) == len(HIGHER)
    assert len({name for name, _ in links}) == len(HIGHER)
    by_text = {unquote(data): name for name, data in links}
    assert set(by_text) == {_api_csv(client, a) for a in HIGHER}
    assert page.count('data-matrix="matrix-') == len(HIGHER)
    for (key, raw), (_, data) in zip(blocks, links, strict=True):
        m = json.loads(raw)
        rows = list(csv.reader(io.StringIO(unquote(data))))
        assert page.count(f'data-matrix="{key}"') == 1
        assert m["priorities"] == [r[0] for r in rows[1:-1]]
        assert m["objectives"] == rows[0][1:-1]
        assert m["cells"] == [r[1:-1] for r in rows[1:-1]]
        assert m["unserved"] == [c == "yes" for c in rows[-1][1:-1]]
        assert m["file"].endswith(".png") and m["file"][:-4] == by_text[unquote(data)][:-4]


def test_exported_file_keeps_the_downloads(sample_build):
    html = render(alignment_map(sample_build.dataset, WEST), inline=True)
    assert len(CSV_LINK.findall(html)) == len(JSON_BLOCK.findall(html)) == len(HIGHER)
    lists = html.split('<section id="list">', 1)[1]
    markup = re.sub(r"<script\b.*?</script>", "", lists, flags=re.DOTALL)
    assert MATRIX_PNG_JS in lists and "Download PNG" in markup
    assert not re.search(r"\son\w+\s*=", markup)  # listeners, never inline handlers


@pytest.fixture(scope="module")
def evil_map(tmp_path_factory) -> str:
    """The West Cheshire sample with "</script>" in a priority, rendered."""
    west = next(p for p in sample_paths() if p.name.startswith("west-cheshire"))
    text = west.read_text(encoding="utf-8")
    assert "<p>Domestic Abuse</p>" in text
    doc = Path(tmp_path_factory.mktemp("evil")) / "west-cheshire-evil-2023-24.txt"
    doc.write_text(text.replace("<p>Domestic Abuse</p>",
                                "<p>Domestic Abuse &lt;/script&gt;&lt;b&gt; &amp; more</p>"),
                   encoding="utf-8")
    return render(alignment_map(build([doc]).dataset))


def test_matrix_json_cannot_close_its_script_tag(evil_map):
    blocks = JSON_BLOCK.findall(evil_map)
    assert blocks
    for _, raw in blocks:
        assert not set(raw) & set("<>&")
        assert EVIL in json.loads(raw)["priorities"]
    assert "</script><b>" not in evil_map
    assert EVIL not in MATRIX_PNG_JS and EVIL not in evil_map.split("<body", 1)[0]
    assert all(EVIL in unquote(data) for _, data in CSV_LINK.findall(evil_map))
