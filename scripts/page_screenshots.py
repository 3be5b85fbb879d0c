"""Remake the README's page screenshots (docs/img/page-*.png) from the bundled samples:
serve them on loopback and photograph each page in Debian's headless chromium.

Usage (from the repository root, with the test extra installed):
    python scripts/page_screenshots.py
"""

from __future__ import annotations

import socket
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from cspgraph.api.http.app import create_app
from cspgraph.api.http.state import GraphState
from cspgraph.settings import Settings

OUT = Path("docs/img")
PAGES = {
    "page-search": "/search?q=Tim+Rce",
    "page-person": "/people/tim-rice",
    "page-body": "/bodies/worcestershire-safer-communities-board",
    "page-cross-plan": "/alignment?against=https%3A%2F%2Fw3id.org%2Fcspgraph%2Fid%2Fplan%2F"
                       "police-and-crime-plan-2021-2024",
    "page-governance-map": "/maps/governance",
    "page-duplicates": "/maps/duplicates",
    "page-sparql": "/sparql/editor?example=chairs",
}


def main() -> None:
    folder = tempfile.mkdtemp()
    settings = Settings(cache_dir=folder, upload_dir=f"{folder}/up", data_dir=f"{folder}/data")
    app = create_app(GraphState(settings))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.1)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                     args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for name, path in PAGES.items():
            page.goto(f"http://127.0.0.1:{port}{path}", wait_until="load")
            page.wait_for_timeout(1500)  # maps finish drawing
            page.screenshot(path=str(OUT / f"{name}.png"))
            print(f"wrote {OUT / name}.png")
        browser.close()
    server.should_exit = True


if __name__ == "__main__":
    main()
