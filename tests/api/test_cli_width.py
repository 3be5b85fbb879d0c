"""Every table the CLI prints fits an 80-column terminal without cutting a word."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from cspgraph.api.cli.app import app

narrow = CliRunner(env={"COLUMNS": "80"})
WEST = "West Cheshire 2023-24"
PCP = "Police and Crime Plan"
PUNCT = "“”…;,:."


def tokens(output: str) -> set[str]:
    """The whitespace-separated words printed, table rules and quotes aside."""
    return {t.strip(PUNCT) for t in re.split(r"[\s│┃:]+", output)} - {""}


def assert_fits(output: str, labels: list[str]) -> None:
    """No line is wider than 80 and every word of each label is printed whole."""
    wide = [line for line in output.splitlines() if len(line) > 80]
    assert not wide, wide[:3]
    printed = tokens(output)
    cut = {w for label in labels for w in tokens(label)} - printed
    assert not cut, sorted(cut)[:10]


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("width") / "graph.trig"
    result = narrow.invoke(app, ["build", "-o", str(path)])
    assert result.exit_code == 0, result.output
    assert_fits(result.stdout, [])  # the build summary too
    return str(path)


def labels_of(data: list[dict], keys: tuple[str, ...], limit: int = 60) -> list[str]:
    """The labels a table shows: ``keys`` (dotted for nested) of each answer, with each
    source's file name and quote as shortened to ``limit``."""
    from cspgraph.api.cli.output import shorten

    out = []
    for row in data:
        for key in keys:
            value = row
            for part in key.split("."):
                value = value.get(part) if isinstance(value, dict) else None
            if isinstance(value, str):
                out.append(value)
        for s in row.get("sources", []):
            out += [s["document"], shorten(s["quote"], limit).rstrip("…")]
    return out


@pytest.mark.parametrize("args,keys,limit", [
    (["who-chairs", "Worcestershire Prevent Strategy Group"], ("entity.label",), 60),
    (["chairs", "Sue Hanley"], ("entity.label",), 60),
    (["leads", "Cheshire Police"], ("entity.label",), 60),
    (["documents"], ("plan", "doc_id"), 30),
    (["search", "domestic abuse"], ("label",), 60),
], ids=lambda a: a[0] if isinstance(a, list) else "")
def test_ask_tables_fit_80_columns_keeping_words_whole(graph_file, args, keys, limit):
    table = narrow.invoke(app, [*args, "--graph", graph_file])
    data = json.loads(narrow.invoke(app, [*args, "--graph", graph_file, "--format",
                                          "json"]).stdout)
    data = data["items"] if isinstance(data, dict) else data  # search: ranked items
    assert table.exit_code == 0 and data, table.output
    assert_fits(table.stdout, labels_of(data, keys, limit))


def test_alignment_and_gaps_fit_80_columns(graph_file):
    for command in ("alignment", "gaps"):
        result = narrow.invoke(app, [command, "--plan", WEST, "--against", PCP,
                                     "--graph", graph_file])
        assert result.exit_code == 0, result.output
        data = json.loads(narrow.invoke(app, [command, "--plan", WEST, "--against", PCP,
                                              "--graph", graph_file, "--format", "json"]).stdout)
        priorities = data.get("priorities", data.get("priorities_citing_nothing", []))
        assert_fits(result.stdout, [p.get("label") or p["entity"]["label"] for p in priorities])


def test_validate_and_query_tables_fit_80_columns(graph_file):
    validated = narrow.invoke(app, ["validate", graph_file])
    assert validated.exit_code in (0, 1) and "Governance report" in validated.stdout
    assert_fits(validated.stdout, [])
    sparql = ("SELECT ?plan ?title WHERE { ?plan <http://purl.org/dc/terms/title> ?title }")
    queried = narrow.invoke(app, ["query", graph_file, sparql])
    assert queried.exit_code == 0, queried.output
    titles = json.loads(narrow.invoke(app, ["query", graph_file, sparql, "--format",
                                            "json"]).stdout)["results"]["bindings"]
    assert titles
    assert_fits(queried.stdout, [b["title"]["value"] for b in titles])


def test_long_document_names_become_keys_with_a_legend(graph_file):
    """Where full file names leave no room, they become [n] keys listed under the table."""
    args = ["who-chairs", "Worcestershire Prevent Strategy Group", "--graph", graph_file]
    wide = CliRunner(env={"COLUMNS": "200"}).invoke(app, args).stdout
    out = narrow.invoke(app, args).stdout
    name = "worcestershire-community-safety-agreement-2017-2018.txt"
    assert f"{name}:123" in wide and "[1]" not in wide
    assert "[1]:123 \u201cTim" in out and f"\n[1] {name}\n" in out
