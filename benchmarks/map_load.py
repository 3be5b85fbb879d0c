"""Benchmark: page-load time of the governance map on a national-scale SYNTHETIC graph.

Generates a synthetic national structure (``synthetic_governance.py``: by default 300
partnerships in 40 force areas, several thousand bodies, people and agencies, emitted as
loader facts into one named graph per partnership document), then for each map below:

- ``default``: ``governance_map(ds)``; over ``MAX_NODES`` it opens focused on the most
  connected body, at most ``MAX_NODES`` nodes;
- ``whole``: ``governance_map(ds, max_nodes=None)``, every node drawn at once;
- ``focused``: ``governance_map(ds, focus=<the first partnership>, depth=2)``;

times the Python build and ``render(page, inline=True)`` (the self-contained file that
``cspgraph viz`` writes), counts the nodes and edges drawn and the HTML size, then opens the
file in Debian's headless Chromium through Playwright (``/usr/bin/chromium``; never
``playwright install``) in a fresh browser context per round and reads, in seconds from
navigation start: the load event, the first shape drawn on a canvas (the page's canvas
drawing calls are stamped by an init script) and the end of the layout: vis-network's
``stabilizationIterationsDone``, the event on which the page sets ``body[data-ready]`` and
switches physics off. Rounds where the page's flag was never set are counted apart: the
page's listener is added after the map's list view is parsed and can miss the event. A
page that does not get there within ``--timeout`` is reported as "> timeout" and not
repeated. Every figure is the median of ``--rounds`` rounds. No GPU: Chromium draws in
software; results are in docs/maps.md.
The whole map takes about 5 minutes a round on 2 cores, so a default run takes about 20.

    python benchmarks/map_load.py [--partnerships 300] [--rounds 3] [--timeout 600]
        [--seed 7] [--only default,whole,focused] [--keep DIR]
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]
# Logs, in page time: the load event, the first canvas shape, vis-network's own end of
# stabilisation (caught as pyvis assigns the global ``network``) and body[data-ready] being
# set by the page. Console messages reach Playwright as they happen, so a page whose main
# thread is blocked for minutes is never asked anything (an evaluate would wait for it).
STAMPS = """(() => {
  const seen = new Set();
  const stamp = (what) => {
    if (!seen.has(what)) { seen.add(what); console.log(`bench:${what}:${performance.now()}`); }
  };
  const P = CanvasRenderingContext2D.prototype, orig = {};
  for (const m of ["fill", "stroke", "fillText", "drawImage"]) {
    orig[m] = P[m];
    P[m] = function (...args) {
      stamp("drawn");
      Object.assign(P, orig);  // stamp once, then draw at full speed
      return orig[m].apply(this, args);
    };
  }
  let net;
  Object.defineProperty(window, "network", {configurable: true, enumerable: true,
    get() { return net; },
    set(value) {
      net = value;
      if (value && value.once) {
        value.once("stabilizationIterationsDone", () => stamp("stabilised"));
      }
    }});
  window.addEventListener("load", () => stamp("load"));
  new MutationObserver(() => {
    if (document.body && document.body.dataset.ready === "1") { stamp("ready"); }
  }).observe(document, {attributes: true, subtree: true, attributeFilter: ["data-ready"]});
})();"""


@dataclass
class Case:
    """One map: its figures over the rounds (None: not reached within the timeout)."""

    name: str
    nodes: int = 0
    total: int = 0
    edges: int = 0
    html_mb: float = 0.0
    python_s: list[float] = field(default_factory=list)
    stamps: list[dict[str, float | None]] = field(default_factory=list)  # one per round
    errors: list[str] = field(default_factory=list)

    def median(self, what: str, timeout: float) -> str:
        return median([r[what] for r in self.stamps], timeout)

    def flag_missed(self) -> int:
        """Rounds where vis-network stabilised but the page never set body[data-ready]."""
        return sum(r["stabilised"] is not None and r["ready"] is None for r in self.stamps)


def median(values: list[float | None], timeout: float) -> str:
    """The median in seconds, a round that did not get there counting as longer than any:
    "> timeout" when the median is such a round, "-" when no round ran."""
    if not values:
        return "-"
    middle = statistics.median(math.inf if v is None else v for v in values)
    return f"> {timeout:.0f}" if math.isinf(middle) else f"{middle:.2f}"


def build_page(ds, name: str, focus: str) -> tuple[object, str, float]:
    """The map page for case ``name``, its inline HTML, and the seconds both took."""
    from cspgraph.viz.governance import governance_map
    from cspgraph.viz.page import render

    kwargs = {"default": {}, "whole": {"max_nodes": None},
              "focused": {"focus": focus, "depth": 2}}[name]
    start = time.perf_counter()
    page = governance_map(ds, **kwargs)
    html = render(page, inline=True)
    return page, html, time.perf_counter() - start


def open_page(browser, url: str, timeout: float) -> tuple[dict, list[str]]:
    """Load ``url`` in a fresh context: page-time stamps in seconds from navigation start
    (None: not reached within ``timeout``) and the page's uncaught errors.

    ``stabilised`` is vis-network's own event; ``ready`` is the page's flag, which stays
    None if the page missed that event.
    """
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    stamps: dict[str, float | None] = dict.fromkeys(("load", "drawn", "stabilised", "ready"))
    errors: list[str] = []

    def console(message) -> None:
        head, _, ms = message.text.rpartition(":")
        if head.startswith("bench:") and head[6:] in stamps:
            stamps[head[6:]] = float(ms) / 1000

    def pending() -> bool:
        return None in (stamps["load"], stamps["drawn"]) or (
            stamps["stabilised"] is None and stamps["ready"] is None)

    try:
        page = context.new_page()
        page.on("console", console)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.add_init_script(STAMPS)
        page.goto(url, wait_until="commit")
        deadline = time.monotonic() + timeout
        while pending() and time.monotonic() < deadline:
            page.wait_for_timeout(100)  # lets Playwright deliver the console events
        page.wait_for_timeout(500)  # the page sets its flag in the same task as the event
        stamps["stabilised"] = stamps["stabilised"] or stamps["ready"]
        return stamps, errors
    finally:
        context.close()


def machine(browser_version: str) -> str:
    """One line about the machine: CPU, cores, memory, load, Python and Chromium."""
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "?")
    mem = next((int(line.split()[1]) / 1024 ** 2 for line in
                Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0.0)
    return (f"machine: {cpu}, {os.cpu_count()} cores, {mem:.0f} GiB, no GPU; load average "
            f"{os.getloadavg()[0]:.2f}; Python {platform.python_version()}, "
            f"Chromium {browser_version} headless (software drawing)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partnerships", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=600.0,
                        help="seconds a page may take to load and stabilise")
    parser.add_argument("--only", default="default,whole,focused",
                        help="comma-separated maps to measure")
    parser.add_argument("--keep", type=Path, help="write the HTML files into this folder")
    args = parser.parse_args()
    names = [n for n in args.only.split(",") if n]
    if unknown := set(names) - {"default", "whole", "focused"}:
        parser.error(f"unknown map(s) {sorted(unknown)}: choose from default, whole, focused")
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright
    from pyvis.network import Network  # noqa: F401  (imported now, not inside a timing)
    from synthetic_governance import build

    start = time.perf_counter()
    ds, shape = build(args.partnerships, seed=args.seed)
    focus = shape.partnership_names[0]
    print(f"SYNTHETIC graph: {shape.partnerships} partnership documents in {shape.areas} "
          f"force areas, {shape.facts} facts, {shape.triples} triples "
          f"(generated in {time.perf_counter() - start:.1f} s, seed {args.seed}); "
          f"focus for 'focused': {focus}", flush=True)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="cspgraph-map-load-"))
    folder.mkdir(parents=True, exist_ok=True)
    cases = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        print(machine(browser.version), flush=True)
        for name in names:
            case = Case(name)
            cases.append(case)
            for r in range(args.rounds):
                page, html, took = build_page(ds, name, focus)
                case.python_s.append(took)
                case.nodes, case.edges = len(page.nodes), len(page.edges)
                case.total = page.total or case.nodes
                case.html_mb = len(html.encode()) / 1e6
                path = folder / f"governance-{name}.html"
                path.write_text(html, encoding="utf-8")
                stamps, errors = open_page(browser, path.as_uri(), args.timeout)
                case.errors += errors
                case.stamps.append(stamps)
                shown = ", ".join(f"{k} {'-' if v is None else f'{v:.2f}'}"
                                  for k, v in stamps.items())
                print(f"  {name} round {r + 1}: python {took:.2f} s; s from navigation "
                      f"start: {shown}", flush=True)
                if stamps["stabilised"] is None:
                    print(f"  {name}: not stabilised within {args.timeout:.0f} s; "
                          "not repeated", flush=True)
                    break
        browser.close()
    if not args.keep:
        shutil.rmtree(folder)
    print(f"\nmedian of {args.rounds} rounds; load average at end "
          f"{os.getloadavg()[0]:.2f} (other work on the machine slows every figure); "
          + (f"HTML files in {folder}" if args.keep else "HTML files kept with --keep DIR"))
    print(f"{'map':<9}{'nodes drawn / total':>21}{'edges':>7}{'html MB':>9}{'python s':>10}"
          f"{'load s':>9}{'drawn s':>9}{'stabilised s':>14}")
    for c in cases:
        print(f"{c.name:<9}{f'{c.nodes} / {c.total}':>21}{c.edges:>7}{c.html_mb:>9.2f}"
              f"{statistics.median(c.python_s):>10.2f}{c.median('load', args.timeout):>9}"
              f"{c.median('drawn', args.timeout):>9}{c.median('stabilised', args.timeout):>14}")
    for c in cases:
        if missed := c.flag_missed():
            print(f"{c.name}: in {missed} of {len(c.stamps)} rounds vis-network stabilised but "
                  "the page never set body[data-ready] (nor switched physics off)")
        for e in sorted(set(c.errors)):
            print(f"page error in {c.name}: {e}")


if __name__ == "__main__":
    main()
