"""A TestClient over the sample graph; no server is started."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from cspgraph.api.main import create_app
from cspgraph.api.state import GraphState, Snapshot
from cspgraph.settings import Settings

API_KEY = "test-key-not-secret"


@pytest.fixture(scope="session")
def api_settings(tmp_path_factory) -> Settings:
    return Settings(api_key=API_KEY, cache_dir=str(tmp_path_factory.mktemp("api-emb")),
                    upload_dir=str(tmp_path_factory.mktemp("uploads")),
                    data_dir=str(tmp_path_factory.mktemp("data")),
                    sparql_timeout=2.0, sparql_max_rows=5000)


@pytest.fixture(scope="session")
def api_state(api_settings, sample_build) -> GraphState:
    """State serving the session's sample build (read-only tests share it)."""
    state = GraphState(api_settings)
    state._snapshot = Snapshot(sample_build.dataset, sample_build)
    return state


@pytest.fixture(scope="session")
def client(api_state) -> TestClient:
    return TestClient(create_app(api_state))


@pytest.fixture()
def fresh_client(api_settings, tmp_path) -> TestClient:
    """A client over its own freshly built state, for tests that write."""
    from dataclasses import replace

    state = GraphState(replace(api_settings, upload_dir=str(tmp_path / "up"),
                               data_dir=str(tmp_path / "data")))
    return TestClient(create_app(state))
