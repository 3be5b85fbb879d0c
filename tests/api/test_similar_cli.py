"""The similarity commands, in-process with the real model and the samples."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cspgraph.api.cli.app import app
from cspgraph.graph.build.curation import append_entries, read_entries
from cspgraph.graph.queries.review import named_at, suggestions
from cspgraph.graph.similarity.duplicates import duplicate_pairs
from cspgraph.graph.similarity.status import pair_iri
from cspgraph.graph.similarity.suggest import suggestion_iri
from cspgraph.graph.store.io import load


@pytest.fixture(scope="module")
def runner(tmp_path_factory):
    cache = tmp_path_factory.mktemp("emb")
    return CliRunner(env={"COLUMNS": "200", "CSPGRAPH_CACHE_DIR": str(cache)})


def test_similar_free_text_lists_sources(runner):
    result = runner.invoke(app, ["similar", "A&E data via the Cardiff Model", "--top", "3"])
    assert result.exit_code == 0, result.output
    assert "Cardiff" in result.output and ".txt:" in result.output


def test_duplicates_as_json_carry_both_sources(runner):
    result = runner.invoke(app, ["duplicates", "--format", "json"])
    assert result.exit_code == 0, result.output
    pairs = json.loads(result.stdout)
    assert pairs and all(p["a_sources"] and p["b_sources"] for p in pairs)
    assert all(p["a"]["doc_id"] != p["b"]["doc_id"] for p in pairs)


def test_duplicates_cluster(runner):
    result = runner.invoke(app, ["duplicates", "--cluster", "--min-score", "0.7"])
    assert result.exit_code == 0 and "clusters of near-duplicates" in result.output


def test_review_writes_decisions_to_the_curation_file(runner, tmp_path):
    fixes = tmp_path / "decisions.yaml"
    result = runner.invoke(app, ["review", "--curation", str(fixes), "--kind", "duplicate",
                                 "--author", "A. Analyst"],
                           input="y\nsame ask\nn\n\ns\nq\n")
    assert result.exit_code == 0, result.output
    entries = read_entries(fixes)
    assert [e.args["status"] for e in entries] == ["accepted", "rejected"]
    assert entries[0].args["reason"] == "same ask" and entries[0].author == "A. Analyst"


def test_similar_with_an_unknown_id_exits_3_not_found(runner):
    result = runner.invoke(app, ["similar", "https://w3id.org/cspgraph/id/doc/none/x"])
    assert result.exit_code == 3
    assert "no embedded item has the id" in result.output and "hint:" in result.output


@pytest.mark.parametrize("text", ["", "   \t "])
def test_similar_refuses_an_empty_text_before_loading_the_model(runner, text):
    result = runner.invoke(app, ["similar", text])
    assert result.exit_code == 2 and "the text to compare is empty" in result.output


PUNCT = "“”…;,:."


def words(text: str) -> set[str]:
    """Whitespace-separated words, table rules, colons and quotes aside."""
    return {t.strip(PUNCT) for t in re.split(r"[\s│┃:]+", text)} - {""}


def assert_fits(output: str, labels: list[str]) -> None:
    """No line wider than 80, and every word of each label printed whole."""
    assert not [line for line in output.splitlines() if len(line) > 80]
    missing = {w for label in labels for w in words(label)} - words(output)
    assert not missing, sorted(missing)[:10]


@pytest.fixture(scope="module")
def reviewed(runner, sample_build, sample_corpus, tmp_path_factory):
    """A graph built with suggestions, its best pair rejected and the next accepted."""
    pairs = duplicate_pairs(sample_build.dataset, sample_corpus)
    rejected, accepted = pair_iri(pairs[0]), pair_iri(pairs[1])
    folder = tmp_path_factory.mktemp("reviewed")
    decisions = folder / "decisions.yaml"
    append_entries(decisions, [{"review": {"suggestion": rejected, "status": "rejected"}},
                               {"review": {"suggestion": accepted, "status": "accepted"}}],
                   "A. Analyst", "2026-01-05")
    graph = folder / "graph.trig"
    result = runner.invoke(app, ["build", "--suggest", "--curation", str(decisions),
                                 "-o", str(graph)])
    assert result.exit_code == 0, result.output
    return str(graph), rejected, accepted


def listed(runner, graph: str, *args: str) -> dict[str, str]:
    result = runner.invoke(app, ["duplicates", "--graph", graph, "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return {str(suggestion_iri("duplicate", p["a"]["iri"], p["b"]["iri"])): p["status"]
            for p in json.loads(result.stdout)}


def test_rejected_pairs_leave_duplicates_unless_asked_for(runner, reviewed):
    graph, rejected, accepted = reviewed
    default, every = listed(runner, graph), listed(runner, graph, "--status", "all")
    assert rejected not in default and default[accepted] == "accepted"
    assert every[rejected] == "rejected" and set(default.items()) < set(every.items())
    assert listed(runner, graph, "--status", "rejected") == {rejected: "rejected"}
    assert set(listed(runner, graph, "--status", "accepted")) == {accepted}


def test_duplicates_and_similar_tables_fit_80_columns_with_a_status(runner, reviewed):
    graph = reviewed[0]
    narrow = CliRunner(env={**runner.env, "COLUMNS": "80"})
    table = narrow.invoke(app, ["duplicates", "--graph", graph])
    pairs = json.loads(narrow.invoke(app, ["duplicates", "--graph", graph, "--format",
                                           "json"]).stdout)
    assert table.exit_code == 0 and "status" in table.stdout and "accepted" in table.stdout
    assert_fits(table.stdout, [p[side]["label"] for p in pairs for side in ("a", "b")])
    similar = narrow.invoke(app, ["similar", "A&E data via the Cardiff Model", "--top", "3",
                                  "--graph", graph])
    found = json.loads(narrow.invoke(app, ["similar", "A&E data via the Cardiff Model",
                                           "--top", "3", "--graph", graph, "--format",
                                           "json"]).stdout)
    assert similar.exit_code == 0 and len(found) == 3
    assert_fits(similar.stdout, [n["item"]["label"] for n in found])


def test_review_shows_each_sides_document_line_and_quote(runner, reviewed):
    graph = reviewed[0]
    ds = load(Path(graph))
    first = next(s for s in suggestions(ds, "pending") if s.kind == "duplicate")
    narrow = CliRunner(env={**runner.env, "COLUMNS": "80"})
    result = narrow.invoke(app, ["review", "--graph", graph, "--kind", "duplicate",
                                 "--curation", str(Path(graph).with_name("r.yaml"))],
                           input="q\n")
    assert result.exit_code == 0, result.output
    shown = result.stdout.split("same?")[0]  # the first suggestion's table
    for side in (first.subject, first.proposal):
        refs = named_at(ds, side.iri)
        assert refs
        for ref in refs:
            assert ref.document in shown and ref.lines in words(shown)
        assert_fits(shown, [side.label, *(r.quote for r in refs)])


def test_serve_logs_the_model_and_the_embedding_at_start_up(tmp_path, monkeypatch):
    import uvicorn

    plan = tmp_path / "plan.txt"
    plan.write_text("Riverside Community Safety Partnership Plan 2024-27\n\nOur priorities\n\n"
                    "- Reduce domestic abuse\n- Tackle anti-social behaviour\n", encoding="utf-8")

    def first_request(app, **_kwargs):  # what /api/similar does first, in the server
        state = app.state.graph
        assert state.snapshot._corpus is not None  # embedded before serving
        state.snapshot.corpus(state.settings)

    monkeypatch.setattr(uvicorn, "run", first_request)
    fresh = CliRunner(env={"COLUMNS": "200", "CSPGRAPH_CACHE_DIR": str(tmp_path / "emb")})
    try:
        result = fresh.invoke(app, ["serve", str(plan)])
    finally:  # as before serve: no handler, the default level
        logging.getLogger("cspgraph").handlers.clear()
        logging.getLogger("cspgraph").setLevel(logging.NOTSET)
    assert result.exit_code == 0, result.output
    logged = result.stderr
    assert "cspgraph.api: embedding the graph's items for similarity" in logged
    assert re.search(r"cspgraph.similarity: embedding \d+ texts \(0 cached\)", logged)
    assert re.search(r"cspgraph.api: \d+ items embedded in [\d.]+ s", logged)
    assert "embedding" not in result.stdout  # the log stays off standard output
