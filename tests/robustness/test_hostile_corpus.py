"""The standing hostile corpus (benchmarks/hostile_files.py): built as one folder, every
file gives a clear message naming it or a graph, never a traceback, a partial graph file or
a leftover temporary (issue 18)."""

from __future__ import annotations

import sys
from pathlib import Path

from typer.testing import CliRunner

from cspgraph.api.cli.app import app

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
from hostile_files import write_hostile

REFUSED = {"bomb.docx", "truncated.pdf", "encrypted.pdf", "utf16.txt", "random.txt",
           "blank.txt", "late-nul.txt", "deep.html"}


def test_the_hostile_corpus_builds_with_every_refusal_named(tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    described = write_hostile(folder)
    out = tmp_path / "out" / "graph.trig"
    out.parent.mkdir()
    result = CliRunner(env={"COLUMNS": "300"}).invoke(app, ["build", str(folder), "-o", str(out)])
    printed = result.output.replace("\n", "")
    assert result.exception is None or isinstance(result.exception, SystemExit), printed
    assert "Traceback" not in printed and "unexpected" not in printed.lower()
    assert result.exit_code == 1  # built, with files skipped
    assert out.is_file() and out.stat().st_size > 0
    assert sorted(p.name for p in out.parent.iterdir()) == [  # no leftover temporary
        "graph.trig", "graph.trig.vectors.json", "graph.trig.vectors.npy"]
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()
    for name in REFUSED:
        assert f"skipped: could not read {folder / name}" in printed or name in printed, name
    assert set(described) - REFUSED  # and the rest loaded
