"""Similar items and near-duplicates over HTTP, with the real model: q19, q20 and the CSV."""

from __future__ import annotations

import csv
import io

import pytest

from tests.helpers.gold import locate, similar_question


@pytest.fixture(scope="module")
def corpus(api_state, api_settings):
    """The corpus the server embedded for its snapshot (to locate gold items' IRIs)."""
    return api_state.snapshot.corpus(api_settings)


def locate_iri(corpus, doc_ids, side) -> str:
    """The IRI of a gold item, found by its document and opening words."""
    return corpus.items[locate(corpus, doc_ids, side)].iri


def assert_error(response, status: int, code: str) -> dict:
    body = response.json()
    assert response.status_code == status
    assert set(body) == {"error", "detail", "hint", "status"} and body["status"] == status
    assert body["error"] == code, body
    return body


@pytest.mark.parametrize("qid", ["q19", "q20"])
def test_q19_q20_similar_recommendations_elsewhere(client, corpus, doc_ids, qid):
    ask, source = similar_question(qid)
    item = locate_iri(corpus, doc_ids, source)
    r = client.get("/api/similar", params={"item": item, "top": 5})
    assert r.status_code == 200, r.text
    page = r.json()
    assert page["total"] == 5 and page["offset"] == 0
    target = doc_ids[ask["answer_document"]]
    found = [n["item"] for n in page["items"]]
    names = {f"{i['theme']} {i['number']}" if i["theme"] else i["number"]
             for i in found if i["doc_id"] == target}
    assert set(ask["answer"]) <= names
    own = next(it.doc_id for it in corpus.items if it.iri == item)
    for n in page["items"]:  # other documents only, each with where it is written
        assert n["item"]["doc_id"] != own
        src = n["sources"][0]
        assert src["doc_id"] == n["item"]["doc_id"] and src["line_start"] >= 1 and src["quote"]
    ranks = [n["score"] + n["theme_bonus"] for n in page["items"]]  # the bonus ranks
    assert ranks == sorted(ranks, reverse=True)
    assert all(0 <= n["score"] <= 1 for n in page["items"])


def test_free_text_finds_the_cardiff_model_items(client):
    r = client.get("/api/similar", params={"text": "sharing A&E assault data using the "
                                           "Cardiff Model", "top": 3})
    assert r.status_code == 200
    items = r.json()["items"]
    assert len(items) == 3 and "cardiff" in items[0]["item"]["label"].lower()
    assert "cardiff" in items[0]["sources"][0]["quote"].lower()


def test_same_document_widens_the_neighbours(client, corpus):
    item = corpus.items[0]
    r = client.get("/api/similar", params={"item": item.iri, "top": 50, "same_document": True})
    assert any(n["item"]["doc_id"] == item.doc_id for n in r.json()["items"])


def test_similar_needs_exactly_one_of_item_or_text(client):
    assert "exactly one" in assert_error(client.get("/api/similar"), 400, "bad_input")["detail"]
    both = client.get("/api/similar", params={"item": "https://x.org/a", "text": "ASB"})
    assert_error(both, 400, "bad_input")
    assert_error(client.get("/api/similar", params={"text": "   "}), 400, "bad_input")
    assert_error(client.get("/api/similar", params={"text": "ASB", "top": 0}), 422,
                 "invalid_request")


def test_unknown_item_is_404(client):
    body = assert_error(client.get("/api/similar", params={
        "item": "https://w3id.org/cspgraph/id/doc/nowhere/recommendation/1"}), 404, "not_found")
    assert "nowhere" in body["detail"]


def test_duplicates_are_cross_document_pairs_with_both_sources(client):
    r = client.get("/api/duplicates")
    assert r.status_code == 200
    page = r.json()
    assert page["total"] == len(page["items"]) > 10 and page["limit"] == 100
    for p in page["items"]:
        assert p["a"]["doc_id"] != p["b"]["doc_id"] and p["score"] >= 0.5
        assert p["a_sources"][0]["doc_id"] == p["a"]["doc_id"]
        assert p["b_sources"][0]["doc_id"] == p["b"]["doc_id"]
    ranks = [p["score"] + p["theme_bonus"] for p in page["items"]]  # the bonus ranks
    assert ranks == sorted(ranks, reverse=True)


def test_duplicates_are_paginated(client):
    whole = client.get("/api/duplicates").json()
    part = client.get("/api/duplicates", params={"limit": 5, "offset": 3}).json()
    assert part["total"] == whole["total"] and (part["limit"], part["offset"]) == (5, 3)
    assert part["items"] == whole["items"][3:8]
    assert_error(client.get("/api/duplicates", params={"limit": 0}), 422, "invalid_request")


def test_higher_min_score_gives_fewer_pairs(client):
    low = client.get("/api/duplicates").json()["total"]
    high = client.get("/api/duplicates", params={"min_score": 0.7}).json()
    assert 0 < high["total"] < low and all(p["score"] >= 0.7 for p in high["items"])


def test_clusters_are_lists_of_items_across_documents(client):
    pairs = client.get("/api/duplicates").json()["items"]
    r = client.get("/api/duplicates", params={"cluster": True, "limit": 1000})
    groups = r.json()["items"]
    assert groups and all(isinstance(g, list) and len(g) >= 2 for g in groups)
    assert all(len({i["doc_id"] for i in g}) >= 2 for g in groups)
    in_pairs = {x["iri"] for p in pairs for x in (p["a"], p["b"])}
    assert {i["iri"] for g in groups for i in g} == in_pairs
    sizes = [len(g) for g in groups]
    assert sizes == sorted(sizes, reverse=True)


def test_duplicates_csv_has_a_row_per_pair(client):
    total = client.get("/api/duplicates").json()["total"]
    r = client.get("/api/duplicates.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0][:3] == ["score", "status", "a_document"] and len(rows) == total + 1
    assert all(".txt:" in row[6] and ".txt:" in row[11] for row in rows[1:])
    assert all(not row[4].startswith(("=", "+", "@")) for row in rows[1:])


def test_a_blank_text_is_refused_in_the_error_shape(client):
    assert_error(client.get("/api/similar", params={"text": ""}), 422, "invalid_request")
    body = assert_error(client.get("/api/similar", params={"text": " \t "}), 400, "bad_input")
    assert "empty" in body["detail"]
