"""Shared fixtures: the real sample corpus, built once per test session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cspgraph.graph.build import BuildResult, build
from cspgraph.loaders import sample_paths

GOLD = Path(__file__).parent / "gold"


@pytest.fixture(scope="session", autouse=True)
def _private_data_folder(tmp_path_factory):
    """Tests never write to the user's data folder: the platform's one is a temp folder."""
    import os

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
def gold_documents() -> dict[str, Path]:
    """Gold file document names -> bundled sample paths (see tests/gold/documents.json)."""
    mapping = json.loads((GOLD / "documents.json").read_text())["documents"]
    by_name = {p.name: p for p in sample_paths()}
    return {gold: by_name[bundled] for gold, bundled in mapping.items()}


def gold(name: str) -> dict:
    """A gold file from tests/gold."""
    return json.loads((GOLD / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample_corpus(sample_build, tmp_path_factory):
    """The sample items embedded with the real packaged model (cache in a temp folder)."""
    from cspgraph.graph.similarity.duplicates import build_corpus
    from cspgraph.settings import Settings

    settings = Settings(cache_dir=str(tmp_path_factory.mktemp("embeddings")))
    return build_corpus(sample_build.dataset, settings)
