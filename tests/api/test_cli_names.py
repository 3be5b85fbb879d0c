"""File names holding rich markup or terminal escapes print as they are, and never stop a
build: "[/x]" once raised MarkupError with a traceback and wrote nothing."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from cspgraph.api.cli.app import app, safe

runner = CliRunner(env={"COLUMNS": "250"})
PLAN = "Riverside Community Safety Partnership Plan 2024-27\n\nOur priorities\n\n- Domestic abuse\n"
NAMES = ["[/x].txt", "[@click].txt", "[bold]plan.txt", "red\x1b[31mplan.txt"]  # "[/x]": a folder


def test_markup_in_file_names_crashes_nothing_and_prints_literally(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in NAMES:
        path = folder / name  # "[/x].txt" is the file "x].txt" in the folder "["
        path.parent.mkdir(exist_ok=True)
        path.write_text(PLAN, encoding="utf-8")
    out = tmp_path / "graph.trig"
    result = runner.invoke(app, ["build", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.exception is None
    assert out.exists()
    printed = result.output.replace("\n", "")
    for name in ("x].txt", "[@click].txt", "[bold]plan.txt"):
        assert name in printed
    assert "\x1b[31m" not in result.output  # the escape reaches no terminal
    assert "red?[31mplan.txt" in printed


def test_safe_escapes_markup_and_control_characters() -> None:
    assert safe("[/x]") == "\\[/x]"
    assert safe("a\x1b[2Jb\x07") == "a?[2Jb?"
