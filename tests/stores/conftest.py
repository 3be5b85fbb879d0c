"""Stores under test, the servers they need, and the checks every store must pass.

``spec`` runs a test once per store: ``memory``, ``oxigraph:DIR``, an Oxigraph server
(``oxigraph serve`` from the test extra, on a free loopback port) and Virtuoso (started
by ``scripts/virtuoso.sh``). A server that cannot be started skips its tests with the
reason, except under CI=true, where that is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from rdflib import Dataset

ROOT = Path(__file__).resolve().parents[2]
STORES = ["memory", "oxigraph-dir", "oxigraph-server", "virtuoso"]
SERVERS = ("oxigraph-server", "virtuoso")
# Low enough that Virtuoso cuts every sample graph short, so paged reading is exercised.
VIRTUOSO_MAX_ROWS = "1000"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def unavailable(reason: str) -> None:
    """Skip: a server could not be started here. Under CI=true that is a failure."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: store servers must run)")
    pytest.skip(reason)


def wait_for(url: str, seconds: float, process: subprocess.Popen | None = None) -> str:
    """'' once ``url`` answers 200, else why not."""
    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return f"exited with code {process.returncode}"
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return ""
        except OSError as exc:
            last = str(exc)
        time.sleep(0.2)
    return f"no answer from {url} in {seconds:.0f} s ({last})"


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """The spec of an `oxigraph serve` on a free loopback port, stopped after the session."""
    exe = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(exe).exists():
        unavailable("no 'oxigraph' executable: pip install -e '.[test]'")
    port = free_port()
    folder = tmp_path_factory.mktemp("oxigraph-server")
    log = open(folder.parent / "oxigraph-server.log", "wb")  # noqa: SIM115 - kept open while it runs
    process = subprocess.Popen(
        [exe, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"],
        stdout=log, stderr=subprocess.STDOUT)
    why = wait_for(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", 30, process)
    if why:
        process.kill()
        unavailable(f"oxigraph serve did not start: {why}")
    yield f"sparql+http://127.0.0.1:{port}/query"
    process.terminate()
    process.wait(timeout=30)
    log.close()


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    """The spec of a loopback Virtuoso from scripts/virtuoso.sh, stopped after the session."""
    env = {**os.environ, "VIRTUOSO_DIR": str(tmp_path_factory.mktemp("virtuoso") / "db"),
           "VIRTUOSO_MAX_ROWS": VIRTUOSO_MAX_ROWS}
    if shutil.which("virtuoso-t") is None:
        unavailable("virtuoso-t is not installed (apt-get install virtuoso-opensource; "
                    ".ci/run installs it)")
    script = str(ROOT / "scripts" / "virtuoso.sh")
    try:
        started = subprocess.run([script, "start", str(free_port())], env=env,
                                 capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as exc:
        unavailable(f"scripts/virtuoso.sh start failed: {exc}")
    if started.returncode != 0:
        unavailable(f"scripts/virtuoso.sh start failed: {started.stderr.strip()[-500:]}")
    yield "sparql+" + started.stdout.strip().splitlines()[-1]
    subprocess.run([script, "stop"], env=env, capture_output=True, timeout=60)


def spec_for(store: str, request, folder: Path) -> str:
    """The store spec for one of STORES, starting its server if it needs one."""
    if store == "memory":
        return "memory"
    if store == "oxigraph-dir":
        return f"oxigraph:{folder}"
    return request.getfixturevalue("oxigraph_server" if store == "oxigraph-server"
                                   else "virtuoso_server")


def copy_dataset(ds: Dataset) -> Dataset:
    """An in-memory copy of ``ds`` with the same named graphs."""
    out = Dataset(default_union=True)
    for prefix, ns in ds.namespaces():
        out.bind(prefix, ns, override=True)
    for graph in ds.graphs():
        if len(graph):
            copy = out.graph(graph.identifier)
            out.addN((s, p, o, copy) for s, p, o in graph)
    return out
