"""Incremental rebuilds: an unchanged document is not read again, and changing one
document changes its own named graph only."""

from __future__ import annotations

import shutil

import pytest

from cspgraph.graph import queries as q
from cspgraph.graph.build import dataset as build_module
from cspgraph.graph.build.dataset import LoadCache, build
from cspgraph.graph.build.provenance import graph_iri
from cspgraph.graph.store.digest import graph_digests
from cspgraph.loaders import sample_paths


@pytest.fixture()
def corpus(tmp_path):
    for p in sample_paths():
        shutil.copy(p, tmp_path / p.name)
    return tmp_path


@pytest.fixture()
def reads(monkeypatch) -> list[str]:
    """The files the loaders read (recognisers run), in order."""
    seen: list[str] = []
    real = build_module.load_document

    def counting(path, *args, **kwargs):
        seen.append(str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(build_module, "load_document", counting)
    return seen


def test_changing_one_document_rereads_it_alone_and_changes_its_graph_alone(corpus, reads):
    cache = LoadCache()
    first = build([corpus], cache=cache)
    assert len(reads) == 5 and not any(r.reused for r in first.reports)
    before = graph_digests(first.dataset)

    (changed,) = [p for p in corpus.iterdir() if "2017-2018" in p.name]
    text = changed.read_text(encoding="utf-8")
    assert text.count("Tim Rice") >= 1
    changed.write_text(text.replace("Tim Rice", "Tam Rice"), encoding="utf-8")
    reads.clear()
    second = build([corpus], cache=cache)

    assert reads == [str(changed)]
    assert {r.path for r in second.reports if not r.reused} == {str(changed)}
    after = graph_digests(second.dataset)
    doc_graph = str(graph_iri(next(r.doc_id for r in second.reports if not r.reused)))
    doc_graphs = {g for g in after if g.startswith(str(graph_iri("")))}
    assert {g for g in doc_graphs if before.get(g) != after[g]} == {doc_graph}
    body = "Prevent Strategy Group"
    assert [a.label for a in q.who_chairs(second.dataset, body)] == ["Tam Rice"]
    assert [a.label for a in q.who_chairs(first.dataset, body)] == ["Tim Rice"]


def test_an_unchanged_corpus_is_not_read_again_and_builds_the_same_graphs(corpus, reads):
    cache = LoadCache()
    first = build([corpus], cache=cache)
    reads.clear()
    second = build([corpus], cache=cache)
    assert reads == [] and all(r.reused for r in second.reports)
    assert graph_digests(first.dataset) == graph_digests(second.dataset)
    assert [r.facts for r in first.reports] == [r.facts for r in second.reports]


def test_a_removed_document_leaves_the_cache_and_the_graph(corpus, reads):
    cache = LoadCache()
    build([corpus], cache=cache)
    gone = sorted(corpus.iterdir())[0]
    gone.unlink()
    second = build([corpus], cache=cache)
    assert len(cache.entries) == 4 and reads[5:] == []
    assert len(q.documents(second.dataset)) == 4


def test_the_server_rebuilds_an_upload_without_rereading_the_corpus(corpus, reads,
                                                                   tmp_path_factory):
    from cspgraph.api.http.state import GraphState
    from cspgraph.settings import Settings

    docs = sorted(corpus.iterdir())
    up = tmp_path_factory.mktemp("up")
    state = GraphState(Settings(upload_dir=str(up)), docs[:4])
    assert len(state.snapshot.build.reports) == 4 and len(reads) == 4
    result = state.rebuild_with(docs[4])
    # the upload is read once, in a child process (so not in this process's list), and the
    # build reuses the child's graph; the four documents already loaded are not read again
    assert reads[4:] == []
    assert [r.reused for r in result.reports] == [True] * 5
    assert result.reports[4].ok and result.reports[4].facts > 0
