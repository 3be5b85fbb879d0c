"""Writes over HTTP: reviews through the curation overlay, and document uploads."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient

from cspgraph.api.http.app import create_app
from cspgraph.api.http.state import GraphState
from cspgraph.graph.build.uploads import safe_name
from cspgraph.loaders import sample_paths

KEY = {"X-API-Key": "test-key-not-secret"}  # the key of tests/api/conftest.py
STOCKTON = next(p for p in sample_paths() if "stockton" in p.name)


def assert_error(response, status: int, code: str) -> dict:
    body = response.json()
    assert response.status_code == status, response.text
    assert set(body) == {"error", "detail", "hint", "status"} and body["status"] == status
    assert body["error"] == code, body
    return body


def state_of(client: TestClient) -> GraphState:
    return client.app.state.graph


# --- the key -------------------------------------------------------------------------------

@pytest.mark.parametrize("headers", [{}, {"X-API-Key": "wrong"},
                                     {"X-API-Key": "clé-ü-€".encode()},
                                     {"X-API-Key": b"\xff\xfe\x80"}],
                         ids=["none", "wrong", "non-ascii-key-is-401-not-500", "raw-bytes"])
def test_writes_without_the_key_are_refused(client, headers):
    review = {"suggestion": "https://w3id.org/cspgraph/id/suggestion/x", "status": "accepted"}
    code = "write_key_missing" if not headers else "write_key_wrong"
    assert_error(client.post("/api/reviews", json=review, headers=headers), 401, code)
    upload = {"file": ("plan.txt", b"Plan\n", "text/plain")}
    body = assert_error(client.post("/api/documents", files=upload, headers=headers), 401, code)
    assert "X-API-Key" in body["hint"]


def test_writes_are_forbidden_when_the_server_has_no_key(api_settings, tmp_path):
    state = GraphState(replace(api_settings, api_key="", upload_dir=str(tmp_path)))
    keyless = TestClient(create_app(state))
    review = {"suggestion": "https://w3id.org/cspgraph/id/suggestion/x", "status": "accepted"}
    assert "no API key" in assert_error(keyless.post("/api/reviews", json=review,
                                                     headers=KEY), 403,
                                      "writes_disabled")["detail"]
    assert state._snapshot is None  # refused before the graph was even built


# --- reviews -------------------------------------------------------------------------------

def test_suggestions_are_listed_and_paginated(client):
    page = client.get("/api/reviews", params={"kind": "same as"}).json()
    assert page["total"] >= 1 and all(s["kind"] == "same as" for s in page["items"])
    assert client.get("/api/reviews", params={"limit": 1}).json()["limit"] == 1
    assert_error(client.get("/api/reviews", params={"status": "maybe"}), 422, "invalid_request")


def test_an_identity_review_is_written_to_the_overlay_and_applied(fresh_client):
    pending = fresh_client.get("/api/reviews", params={"kind": "same as",
                                                       "status": "pending"}).json()["items"]
    s = next(x for x in pending if x["subject"]["type"] == x["proposal"]["type"])
    body = {"name": s["subject"]["iri"], "same_as": s["proposal"]["iri"], "status": "rejected",
            "reason": "two different offices", "author": "A. Analyst"}
    r = fresh_client.post("/api/reviews", json=body, headers=KEY)
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["curation_file"] == "reviews.yaml" and out["line"] >= 2
    assert out["suggestion"]["status"] == "rejected"
    state = state_of(fresh_client)
    path = state.data_dir / "reviews.yaml"
    assert state.curation == [path]
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["entries"]
    assert entries[-1]["review"]["status"] == "rejected"
    assert entries[-1]["author"] == "A. Analyst" and entries[-1]["date"]
    rejected = fresh_client.get("/api/reviews", params={"status": "rejected"}).json()["items"]
    assert any(x["subject"]["iri"] == s["subject"]["iri"] for x in rejected)


def test_a_review_and_an_upload_survive_a_restart(fresh_client):
    """With a key and no upload folder, reviews went to /tmp/cspgraph-uploads-* and were
    gone after a restart."""
    pending = fresh_client.get("/api/reviews", params={"kind": "same as",
                                                       "status": "pending"}).json()["items"]
    s = next(x for x in pending if x["subject"]["type"] == x["proposal"]["type"])
    body = {"name": s["subject"]["iri"], "same_as": s["proposal"]["iri"], "status": "rejected",
            "reason": "two different offices"}
    assert fresh_client.post("/api/reviews", json=body, headers=KEY).status_code == 201
    text = STOCKTON.read_text(encoding="utf-8").replace("Stockton", "Kingsford")
    assert fresh_client.post("/api/documents", headers=KEY, files={
        "file": ("kingsford.txt", text.encode(), "text/plain")}).status_code == 201
    old = state_of(fresh_client)
    restarted = TestClient(create_app(GraphState(old.settings)))  # a new server process
    rejected = restarted.get("/api/reviews", params={"status": "rejected"}).json()["items"]
    assert any(x["subject"]["iri"] == s["subject"]["iri"] for x in rejected)
    names = [d["file_name"] for d in restarted.get("/api/documents").json()["items"]]
    loaded = [n for n in names if n != "reviews.yaml"]  # the review overlay is listed too
    assert "kingsford.txt" in loaded and len(loaded) == 6
    assert not list(old.upload_dir.glob(".*"))  # no partial upload left behind


def test_a_duplicate_review_is_applied_and_survives_a_rebuild(fresh_client):
    state = state_of(fresh_client)
    state.rebuild(suggest=True)  # machine suggestions in the served graph
    dupes = fresh_client.get("/api/reviews", params={"kind": "duplicate"}).json()
    assert dupes["total"] > 10
    target = dupes["items"][0]
    r = fresh_client.post("/api/reviews", headers=KEY, json={
        "suggestion": target["iri"], "status": "accepted", "reason": "same ask"})
    assert r.status_code == 201, r.text
    assert r.json()["suggestion"]["iri"] == target["iri"]
    assert r.json()["suggestion"]["status"] == "accepted"
    state.rebuild(suggest=True)
    accepted = fresh_client.get("/api/reviews", params={"status": "accepted",
                                                        "kind": "duplicate"}).json()["items"]
    assert [x["iri"] for x in accepted] == [target["iri"]]


def test_a_rejected_pair_leaves_the_duplicate_listings_unless_asked_for(fresh_client):
    state_of(fresh_client).rebuild(suggest=True)
    target = fresh_client.get("/api/reviews", params={"kind": "duplicate"}).json()["items"][0]
    r = fresh_client.post("/api/reviews", headers=KEY, json={
        "suggestion": target["iri"], "status": "rejected"})
    assert r.status_code == 201, r.text
    ends = {target["subject"]["iri"], target["proposal"]["iri"]}

    def listed(**params) -> list[dict]:
        page = fresh_client.get("/api/duplicates", params={"limit": 1000, **params}).json()
        return [p for p in page["items"] if {p["a"]["iri"], p["b"]["iri"]} == ends]

    assert listed() == [] and [p["status"] for p in listed(status="all")] == ["rejected"]
    assert [p["status"] for p in listed(status="rejected")] == ["rejected"]
    assert {p["status"] for p in fresh_client.get("/api/duplicates", params={
        "limit": 1000}).json()["items"]} == {"pending"}
    assert_error(fresh_client.get("/api/duplicates", params={"status": "maybe"}), 422,
                 "invalid_request")
    rows = list(csv.DictReader(io.StringIO(fresh_client.get(
        "/api/duplicates.csv", params={"status": "all"}).text)))
    assert {r["status"] for r in rows} == {"pending", "rejected"}
    default = list(csv.DictReader(io.StringIO(fresh_client.get("/api/duplicates.csv").text)))
    assert len(default) == len(rows) - 1 and {r["status"] for r in default} == {"pending"}


def test_a_review_of_nothing_is_refused_and_changes_nothing(fresh_client):
    state = state_of(fresh_client)
    before = state.snapshot
    r = fresh_client.post("/api/reviews", headers=KEY, json={
        "name": "Safer Somewhere Board", "same_as": "Nowhere Group", "status": "accepted"})
    body = assert_error(r, 400, "unreadable_input")
    assert "reviews.yaml" in body["detail"]
    assert str(state.data_dir) not in body["detail"]  # no server path in an answer
    assert state.snapshot is before and state.curation == []
    assert not state.reviews_file.exists()


@pytest.mark.parametrize("body", [
    {"status": "accepted"},
    {"suggestion": "https://x.org/s", "name": "A", "same_as": "B", "status": "accepted"},
    {"name": "A", "status": "accepted"},
    {"suggestion": "https://x.org/s", "status": "maybe"},
    {"suggestion": "  ", "status": "accepted"},
])
def test_malformed_reviews_are_422(client, body):
    assert_error(client.post("/api/reviews", json=body, headers=KEY), 422, "invalid_request")


# --- documents -----------------------------------------------------------------------------

def test_documents_are_listed(client):
    page = client.get("/api/documents").json()
    assert page["total"] == 5 and len(page["items"]) == 5


def test_an_upload_is_loaded_and_reported(fresh_client):
    state = state_of(fresh_client)
    triples = len(state.snapshot.dataset)
    text = STOCKTON.read_text(encoding="utf-8") + "\nA line nobody can parse: zzz qqq.\n"
    r = fresh_client.post("/api/documents", headers=KEY, files={
        "file": ("../../Safer Kingsford plan 2024.txt", text.encode(), "text/plain")})
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["document"] == "Safer-Kingsford-plan-2024.txt"
    assert out["facts"] > 10 and out["triples"] > 100 and 0 < out["coverage"] <= 1
    assert out["lines"] == out["understood"] + out["furniture"] + len(out["not_understood"])
    assert any("zzz qqq" in x["text"] for x in out["not_understood"])
    assert out["graph_triples"] == len(state.snapshot.dataset) > triples
    assert (state.upload_dir / out["document"]).is_file()
    assert fresh_client.get("/api/documents").json()["total"] == 6


def test_a_duplicate_upload_is_409_naming_the_document_not_loaded_twice(fresh_client):
    """Uploading bytes the graph already holds once loaded them again as '...-2'."""
    state = state_of(fresh_client)
    before = len(state.snapshot.dataset)
    r = fresh_client.post("/api/documents", headers=KEY, files={
        "file": ("again.txt", STOCKTON.read_bytes(), "text/plain")})
    body = assert_error(r, 409, "conflict")
    assert STOCKTON.name in body["detail"] and "replace=true" in body["hint"]
    assert len(state.snapshot.dataset) == before
    assert fresh_client.get("/api/documents").json()["total"] == 5
    assert not (state.upload_dir / "again.txt").exists()


def test_a_duplicate_upload_with_replace_loads_in_place_of_the_old(fresh_client):
    r = fresh_client.post("/api/documents?replace=true", headers=KEY, files={
        "file": ("stockton-again.txt", STOCKTON.read_bytes(), "text/plain")})
    assert r.status_code == 201, r.text
    names = [d["file_name"] for d in fresh_client.get("/api/documents").json()["items"]]
    assert len(names) == 5 and "stockton-again.txt" in names and STOCKTON.name not in names


@pytest.mark.parametrize("name,data,needle", [
    ("scan.txt", b"Plan\n\x00\x01\x02\xff binary\x00\n", "binary"),
    ("utf16.txt", "Plan\nCaf\u00e9 au lait\n".encode("utf-16"), "UTF-16"),
    ("broken.pdf", b"%PDF-1.7\n1 0 obj <<\n", "broken.pdf"),
])
def test_an_unreadable_upload_leaves_the_graph_unchanged(fresh_client, name, data, needle):
    state = state_of(fresh_client)
    before = state.snapshot
    triples = len(before.dataset)
    docs = fresh_client.get("/api/documents").json()
    similar = fresh_client.get("/api/duplicates.csv").text
    r = fresh_client.post("/api/documents", headers=KEY,
                          files={"file": (name, data, "application/octet-stream")})
    body = assert_error(r, 400, "unreadable_upload")
    assert needle in body["detail"] and name in body["detail"]
    assert "the graph is unchanged" in body["hint"]
    assert str(state.upload_dir) not in body["detail"]  # no server paths in answers
    assert state.snapshot is before and len(state.snapshot.dataset) == triples
    assert fresh_client.get("/api/documents").json() == docs
    assert fresh_client.get("/api/duplicates.csv").text == similar
    assert list(state.upload_dir.iterdir()) == []


def test_an_unregistered_type_is_415(fresh_client):
    r = fresh_client.post("/api/documents", headers=KEY,
                          files={"file": ("plan.exe", b"MZ\x90\x00", "application/x-msdos")})
    body = assert_error(r, 415, "unknown_format")
    assert "plan.exe" in body["detail"] and ".txt" in body["hint"]


def test_an_upload_over_the_size_limit_is_413(api_settings, tmp_path):
    state = GraphState(replace(api_settings, max_request_bytes=2000,
                               upload_dir=str(tmp_path / "up")))
    small = TestClient(create_app(state))
    r = small.post("/api/documents", headers=KEY,
                   files={"file": ("big.txt", b"word " * 1000, "text/plain")})
    assert_error(r, 413, "too_large")
    assert list(state.upload_dir.iterdir()) == []


def test_safe_names_stay_in_the_folder_and_are_not_reused(tmp_path):
    assert safe_name("../../etc/passwd.txt", tmp_path) == tmp_path / "passwd.txt"
    assert safe_name("C:\\Users\\x\\My Plan (v2).TXT", tmp_path) == tmp_path / "My-Plan-v2.txt"
    (tmp_path / "plan.txt").write_text("x")
    assert safe_name("plan.txt", tmp_path) == tmp_path / "plan-2.txt"
    assert safe_name("...", tmp_path).parent == tmp_path
    assert Path(safe_name(None, tmp_path)).name == "upload"


def test_an_upload_is_parsed_in_a_child_process(fresh_client, monkeypatch, tmp_path):
    """Uploads were parsed in the server, which kept the memory a 500-page PDF took for
    good; now the reading happens in a child whose memory goes back when it ends."""
    import os

    from cspgraph.graph.build import dataset as build_module

    readers = tmp_path / "pids"
    real = build_module.load_document

    def recording(path, *args, **kwargs):
        with readers.open("a") as out:
            out.write(f"{Path(path).name} {os.getpid()}\n")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(build_module, "load_document", recording)
    text = STOCKTON.read_text(encoding="utf-8").replace("Stockton", "Kingsford")
    r = fresh_client.post("/api/documents", headers=KEY, files={
        "file": ("kingsford.txt", text.encode(), "text/plain")})
    assert r.status_code == 201, r.text
    pids = [line.split() for line in readers.read_text().splitlines()]
    assert [pid for name, pid in pids if name == "kingsford.txt"] != []
    assert all(int(pid) != os.getpid() for name, pid in pids if name == "kingsford.txt")
