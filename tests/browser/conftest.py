"""Real-browser fixtures: a live server on 127.0.0.1 and Debian's headless Chromium.

The tests drive /usr/bin/chromium with Playwright's Python package (never `playwright
install`: no browser is downloaded). Where chromium or playwright is missing they skip with
the reason, except under CI (CI=true), where .ci/run installs both and a missing one fails.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.helpers.png import screenshot_stats

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]
LOCAL_HOSTS = {"127.0.0.1"}


def _missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the 'playwright' Python package is not installed (pip install playwright)"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install -y chromium)"
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """Debian's chromium, headless, shared by the session."""
    reason = _missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests must run in CI: {reason}")
        pytest.skip(f"browser tests skipped: {reason}")
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                      headless=True)
        yield chromium
        chromium.close()
    finally:
        pw.stop()


@dataclass
class LiveServer:
    """The API served by uvicorn on 127.0.0.1, in a thread."""

    url: str
    app: object

    def has_route(self, path: str) -> bool:
        """Whether the app registers ``path`` (a route, not just any URL that may 404)."""

        def walk(routes) -> bool:  # FastAPI keeps included routers nested
            for r in routes:
                if getattr(r, "path", None) == path:
                    return True
                inner = getattr(r, "original_router", None) or r
                nested = inner is not r or hasattr(r, "routes")
                if nested and walk(getattr(inner, "routes", [])):
                    return True
            return False

        return walk(self.app.routes)


@contextmanager
def serving(state) -> Iterator[str]:
    """Serve ``state`` (a GraphState, or an app) with uvicorn on a free loopback port;
    yields the URL."""
    import uvicorn

    from cspgraph.api.http.app import create_app

    app = state if not hasattr(state, "settings") else create_app(state)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning",
                                           access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def sample_state(sample_build, tmp_path_factory, **settings):
    """A GraphState over the sample graph, embedded now (not inside a page load)."""
    from cspgraph.api.http.state import GraphState, Snapshot
    from cspgraph.settings import Settings

    config = Settings(cache_dir=str(tmp_path_factory.mktemp("browser-emb")),
                      upload_dir=str(tmp_path_factory.mktemp("browser-up")),
                      data_dir=str(tmp_path_factory.mktemp("browser-data")), **settings)
    state = GraphState(config)
    state._snapshot = Snapshot(sample_build.dataset, sample_build)
    state._snapshot.corpus(config)
    return state


@pytest.fixture(scope="session")
def server_kit(sample_build, tmp_path_factory):
    """``(make_state, serving)`` for tests that need a server of their own:
    ``make_state(**settings)`` over the samples, and the :func:`serving` context manager."""
    return (lambda **settings: sample_state(sample_build, tmp_path_factory, **settings)), serving


@pytest.fixture(scope="session")
def live_server(sample_build, tmp_path_factory) -> Iterator[LiveServer]:
    """A real HTTP server over the sample graph, on a free loopback port."""
    from cspgraph.api.http.app import create_app

    app = create_app(sample_state(sample_build, tmp_path_factory))
    with serving(app) as url:
        yield LiveServer(url, app)


@dataclass
class Watched:
    """A page with what it logged and what it tried to fetch elsewhere."""

    page: object
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert not self.foreign_requests, f"requests to another host: {self.foreign_requests}"
        assert not self.console_errors, f"console errors: {self.console_errors}"


@pytest.fixture()
def watched(browser) -> Iterator[Watched]:
    """A fresh page whose console errors are collected and whose every request to a host
    other than 127.0.0.1 is recorded and aborted."""
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    page = context.new_page()
    w = Watched(page)

    def route(r) -> None:
        url = r.request.url
        if urlsplit(url).scheme in ("http", "https", "ws", "wss") and \
                urlsplit(url).hostname not in LOCAL_HOSTS:
            w.foreign_requests.append(url)
            r.abort()
        else:
            r.continue_()

    context.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and w.console_errors.append(
        f"{m.text} ({m.location.get('url', '')})"))
    page.on("pageerror", lambda e: w.console_errors.append(f"uncaught: {e}"))
    page.set_default_timeout(15_000)
    try:
        yield w
    finally:
        context.close()


@pytest.fixture()
def pixel_stats(browser):
    """``pixel_stats(png)``: see :func:`tests.helpers.png.screenshot_stats`."""
    return lambda png: screenshot_stats(browser, png)


SCREENSHOTS: list[tuple[str, Path]] = []


@pytest.fixture()
def shoot(request, tmp_path):
    """Save a screenshot of a locator or page into the test's tmp dir; the terminal summary
    lists every one."""

    def save(target, name: str) -> bytes:
        path = tmp_path / f"{name}.png"
        png = target.screenshot(path=str(path))
        SCREENSHOTS.append((request.node.nodeid, path))
        return png

    return save


def pytest_terminal_summary(terminalreporter) -> None:
    if SCREENSHOTS:
        terminalreporter.section("browser screenshots")
        for nodeid, path in SCREENSHOTS:
            terminalreporter.write_line(f"{nodeid}: {path}")
