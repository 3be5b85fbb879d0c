"""Shared fixtures: the real sample corpus, built once per test session, and a TestClient
over it (no server is started) for the API and robustness tests."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import settings as hypothesis_settings

from cspgraph.api.http.app import create_app
from cspgraph.api.http.state import GraphState, Snapshot
from cspgraph.graph.build.dataset import BuildResult, build
from cspgraph.loaders import sample_paths
from cspgraph.settings import Settings
from tests.helpers.gold import GOLD, gold, gold_doc_ids

# Property tests explore new examples on a developer's machine; under CI=true they replay
# the same examples every run, so a CI verdict depends on the commit, not on the draw.
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI", "").lower() == "true":
    hypothesis_settings.load_profile("ci")


@pytest.fixture(scope="session", autouse=True)
def _private_data_folder(tmp_path_factory):
    """Tests never write to the user's data folder: the platform's one is a temp folder."""
    folder = tmp_path_factory.mktemp("xdg-data")
    before = os.environ.get("XDG_DATA_HOME")
    os.environ["XDG_DATA_HOME"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("XDG_DATA_HOME", None)
    else:
        os.environ["XDG_DATA_HOME"] = before


@pytest.fixture(autouse=True)
def _own_data_folder(_private_data_folder, tmp_path_factory, monkeypatch):
    """Each test's servers start with no reviews or uploads from another test."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-test")))


@pytest.fixture(scope="session")
def samples() -> list[Path]:
    """Paths of the five bundled sample documents."""
    paths = sample_paths()
    assert len(paths) == 5
    return paths


@pytest.fixture(scope="session")
def sample_build(samples: list[Path]) -> BuildResult:
    """The graph built from the bundled samples."""
    return build(samples)


@pytest.fixture(scope="session")
def ds(sample_build):
    """The sample graph's dataset."""
    return sample_build.dataset


@pytest.fixture(scope="session")
def docs(sample_build) -> dict:
    """Document id -> the loaded sample document (to check sources' quotes)."""
    return {r.doc_id: r.result.document for r in sample_build.loaded}


@pytest.fixture(scope="session")
def doc_ids() -> dict[str, str]:
    """Gold document names -> the document ids of the bundled samples."""
    return gold_doc_ids()


@pytest.fixture(scope="session")
def gold_documents() -> dict[str, Path]:
    """Gold file document names -> bundled sample paths (see tests/gold/documents.json)."""
    mapping = json.loads((GOLD / "documents.json").read_text())["documents"]
    by_name = {p.name: p for p in sample_paths()}
    return {gold: by_name[bundled] for gold, bundled in mapping.items()}


@pytest.fixture(scope="session")
def answers() -> dict[str, list[str]]:
    """The users' questions (tests/gold/questions.json): question id -> gold answer."""
    return {x["id"]: x["answer"] for x in gold("questions.json")["questions"]}


@pytest.fixture(scope="session")
def sample_corpus(sample_build, tmp_path_factory):
    """The sample items embedded with the real packaged model (cache in a temp folder)."""
    from cspgraph.graph.similarity.duplicates import build_corpus
    from cspgraph.settings import Settings

    settings = Settings(cache_dir=str(tmp_path_factory.mktemp("embeddings")))
    return build_corpus(sample_build.dataset, settings)


# --- the API over the sample graph ---------------------------------------------------------

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
