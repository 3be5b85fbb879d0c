"""Reviewing duplicates from the map: statuses, Confirm/Reject buttons only with a key."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from cspgraph.api.http.app import create_app
from cspgraph.api.http.state import GraphState, Snapshot
from cspgraph.graph.queries.results import Entity
from cspgraph.graph.queries.review import Suggestion
from cspgraph.graph.similarity.duplicates import Pair, duplicate_pairs
from cspgraph.graph.similarity.suggest import suggestion_iri
from cspgraph.graph.similarity.texts import EmbedItem
from cspgraph.settings import Settings
from cspgraph.viz.duplicates import ACCEPTED, duplicates_map, pair_iri, review_statuses
from cspgraph.viz.page import render

BUTTON = re.compile(r'<button type="button" data-suggestion="([^"]+)" data-status="(\w+)">')
LABEL = re.compile(r'data-status-of="([^"]+)">([^<]*)</span>')
EVIL = '<script>alert(1)</script> <img src=x onerror=alert(2)> "quoted" & more'


def edges_of(html: str) -> dict[str, dict]:
    """The edges the page hands to vis-network, by id."""
    line = next(x for x in html.splitlines() if "edges = new vis.DataSet(" in x)
    data = json.loads(line.split("new vis.DataSet(", 1)[1].rsplit(");", 1)[0])
    return {e["id"]: e for e in data}


def buttons(html: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for iri, status in BUTTON.findall(html):
        out.setdefault(iri, set()).add(status)
    return out


def labels(html: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for iri, status in LABEL.findall(html):
        out.setdefault(iri, set()).add(status)
    return out


@pytest.fixture(scope="module")
def pairs(sample_build, sample_corpus) -> list[Pair]:
    found = duplicate_pairs(sample_build.dataset, sample_corpus)
    assert len(found) >= 3
    return found


# --- the builder ---------------------------------------------------------------------------

def test_no_buttons_or_key_field_without_review(pairs):
    html = render(duplicates_map(pairs))
    assert not buttons(html) and "data-suggestion" not in html
    assert 'id="review-key"' not in html and "/api/reviews" not in html
    assert labels(html) == {pair_iri(p): {"pending"} for p in pairs}


def test_review_buttons_carry_the_suggestion_iri_of_every_drawn_pair(pairs):
    page = duplicates_map(pairs, review=True)
    html = render(page)
    want = {str(suggestion_iri("duplicate", p.a.iri, p.b.iri)) for p in pairs}
    assert set(edges_of(html)) == want  # every pair drawn, its edge named by the IRI
    assert buttons(html) == {iri: {"accepted", "rejected"} for iri in want}
    assert 'type="password"' in html and "kept in this tab only" in html
    assert 'id="review-author"' in html and 'aria-live="polite"' in html
    assert 'fetch("/api/reviews"' in html and "innerHTML" not in page.script
    # an exported file never gets the key field
    assert 'id="review-key"' not in render(page, inline=True)


def _row(html: str, iri: str) -> str:
    """The pair table's row for the pair ``iri``."""
    return re.search(rf'<tr data-pair="{re.escape(iri)}">.*?</tr>', html).group(0)


def test_statuses_style_edges_and_rejected_pairs_are_only_listed(pairs):
    accepted, rejected = pair_iri(pairs[0]), pair_iri(pairs[1])
    statuses = {accepted: "accepted", rejected: "rejected"}
    html = render(duplicates_map(pairs, statuses, review=True))
    edges = edges_of(html)
    assert edges[accepted]["color"]["color"] == ACCEPTED and edges[accepted]["width"] == 3
    assert "accepted" in edges[accepted]["title"]
    assert rejected not in edges and len(edges) == len(pairs) - 1
    pending = [e for iri, e in edges.items() if iri != accepted]
    assert all("color" not in e and "pending" in e["title"] for e in pending)
    seen = labels(html)
    assert seen[accepted] == {"accepted"} and seen[rejected] == {"rejected"}
    assert all(seen[pair_iri(p)] == {"pending"} for p in pairs[2:])
    hidden = _row(html, rejected)  # listed in the pair table, not drawn
    assert 'data-status-of="' + rejected + '">rejected<' in hidden
    assert f'data-suggestion="{rejected}" data-status="accepted"' in hidden  # can reconsider


def test_statuses_come_from_stored_suggestions():
    a, b, c = (_item(n, "x") for n in "abc")
    ab, bc = Pair(a, b, 0.9), Pair(b, c, 0.8)

    def stored(pair: Pair, status: str) -> Suggestion:
        ent = Entity(pair.a.iri, "a", "Recommendation")
        return Suggestion(pair_iri(pair), ent, ent, "duplicate", pair.score, status)

    assert review_statuses([ab, bc], []) == {pair_iri(ab): "pending", pair_iri(bc): "pending"}
    assert review_statuses([ab, bc], [], suggested=True) == {
        pair_iri(ab): "rejected", pair_iri(bc): "rejected"}
    # one stored: suggestions were written, so the pair missing from them was rejected
    assert review_statuses([ab, bc], [stored(ab, "accepted")]) == {
        pair_iri(ab): "accepted", pair_iri(bc): "rejected"}


