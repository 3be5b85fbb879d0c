"""``cspgraph export --format csv --table ...``: a register as CSV, to standard output or a
file, and clear refusals (exit code 2) for a missing or unknown table."""

from __future__ import annotations

import csv
import io

import pytest

from cspgraph.api.cli.app import app
from cspgraph.graph.queries.registers import REGISTERS, register, register_csv, register_rows
from tests.helpers.cli import build_graph, runner


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    return build_graph(tmp_path_factory.mktemp("cli-registers") / "graph.nq")


@pytest.mark.parametrize("name", sorted(REGISTERS))
def test_a_register_is_written_to_a_file(graph_file, sample_build, tmp_path, name):
    target = tmp_path / f"{name}.csv"
    result = runner.invoke(app, ["export", "--format", "csv", "--table", name,
                                 "--graph", str(graph_file), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output and f"{name} register" in result.output
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0] == [h for _, h in register(name).columns]
    assert len(rows) == len(register_rows(sample_build.dataset, name)) + 1
    assert not list(tmp_path.glob(".*"))  # written atomically: no temporary file left


def test_a_register_goes_to_standard_output_and_narrows_to_an_area(graph_file, sample_build):
    ds = sample_build.dataset
    area = register_rows(ds, "actions")[0].area
    result = runner.invoke(app, ["export", str(graph_file), "--format", "csv", "--table",
                                 "actions", "--area", area])
    assert result.exit_code == 0, result.output
    want = register_csv("actions", register_rows(ds, "actions", area=area))
    assert result.stdout_bytes == want.encode("utf-8")


def test_csv_without_a_table_is_refused_naming_the_tables(graph_file):
    result = runner.invoke(app, ["export", str(graph_file), "--format", "csv"])
    assert result.exit_code == 2
    assert "--table" in result.output
    assert all(name in result.output for name in REGISTERS)


def test_an_unknown_table_is_refused_before_the_graph_is_read(tmp_path):
    result = runner.invoke(app, ["export", "--format", "csv", "--table", "minutes",
                                 "--graph", str(tmp_path / "missing.nq")])
    assert result.exit_code == 3  # not found
    assert "minutes" in result.output and "governance" in result.output
    assert "missing.nq" not in result.output


def test_a_table_with_an_rdf_format_is_refused(graph_file):
    result = runner.invoke(app, ["export", str(graph_file), "--format", "turtle",
                                 "--table", "governance"])
    assert result.exit_code == 2 and "--format csv" in result.output


def test_rdf_export_still_works_with_the_graph_as_an_option(graph_file, tmp_path):
    target = tmp_path / "g.ttl"
    result = runner.invoke(app, ["export", "--graph", str(graph_file), "--format", "turtle",
                                 "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("@prefix")
