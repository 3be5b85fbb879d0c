"""``/docs`` (Swagger UI) and ``/redoc`` (Redoc) in a real browser with every request to
another host recorded and aborted: both draw the API's operations from the vendored files
alone, so they work offline."""

from __future__ import annotations

import json
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest


def _operations(url: str) -> list[tuple[str, str, str]]:
    """(method, path, summary) of every operation in the served OpenAPI schema."""
    with urlopen(url + "/openapi.json", timeout=10) as r:
        spec = json.load(r)
    return [(method.upper(), path, op["summary"]) for path, ops in spec["paths"].items()
            for method, op in ops.items()]


def _requests(page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    return seen


def _all_loopback(urls: list[str]) -> None:
    hosts = {urlsplit(u).hostname for u in urls if urlsplit(u).scheme in ("http", "https")}
    assert hosts == {"127.0.0.1"}, urls


def test_swagger_ui_shows_every_operation_offline(live_server, watched, shoot):
    page = watched.page
    seen = _requests(page)
    response = page.goto(live_server.url + "/docs", wait_until="networkidle")
    assert response is not None and response.status == 200
    operations = _operations(live_server.url)
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() == len(operations)
    paths = {p.replace("\u200b", "") for p in  # Swagger UI breaks paths at each '/'
             page.locator(".opblock-summary-path").all_inner_texts()}
    summaries = set(page.locator(".opblock-summary-description").all_inner_texts())
    for method, path, summary in operations:
        assert path in paths, (method, path)
        assert summary in summaries, (method, path, summary)
    shoot(page, "swagger-ui")
    _all_loopback(seen)
    watched.assert_clean()


@pytest.mark.parametrize("summary", ["Sparql Get", "Get Summary"])
def test_redoc_shows_the_operations_offline(live_server, watched, shoot, summary):
    page = watched.page
    seen = _requests(page)
    response = page.goto(live_server.url + "/redoc", wait_until="networkidle")
    assert response is not None and response.status == 200
    operations = _operations(live_server.url)
    assert summary in {s for _m, _p, s in operations}
    menu = page.locator("[role=menuitem]", has_text=summary).first
    menu.wait_for()
    assert menu.is_visible()
    assert page.locator("h2", has_text=summary).count() >= 1  # the operation's section
    shown = page.locator("[role=menuitem]").all_inner_texts()
    assert sum(any(s in item for item in shown) for _m, _p, s in operations) == len(operations)
    shoot(page, "redoc")
    _all_loopback(seen)
    watched.assert_clean()
