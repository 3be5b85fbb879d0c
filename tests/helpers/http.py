"""An HTTP test client over a graph already built."""

from __future__ import annotations

from fastapi.testclient import TestClient

from cspgraph.api.http.app import create_app
from cspgraph.api.http.state import GraphState, Snapshot
from cspgraph.settings import Settings


def client_over(build, tmp_path_factory, name: str) -> TestClient:
    """A client serving ``build`` with its own embedding cache and upload folders."""
    settings = Settings(cache_dir=str(tmp_path_factory.mktemp(f"{name}-emb")),
                        upload_dir=str(tmp_path_factory.mktemp(f"{name}-up")))
    state = GraphState(settings)
    state._snapshot = Snapshot(build.dataset, build)
    return TestClient(create_app(state))
