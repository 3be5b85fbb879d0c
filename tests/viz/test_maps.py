"""The maps: offline (no http(s) script, style or font), escaped, counts that match."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib.namespace import RDF
from typer.testing import CliRunner

from cspgraph.api.http.app import create_app
from cspgraph.api.http.routes import maps
from cspgraph.api.http.state import GraphState, Snapshot
from cspgraph.graph.queries.analytics import GOVERNED
from cspgraph.loaders.load import document_id
from cspgraph.settings import Settings
from cspgraph.viz.alignment import alignment_map
from cspgraph.viz.governance import governance_map
from cspgraph.viz.page import MapPage, render

REMOTE = re.compile(
    r"<script\b[^>]*\bsrc\s*=\s*[\"']?\s*(?:https?:)?//"
    r"|<link\b[^>]*\bhref\s*=\s*[\"']?\s*(?:https?:)?//"
    r"|@import\s+(?:url\()?\s*[\"']?\s*(?:https?:)?//"
    r"|url\(\s*[\"']?\s*(?:https?:)?//"
    r"|<(?:img|iframe|object|embed|source|audio|video)\b[^>]*\bsrc\s*=\s*[\"']?\s*(?:https?:)?//",
    re.IGNORECASE)


def _client(settings: Settings, state: GraphState) -> TestClient:
    app = create_app(state)
    if not any(getattr(r, "path", "") == "/maps/governance" for r in app.routes):
        app.include_router(maps.router)
    return TestClient(app)


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Settings:
    return Settings(cache_dir=str(tmp_path_factory.mktemp("viz-emb")),
                    upload_dir=str(tmp_path_factory.mktemp("viz-up")))


@pytest.fixture(scope="module")
def client(settings, sample_build) -> TestClient:
    state = GraphState(settings)
    state._snapshot = Snapshot(sample_build.dataset, sample_build)
    return _client(settings, state)


def _count(page: str) -> int:
    return int(re.search(r'<body data-node-count="(\d+)"', page).group(1))


@pytest.mark.parametrize("path", ["/maps/governance", "/maps/governance?focus=Tim+Rice&depth=1",
                                  "/maps/alignment", "/maps/duplicates"])
def test_pages_load_nothing_from_another_host(client, path):
    page = client.get(path)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert not REMOTE.search(page.text), REMOTE.search(page.text)
    assert '<script src="/static/vis-network.min.js"></script>' in page.text
    assert 'id="list"' in page.text and 'id="q"' in page.text
    assert _count(page.text) > 0


def test_vis_network_is_served_locally(client):
    js = client.get("/static/vis-network.min.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]
    assert "9.1.13" in js.text[:500]


def test_governance_map_has_every_body_of_the_query_layer(client, sample_build):
    ds = sample_build.dataset
    bodies = {str(b) for t in GOVERNED for b in ds.subjects(RDF.type, t)}
    summary = client.get("/api/summary").json()
    assert len(bodies) == summary["counts"]["bodies"] > 0
    page = governance_map(ds)
    assert bodies <= {n["id"] for n in page.nodes}
    assert _count(client.get("/maps/governance", params={"board": "all"}).text) == len(page.nodes)


def test_focus_shows_a_neighbourhood(client, sample_build):
    whole = _count(client.get("/maps/governance", params={"board": "all"}).text)
    near = client.get("/maps/governance", params={"focus": "Tim Rice", "depth": 1}).text
    assert 0 < _count(near) < whole and "Tim Rice" in near


def test_alignment_map_links_priorities_to_objectives(client):
    page = client.get("/maps/alignment").text
    assert "dashes" in page and 'class="matrix"' in page
    assert _count(page) > 0


def test_document_text_is_escaped_everywhere(settings, tmp_path):
    doc = tmp_path / "evil.txt"
    doc.write_text(
        "# Kingsford &lt;script&gt;alert(1)&lt;/script&gt; Community Safety Partnership Plan "
        "2024-25\n\n"
        "The &lt;img src=x onerror=alert(2)&gt; Board is chaired by "
        "&lt;a href=\"javascript:alert(3)\"&gt;Evil&lt;/a&gt; Person.\n\n"
        "## Priority 1: &lt;script&gt;alert(4)&lt;/script&gt; reduce harm\n\n"
        "Some text.\n", encoding="utf-8")
    client = _client(settings, GraphState(settings, [doc]))
    label = client.get("/api/summary").json()["documents"][0]["plan"]["label"]
    assert "<script>alert(1)</script>" in label  # the data holds the markup as text
    for path in ("/maps/governance", "/maps/alignment"):
        page = client.get(path).text
        assert "<script>alert" not in page and "<img" not in page
        assert 'href="javascript:' not in page.lower()
        assert not REMOTE.search(page)


EVIL = ('<script>alert(1)</script> <img src=x onerror=alert(2)> '
        '<a href="javascript:alert(3)">x</a>')


def test_labels_and_titles_are_escaped_and_never_hold_href():
    page = MapPage(title=EVIL, nodes=[{"id": "a", "label": EVIL, "title": EVIL},
                                      {"id": "b", "label": "b", "title": "b"}],
                   edges=[{"from": "a", "to": "b", "label": EVIL, "title": EVIL}],
                   legend=[(EVIL, "#fff")])
    html = render(page)
    assert "<script>alert" not in html and "<img" not in html
    assert 'href="javascript:' not in html
    data = next(line for line in html.splitlines() if "new vis.DataSet" in line)
    assert "href" not in data  # pyvis's popup (titles as live HTML) stays off
    assert "&lt;script&gt;" in html or "\\u0026lt;script" in html
    assert _count(html) == 2 and not REMOTE.search(html)


def test_cli_writes_one_self_contained_file(tmp_path):
    import cspgraph.api.cli.viz  # noqa: F401  (registers the command)
    from cspgraph.api.cli.app import app

    out = tmp_path / "map.html"
    result = CliRunner().invoke(app, ["viz", "governance", "--focus", "Tim Rice", "--depth", "2",
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "vis-network" in html and "9.1.13" in html  # inlined
    assert '<script src="' not in html and not REMOTE.search(html)
    assert _count(html) > 0



def test_alignment_map_has_every_priority_and_each_higher_plans_objectives_once(
        sample_build, gold_documents):
    name = "002_6155fac2e07d2278.txt"
    seeds = Path(__file__).resolve().parents[1] / "gold" / "seeds.json"
    want = json.loads(seeds.read_text(encoding="utf-8"))["documents"][name]
    page = alignment_map(sample_build.dataset, document_id(gold_documents[name]))
    boxes = [n for n in page.nodes if n["shape"] == "box" and n["level"] == 0]
    assert len(boxes) == len(want["priorities"])
    per_plan = {}
    for n in page.nodes:
        if n["shape"] == "ellipse":
            plan = n["title"].split("\n")[1]
            per_plan[plan] = per_plan.get(plan, 0) + 1
    expected = sorted(len(v) for v in want["canonical_objectives"].values())
    assert sorted(per_plan.values()) == expected
