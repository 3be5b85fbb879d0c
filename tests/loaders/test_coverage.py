"""Honest coverage: a line is understood only when facts quote most of it, or when it is
furniture with a reason; what gave no facts is named; build and serve warn about it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cspgraph.api.cli.app import app
from cspgraph.graph.build.dataset import build
from cspgraph.loaders import load_document
from cspgraph.loaders.coverage import coverage, unread_layouts
from cspgraph.loaders.document import Span
from cspgraph.loaders.facts import Body, BodyKind, Furniture, QualityNote, Source
from cspgraph.loaders.readers.text import read_text
from cspgraph.settings import Settings

runner = CliRunner(env={"COLUMNS": "200"})
TEXT = ("Northtown Community Safety Partnership\n"
        "The partnership met four times in the year and agreed a new plan with the "
        "Northtown Community Safety Partnership as its owner.\n"
        "Page 2 of 9\n")


def _doc():
    return read_text(TEXT.encode(), "notes.txt")


def test_a_line_its_fact_quotes_whole_is_understood_a_line_quoted_a_little_is_not() -> None:
    doc = _doc()
    name = "Northtown Community Safety Partnership"
    facts = [Body(Source(Span(1, 1), name), name, BodyKind.PARTNERSHIP),
             Body(Source(Span(2, 2), name), name, BodyKind.PARTNERSHIP)]
    cov = coverage(doc, facts)
    assert cov.understood == [1]
    assert cov.partly == [2] and 2 in cov.not_understood
    assert cov.furniture == [] and 3 in cov.not_understood  # no Furniture fact given here


def test_furniture_with_a_reason_counts_and_a_quality_note_does_not() -> None:
    doc = _doc()
    facts = [Furniture(Source(Span(3, 3), "Page 2 of 9"), "page number"),
             QualityNote(Source(Span(1, 1), "Northtown Community Safety Partnership"), "odd")]
    cov = coverage(doc, facts)
    assert cov.furniture == [3] and cov.understood == [] and cov.total == 3


def test_loading_counts_the_readers_furniture() -> None:
    result = load_document("notes.txt", data=TEXT.encode())
    assert 3 in result.coverage.furniture


def test_what_gave_no_facts_is_named_with_its_columns() -> None:
    text = ("Name\tAgency\nAnn Hale\tPolice\nBob Marr\tCouncil\n\n"
            "- first point\n- second point\n")
    doc = read_text(text.encode(), "t.txt")
    cov = coverage(doc, [])
    named = unread_layouts(doc, cov)
    assert named[0] == "a table of 3 rows with columns 'Name | Agency' at lines 1-3"
    assert "a list of 2 items at lines 5-6" in named


@pytest.fixture()
def unread_plan(tmp_path: Path) -> Path:
    path = tmp_path / "unread.txt"
    path.write_text("Name\tAgency\nAnn Hale\tPolice\nBob Marr\tCouncil\n\n"
                    "Some words that no recogniser reads at all here.\n", encoding="utf-8")
    return path


def test_build_warns_below_the_share_set_and_names_the_setting(unread_plan: Path) -> None:
    (report,) = build([unread_plan]).reports
    assert report.warnings and "CSPGRAPH_MIN_UNDERSTOOD" in report.warnings[0]
    assert "columns 'Name | Agency'" in report.warnings[0]
    (quiet,) = build([unread_plan], Settings(min_understood=0.0)).reports
    assert quiet.warnings == []


def test_the_cli_prints_the_warning(unread_plan: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(unread_plan), "-o", str(tmp_path / "g.trig")])
    assert result.exit_code == 0, result.output
    assert "warning: unread.txt: only 0% of its 4 lines were understood" in " ".join(
        result.output.split())


def test_serve_reports_skipped_and_unread_files_as_build_does(unread_plan: Path, tmp_path,
                                                             monkeypatch) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)  # report, but do not listen
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj <<\n")
    served = runner.invoke(app, ["serve", str(unread_plan), str(broken)])
    built = runner.invoke(app, ["build", str(unread_plan), str(broken), "-o",
                                str(tmp_path / "g.trig")])
    for output in (served.output, built.output):
        text = " ".join(output.split())
        assert "not loaded" in text and "skipped:" in text and "broken.pdf" in text
        assert "warning: unread.txt" in text
