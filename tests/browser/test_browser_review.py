"""Reviewing duplicates from the map in a real browser, against a server with an API key:
Confirm and Reject write through POST /api/reviews; a wrong key is refused and shown."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import yaml

from cspgraph.viz.duplicates import ACCEPTED

KEY = "test-key"
ROUND_TRIP = 180_000  # a review rebuilds the graph with its suggestions (embeddings cached)
READY = "() => window.network && document.body.dataset.ready === '1'"
LABEL_IS = """([iri, want]) => {
    const all = [...document.querySelectorAll('#pairs [data-status-of], #list [data-status-of]')]
        .filter(el => el.dataset.statusOf === iri);
    return all.length > 0 && all.every(el => el.textContent === want);
}"""
PENDING = """() => [...document.querySelectorAll('#pairs [data-status-of]')]
    .filter(el => el.textContent === 'pending').map(el => el.dataset.statusOf)"""
EDGE = "(iri) => window.network.body.data.edges.get(iri)"


@dataclass
class ReviewServer:
    """The API with a key, served by uvicorn on 127.0.0.1 in a thread."""

    url: str
    state: object


@pytest.fixture(scope="module")
def review_server(browser, server_kit) -> Iterator[ReviewServer]:
    """Like the ``live_server`` fixture, but the server has an API key and its own overlay."""
    make_state, serving = server_kit
    state = make_state(api_key=KEY)
    with serving(state) as url:
        yield ReviewServer(url, state)


def _open(page, server: ReviewServer, key: str, query: str = "") -> None:
    response = page.goto(f"{server.url}/maps/duplicates{query}", wait_until="load")
    assert response is not None and response.status == 200
    page.wait_for_function(READY, timeout=30_000)
    page.fill("#review-key", key)
    page.fill("#review-author", "Browser Test")


def _reviews(page, server: ReviewServer) -> dict[str, str]:
    """Duplicate suggestions the server lists now: IRI -> status."""
    r = page.request.get(f"{server.url}/api/reviews?kind=duplicate&limit=1000")
    assert r.ok, r.text()
    return {s["iri"]: s["status"] for s in r.json()["items"]}


def _overlay(server: ReviewServer) -> str | None:
    path = server.state.reviews_file
    return path.read_text(encoding="utf-8") if path.exists() else None


def _click(page, iri: str, status: str) -> None:
    page.locator(f'#pairs button[data-suggestion="{iri}"][data-status="{status}"]').click()


def test_a_wrong_key_shows_the_401_and_changes_nothing(review_server, watched):
    page = watched.page
    _open(page, review_server, "not-the-key")
    iri = page.evaluate(PENDING)[0]
    before, overlay = _reviews(page, review_server), _overlay(review_server)
    with page.expect_response(lambda r: r.url.endswith("/api/reviews")) as answer:
        _click(page, iri, "accepted")
    assert answer.value.status == 401
    out = page.locator("#review-status")
    page.wait_for_function(
        "() => document.getElementById('review-status').textContent.includes('401')")
    assert "write_key_wrong" in out.text_content()
    assert "this write needs the API key in the X-API-Key header" in out.text_content()
    assert page.evaluate(LABEL_IS, [iri, "pending"])
    assert "color" not in page.evaluate(EDGE, iri)  # still drawn as pending
    assert _reviews(page, review_server) == before and _overlay(review_server) == overlay
    # Chromium logs every refused request; that one is expected, nothing else is
    refused = [e for e in watched.console_errors if "status of 401" in e]
    assert len(refused) == 1, watched.console_errors
    watched.console_errors.remove(refused[0])
    watched.assert_clean()


def test_confirm_and_reject_write_reviews_the_api_and_the_map_then_show(review_server,
                                                                        watched, shoot):
    page = watched.page
    _open(page, review_server, KEY)
    pending = page.evaluate(PENDING)
    confirm = pending[0]
    reject = next(i for i in pending if i != confirm)

    _click(page, confirm, "accepted")
    page.wait_for_function(LABEL_IS, arg=[confirm, "accepted"], timeout=ROUND_TRIP)
    assert page.locator("#review-status").text_content().startswith("accepted: recorded in")
    assert page.evaluate(EDGE, confirm)["color"]["color"] == ACCEPTED
    assert _reviews(page, review_server)[confirm] == "accepted"

    # the click panel of the map clones the entry into #detail; its buttons work there too
    page.click("details#map-view > summary")
    node = page.evaluate(EDGE, reject)["from"]
    page.evaluate("(id) => window.network.emit('click', {nodes: [id], edges: []})", node)
    detail = page.locator(f'#detail button[data-suggestion="{reject}"][data-status="rejected"]')
    detail.first.click()
    page.wait_for_function(LABEL_IS, arg=[reject, "rejected"], timeout=ROUND_TRIP)
    assert page.locator("#review-status").text_content().startswith("rejected: recorded in")
    assert page.evaluate(EDGE, reject)["hidden"] is True
    listed = _reviews(page, review_server)
    assert reject not in listed and listed[confirm] == "accepted"  # not suggested again
    entries = yaml.safe_load(_overlay(review_server))["entries"]
    assert [(e["review"]["suggestion"], e["review"]["status"], e["author"]) for e in entries] == [
        (confirm, "accepted", "Browser Test"), (reject, "rejected", "Browser Test")]

    # a fresh load shows both decisions from the served graph: the rejected pair leaves
    # the list, and comes back (never drawn) when every status is asked for
    _open(page, review_server, KEY)
    assert page.evaluate(LABEL_IS, [confirm, "accepted"])
    assert page.evaluate(EDGE, confirm)["color"]["color"] == ACCEPTED
    assert page.evaluate(EDGE, reject) is None
    assert page.locator(f'#pairs [data-status-of="{reject}"]').count() == 0
    page.select_option("#pair-filters select[name=status]", "all")
    with page.expect_navigation():
        page.click("#pair-filters button[type=submit]")
    page.wait_for_function(READY, timeout=30_000)
    row = page.locator(f'#pairs [data-status-of="{reject}"]')
    assert row.text_content() == "rejected"
    assert page.evaluate(EDGE, reject) is None
    shoot(page, "duplicates-reviewed")
    watched.assert_clean()