def test_document_text_stays_escaped_and_out_of_the_script():
    a, b = _item("a", EVIL), _item("b", "plain words")
    pairs = [Pair(a, b, 0.9)]
    page = duplicates_map(pairs, review=True)
    html = render(page)
    assert "<script>alert" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)" in html and "&quot;quoted&quot; &amp; more" in html
    assert buttons(html) == {pair_iri(pairs[0]): {"accepted", "rejected"}}
    assert page.script == duplicates_map([], review=True).script  # constant: no document text
    rejected = render(duplicates_map(pairs, {pair_iri(pairs[0]): "rejected"}, review=True))
    assert "<script>alert" not in rejected and "&lt;img src=x" in rejected


def _item(name: str, label: str) -> EmbedItem:
    return EmbedItem(f"https://w3id.org/cspgraph/id/doc/{name}/rec/1", "recommendation",
                     f"doc-{name}", label)


# --- the route and the export --------------------------------------------------------------

@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory) -> str:
    return str(tmp_path_factory.mktemp("dup-emb"))


def _client(sample_build, tmp_path_factory, cache_dir: str, key: str) -> TestClient:
    settings = Settings(api_key=key, cache_dir=cache_dir,
                        upload_dir=str(tmp_path_factory.mktemp("dup-up")))
    state = GraphState(settings)
    state._snapshot = Snapshot(sample_build.dataset, sample_build)
    return TestClient(create_app(state))


def test_the_served_map_has_buttons_only_when_the_server_has_a_key(
        sample_build, tmp_path_factory, cache_dir, pairs):
    keyless = _client(sample_build, tmp_path_factory, cache_dir, "").get("/maps/duplicates")
    assert not buttons(keyless.text) and 'id="review-key"' not in keyless.text
    keyed = _client(sample_build, tmp_path_factory, cache_dir, "k").get("/maps/duplicates").text
    assert set(buttons(keyed)) == {pair_iri(p) for p in pairs}
    assert 'id="review-key"' in keyed and "kept in this tab only" in keyed


def test_the_served_map_shows_reviews_recorded_through_the_api(
        sample_build, tmp_path_factory, cache_dir, pairs):
    client = _client(sample_build, tmp_path_factory, cache_dir, "k")
    accepted, rejected = pair_iri(pairs[0]), pair_iri(pairs[2])
    for iri, status in ((accepted, "accepted"), (rejected, "rejected")):
        r = client.post("/api/reviews", headers={"X-API-Key": "k"},
                        json={"suggestion": iri, "status": status})
        assert r.status_code == 201, r.text
    html = client.get("/maps/duplicates").text
    edges = edges_of(html)
    assert edges[accepted]["color"]["color"] == ACCEPTED
    assert rejected not in edges
    assert labels(html)[accepted] == {"accepted"}
    assert rejected not in labels(html)  # a rejected pair leaves the list unless asked for
    others = set(edges) - {accepted}
    assert others and all(labels(html)[iri] == {"pending"} for iri in others)
    every = client.get("/maps/duplicates", params={"status": "all"}).text
    assert labels(every)[rejected] == {"rejected"} and rejected not in edges_of(every)
    only = client.get("/maps/duplicates", params={"status": "rejected"}).text
    assert set(labels(only)) == {rejected}


def test_the_exported_file_has_no_buttons(tmp_path, monkeypatch):
    import cspgraph.api.cli.viz  # noqa: F401  (registers the command)
    from cspgraph.api.cli.app import app

    monkeypatch.setenv("CSPGRAPH_CACHE_DIR", str(tmp_path / "emb"))
    out = tmp_path / "dup.html"
    result = CliRunner().invoke(app, ["viz", "duplicates", "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert labels(html) and not buttons(html)
    assert 'id="review-key"' not in html and "/api/reviews" not in html


def test_items_are_coloured_by_the_area_their_document_covers(sample_build, pairs):
    from cspgraph.viz.duplicates import areas_of

    areas = areas_of(sample_build.dataset)
    page = duplicates_map(pairs, areas=areas)
    drawn = {n["id"] for n in page.nodes}
    assert {name for name, _ in page.legend} == {
        areas[p.a.doc_id] for p in pairs if p.a.iri in drawn} | {
        areas[p.b.doc_id] for p in pairs if p.b.iri in drawn}
    colour = dict(page.legend)
    for p in pairs:
        for it in (p.a, p.b):
            node = next(n for n in page.nodes if n["id"] == it.iri)
            assert node["color"] == colour[areas[it.doc_id]]
