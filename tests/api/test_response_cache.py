"""The response cache: CORS headers per request, a bound in bytes, keyed to the snapshot
object (issue 18, findings 5 and 15)."""

from __future__ import annotations

from dataclasses import replace

from fastapi.testclient import TestClient

from cspgraph.api.http import cache
from cspgraph.api.http.app import create_app
from cspgraph.api.http.state import GraphState, Snapshot


def _app(api_settings, sample_build, **changes):
    state = GraphState(replace(api_settings, **changes))
    state._snapshot = Snapshot(sample_build.dataset, sample_build)
    return state, create_app(state)


def test_each_origin_gets_its_own_cors_headers_from_a_cached_answer(api_settings, sample_build):
    _, app = _app(api_settings, sample_build,
                  cors_origins="http://a.example,http://b.example")
    client = TestClient(app)
    first = client.get("/api/summary", headers={"Origin": "http://a.example"})
    second = client.get("/api/summary", headers={"Origin": "http://b.example"})
    third = client.get("/api/summary", headers={"Origin": "http://evil.example"})
    assert first.headers["access-control-allow-origin"] == "http://a.example"
    assert second.headers["access-control-allow-origin"] == "http://b.example"
    assert "access-control-allow-origin" not in third.headers
    assert first.content == second.content == third.content


def test_junk_query_strings_cannot_grow_the_cache_past_its_byte_bound(
        api_settings, sample_build, monkeypatch):
    monkeypatch.setattr(cache, "MAX_BYTES", 20_000)
    _, app = _app(api_settings, sample_build)
    client = TestClient(app)
    for n in range(200):
        assert client.get(f"/api/summary?junk={n}").status_code == 200
    kept = _cache_of(app)
    assert 0 < kept.size <= 20_000
    assert kept.size == sum(len(body) for _, _, body in kept.entries.values())


def test_a_new_snapshot_starts_a_fresh_cache(api_settings, sample_build):
    state, app = _app(api_settings, sample_build)
    client = TestClient(app)
    client.get("/api/summary")
    kept = _cache_of(app)
    assert kept.entries
    state._snapshot = Snapshot(sample_build.dataset, sample_build)  # a rebuild's swap
    client.get("/api/plans")
    assert list(kept.entries) == [("/api/plans", b"", b"*/*")] or len(kept.entries) == 1


def _cache_of(app) -> cache.ResponseCache:
    layer = app.middleware_stack
    while layer is not None and not isinstance(layer, cache.ResponseCache):
        layer = getattr(layer, "app", None)
    assert layer is not None
    return layer
