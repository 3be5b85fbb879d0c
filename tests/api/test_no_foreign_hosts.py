"""No page the app serves refers to another host, and neither do the scripts and styles
it loads: everything works offline.

What is checked, on every HTML page (each GET route that answers HTML and takes no
required parameter, found by walking ``app.routes``, plus ``/sparql`` as a browser asks
for it, the query page with results, and an HTML error page):

* every ``src``, ``href``, ``srcset``, ``action``, ``formaction``, ``poster``, ``data``,
  ``background`` and ``xlink:href`` attribute is local: not ``http://``, ``https://`` or
  ``//host`` (``<a href>`` included: no page even links elsewhere);
* inside ``<style>`` and ``style=""``: every ``url(...)`` and ``@import`` target is local
  (``data:`` URLs are local);
* inside inline ``<script>``: no script tag, ``src``, ``fetch``, ``importScripts``,
  ``Worker``, ``EventSource``, ``WebSocket``, ``sendBeacon`` or ``XMLHttpRequest.open`` is
  given a remote URL literal.

Every local script and stylesheet those pages load (``<script src>``, ``<link href>``) is
fetched and checked the same way: CSS for ``url(...)``/``@import``, JavaScript for the
load calls above with a remote URL literal (``src:"https://..."``, ``fetch("https://...")``,
``importScripts("//...")`` ...). Plain mentions of URLs in bundled code (licence comments,
specification IRIs such as ``http://www.w3.org/2000/svg``, links a user may click, a
default that the page's configuration switches off, such as Swagger UI's validator) are
not loads and are not flagged; the real-browser tests (tests/browser) check what is
actually requested at load time.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute

from cspgraph.graph.queries.sparql_examples import EXAMPLES

HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
URL_ATTRIBUTES = {"src", "href", "srcset", "action", "formaction", "poster", "data",
                  "background", "xlink:href"}
REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)  # http://, https://, //host
_Q = r"""["'`]"""
REMOTE_LITERAL = rf"{_Q}\s*(?:https?:)?//"
CSS_LOADS = re.compile(rf"url\(\s*{_Q}?\s*(?:https?:)?//|@import\s+(?:url\()?\s*{_Q}?"
                       r"\s*(?:https?:)?//", re.I)
JS_LOADS = re.compile(
    rf"(?:\bfetch|\bimportScripts|\bWorker|\bEventSource|\bWebSocket|\bsendBeacon|\.open)"
    rf"\(\s*(?:{_Q}[A-Z]+{_Q}\s*,\s*)?{REMOTE_LITERAL}"
    rf"|\bsrc\s*[:=]\s*{REMOTE_LITERAL}|<script[^>]*\bsrc\s*=\s*\\?{_Q}?(?:https?:)?//"
    rf"|\bsrc\s*=\s*\\?{_Q}(?:https?:)?//", re.I)


class _Page(HTMLParser):
    """Collects a page's URL attributes, inline styles and scripts, and loaded assets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self.assets: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for name, value in attrs:
            if name in URL_ATTRIBUTES and value:
                self.urls.append((tag, name, value))
            if name == "style" and value:
                self.styles.append(value)
        if tag == "script" and found.get("src"):
            self.assets.append(found["src"] or "")
        if tag == "link" and found.get("href") and "stylesheet" in (found.get("rel") or ""):
            self.assets.append(found["href"] or "")
        self._in = tag if tag in ("script", "style") else None

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts.append(data)
        elif self._in == "style":
            self.styles.append(data)


def _remote_urls(value: str) -> list[str]:
    parts = [p.strip().split(" ")[0] for p in value.split(",")] if "," in value else [value]
    return [p for p in parts if REMOTE.match(p)]


def _api_routes(routes) -> list[APIRoute]:
    """Every APIRoute, inside included routers too (FastAPI keeps them nested; the app
    includes its routers without a prefix)."""
    found: list[APIRoute] = []
    for route in routes:
        if isinstance(route, APIRoute):
            found.append(route)
        inner = getattr(route, "original_router", None)
        if inner is not None:
            found += _api_routes(inner.routes)
    return found


def _page_routes(app) -> list[str]:
    """Paths of GET routes that answer HTML and need no parameter."""
    paths = []
    for route in _api_routes(app.routes):
        if "GET" not in route.methods:
            continue
        dependant = route.dependant
        needed = [p for p in (*dependant.path_params, *dependant.query_params)
                  if p.field_info.is_required()]
        html = route.response_class is HTMLResponse or (
            isinstance(route.response_class, type) and
            issubclass(route.response_class, HTMLResponse))
        if html and not needed:
            paths.append(route.path)
    return paths


def _pages(app) -> list[str]:
    return sorted({*_page_routes(app), "/sparql", f"/sparql/editor?example={EXAMPLES[0].key}",
                   "/no/such/page"})


def test_the_page_walk_finds_the_pages(client):
    pages = _page_routes(client.app)
    for path in ("/", "/docs", "/redoc", "/sparql/editor", "/maps/governance",
                 "/maps/alignment", "/maps/duplicates"):
        assert path in pages


def _check_html(path: str, html: str) -> tuple[list[str], list[str]]:
    parser = _Page()
    parser.feed(html)
    problems = [f"{path}: <{tag} {name}={value!r}>" for tag, name, value in parser.urls
                if _remote_urls(value)]
    problems += [f"{path}: style loads {m.group(0)!r}" for css in parser.styles
                 for m in CSS_LOADS.finditer(css)]
    problems += [f"{path}: script loads {m.group(0)!r}" for js in parser.scripts
                 for m in JS_LOADS.finditer(js)]
    return problems, parser.assets


@pytest.fixture(scope="module")
def walked(client) -> tuple[list[str], set[str], list[str]]:
    """Every page fetched and checked: (problems, local assets they load, paths walked)."""
    problems: list[str] = []
    assets: set[str] = set()
    paths = _pages(client.app)
    for query in (e.query for e in EXAMPLES):  # the query page with results
        paths.append("/sparql/editor?" + urlencode({"query": query}))
    for path in paths:
        r = client.get(path, headers=HTML)
        assert r.status_code < 500, path
        assert r.headers["content-type"].startswith("text/html"), path
        found, loaded = _check_html(path, r.text)
        problems += found
        assets.update(loaded)
    return problems, assets, paths


def test_no_page_refers_to_another_host(walked):
    problems, _assets, paths = walked
    assert len(paths) >= 10
    assert not problems, "\n".join(problems)


def test_scripts_and_styles_the_pages_load_are_local_and_load_nothing_remote(client, walked):
    _problems, assets, _paths = walked
    assert {"/static/api-docs/swagger-ui-bundle.js", "/static/api-docs/swagger-ui.css",
            "/static/api-docs/redoc.standalone.js", "/static/vis-network.min.js"} <= assets
    problems = []
    for asset in sorted(assets):
        assert not REMOTE.match(asset), asset
        r = client.get(asset)
        assert r.status_code == 200, asset
        text = r.content.decode("utf-8")
        pattern = CSS_LOADS if asset.endswith(".css") else JS_LOADS
        problems += [f"{asset}: {m.group(0)!r} at {m.start()}" for m in pattern.finditer(text)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("text", "kind"), [
    ('<img src="https://cdn.example/x.png">', "html"),
    ('<link rel="stylesheet" href="//cdn.example/x.css">', "html"),
    ("<style>body{background:url('https://cdn.example/x.png')}</style>", "html"),
    ('<style>@import "https://cdn.example/x.css";</style>', "html"),
    ('<script>fetch("https://cdn.example/x.json")</script>', "html"),
    ('e.createElement("img",{src:"https://cdn.example/logo.svg"})', "js"),
    ('importScripts("//cdn.example/w.js")', "js"),
    ('x.open("GET", "https://cdn.example/a")', "js"),
])
def test_the_checks_catch_remote_loads(text, kind):
    if kind == "html":
        problems, _ = _check_html("/x", text)
        assert problems
    else:
        assert JS_LOADS.search(text)
    assert not _check_html("/x", '<a href="/local">x</a><img src="data:,">'
                           "<style>a{background:url(data:image/svg+xml;"
                           "charset=utf-8,%3Csvg xmlns='http://www.w3.org/2000/svg'%3E)}"
                           "</style>")[0]
