"""Serving with vectors made at build: no request embeds, and the model loads only for text."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cspgraph.api.cli.app import app
from cspgraph.graph.similarity import encode as encode_module
from cspgraph.graph.similarity.vectors import load_vectors, row_texts, vector_paths

runner = CliRunner(env={"COLUMNS": "200"})


@pytest.fixture(scope="module")
def built(tmp_path_factory, api_settings):
    """``cspgraph build`` of the samples: the graph file with its vectors beside it."""
    graph = tmp_path_factory.mktemp("served") / "graph.trig"
    result = runner.invoke(app, ["build", "-o", str(graph)],
                           env={"COLUMNS": "200", "CSPGRAPH_CACHE_DIR": api_settings.cache_dir})
    assert result.exit_code == 0, result.output
    assert "graph.trig.vectors.npy" in result.output
    return graph


SERVE = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from fastapi.testclient import TestClient
    from cspgraph.api.http.app import create_app
    from cspgraph.api.http.state import GraphState
    from cspgraph.settings import Settings

    heavy = lambda: sorted({"torch", "sentence_transformers", "transformers"} & set(sys.modules))
    state = GraphState(Settings.from_env(), [], Path(sys.argv[1]), embed=True)
    snapshot = state.snapshot  # the start-up: load the graph and its vectors
    out = {"start": heavy(), "ready": snapshot._corpus is not None}
    client = TestClient(create_app(state))
    item = snapshot._corpus.items[0].iri
    out["item"] = client.get("/api/similar", params={"item": item}).status_code
    out["duplicates"] = client.get("/api/duplicates").status_code
    out["after_item"] = heavy()
    out["text"] = client.get("/api/similar", params={"text": "data sharing with A&E"}).status_code
    out["after_text"] = heavy()
    print(json.dumps(out))
""")


def test_a_built_graph_is_served_without_loading_the_model_until_a_text_query(built, tmp_path):
    npy, sidecar = vector_paths(built)
    before = (npy.stat().st_mtime_ns, sidecar.stat().st_mtime_ns)
    env = {"CSPGRAPH_CACHE_DIR": str(tmp_path / "empty-cache"),  # nothing to fall back on
           "XDG_DATA_HOME": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-c", SERVE, str(built)], capture_output=True,
                          text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["ready"] and out["start"] == [] and out["after_item"] == []
    assert out["item"] == 200 and out["duplicates"] == 200
    assert out["text"] == 200 and "sentence_transformers" in out["after_text"]
    assert (npy.stat().st_mtime_ns, sidecar.stat().st_mtime_ns) == before  # read, not rewritten


def test_a_graph_without_vectors_is_embedded_at_start_up_and_they_are_saved(built, api_settings,
                                                                            tmp_path):
    from cspgraph.api.http.state import GraphState

    bare = tmp_path / "bare.trig"
    bare.write_bytes(built.read_bytes())
    state = GraphState(api_settings, [], bare, embed=True)
    snapshot = state.snapshot
    assert snapshot._corpus is not None  # before any request
    saved = load_vectors(bare)
    assert saved is not None and saved.iris == [it.iri for it in snapshot._corpus.items]
    assert saved.keys == load_vectors(built).keys


def test_an_upload_embeds_only_the_items_it_adds(samples, api_settings, tmp_path, monkeypatch):
    from dataclasses import replace

    from cspgraph.api.http.state import GraphState

    settings = replace(api_settings, upload_dir=str(tmp_path / "up"),
                       data_dir=str(tmp_path / "data"))
    state = GraphState(settings, list(samples[:4]), embed=True)
    first = state.snapshot
    assert first._corpus is not None and first.vectors is not None
    seen: list[str] = []
    real = encode_module.encode
    monkeypatch.setattr(encode_module, "encode",
                        lambda texts, *a, **k: (seen.extend(texts), real(texts, *a, **k))[1])
    result = state.rebuild_with(Path(samples[4]))
    assert result.reports[-1].ok
    after = state.snapshot
    assert after is not first and after._corpus is not None  # embedded before the swap
    new_doc = {it.doc_id for it in after._corpus.items} - {it.doc_id for it in first._corpus.items}
    added = [it for it in after._corpus.items if it.doc_id in new_doc]
    assert added and seen and set(seen) <= set(row_texts(added))
    old = {iri: i for i, iri in enumerate(first.vectors.iris)}
    kept = [(i, old[iri]) for i, iri in enumerate(after.vectors.iris) if iri in old]
    assert kept and all((after.vectors.texts[i] == first.vectors.texts[j]).all() for i, j in kept)


def test_without_a_model_the_server_still_starts_and_similarity_says_why(samples, api_settings,
                                                                          tmp_path):
    from dataclasses import replace

    from fastapi.testclient import TestClient

    from cspgraph.api.http.app import create_app
    from cspgraph.api.http.state import GraphState

    settings = replace(api_settings, model_path=str(tmp_path / "no-model"),
                       upload_dir=str(tmp_path / "up"), data_dir=str(tmp_path / "data"))
    state = GraphState(settings, [Path(samples[0])], embed=True)
    assert state.snapshot._corpus is None  # served all the same
    client = TestClient(create_app(state))
    assert client.get("/api/plans").status_code == 200
    r = client.get("/api/similar", params={"text": "data sharing"})
    assert r.status_code == 500 and "no-model" in r.json()["detail"]
