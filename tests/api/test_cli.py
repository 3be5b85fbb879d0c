"""The command line, driven in-process: real samples, real files, documented exit codes."""

from __future__ import annotations

import json

import pytest

from cspgraph.api.cli.app import app
from tests.helpers.cli import build_graph, runner


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    return build_graph(tmp_path_factory.mktemp("cli") / "graph.trig")


def test_build_prints_a_summary_per_document(graph_file, samples):
    result = runner.invoke(app, ["build", "-o", str(graph_file.with_name("again.trig"))])
    assert result.exit_code == 0
    for path in samples:
        assert path.name[:20] in result.output
    assert "wrote" in result.output and "5 document graphs" in result.output


def test_build_skips_bad_files_and_exits_1(tmp_path, samples):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00")
    out = tmp_path / "g.trig"
    result = runner.invoke(app, ["build", str(bad), str(samples[0]), "-o", str(out)])
    assert result.exit_code == 1
    assert "bad.txt" in result.output and out.exists()


def test_build_with_nothing_loadable_writes_nothing_and_exits_2(tmp_path):
    missing = tmp_path / "missing.txt"
    out = tmp_path / "g.trig"
    result = runner.invoke(app, ["build", str(missing), "-o", str(out)])
    assert result.exit_code == 2
    assert "missing.txt" in result.output and not out.exists()


def test_build_refuses_an_unknown_output_format_before_loading(tmp_path):
    result = runner.invoke(app, ["build", "-o", str(tmp_path / "g.xyz")])
    assert result.exit_code == 2 and "format" in result.output


def test_validate_reports_and_uses_exit_codes(graph_file, tmp_path):
    result = runner.invoke(app, ["validate", str(graph_file)])
    assert result.exit_code in (0, 1)
    assert "conform" in result.output
    missing = runner.invoke(app, ["validate", str(tmp_path / "none.trig")])
    assert missing.exit_code == 4 and "none.trig" in missing.output  # graph file error


def test_query_formats(graph_file):
    q = ("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
         "FILTER(CONTAINS(STR(?g), '/graph/') && !STRENDS(STR(?g), '/resolution')) }")
    table = runner.invoke(app, ["query", str(graph_file), q])
    assert table.exit_code == 0 and "5" in table.output
    as_json = runner.invoke(app, ["query", str(graph_file), q, "--format", "json"])
    assert json.loads(as_json.output)["results"]["bindings"][0]["n"]["value"] == "5"
    as_csv = runner.invoke(app, ["query", str(graph_file), q, "--format", "csv"])
    assert as_csv.output.splitlines()[:2] == ["n", "5"]
    update = runner.invoke(app, ["query", str(graph_file), "DELETE WHERE { ?s ?p ?o }"])
    assert update.exit_code == 5 and "not allowed" in update.output  # query refused


def test_export_to_every_format(graph_file, tmp_path):
    for fmt, suffix in (("nquads", "nq"), ("turtle", "ttl"), ("json-ld", "jsonld")):
        target = tmp_path / f"out.{suffix}"
        result = runner.invoke(app, ["export", str(graph_file), "--format", fmt, "-o", str(target)])
        assert result.exit_code == 0, result.output
        assert target.stat().st_size > 1000


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("cspgraph ")
