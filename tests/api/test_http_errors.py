"""One error shape everywhere: {"error", "detail", "hint", "status"}, whatever the route or fault.

Every route of the app is asked badly (wrong method; and a bad id, a missing required
parameter or a value of the wrong type) and every error must come back in the one shape.
"""

from __future__ import annotations

import re
import typing
from datetime import date
from urllib.parse import quote

import pytest
from fastapi.routing import APIRoute
from starlette.routing import Route

NO_SUCH = "zzz-no-such-thing-anywhere"


def assert_error_shape(r, status: int | None = None) -> dict:
    """The response is an error in the one shape (and of ``status`` when given)."""
    assert r.status_code >= 400, (r.request.url, r.status_code, r.text[:200])
    assert r.headers["content-type"].startswith("application/json"), r.headers
    body = r.json()
    assert set(body) == {"error", "detail", "hint", "status"}, body
    assert isinstance(body["error"], str) and re.fullmatch(r"[a-z]+(_[a-z]+)*", body["error"])
    assert isinstance(body["detail"], str) and body["detail"]
    assert isinstance(body["hint"], str)
    assert not body["hint"] or f"({body['hint']})" not in body["detail"]  # not folded in
    assert body["status"] == r.status_code
    if status is not None:
        assert r.status_code == status, body
    return body


# ---------------------------------------------------------------- my routes' errors


@pytest.mark.parametrize("url", [
    f"/api/bodies/{NO_SUCH}", f"/api/people/{NO_SUCH}", f"/api/agencies/{NO_SUCH}",
    f"/api/plans/{NO_SUCH}",
    "/api/bodies/" + quote("https://w3id.org/cspgraph/id/org/" + NO_SUCH, safe=""),
    "/api/plans/" + quote("https://w3id.org/cspgraph/id/plan/" + NO_SUCH, safe=""),
    f"/api/alignment?plan={NO_SUCH}&against=Police",
    f"/api/alignment.csv?plan=West%20Cheshire%202023-24&against={NO_SUCH}",
    f"/api/agencies/police?plan={NO_SUCH}",
])
def test_unknown_is_404(client, url):
    body = assert_error_shape(client.get(url), 404)
    assert body["error"] == "not_found"


@pytest.mark.parametrize("url", [
    "/api/bodies/group", "/api/people/john", "/api/agencies/council", "/api/plans/cheshire",
    "/api/alignment?plan=cheshire&against=Police",
])
def test_ambiguous_is_409_listing_candidates(client, url):
    body = assert_error_shape(client.get(url), 409)
    assert body["error"] == "ambiguous_name"
    assert "matches" in body["detail"] and ";" in body["detail"]
    assert body["hint"] and body["hint"] not in body["detail"]  # no longer folded in


@pytest.mark.parametrize("url", [
    "/api/search", "/api/search?q=", "/api/search?q=x&kind=planet", "/api/bodies?limit=0",
    "/api/bodies?offset=-1", "/api/people?limit=abc", "/api/plans?as_at=2017-13-01",
    "/api/agencies/police?as_at=yesterday", "/api/agencies/police?kind=Thing",
    "/api/alignment?plan=West%20Cheshire%202023-24", "/api/alignment.csv?against=Police",
    "/api/alignment?plan=x&against=y&include=all", "/api/quality?severity=Fatal",
    "/api/quality?limit=100000",
])
def test_bad_parameters_are_422(client, url):
    body = assert_error_shape(client.get(url), 422)
    assert body["error"] == "invalid_request"


def test_unknown_path_is_404_in_the_shape(client):
    assert assert_error_shape(client.get("/api/no-such-resource"), 404)["error"] == "not_found"


def test_oversized_body_is_413_in_the_shape(client, api_settings):
    big = b"x" * (api_settings.max_request_bytes + 1)
    assert assert_error_shape(client.post("/api/reviews", content=big), 413)["error"] == "too_large"


# ---------------------------------------------------------------- every route of the app


def _walk(routes) -> list[Route]:
    """Routes, with those of included routers (FastAPI keeps them as included routers)."""
    out = []
    for r in routes:
        if isinstance(r, Route) and r.methods:
            out.append(r)
        elif hasattr(r, "original_router"):
            out += _walk(r.original_router.routes)
        elif hasattr(r, "routes"):
            out += _walk(r.routes)
    return out


def _routes(client) -> list[Route]:
    return _walk(client.app.routes)


def _other_method(route: Route) -> str:
    return next(m for m in ("DELETE", "PATCH", "PUT", "POST") if m not in route.methods)


def _bad_value(annotation) -> str | None:
    """A value ``annotation`` refuses, or None when any string would do."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)] or [annotation]
    origin = typing.get_origin(annotation)
    if origin is list:
        return _bad_value(args[0])
    if any(a in (int, float, date, bool) for a in args):
        return "not-a-value"
    if origin is typing.Literal or any(typing.get_origin(a) is typing.Literal for a in args):
        return "not-one-of-the-choices"
    return None


def query_params(dependant) -> list:
    """The query parameters of a route and of its dependencies (paging, ...)."""
    return [*dependant.query_params,
            *(p for sub in dependant.dependencies for p in query_params(sub))]


def bad_request(route: APIRoute) -> tuple[str, str, dict] | None:
    """A request this route must refuse: (method, url, query), or None if none is known."""
    method = sorted(route.methods - {"HEAD"})[0]
    url = re.sub(r"\{[^}]+\}", NO_SUCH, route.path)
    params = query_params(route.dependant)
    query = {}
    for param in params:
        value = _bad_value(param.field_info.annotation)
        if value is not None:
            query[param.alias] = value
    refusable = (route.path != url or query or method != "GET"
                 or any(p.field_info.is_required() for p in params))
    return (method, url, query) if refusable else None


def test_every_route_answers_a_bad_request_in_the_one_shape(client):
    routes = _routes(client)
    assert len([r for r in routes if isinstance(r, APIRoute)]) >= 10
    refused = []
    for route in routes:
        url = re.sub(r"\{[^}]+\}", NO_SUCH, route.path)
        wrong = assert_error_shape(client.request(_other_method(route), url), 405)
        assert wrong["error"] == "method_not_allowed"
        if not isinstance(route, APIRoute):
            continue
        bad = bad_request(route)
        if bad is None:
            continue
        method, url, query = bad
        r = client.request(method, url, params=query)
        assert 400 <= r.status_code < 500, (route.path, method, r.status_code, r.text[:200])
        assert_error_shape(r)
        refused.append(route.path)
    mine = {"/api/search", "/api/bodies", "/api/bodies/{ref:path}", "/api/people",
            "/api/people/{ref:path}", "/api/agencies", "/api/agencies/{ref:path}", "/api/plans",
            "/api/plans/{ref:path}", "/api/alignment", "/api/alignment.csv", "/api/quality"}
    assert mine <= set(refused)
